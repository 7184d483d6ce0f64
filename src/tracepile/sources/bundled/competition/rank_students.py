# Rank students by score (higher first), then by name (alphabetically), and print "place name score" lines.
import sys

data = sys.stdin.read().split()
n = int(data[0])
students = []
for i in range(n):
    name = data[1 + 2 * i]
    score = int(data[2 + 2 * i])
    students.append((name, score))
students.sort(key=lambda p: (-p[1], p[0]))
for place, (name, score) in enumerate(students, 1):
    print(place, name, score)
