"""Cold start to first frame: start a program in a fresh tmux pane and time how long
until its first screen is visible, for pit and for a bare ncurses program.

    swift build -c release --product pit
    cc -O2 -o .build/bare-ncurses Benchmarks/bare-ncurses.c $(pkg-config --cflags --libs ncursesw)
    python3 Benchmarks/first_frame.py [RUNS]

Polling capture-pane adds a few milliseconds to every figure alike; compare the medians.
"""
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 20
STATE = tempfile.mkdtemp(prefix="pit-bench-")
CASES = [
    ("bare ncurses program", [os.path.join(ROOT, ".build/bare-ncurses")], "bare ncurses frame"),
    ("pit home", [os.path.join(ROOT, ".build/release/pit"), "home"], "Explore the triangle"),
    ("pit demo (writes a sample session first)", [os.path.join(ROOT, ".build/release/pit"), "demo"], "COMMUNITY"),
]


def tmux(*args):
    return subprocess.run(["tmux", *args], capture_output=True, text=True).stdout


def first_frame(command, marker):
    name = f"bench{os.getpid()}"
    env = f"env TERM=xterm-256color XDG_STATE_HOME={STATE}"
    started = time.perf_counter()
    tmux("new-session", "-d", "-s", name, "-x", "80", "-y", "24", f"{env} {' '.join(command)}")
    try:
        while True:
            if marker in tmux("capture-pane", "-p", "-t", name):
                return time.perf_counter() - started
            if time.perf_counter() - started > 10:
                raise RuntimeError(f"no frame from {command}")
            time.sleep(0.002)
    finally:
        tmux("kill-session", "-t", name)


for label, command, marker in CASES:
    first_frame(command, marker)  # warm the file cache
    samples = sorted(first_frame(command, marker) for _ in range(RUNS))
    print(f"{label:44} median {statistics.median(samples) * 1000:7.1f} ms   "
          f"min {samples[0] * 1000:7.1f} ms   max {samples[-1] * 1000:7.1f} ms   ({RUNS} runs)")
