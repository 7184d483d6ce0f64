# Longest common prefix of a list of words, scanning column by column.


def longest_common_prefix(words):
    if not words:
        return ""
    first = words[0]
    length = 0
    while length < len(first):
        ch = first[length]
        for word in words[1:]:
            if length >= len(word) or word[length] != ch:
                return first[:length]
        length += 1
    return first
