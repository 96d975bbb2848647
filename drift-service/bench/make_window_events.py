#!/usr/bin/env python3
"""Writes benchmark prediction events (docs/architecture.md §5) as Redis protocol for `redis-cli --pipe`.

usage: make_window_events.py MODEL COUNT START_MS END_MS SEED > out.resp
Events get stream ids at their event times (as if published then), spread evenly over
[START_MS, END_MS), with the seven features of docs/model-repository.md.
"""
import json
import random
import sys
import uuid

SEGMENTS = ["cold", "light", "casual", "heavy"]
GENRES = ["Action", "Comedy", "Drama", "Thriller", "Romance", "Sci-Fi", "Horror", "Animation"]


def features(rng):
    segment = rng.choices(SEGMENTS, weights=[0.1, 0.3, 0.4, 0.2])[0]
    mean = 3.8 + 0.3 * rng.gauss(0, 1)
    return {
        "user_rating_count": 0 if segment == "cold" else rng.randint(1, 300),
        "user_mean_rating": None if segment == "cold" else round(3.5 + 0.5 * rng.gauss(0, 1), 3),
        "user_segment": segment,
        "rec_mean_score": round(mean, 3),
        "rec_top_score": round(mean + abs(0.4 * rng.gauss(0, 1)), 3),
        "rec_mean_popularity": round(min(1.0, max(0.0, 0.4 + 0.15 * rng.gauss(0, 1))), 3),
        "rec_top_genre": GENRES[min(len(GENRES) - 1, int(abs(rng.gauss(0, 2))))],
    }


def resp(*parts):
    out = [f"*{len(parts)}\r\n"]
    for part in parts:
        data = part.encode()
        out.append(f"${len(data)}\r\n")
        out.append(part + "\r\n")
    return "".join(out)


def main():
    model, count, start, end, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
    rng = random.Random(seed)
    key = f"ml:predictions:{model}"
    write = sys.stdout.write
    for i in range(count):
        ts = start + (end - start) * i // count
        event = {"v": 1, "eventId": str(uuid.UUID(int=rng.getrandbits(128))), "ts": ts, "model": model,
                 "version": "1", "requestId": str(uuid.UUID(int=rng.getrandbits(128))),
                 "traceId": f"{rng.getrandbits(128):032x}", "spanId": f"{rng.getrandbits(64):016x}",
                 "userId": rng.randint(1, 1000), "k": 10, "coldStart": False, "cached": False,
                 "experiment": None, "variant": None, "items": [50, 172, 3, 9, 11, 21, 34, 55, 89, 144],
                 "scores": [4.61, 4.52, 4.4, 4.3, 4.2, 4.1, 4.0, 3.9, 3.8, 3.7], "features": features(rng)}
        write(resp("XADD", key, f"{ts}-*", "event", json.dumps(event, separators=(",", ":"))))


def reference(n, seed):
    rng = random.Random(seed)
    rows = [features(rng) for _ in range(n)]
    return {"model": "bench", "version": 1, "samples": n,
            "features": {name: [row[name] for row in rows] for name in rows[0]}}


if __name__ == "__main__":
    if sys.argv[1] == "--reference":
        json.dump(reference(int(sys.argv[2]), 7), sys.stdout)
    else:
        main()
