# Binary search tree: iterative insert, recursive search and inorder walk.


class Node:
    def __init__(self, key):
        self.key = key
        self.left = None
        self.right = None


class BST:
    def __init__(self):
        self.root = None

    def insert(self, key):
        parent = None
        node = self.root
        while node is not None:
            if key == node.key:
                return False  # keys are unique
            parent = node
            node = node.left if key < node.key else node.right
        new = Node(key)
        if parent is None:
            self.root = new
        elif key < parent.key:
            parent.left = new
        else:
            parent.right = new
        return True

    def search(self, key):
        return self._search(self.root, key)

    def _search(self, node, key):
        if node is None:
            return False
        if key == node.key:
            return True
        if key < node.key:
            return self._search(node.left, key)
        return self._search(node.right, key)

    def inorder(self):
        out = []
        self._inorder(self.root, out)
        return out

    def _inorder(self, node, out):
        if node is not None:
            self._inorder(node.left, out)
            out.append(node.key)
            self._inorder(node.right, out)


def run_bst(ops):
    tree = BST()
    results = []
    for op in ops:
        if op[0] == "insert":
            results.append(tree.insert(op[1]))
        elif op[0] == "search":
            results.append(tree.search(op[1]))
        else:
            results.append(tree.inorder())
    return results
