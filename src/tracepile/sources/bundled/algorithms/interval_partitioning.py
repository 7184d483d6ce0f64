# Interval partitioning: fewest rooms so that overlapping intervals never share a room.
import heapq


def interval_partitioning(intervals):
    rooms = []  # min-heap of the end times of the rooms in use
    for start, end in sorted(intervals):
        if rooms and rooms[0] <= start:
            heapq.heapreplace(rooms, end)  # reuse the room that frees up first
        else:
            heapq.heappush(rooms, end)  # open a new room
    return len(rooms)
