# For each element print the first element to its right that is strictly greater, or -1 if there is none.
for _ in range(int(input())):
    n = int(input())
    a = list(map(int, input().split()))
    ans = [-1] * n
    st = []
    for i, x in enumerate(a):
        while st and a[st[-1]] < x:
            ans[st.pop()] = x
        st.append(i)
    print(*ans)
