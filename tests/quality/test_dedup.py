"""Deduplication across shards: exact duplicates, near-duplicate clusters, the cap per cluster, and a
deterministic result whatever order the shards' signatures arrive in."""

import dataclasses
import json
import pickle
import random

import pytest

from quality_helpers import prompt_sample
from tracepile.quality import DedupConfig, Signature, deduplicate, shard_signatures, signature

SORT = '''def bubble_sort(arr):
    n = len(arr)
    for end in range(n - 1, 0, -1):
        swapped = False
        for i in range(end):
            if arr[i] > arr[i + 1]:
                arr[i], arr[i + 1] = arr[i + 1], arr[i]
                swapped = True
        if not swapped:
            break
    return arr
'''
# The same program reformatted, commented and documented: an exact duplicate on the same input.
SORT_REFORMATTED = '''def bubble_sort(arr):
    """Sort arr in place."""
    n = len(arr)   # size
    for end in range(n - 1, 0, -1):
        swapped = False
        for i in range(end):
            if arr[i] > arr[i+1]:
                arr[i], arr[i+1] = arr[i+1], arr[i]
                swapped = True

        if not swapped:
            break  # sorted
    return arr
'''
# A near-duplicate: other constants and one more statement.
SORT_VARIANT = SORT.replace("swapped = True", "swapped = True\n                moves = 1").replace(
    "range(n - 1, 0, -1)", "range(n - 1, 2, -1)")
UNRELATED = '''def gcd(a, b):
    while b:
        a, b = b, a % b
    return a
'''


def sample(code, call, program_id):
    return prompt_sample(code, call, program_id=program_id)


def test_exact_duplicate_across_shards_keeps_the_first():
    shard0 = [sample(SORT, "bubble_sort([3, 1, 2])", "a"), sample(UNRELATED, "gcd(12, 18)", "g")]
    shard1 = [sample(SORT_REFORMATTED, "bubble_sort( [3,1,2] )", "b"), sample(SORT, "bubble_sort([2, 1])", "c")]
    sigs = shard_signatures(shard0, 0) + shard_signatures(shard1, 1)
    assert sigs[0].exact == sigs[2].exact and sigs[0].exact != sigs[3].exact  # input matters
    result = deduplicate(sigs)
    assert result.dropped == {shard1[0].id: f"exact duplicate of {shard0[0].id}"}
    assert result.dropped_at == {(1, 0): f"exact duplicate of {shard0[0].id}"}
    assert (result.exact_duplicates, result.near_duplicates, result.samples) == (1, 0, 4)
    assert result.keep(0, 0) and not result.keep(1, 0) and result.keep(1, 1)


def test_near_duplicates_across_shards_form_one_cluster():
    shard0 = [sample(SORT, "bubble_sort([3, 1, 2])", "a"), sample(UNRELATED, "gcd(12, 18)", "g")]
    shard1 = [sample(SORT_VARIANT, "bubble_sort([5, 4])", "v")]
    result = deduplicate(shard_signatures(shard0, 0) + shard_signatures(shard1, 1))
    assert not result.dropped  # clustered, but under the cap
    clusters = {c.members: c for c in result.clusters}
    assert set(clusters) == {((0, 0), (1, 0)), ((0, 1),)}
    assert clusters[((0, 0), (1, 0))].codes == 2 and clusters[((0, 0), (1, 0))].number == 0


def test_constants_alone_do_not_separate_programs_unless_asked():
    a = sample(SORT, "bubble_sort([1])", "a")
    b = sample(SORT.replace("n - 1, 0, -1", "n - 1, 0, -2"), "bubble_sort([1])", "b")
    assert signature(a, 0, 0).minhash == signature(b, 0, 1).minhash
    literal = DedupConfig(abstract_literals=False)
    assert signature(a, 0, 0, literal).minhash != signature(b, 0, 1, literal).minhash


def test_cap_per_cluster_drops_the_rest_with_the_reason():
    codes = [SORT, SORT_REFORMATTED, SORT_VARIANT]
    samples = [sample(codes[k % 3], f"bubble_sort([{k}, 0])", f"p{k}") for k in range(9)]
    shards = [samples[:4], samples[4:]]
    config = DedupConfig(cap=3)
    sigs = [s for k, shard in enumerate(shards) for s in shard_signatures(shard, k, config)]
    result = deduplicate(sigs, config)
    assert len(result.dropped) == 6 and result.near_duplicates == 6 and result.exact_duplicates == 0
    assert set(result.dropped.values()) == {"near-duplicate cluster 0 over cap 3"}
    assert len(result.clusters) == 1 and len(result.clusters[0].members) == 9

    shuffled = sigs[:]
    random.Random(7).shuffle(shuffled)
    assert deduplicate(shuffled, config) == result  # arrival order does not matter
    other_seed = DedupConfig(cap=3, seed=2)
    sigs2 = [s for k, shard in enumerate(shards) for s in shard_signatures(shard, k, other_seed)]
    assert len(deduplicate(sigs2, other_seed).dropped) == 6


def test_exact_duplicates_are_removed_before_the_cap_counts():
    same = [sample(SORT, "bubble_sort([1, 0])", "a") for _ in range(3)]  # one id, three times
    more = [sample(SORT_VARIANT, "bubble_sort([2, 0])", "v"), sample(UNRELATED, "gcd(4, 6)", "g")]
    config = DedupConfig(cap=1)
    result = deduplicate(shard_signatures(same, 0, config) + shard_signatures(more, 1, config), config)
    assert result.exact_duplicates == 2 and result.near_duplicates == 1  # 3 copies count once in the cluster
    near = {pos for pos, why in result.dropped_at.items() if why == "near-duplicate cluster 0 over cap 1"}
    assert len(near) == 1 and near <= {(0, 0), (1, 0)}
    assert {(0, 1), (0, 2)} <= set(result.dropped_at)
    # by id: "a" is listed only if no copy of it survives
    assert (same[0].id in result.dropped) == (near == {(0, 0)})
    assert (more[0].id in result.dropped) == (near == {(1, 0)})
    assert result.keep(1, 1)


def test_repeated_id_with_a_kept_copy_is_not_dropped_by_id():
    same = [sample(SORT, "bubble_sort([1, 0])", "a"), sample(SORT, "bubble_sort([1, 0])", "a")]
    result = deduplicate(shard_signatures(same[:1], 0) + shard_signatures(same[1:], 1))
    assert result.dropped == {} and result.dropped_at == {(1, 0): f"exact duplicate of {same[0].id}"}


def test_signatures_pickle_and_round_trip_through_json():
    sig = signature(sample(SORT, "bubble_sort([3, 1, 2])", "a"), 2, 5)
    assert pickle.loads(pickle.dumps(sig)) == sig
    data = json.loads(json.dumps(dataclasses.asdict(sig)))
    back = Signature(**{**data, "minhash": tuple(data["minhash"])})
    assert back == sig
    assert deduplicate([back, dataclasses.replace(sig, shard=3)]).exact_duplicates == 1


def test_signatures_from_another_config_are_refused():
    a = signature(sample(SORT, "bubble_sort([1])", "a"), 0, 0, DedupConfig(num_perm=64))
    b = signature(sample(UNRELATED, "gcd(1, 2)", "b"), 0, 1, DedupConfig(num_perm=64))
    with pytest.raises(ValueError, match="permutations"):
        deduplicate([a, b], DedupConfig())


def test_empty_and_single_inputs():
    assert deduplicate([]).samples == 0
    one = deduplicate(shard_signatures([sample(SORT, "bubble_sort([1])", "a")], 0))
    assert not one.dropped and len(one.clusters) == 1
