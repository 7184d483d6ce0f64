# For each test, print the gcd and the lcm of all elements of the array.
from math import gcd

I = lambda: map(int, input().split())
t, = I()
for _ in range(t):
    n, = I()
    a = list(I())
    g, l = 0, 1
    for x in a:
        g = gcd(g, x)
        l = l * x // gcd(l, x)
    print(g, l)
