"""Load on the live room, loopback only: N simulated devices join and score.

    python3 Benchmarks/room_load.py --devices 200 --spread 0     # everyone at once
    python3 Benchmarks/room_load.py --devices 200 --spread 10    # taps spread over 10 s

Starts `pit room` on 127.0.0.1 (a free port) over a fresh session with one group per
device, puts the room on Tool A step 1, then every device joins (code + group) and posts
one score, up to 50 at a time, either all at once or at random moments over --spread
seconds. Measures, per device, the time from sending the score to the server's "saved"
answer, and to the score being visible to another process reading the session file;
then checks that every device's score is in the file exactly once (0 lost). Bounded: one
join and one score per device, a 120 s limit, then the room is stopped.
"""
import argparse
import concurrent.futures
import json
import random
import http.client
import os
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse

import prerequisites

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
arguments = argparse.ArgumentParser(description="Load on the live room (loopback only).")
arguments.add_argument("--devices", type=int, default=200)
arguments.add_argument("--spread", type=float, default=0, help="seconds over which the devices score (0: at once)")
arguments.add_argument("--pit", help="the pit binary (default: .build/release/pit, built first if missing)")
arguments.add_argument("--watch", nargs=2, help=argparse.SUPPRESS)  # internal: the reader process
options = arguments.parse_args()
DEVICES = options.devices
PIT = options.pit or prerequisites.pit(prerequisites.RELEASE_PIT)[0]
CONCURRENCY = 50
LIMIT_SECONDS = 120


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def request(port, method, path, form, cookie=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"}
    if cookie:
        headers["Cookie"] = cookie
    connection.request(method, path, body=urllib.parse.urlencode(form), headers=headers)
    reply = connection.getresponse()
    body = reply.read()
    cookie = reply.getheader("Set-Cookie")
    connection.close()
    return reply.status, body, cookie


def main():
    folder = tempfile.mkdtemp(prefix="pit-room-load-")
    path = os.path.join(folder, "load.pit")
    groups = ",".join(f"Group {i + 1}" for i in range(DEVICES))
    subprocess.run([PIT, "new", "Load", "--groups", groups, "-o", path, "--no-open"], check=True, capture_output=True)
    with sqlite3.connect(path) as db:  # the facilitator's focus: Tool A, step 1 (see RoomTable.swift)
        db.execute("INSERT INTO room (id, rev, at, author, screen, instrument, element, revealed) "
                   "VALUES (1, 1, 0, 'bench', 'element', 'tool-a', 'leadership', 0)")
    room = subprocess.Popen([PIT, "room", path, "--bind", "127.0.0.1", "--port", "0"], stdout=subprocess.PIPE, text=True)
    try:
        lines = []
        while len(lines) < 3:
            lines.append(room.stdout.readline())
        port = int(re.search(r":(\d+)", lines[1]).group(1))
        code = lines[2].split(":", 1)[1].strip().replace(" ", "")

        # Another process reads the file, as the facilitator's screens would.
        seen_file = os.path.join(folder, "seen.json")
        watcher = subprocess.Popen([sys.executable, __file__, "--watch", path, seen_file])
        time.sleep(0.5)
        deadline = time.time() + LIMIT_SECONDS
        moments = sorted(random.uniform(0, options.spread) for _ in range(DEVICES))
        origin = time.monotonic() + 0.2

        def device(i):
            if time.time() > deadline:
                return None
            time.sleep(max(0, origin + moments[i] - time.monotonic()))
            status, _, cookie = request(port, "POST", "/join", {"code": code, "group": f"g{i + 1}"})
            assert status == 303 and cookie, status
            token = cookie.split(";", 1)[0]
            sent = time.monotonic()
            status, body, _ = request(port, "POST", "/score", {"element": "tool-a/leadership", "answer": str(i % 5 + 1)}, token)
            answered = time.monotonic()
            return (f"Group {i + 1} device 1", sent, answered, status, body)

        started = time.perf_counter()
        with concurrent.futures.ThreadPoolExecutor(CONCURRENCY) as pool:
            results = [r for r in pool.map(device, range(DEVICES)) if r]
        elapsed = time.perf_counter() - started
        time.sleep(0.3)
        watcher.terminate()
        watcher.wait(timeout=10)
        with open(seen_file) as f:
            seen_at = json.load(f)
        reader = sqlite3.connect(f"file:{path}?mode=ro", uri=True)

        saved = [r for r in results if r[3] == 200 and b'"ok":true' in r[4]]
        authors = [a for (a,) in reader.execute("SELECT author FROM events WHERE kind = 'scoreRecorded'")]
        lost = DEVICES - len(set(authors) & {r[0] for r in saved})
        repeats = len(authors) - len(set(authors))
        to_saved = [(r[2] - r[1]) * 1000 for r in saved]
        to_visible = [(seen_at[r[0]] - r[1]) * 1000 for r in saved if r[0] in seen_at]
        print(f"devices {DEVICES}, spread {options.spread:g} s, concurrency {CONCURRENCY}, {elapsed:.2f} s for every join and score")
        print(f"saved answers {len(saved)}, scores in the file {len(authors)}, lost {lost}, repeated {repeats}")
        for name, values in (("submit -> saved answer", to_saved), ("submit -> visible to a reader", to_visible)):
            print(f"{name}: median {statistics.median(values):.1f} ms, p95 {percentile(values, 95):.1f} ms, "
                  f"p99 {percentile(values, 99):.1f} ms, max {max(values):.1f} ms")
        reader.close()
        return 0 if lost == 0 and repeats == 0 else 1
    finally:
        room.terminate()
        room.wait(timeout=10)
        subprocess.run(["rm", "-rf", folder])


def watch(path, out):
    """Polls the session file every millisecond; writes when each author's score appeared.

    Like pit's own screens, it never sleeps in SQLite's busy handler (which backs off up to
    100 ms between tries): a read that meets the writer's lock is tried again on the next
    millisecond's look. So the time measured is when the score became readable, not when
    a backed-off reader happened to wake."""
    import signal
    seen, done = {}, []
    signal.signal(signal.SIGTERM, lambda *_: done.append(True))
    reader = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=0)
    last = reader.execute("SELECT coalesce(max(seq), 0) FROM events").fetchone()[0]
    while not done:
        try:
            rows = reader.execute("SELECT seq, author FROM events WHERE seq > ? ORDER BY seq", (last,)).fetchall()
        except sqlite3.OperationalError:  # the writer holds the lock: look again in a millisecond
            rows = []
        for seq, author in rows:
            seen.setdefault(author, time.monotonic())
            last = seq
        time.sleep(0.001)
    with open(out, "w") as f:
        json.dump(seen, f)


if __name__ == "__main__":
    if options.watch:
        watch(*options.watch)
    else:
        sys.exit(main())
