#!/usr/bin/env python3
"""Writes N prediction events (docs/architecture.md §5) for stream ml:predictions:<model> as Redis protocol on stdout,
for `redis-cli --pipe`. List i is served to user (i % users) + 1 with movies ((i * 7 + j) % 5000) + 1."""
import json
import sys
import time
import uuid

model, count, users = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
now = int(time.time() * 1000)
out = sys.stdout.buffer


def command(*args):
    parts = [b"*%d\r\n" % len(args)]
    for arg in args:
        data = arg if isinstance(arg, bytes) else str(arg).encode()
        parts.append(b"$%d\r\n%s\r\n" % (len(data), data))
    out.write(b"".join(parts))


for i in range(1, count + 1):
    items = [((i * 7 + j) % 5000) + 1 for j in range(10)]
    event = {"v": 1, "eventId": str(uuid.uuid4()), "ts": now - (count - i), "model": model, "version": "1",
             "requestId": "bench-%d" % i, "traceId": "0" * 32, "spanId": "0" * 16, "userId": (i % users) + 1,
             "k": 10, "coldStart": False, "cached": False,
             "experiment": "bench-ab", "variant": "control" if i % 2 else "treatment",
             "items": items, "scores": [round(5 - j * 0.3, 2) for j in range(10)],
             "features": {"user_rating_count": 10, "user_mean_rating": 3.5, "user_segment": "casual",
                          "rec_mean_score": 3.6, "rec_top_score": 5.0, "rec_mean_popularity": 0.4,
                          "rec_top_genre": "Drama"}}
    command("XADD", "ml:predictions:" + model, "*", "event", json.dumps(event, separators=(",", ":")))
