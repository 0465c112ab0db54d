"""End-to-end: `pit present` on the projector follows `pit open` on the facilitator's laptop."""
import os
import shutil
import subprocess
import tempfile
import time
import unittest

from tmux_driver import PIT, Pane

LEVEL_WORDS = ("Not evident", "Emerging", "Developing", "Established", "Embedded", "median", "range")


def pit(*args):
    return subprocess.run([PIT, *args], capture_output=True, text=True, stdin=subprocess.DEVNULL)


class AudienceFollowsTheFacilitator(unittest.TestCase):
    def setUp(self):
        self.folder = tempfile.mkdtemp(prefix="pit-e2e-")
        self.path = os.path.join(self.folder, "room.pit")
        made = pit("new", "Room", "--groups", "Council,Health,Residents", "-o", self.path, "--no-open")
        self.assertEqual(made.returncode, 0, made.stderr)
        self.seen = []

    def tearDown(self):
        shutil.rmtree(self.folder, ignore_errors=True)

    def follow(self, audience, text, timeout=3.0):
        """Polls the audience's screen until `text` shows (a generous bound, not a speed
        test), checking on every capture that no level shows before the reveal."""
        deadline = time.time() + timeout
        while True:
            screen = audience.screen()
            self.seen.append(screen)
            if not self.revealed:
                for word in LEVEL_WORDS:
                    self.assertNotIn(word, screen, f"a level showed before the reveal:\n{screen}")
            if text in screen:
                return screen
            if time.time() > deadline:
                raise AssertionError(f"the audience did not show {text!r}; screen was:\n{screen}")
            time.sleep(0.05)

    def test_moves_reveal_and_timer_reach_the_audience_and_no_level_shows_early(self):
        self.revealed = False
        facilitator = Pane(["open", self.path, "--as", "Facilitator", "--no-bell"], 100, 30)
        audience = Pane(["present", self.path], 120, 36)
        try:
            facilitator.wait_for("SERVICE")
            self.follow(audience, "Place-based planning")          # the triangle
            facilitator.keys("p")
            facilitator.wait_for("Leadership in place")
            self.follow(audience, "Leadership in place")           # the list of steps
            facilitator.keys("Down", "Enter")
            facilitator.wait_for("Step 2 of 10")
            self.follow(audience, "Joint needs assessment")
            self.follow(audience, "0 of 3 groups in")
            facilitator.keys("2", "5")                             # Council and Health score
            facilitator.wait_for("Saved: Health gave a score")
            self.follow(audience, "2 of 3 groups in")
            facilitator.keys("T")
            facilitator.wait_for("left")
            self.follow(audience, "left")                           # the countdown
            self.assertRegex(audience.screen(), r"[78]:\d\d left")
            facilitator.keys("r")
            facilitator.wait_for("Scores (revealed)")
            self.revealed = True
            screen = self.follow(audience, "median 3.5")
            self.assertIn("Council 2 · Health 5: discuss", screen)
            self.assertNotIn("Tab", screen, "no key hints on the audience's screen")
            # Keys on the audience's screen change nothing.
            before = os.path.getsize(self.path), pit("report", self.path, "--format", "json").stdout
            audience.keys("3", "r", "u", "a")
            time.sleep(0.5)
            self.assertEqual(pit("report", self.path, "--format", "json").stdout, before[1])
            audience.keys("q")
            status, _ = audience.ended()
            self.assertEqual(status, 0)
        finally:
            facilitator.close()
            audience.close()


class InstrumentsDuringASession(unittest.TestCase):
    def test_adding_tool_c_makes_it_scorable_in_both_terminals(self):
        folder = tempfile.mkdtemp(prefix="pit-e2e-")
        path = os.path.join(folder, "tools.pit")
        made = pit("new", "Tools", "--groups", "Council,Health", "-o", path, "--no-open")
        self.assertEqual(made.returncode, 0, made.stderr)
        facilitator = Pane(["open", path, "--as", "Facilitator"], 100, 30)
        scribe = Pane(["open", path, "--as", "Scribe"], 100, 30)
        try:
            for pane in (facilitator, scribe):
                pane.wait_for("SERVICE")
                pane.keys("Enter")                          # a part of the triangle
                for _ in range(8):                          # on to the seam that holds Tool C
                    if "Assess it with: Tool C" in pane.screen():
                        break
                    pane.keys("Right")
                    time.sleep(0.2)
                pane.wait_for("Assess it with: Tool C")
                pane.keys("Enter")                          # Tool C's elements
                pane.wait_for("Tool C")
                pane.keys("Enter")                          # its first element
                pane.wait_for("not in this session: I then Enter adds it")
                pane.keys("3")                              # a digit is answered, not silently ignored
                deadline = time.time() + 3
                while pane.screen().count("not in this session") < 2 and time.time() < deadline:
                    time.sleep(0.05)
                self.assertGreaterEqual(pane.screen().count("not in this session"), 2, pane.screen())
            facilitator.keys("I")                           # the session's instruments, Tool C chosen
            facilitator.wait_for("Enter adds Tool C to the session")
            facilitator.keys("Enter")                       # adds it and goes back to the element
            facilitator.wait_for("Added Tool C to the session")
            facilitator.keys("4")
            facilitator.wait_for("Saved: Council gave a score")
            scribe.wait_for("1 of 2 groups have scored", timeout=3)
            scribe.keys("Tab", "2")
            scribe.wait_for("Saved: Health gave a score")
            facilitator.wait_for("2 of 2 groups have scored", timeout=3)
            # And from the command line: out again, recorded in the transcript.
            removed = pit("instruments", "remove", path, "tool-c", "--as", "Facilitator")
            self.assertEqual(removed.returncode, 0, removed.stderr)
            transcript = pit("report", path, "--format", "transcript").stdout
            self.assertIn("added Tool C to the session", transcript)
            self.assertIn("took Tool C out of the session", transcript)
            again = pit("instruments", "remove", path, "tool-c")
            self.assertEqual(again.returncode, 64)
            self.assertIn("does not use `tool-c`", again.stderr)
        finally:
            facilitator.close()
            scribe.close()
            shutil.rmtree(folder, ignore_errors=True)


class PlanFromTheCommandLine(unittest.TestCase):
    def test_a_plan_reordered_on_screen_drives_the_order_of_elements(self):
        folder = tempfile.mkdtemp(prefix="pit-e2e-")
        path = os.path.join(folder, "plan.pit")
        made = pit("new", "Planned", "--groups", "Council,Health", "--plan", "tool-a-90", "-o", path, "--no-open")
        self.assertEqual(made.returncode, 0, made.stderr)
        self.assertIn("Plan: Tool A in 90 minutes", made.stdout)
        bad = os.path.join(folder, "bad.yaml")
        with open(bad, "w") as f:
            f.write("schema: 1\ntitle: Bad\nitems:\n  - instrument: tool-z\n    minutes: 10\n")
        refused = pit("new", "Bad", "--plan", bad, "-o", os.path.join(folder, "bad.pit"), "--no-open")
        self.assertEqual(refused.returncode, 65)
        self.assertIn(bad + ":4:", refused.stderr)
        self.assertFalse(os.path.exists(os.path.join(folder, "bad.pit")))
        one = os.path.join(folder, "one.yaml")
        with open(one, "w") as f:
            f.write("schema: 1\ntitle: Short\nitems:\n  - instrument: tool-a\n    minutes: 10\n")
        made = pit("new", "One", "--plan", one, "-o", os.path.join(folder, "one.pit"), "--no-open")
        self.assertEqual(made.returncode, 0, made.stderr)
        self.assertIn("Plan: Short, 1 item, 10 minutes.", made.stdout)
        pane = Pane(["open", path, "--as", "Facilitator"], 100, 30)
        try:
            pane.wait_for("SERVICE")
            pane.keys("o")
            pane.wait_for("1. Tool A: steps 1–5")
            pane.keys("]")                                  # the second half first
            pane.wait_for("1. Tool A: steps 6–10")
            pane.keys("Up", "Enter")
            pane.wait_for("Setting targets")
            pane.keys("Right", "Right", "Right", "Right")
            pane.wait_for("Built-in evaluation")
            pane.keys("Right")                              # the end of the item: on to the next
            pane.wait_for("Next in the plan: Tool A")
            pane.wait_for("Leadership in place")
        finally:
            pane.close()
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    unittest.main()
