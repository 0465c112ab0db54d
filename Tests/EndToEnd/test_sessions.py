"""End-to-end tests of sessions: two terminals on one file, refused files."""
import hashlib
import os
import shutil
import sqlite3
import subprocess
import tempfile
import unittest

from tmux_driver import PIT, Pane


def pit(*args, cwd=None, env=None):
    environment = dict(os.environ, **(env or {}))
    return subprocess.run([PIT, *args], capture_output=True, text=True, cwd=cwd, env=environment, stdin=subprocess.DEVNULL)


def digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


class TwoTerminals(unittest.TestCase):
    # How quickly the other terminal shows a change is measured in Benchmarks, not here:
    # this checks that it shows with no key pressed in it.
    def test_each_terminal_sees_the_others_scores_without_a_key_press(self):
        folder = tempfile.mkdtemp(prefix="pit-e2e-")
        path = os.path.join(folder, "shared.pit")
        made = pit("new", "Shared", "--groups", "Council,Health", "-o", path, "--no-open")
        self.assertEqual(made.returncode, 0, made.stderr)
        facilitator = Pane(["open", path, "--as", "Facilitator"], 100, 30)
        scribe = Pane(["open", path, "--as", "Scribe"], 100, 30)
        try:
            for pane in (facilitator, scribe):
                pane.wait_for("SERVICE")
                pane.keys("p")
                pane.wait_for("Leadership in place")
            facilitator.keys("Enter")
            facilitator.wait_for("Step 1 of 10")
            facilitator.keys("3")                      # Council scores
            facilitator.wait_for("Saved: Council gave a score")
            scribe.wait_for("1/2")                     # the scribe's list shows it
            scribe.keys("Enter", "4")                  # Health, the first group still to score, is selected
            scribe.wait_for("Saved: Health gave a score")
            facilitator.wait_for("2 of 2 groups have scored")
            facilitator.keys("r")
            screen = facilitator.wait_for("Scores (revealed)")
            self.assertIn("3  Developing", screen)
            self.assertIn("4  Established", screen)
        finally:
            facilitator.close()
            scribe.close()
            shutil.rmtree(folder, ignore_errors=True)


class RefusedFiles(unittest.TestCase):
    def setUp(self):
        self.folder = tempfile.mkdtemp(prefix="pit-e2e-")

    def tearDown(self):
        shutil.rmtree(self.folder, ignore_errors=True)

    def assert_refused_untouched(self, path, mentions):
        before = digest(path)
        listing = sorted(os.listdir(self.folder))
        result = pit("open", path)
        self.assertEqual(result.returncode, 65, result.stderr)
        self.assertIn(path, result.stderr)
        self.assertIn(mentions, result.stderr.lower())
        self.assertEqual(digest(path), before, "the refused file was changed")
        self.assertEqual(sorted(os.listdir(self.folder)), listing, "files appeared beside the refused one")

    def test_text_file(self):
        path = os.path.join(self.folder, "notes.pit")
        with open(path, "w") as f:
            f.write("These are my workshop notes, not a session.\n")
        self.assert_refused_untouched(path, "not a pit session")

    def test_empty_file(self):
        path = os.path.join(self.folder, "empty.pit")
        open(path, "w").close()
        self.assert_refused_untouched(path, "empty")

    def test_truncated_session(self):
        whole = os.path.join(self.folder, "whole.pit")
        self.assertEqual(pit("demo", "-o", whole, "--no-open").returncode, 0)
        path = os.path.join(self.folder, "cut.pit")
        with open(whole, "rb") as f:
            data = f.read()
        with open(path, "wb") as f:
            f.write(data[: len(data) // 2])
        self.assert_refused_untouched(path, "damaged")

    def test_a_level_off_its_instruments_scale(self):
        # 6 is within every pit scale (1-9) but not on Tool A's (1-5). `pit report` always
        # refused it; `pit open` once read the file before it had the instruments' scales.
        # Every command that reads a session is given the scales now; each must refuse it.
        path = os.path.join(self.folder, "crafted.pit")
        self.assertEqual(pit("demo", "-o", path, "--no-open").returncode, 0)
        with sqlite3.connect(path) as db:
            seq, at = db.execute("SELECT max(seq), max(at) FROM events").fetchone()
            db.execute("INSERT INTO events (seq, at, author, kind, subject, instrument, element, level, na) "
                       "VALUES (?, ?, 'City Council', 'scoreRecorded', 'council', 'tool-a', 'leadership', 6, 0)",
                       (seq + 1, at + 1000))
        db.close()
        self.assert_refused_untouched(path, "not on the scale of tool-a")
        before = digest(path)
        merged = os.path.join(self.folder, "merged.pit")
        for command in (["report", path], ["present", path], ["instruments", "remove", path, "tool-a"],
                        ["instruments", "add", path, "tool-b"], ["compare", path, path],
                        ["assess", "--as", "City Council", "-o", path, "--no-open"], ["merge", path, "-o", merged]):
            result = pit(*command)
            self.assertEqual(result.returncode, 65, f"{command}: {result.stderr}")
            self.assertIn("not on the scale of tool-a", result.stderr)
            # Whole, and recorded with another version of the instrument: not "damaged",
            # and no advice to recover a file that is fine.
            self.assertIn("recorded with a different version of tool-a", result.stderr)
            self.assertNotIn("damaged", result.stderr)
            self.assertNotIn(".recover", result.stderr)
        self.assertEqual(digest(path), before)
        self.assertFalse(os.path.exists(merged))

    def test_missing_file_is_no_input(self):
        result = pit("open", os.path.join(self.folder, "nope.pit"))
        self.assertEqual(result.returncode, 66)
        self.assertIn("nope.pit", result.stderr)

    def test_new_refuses_to_overwrite(self):
        path = os.path.join(self.folder, "s.pit")
        self.assertEqual(pit("new", "One", "-o", path, "--no-open").returncode, 0)
        before = digest(path)
        result = pit("new", "Two", "-o", path, "--no-open")
        self.assertEqual(result.returncode, 73)
        self.assertEqual(digest(path), before)


class HomeScreen(unittest.TestCase):
    def test_new_session_from_home_then_listed_as_recent(self):
        folder = tempfile.mkdtemp(prefix="pit-home-")
        path = os.path.join(folder, "from-home.pit")
        state = os.path.join(folder, "state")      # shared by both starts, so the second sees the first's recent list
        pane = Pane([], 100, 30, env={"XDG_STATE_HOME": state})
        try:
            pane.wait_for("New workshop session")
            pane.keys("Down", "Down", "Enter")
            pane.wait_for("Title")
            pane.keys("Healthier Eastfield", "Enter", "Eastfield", "Enter", "Council:la,Residents:residents", "Enter")
            pane.wait_for("Instruments")
            pane.keys("Enter", "Enter")                 # tool-a and the facilitator as offered
            pane.keys("tool-a-90", "Enter", path, "Enter")
            pane.wait_for("Created " + path)
            screen = pane.wait_for("SERVICE")
            self.assertIn("Healthier Eastfield", screen)
            pane.keys("o")
            pane.wait_for("Tool A in 90 minutes")       # the plan chosen on the form
            pane.keys("q")
            pane.keys("g")
            groups = pane.wait_for("Groups in this session")
            self.assertIn("Council", groups)
            self.assertIn("Residents", groups)
            pane.keys("q", "q", "q")
            self.assertEqual(pane.ended()[0], 0)
            self.assertTrue(os.path.exists(path))
        finally:
            pane.close()
        # The next start lists it on the home screen.
        again = Pane([], 100, 30, env={"XDG_STATE_HOME": state})
        try:
            again.wait_for("Open " + os.path.basename(path))
        finally:
            again.close()
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    unittest.main()
