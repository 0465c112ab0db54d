"""End-to-end tests: the real binary in a real pty (tmux), as a facilitator would use it."""
import os
import shutil
import signal
import sqlite3
import tempfile
import subprocess
import time
import unittest

from tmux_driver import Pane
from test_sessions import pit


def assert_terminal_restored(test, pane, stty):
    # Canonical mode and echo back on, out of the alternate screen, cursor visible.
    words = stty.split()
    test.assertIn("icanon", words, stty)
    test.assertIn("echo", words, stty)
    test.assertNotIn("-icanon", words)
    test.assertNotIn("-echo", words)
    test.assertEqual(pane.pane_flag("alternate_on"), "0", "still on the alternate screen")
    test.assertEqual(pane.pane_flag("cursor_flag"), "1", "cursor hidden after exit")
    test.assertIn("PIT-ENDED", pane.screen())


class FrameworkNavigation(unittest.TestCase):
    def setUp(self):
        self.pane = None

    def tearDown(self):
        if self.pane:
            self.pane.close()

    def test_walk_triangle_seam_step_help_resize_and_quit(self):
        p = self.pane = Pane(["demo"], 80, 24)
        screen = p.wait_for("COMMUNITY")
        for label in ["CIVIC", "SERVICE", "Planning", "Comm. action", "Engagement"]:
            self.assertIn(label, screen)
        p.keys("Left")                       # centre -> the civic-community seam
        p.wait_for("Strengthening community action")
        p.keys("Enter")                      # open the seam
        p.wait_for("Triangle › Comm. action")
        p.keys("Escape")                     # back to the triangle
        p.wait_for("Strengthening community action")
        p.keys("p")                          # Tool A's steps
        p.wait_for("Leadership in place")
        p.keys("Down", "Down", "Enter")      # step 3
        p.wait_for("Step 3 of 10")
        p.resize(120, 40)                    # resize mid-way
        screen = p.wait_for("Step 3 of 10")
        self.assertIn("Joint priority setting", screen)
        p.keys("?")
        p.wait_for("Keys on this screen")
        p.resize(30, 10)
        p.wait_for("Enlarge the terminal")
        p.resize(80, 24)
        p.wait_for("Keys on this screen")
        p.keys("Escape")                     # closes help
        p.wait_for("Step 3 of 10")
        p.keys("q", "q", "q", "q")
        status, stty = p.ended()
        self.assertEqual(status, 0)
        assert_terminal_restored(self, p, stty)

    def test_every_planning_step_is_reachable(self):
        p = self.pane = Pane(["demo"], 100, 30)
        p.wait_for("COMMUNITY")
        p.keys("p", "Enter")
        for step in range(1, 11):
            p.wait_for(f"Step {step} of 10")
            p.keys("Right")
        p.keys("q", "q", "q")
        self.assertEqual(p.ended()[0], 0)

    def test_why_it_matters_guidance_and_dont_know_in_a_real_terminal(self):
        folder = tempfile.mkdtemp(prefix="pit-why-")
        self.addCleanup(shutil.rmtree, folder, True)
        path = os.path.join(folder, "w.pit")
        made = pit("new", "Why", "--groups", "Council,NHS", "-o", path, "--no-open")
        self.assertEqual(made.returncode, 0, made.stderr)
        self.assertIn("Who should be in the room for Tool A", made.stdout)
        p = self.pane = Pane(["open", path], 100, 30)
        p.wait_for("COMMUNITY")
        p.keys("w")                          # why it matters, from the triangle
        p.wait_for("What health inequalities are")
        p.keys("Tab")
        p.wait_for("Asset-based approaches")
        p.keys("q")                          # back to the triangle
        p.wait_for("COMMUNITY")
        p.keys("p", "Enter")                 # Tool A step 1
        p.wait_for("Step 1 of 10")
        p.keys("i")
        p.wait_for("Probing questions")
        p.keys("i", "d")                     # back to the text; Council answers don't know
        p.wait_for("Saved: Council gave")
        p.keys("q", "q", "q")
        self.assertEqual(p.ended()[0], 0)
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            na = db.execute("select na from events where kind = 'scoreRecorded'").fetchall()
        finally:
            db.close()
        self.assertEqual(na, [(2,)], "stored as don't know, not as not applicable")


class Themes(unittest.TestCase):
    def test_t_changes_the_colours_on_screen(self):
        p = Pane(["demo"], 80, 24)
        try:
            p.wait_for("SERVICE")
            coloured = lambda: subprocess.run(["tmux", "capture-pane", "-e", "-p", "-t", p.name],
                                              capture_output=True, text=True).stdout
            before = coloured()
            self.assertIn("\x1b[", before, "the default theme draws in colour")
            p.keys("t")
            p.wait_for("Theme: light")
            self.assertNotEqual(coloured(), before)
            p.keys("q")
            self.assertEqual(p.ended()[0], 0)
        finally:
            p.close()


class TerminalTypes(unittest.TestCase):
    def run_with(self, env, expect, forbid=None, size=(80, 24)):
        p = Pane(["demo"], *size, env=env)
        try:
            screen = p.wait_for(expect)
            if forbid:
                for text in forbid:
                    self.assertNotIn(text, screen)
            p.keys("q")
            status, stty = p.ended()
            self.assertEqual(status, 0)
            assert_terminal_restored(self, p, stty)
            return screen
        finally:
            p.close()

    def test_linux_console(self):
        self.run_with({"TERM": "linux"}, "SERVICE")

    def test_vt100(self):
        self.run_with({"TERM": "vt100"}, "SERVICE")

    def test_no_color(self):
        self.run_with({"NO_COLOR": "1"}, "SERVICE")

    def test_c_locale_draws_an_ascii_triangle(self):
        screen = self.run_with({"LANG": "C", "LC_ALL": "C"}, "SERVICE", forbid=["╱", "─", "›"])
        self.assertIn("/", screen)
        self.assertIn("\\", screen)

    def test_unknown_terminal_is_a_clear_error(self):
        p = Pane(["demo"], env={"TERM": "no-such-terminal"})
        try:
            status, _ = p.ended()
            self.assertEqual(status, 69)
            self.assertIn("TERM=no-such-terminal", p.screen())
        finally:
            p.close()


class Signals(unittest.TestCase):
    def kill_and_check(self, sig, expected_status, crash=False):
        p = Pane(["demo"], 80, 24)
        try:
            p.wait_for("SERVICE")
            started = time.time()
            os.kill(p.pit_pid(), sig)
            status, stty = p.ended(timeout=5)
            self.assertLess(time.time() - started, 3.0, "pit took too long to end")
            self.assertEqual(status, expected_status)
            assert_terminal_restored(self, p, stty)
            if crash:
                self.assertIn("crash report", p.screen())
        finally:
            p.close()

    def test_sigterm_restores_the_terminal(self):
        self.kill_and_check(signal.SIGTERM, 128 + signal.SIGTERM)

    def test_sighup_restores_the_terminal(self):
        self.kill_and_check(signal.SIGHUP, 128 + signal.SIGHUP)

    def test_sigint_restores_the_terminal(self):
        self.kill_and_check(signal.SIGINT, 128 + signal.SIGINT)

    def test_segfault_restores_the_terminal_and_ends_quickly(self):
        self.kill_and_check(signal.SIGSEGV, 128 + signal.SIGSEGV, crash=True)

    def test_abort_restores_the_terminal(self):
        self.kill_and_check(signal.SIGABRT, 128 + signal.SIGABRT, crash=True)


if __name__ == "__main__":
    unittest.main()
