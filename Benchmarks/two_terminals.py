"""Two terminals on one session: how long after a score is saved in one does the other
show it, with no key pressed there. (This was once asserted in an end-to-end test; timings
belong here.) The other terminal looks for changes every 250 ms while idle.

    python3 Benchmarks/two_terminals.py [RUNS]   # builds .build/release/pit first if missing; needs tmux

Polling capture-pane adds a few milliseconds to every figure alike.
"""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid

import prerequisites

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PIT = prerequisites.pit(prerequisites.RELEASE_PIT)[0]
prerequisites.require("tmux", "apt-get install tmux")
RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 10
STATE = tempfile.mkdtemp(prefix="pit-bench-")


def tmux(*args):
    return subprocess.run(["tmux", *args], capture_output=True, text=True).stdout


def start(path, name):
    session = f"bench-{uuid.uuid4().hex[:8]}"
    env = f"env TERM=xterm-256color LANG=C.UTF-8 XDG_STATE_HOME={STATE}"
    tmux("new-session", "-d", "-s", session, "-x", "100", "-y", "30", f"{env} {PIT} open {path} --as {name}")
    return session


def wait_for(session, text, timeout=10.0):
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if text in tmux("capture-pane", "-p", "-t", session):
            return time.perf_counter()
        time.sleep(0.005)
    raise SystemExit(f"timed out waiting for {text!r}")


def one_run():
    folder = tempfile.mkdtemp(prefix="pit-bench-")
    path = os.path.join(folder, "shared.pit")
    subprocess.run([PIT, "new", "Shared", "--groups", "Council,Health", "-o", path, "--no-open"],
                   check=True, capture_output=True, stdin=subprocess.DEVNULL)
    facilitator, scribe = start(path, "Facilitator"), start(path, "Scribe")
    try:
        for session in (facilitator, scribe):
            wait_for(session, "SERVICE")
            tmux("send-keys", "-t", session, "p")
            wait_for(session, "Leadership in place")
        tmux("send-keys", "-t", facilitator, "Enter")
        wait_for(facilitator, "Step 1 of 10")
        tmux("send-keys", "-t", facilitator, "3")
        saved = wait_for(facilitator, "Saved: Council gave a score")
        seen = wait_for(scribe, "1/2")
        return seen - saved
    finally:
        tmux("kill-session", "-t", facilitator)
        tmux("kill-session", "-t", scribe)
        shutil.rmtree(folder, ignore_errors=True)


times = [one_run() for _ in range(RUNS)]
shutil.rmtree(STATE, ignore_errors=True)
print(f"other terminal shows the score: median {statistics.median(times) * 1000:.0f} ms, "
      f"worst {max(times) * 1000:.0f} ms over {RUNS} runs")
