# LSD radix sort: stable bucket pass on each digit, least significant first.


def radix_sort(arr, base=10):
    if not arr:
        return arr
    largest = max(arr)
    place = 1
    while place <= largest:
        buckets = [[] for _ in range(base)]
        for x in arr:
            digit = (x // place) % base
            buckets[digit].append(x)
        arr = [x for bucket in buckets for x in bucket]
        place *= base
    return arr
