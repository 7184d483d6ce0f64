# A trie (prefix tree) with insert, exact-word search and prefix search.


class TrieNode:
    def __init__(self):
        self.children = {}
        self.is_word = False


class Trie:
    def __init__(self):
        self.root = TrieNode()

    def insert(self, word):
        node = self.root
        for ch in word:
            if ch not in node.children:
                node.children[ch] = TrieNode()
            node = node.children[ch]
        node.is_word = True

    def _walk(self, prefix):
        node = self.root
        for ch in prefix:
            node = node.children.get(ch)
            if node is None:
                return None
        return node

    def search(self, word):
        node = self._walk(word)
        return node is not None and node.is_word

    def starts_with(self, prefix):
        return self._walk(prefix) is not None


def run_trie(ops):
    trie = Trie()
    results = []
    for op, word in ops:
        if op == "insert":
            trie.insert(word)
        elif op == "search":
            results.append(trie.search(word))
        else:
            results.append(trie.starts_with(word))
    return results
