"""kill -9 at random points of a scripted workshop: every score shown as saved survives."""
import os
import random
import re
import shutil
import signal
import sqlite3
import tempfile
import time
import unittest

from tmux_driver import ROOT, Pane
from test_sessions import pit

RUNS = int(os.environ.get("PIT_CRASH_RUNS", "20"))
GROUPS = ["Council", "Health", "Voluntary", "Residents"]


def tool_a_ids():
    with open(os.path.join(ROOT, "Assessments", "tool-a.yaml")) as f:
        # Element ids only: the file's `sources` list also has `- id:` entries.
        return re.findall(r"^  - id: (\S+)", f.read().split("\nelements:\n", 1)[1], re.M)


def stored_scores(path):
    """Read the file with SQLite directly: an independent check of what is on disk."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = db.execute("select element, subject from events where kind = 'scoreRecorded'").fetchall()
    finally:
        db.close()
    return set(rows)


class KillNine(unittest.TestCase):
    def test_nothing_shown_saved_is_lost(self):
        steps = tool_a_ids()
        self.assertEqual(len(steps), 10)
        rng = random.Random(int(os.environ.get("PIT_CRASH_SEED", "2026")))
        killed_with_confirmed = 0
        for run in range(RUNS):
            folder = tempfile.mkdtemp(prefix="pit-crash-")
            path = os.path.join(folder, "w.pit")
            made = pit("new", "Crash run", "--groups", ",".join(GROUPS), "-o", path, "--no-open")
            self.assertEqual(made.returncode, 0, made.stderr)
            pane = Pane(["open", path], 100, 30)
            confirmed = set()
            try:
                pane.wait_for("SERVICE")
                pane.keys("p")
                pane.wait_for("Leadership in place")
                pane.keys("Enter")
                pane.wait_for("Step 1 of 10")
                plan = [(s, g) for s in range(10) for g in range(4)]
                kill_at = rng.randrange(len(plan))
                pid = pane.pit_pid()
                for n, (s, g) in enumerate(plan):
                    if g == 0 and s > 0:
                        pane.keys("Right")
                        pane.wait_for(f"Step {s + 1} of 10")
                    pane.keys(str(rng.randint(0, 5)))
                    if n == kill_at:
                        time.sleep(rng.random() * 0.03)   # sometimes mid-save, sometimes just after
                        os.kill(pid, signal.SIGKILL)
                        break
                    screen = pane.wait_for(f"Saved: {GROUPS[g]} gave", timeout=5)
                    if f"Step {s + 1} of 10" in screen:
                        confirmed.add((steps[s], f"g{g + 1}"))
                pane.ended(timeout=5)
                on_disk = stored_scores(path)
                missing = confirmed - on_disk
                self.assertEqual(missing, set(), f"run {run}: shown saved but lost: {missing}")
                if confirmed:
                    killed_with_confirmed += 1
                # The killed session opens cleanly again and shows the same scores.
                reopened = pit("report", path, "--format", "csv")
                self.assertEqual(reopened.returncode, 0, f"run {run}: the killed session does not open again: {reopened.stderr}")
                self.assertEqual(reopened.stdout.count("\n") - 1, len(on_disk), reopened.stdout)
            finally:
                pane.close()
                shutil.rmtree(folder, ignore_errors=True)
        self.assertGreaterEqual(killed_with_confirmed, RUNS // 2, "too few runs confirmed a save before the kill")


if __name__ == "__main__":
    unittest.main()
