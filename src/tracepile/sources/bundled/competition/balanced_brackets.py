# For each string of brackets ()[]{} print YES if it is balanced, otherwise NO.
import sys


def balanced(s):
    pair = {')': '(', ']': '[', '}': '{'}
    st = []
    for ch in s:
        if ch in '([{':
            st.append(ch)
        elif not st or st.pop() != pair[ch]:
            return False
    return not st


def main():
    t = int(sys.stdin.readline())
    for _ in range(t):
        s = sys.stdin.readline().strip()
        print("YES" if balanced(s) else "NO")


main()
