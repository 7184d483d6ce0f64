# A hash table with separate chaining: each bucket is a list of [key, value].


class ChainedHashTable:
    def __init__(self, num_buckets):
        self.buckets = [[] for _ in range(num_buckets)]

    def _bucket(self, key):
        return self.buckets[key % len(self.buckets)]

    def put(self, key, value):
        bucket = self._bucket(key)
        for pair in bucket:
            if pair[0] == key:
                pair[1] = value
                return
        bucket.append([key, value])

    def get(self, key):
        for k, v in self._bucket(key):
            if k == key:
                return v
        return None

    def delete(self, key):
        bucket = self._bucket(key)
        for i, pair in enumerate(bucket):
            if pair[0] == key:
                bucket.pop(i)
                return True
        return False


def run_hash_table(ops, num_buckets=5):
    table = ChainedHashTable(num_buckets)
    results = []
    for op in ops:
        if op[0] == "put":
            table.put(op[1], op[2])
        elif op[0] == "get":
            results.append(table.get(op[1]))
        else:
            results.append(table.delete(op[1]))
    return results
