"""Varied programs used across tests: (name, code, input kind, input text)."""

PROGRAMS = [
    ("recursion", '''def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)
''', "call", "fib(5)"),
    ("classes", '''class Stack:
    def __init__(self):
        self.items = []

    def push(self, x):
        self.items.append(x)

    def pop(self):
        return self.items.pop()


def run(ops):
    s = Stack()
    out = []
    for op in ops:
        if op >= 0:
            s.push(op)
        else:
            out.append(s.pop())
    return out, s.items
''', "call", "run([3, 4, -1, 5, -1, -1])"),
    ("closures", '''def make_counter(start):
    count = start
    def step(by):
        nonlocal count
        count += by
        return count
    return step


def f(n):
    c = make_counter(10)
    vals = []
    for i in range(n):
        vals.append(c(i))
    return vals
''', "call", "f(4)"),
    ("generators", '''def evens(limit):
    k = 0
    while k < limit:
        if k % 2 == 0:
            yield k
        k += 1


def f(limit):
    total = 0
    for v in evens(limit):
        total += v
    return total
''', "call", "f(7)"),
    ("generator_closed_by_break", '''def evens(nums):
    for x in nums:
        if x % 2 == 0:
            yield x


def f(nums):
    found = []
    for x in evens(nums):
        found.append(x)
        if len(found) == 2:
            break
    return found
''', "call", "f([5, 2, 9, 4, 6])"),
    ("exception_through_finally", '''def g(n):
    try:
        if n > 0:
            raise ValueError("big")
    finally:
        n = 0
    return n


def h(n):
    try:
        return g(n)
    except KeyError:
        return -2


def f(n):
    try:
        return h(n)
    except ValueError:
        return -1
''', "call", "f(3)"),
    ("comprehensions_sets", '''def f(words):
    lengths = {len(w) for w in words}
    index = {w: i for i, w in enumerate(words) if len(w) > 2}
    squares = [n * n for n in sorted(lengths)]
    return squares, index, lengths
''', "call", "f(['a', 'bbb', 'cc', 'dddd', 'bbb'])"),
    ("exception_raised", '''def parse(items):
    total = 0
    for s in items:
        total += int(s)
    return total
''', "call", "parse(['1', '2', 'x'])"),
    ("exception_caught", '''def safe_div(a, b):
    try:
        result = a // b
    except ZeroDivisionError as e:
        result = None
    finally:
        a = 0
    return result


def f(pairs):
    return [safe_div(x, y) for x, y in pairs]
''', "call", "f([(7, 2), (1, 0)])"),
    ("aliasing", '''def f(a):
    b = a
    b.append(4)
    grid = [[0, 0], [0, 0]]
    row = grid[1]
    row[0] = 7
    d = {'k': a}
    d['k'].append(5)
    return a, b, grid
''', "call", "f([1, 2])"),
    ("while_break", '''def first_square_above(limit):
    n = 1
    while True:
        if n * n > limit:
            break
        n += 1
    return n
''', "call", "first_square_above(30)"),
    ("stdin_script", '''import sys
input = sys.stdin.readline
t = int(input())
for _ in range(t):
    a, b = map(int, input().split())
    print(a + b, a * b, sep=' ')
print('done', end='!\\n')
''', "stdin", "2\n1 2\n3 4\n"),
    ("stdin_fast_io", '''import sys
data = sys.stdin.read().split()
n = int(data[0])
xs = sorted(map(int, data[1:1 + n]))
sys.stdout.write(' '.join(map(str, xs)) + '\\n')
''', "stdin", "4\n5 3 9 1\n"),
    ("long_loop", '''def total(n):
    s = 0
    for i in range(n):
        s += i * i
    return s
''', "call", "total(40)"),
    ("nested_calls_in_condition", '''def is_even(n):
    return n % 2 == 0


def count(xs):
    c = 0
    for x in xs:
        if is_even(x):
            c += 1
    return c
''', "call", "count([1, 2, 4])"),
    ("global_state", '''calls = 0


def bump():
    global calls
    calls += 1
    return calls


def f(n):
    for _ in range(n):
        bump()
    return calls
''', "call", "f(3)"),
    ("uncaught_in_script", '''x = [1, 2, 3]
print(x[1])
y = x[5]
''', "stdin", ""),
    ("strings_with_backticks", '''def f(s):
    out = []
    for ch in s:
        if ch == '`':
            out.append('tick')
    return out
''', "call", "f('a`b`')"),
    ("one_line_loops", '''def f(r):
    x = 1
    for j in r: x *= j
    while x > 10: x //= 3
    return x
''', "call", "f([2, 3, 4])"),
]
