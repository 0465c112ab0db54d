"""The facilitator's move to the audience's screen: `pit open` and `pit present` on one
file in two tmux panes; the facilitator presses → through Tool A's steps and this times
how long until each step's title is on the audience's screen.

    python3 Benchmarks/focus_latency.py [PIT]    # builds .build/release/pit first if missing; needs tmux

The audience looks for changes every 250 ms (the run loop's idle timeout), so expect
figures up to about a quarter of a second plus drawing; polling capture-pane adds a
few milliseconds to each.
"""
import os
import statistics
import subprocess
import sys
import tempfile
import time

import prerequisites

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if len(sys.argv) > 1:
    os.environ["PIT_BIN"] = sys.argv[1]
os.environ["PIT_BIN"] = prerequisites.pit(prerequisites.RELEASE_PIT)[0]
prerequisites.require("tmux", "apt-get install tmux")
sys.path.insert(0, os.path.join(ROOT, "Tests", "EndToEnd"))
from tmux_driver import PIT, Pane  # noqa: E402

TITLES = ["Joint needs assessment", "Joint priority setting", "Whole system approach", "Select interventions",
          "Setting targets", "Business plan", "Information governance", "Programme management", "Built-in evaluation"]

folder = tempfile.mkdtemp(prefix="pit-bench-")
path = os.path.join(folder, "latency.pit")
subprocess.run([PIT, "new", "Latency", "--groups", "A,B", "-o", path, "--no-open"], check=True, capture_output=True)
facilitator = Pane(["open", path], 100, 30)
audience = Pane(["present", path], 100, 30)
times = []
try:
    facilitator.wait_for("SERVICE")
    facilitator.keys("p")
    facilitator.wait_for("Leadership in place")
    facilitator.keys("Enter")
    facilitator.wait_for("Step 1 of 10")
    audience.wait_for("Leadership in place")
    for title in TITLES:
        start = time.time()
        subprocess.run(["tmux", "send-keys", "-t", facilitator.name, "Right"], check=True)
        while title not in audience.screen():
            time.sleep(0.005)
        times.append(time.time() - start)
finally:
    facilitator.close()
    audience.close()
print(f"{len(times)} moves: median {statistics.median(times) * 1000:.0f} ms, worst {max(times) * 1000:.0f} ms")
