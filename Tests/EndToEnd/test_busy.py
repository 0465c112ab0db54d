"""End-to-end tests of a session file pit cannot write: another process holds its lock,
or its permissions say read-only."""
import os
import shutil
import sqlite3
import stat
import sys
import tempfile
import time
import unittest

from tmux_driver import Pane
from test_sessions import pit

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Faults"))
from fault_support import fill, small_filesystem  # noqa: E402 (the fault suite's small filesystem)


def scores(path):
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return db.execute("select count(*) from events where kind = 'scoreRecorded'").fetchone()[0]
    finally:
        db.close()


class BusyFile(unittest.TestCase):
    def setUp(self):
        self.folder = tempfile.mkdtemp(prefix="pit-e2e-")
        self.path = os.path.join(self.folder, "w.pit")
        made = pit("new", "Busy", "--groups", "Council,Health", "-o", self.path, "--no-open")
        self.assertEqual(made.returncode, 0, made.stderr)

    def tearDown(self):
        shutil.rmtree(self.folder, ignore_errors=True)

    def test_a_change_the_busy_file_refuses_says_so_and_ctrl_r_saves_it(self):
        p = Pane(["open", self.path], 100, 30)
        holder = None
        try:
            p.wait_for("SERVICE")
            p.keys("p", "Enter")
            p.wait_for("Step 1 of 10")
            holder = sqlite3.connect(self.path, isolation_level=None)
            holder.execute("BEGIN EXCLUSIVE")         # as another program in a long transaction would
            p.keys("Right")                            # the screens still answer keys
            p.wait_for("Step 2 of 10")
            p.keys("u")
            screen = p.wait_for("NOT undone")
            self.assertIn("press the key again", screen)
            p.keys("3")
            screen = p.wait_for("NOT saved")
            self.assertIn("busy", screen)
            self.assertIn("Ctrl-R", screen)
            holder.execute("COMMIT")
            holder.close()
            holder = None
            self.assertEqual(scores(self.path), 0)
            p.keys("C-r")
            p.wait_for("Saved on the second try")
            self.assertEqual(scores(self.path), 1)
            p.keys("q", "q", "q", "q")
            self.assertEqual(p.ended()[0], 0)
        finally:
            if holder:
                holder.close()
            p.close()

    def on_step_one_with_the_file_held(self):
        """pit open at Step 1 while another program holds the file: the pane and the holder."""
        p = Pane(["open", self.path], 100, 30)
        self.addCleanup(p.close)
        p.wait_for("SERVICE")
        p.keys("p", "Enter")
        p.wait_for("Step 1 of 10")
        holder = sqlite3.connect(self.path, isolation_level=None)
        self.addCleanup(holder.close)
        holder.execute("BEGIN EXCLUSIVE")
        return p, holder

    def test_a_form_refused_by_the_busy_file_says_enter_tries_again_and_it_does(self):
        p, holder = self.on_step_one_with_the_file_held()
        p.keys("n")
        p.wait_for("Note on")
        p.keys("Kept while busy")
        p.keys("Enter")
        screen = p.wait_for("NOT saved")
        self.assertIn("another program; Enter", screen, "Ctrl-R does nothing in a form")  # the line wraps after it
        self.assertNotIn("another program; Ctrl-R", screen)
        holder.execute("COMMIT")
        p.keys("Enter")
        p.wait_for("1 note")
        db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
        try:
            self.assertEqual(db.execute("select text from events where kind = 'noteAdded'").fetchall(), [("Kept while busy",)])
        finally:
            db.close()

    def test_a_form_cancelled_after_the_busy_file_refused_it_is_not_recorded_later(self):
        p, holder = self.on_step_one_with_the_file_held()
        p.keys("n")
        p.wait_for("Note on")
        p.keys("Cancelled note", "Enter")
        p.wait_for("NOT saved")
        p.keys("Escape")
        p.wait_for("Cancelled; nothing was recorded")
        holder.execute("COMMIT")
        p.keys("C-r")
        p.wait_for("Nothing to try again")
        self.assertNotIn("NOT SAVED", p.screen(), "the corner still counts the cancelled form")
        p.keys("q", "q", "q")                          # nothing unsaved: quits without asking
        self.assertEqual(p.ended()[0], 0)
        db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
        try:
            self.assertEqual(db.execute("select count(*) from events where kind = 'noteAdded'").fetchone()[0], 0)
        finally:
            db.close()

    def test_the_enlarge_screen_does_not_quit_past_a_change_not_saved(self):
        p, holder = self.on_step_one_with_the_file_held()
        p.keys("3")
        p.wait_for("NOT saved")
        p.resize(40, 10)
        p.wait_for("a change is NOT saved")
        p.keys("q", "C-c")                             # no question could be seen here
        time.sleep(0.5)
        self.assertIn("Enlarge the terminal", p.screen(), "pit quit past the change unseen")
        p.resize(100, 30)
        p.wait_for("Step 1 of 10")
        holder.execute("COMMIT")
        p.keys("C-r")
        p.wait_for("Saved on the second try")
        self.assertEqual(scores(self.path), 1)

    def refused_score_then_quit(self):
        """Scores Step 1 while another program holds the file, then asks to quit."""
        p, holder = self.on_step_one_with_the_file_held()
        p.keys("3")
        p.wait_for("NOT saved")
        p.keys("q", "q")
        p.wait_for("COMMUNITY")                        # back on the triangle, the first screen
        p.keys("q")
        screen = p.wait_for("The last change was NOT saved")
        self.assertIn("NOT saved: the file is busy, held by another program. Ctrl-R tries again; q or Ctrl-C again quits without it",
                      " ".join(screen.split()))
        return p, holder

    def test_on_a_deeper_screen_the_question_names_only_ctrl_c(self):
        p, holder = self.on_step_one_with_the_file_held()
        p.keys("3")
        p.wait_for("NOT saved")
        p.keys("C-c")                                  # on Step 1, where q goes back
        screen = " ".join(p.wait_for("The last change was NOT saved").split())
        self.assertIn("Ctrl-R tries again; Ctrl-C again quits without it", screen)
        self.assertNotIn("q or Ctrl-C", screen)
        p.keys("C-c")
        self.assertEqual(p.ended()[0], 75)

    def test_quitting_past_a_change_not_saved_asks_first_and_ctrl_r_still_saves_it(self):
        p, holder = self.refused_score_then_quit()
        holder.execute("COMMIT")
        p.keys("C-r")
        p.wait_for("Saved on the second try")
        p.keys("q")                                    # nothing unsaved now: q quits at once
        self.assertEqual(p.ended()[0], 0)
        self.assertEqual(scores(self.path), 1)

    def test_a_second_q_quits_without_the_change_and_says_so(self):
        p, holder = self.refused_score_then_quit()
        p.keys("q")
        self.assertEqual(p.ended()[0], 75, "a script is not told the change was lost")
        shell = " ".join(p.screen().split())
        self.assertIn("the last change was not saved in", shell)
        self.assertIn("the file is busy, held by another program", shell)
        self.assertNotIn("Ctrl-R", shell, "the screens' advice is given to the shell")
        holder.execute("COMMIT")
        self.assertEqual(scores(self.path), 0)

    @unittest.skipIf(os.geteuid() == 0 and not shutil.which("setpriv"), "as root, needs setpriv to run pit as another user")
    def test_a_read_only_file_says_so_when_it_opens(self):
        os.chmod(self.path, 0o444)
        os.chmod(self.folder, 0o755)
        # Root may write any file, so as root pit runs as nobody, on a file only root may write.
        runner = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] if os.geteuid() == 0 else []
        p = Pane(["open", self.path], 100, 30, runner=runner)
        os.chmod(p.dir, 0o777)                         # pit's state and crash-log folder
        try:
            screen = p.wait_for("SERVICE")
            self.assertIn("Read-only", screen, "no word of it before the first change")
            p.keys("Right")                            # the message goes; the status line keeps saying it
            p.wait_for("READ-ONLY")
            p.keys("q")
            self.assertEqual(p.ended()[0], 0)
        finally:
            p.close()


class FullDiskOnTheScreens(unittest.TestCase):
    """The session on a small filesystem that fills while it is open (a tmpfs, mounted as
    root only): the change is refused, and Ctrl-R saves it once space is freed."""

    def setUp(self):
        self.folder = small_filesystem(self, "pit-e2e-full-", "1m")
        self.path = os.path.join(self.folder, "w.pit")
        made = pit("new", "Full", "--groups", "Council,Health", "-o", self.path, "--no-open")
        self.assertEqual(made.returncode, 0, made.stderr)
        self.p = Pane(["open", self.path], 100, 30)
        self.addCleanup(self.p.close)
        self.p.wait_for("SERVICE")
        self.p.keys("p", "Enter")
        self.p.wait_for("Step 1 of 10")
        self.fill = fill(self.folder)
        self.p.keys("3")
        screen = " ".join(self.p.wait_for("NOT saved").split())
        self.assertIn("the disk is full, so nothing was written; free some space, then Ctrl-R tries again", screen)
        self.assertNotIn("choose another place", screen, "a session cannot be saved elsewhere from here")

    def test_ctrl_r_saves_the_change_once_space_is_freed(self):
        os.remove(self.fill)
        self.p.keys("C-r")
        self.p.wait_for("Saved on the second try")
        self.assertEqual(scores(self.path), 1)

    def test_quitting_without_it_asks_then_tells_the_shell(self):
        self.p.keys("C-c")
        screen = " ".join(self.p.wait_for("The last change was NOT saved").split())
        self.assertIn("NOT saved: the disk is full, so nothing was written. Free some space, then Ctrl-R tries again; Ctrl-C again", screen)
        self.p.keys("C-c")
        self.assertEqual(self.p.ended()[0], 74)
        shell = " ".join(self.p.screen().split())
        self.assertIn("the last change was not saved in", shell)
        self.assertIn("the disk is full", shell)
        os.remove(self.fill)
        self.assertEqual(scores(self.path), 0)


class BusyFileExitCode(unittest.TestCase):
    """Every command that reads or opens a session gives a script the same answer when
    another process holds the file's lock: 75 (EX_TEMPFAIL, try again later)."""

    def setUp(self):
        self.folder = tempfile.mkdtemp(prefix="pit-e2e-")
        self.workshop = os.path.join(self.folder, "w.pit")
        made = pit("new", "Busy", "--groups", "Council,Health", "-o", self.workshop, "--no-open")
        self.assertEqual(made.returncode, 0, made.stderr)
        self.partner = os.path.join(self.folder, "p.pit")
        made = pit("assess", "--as", "Council", "-o", self.partner, "--no-open")
        self.assertEqual(made.returncode, 0, made.stderr)

    def tearDown(self):
        shutil.rmtree(self.folder, ignore_errors=True)

    def hold(self, path):
        holder = sqlite3.connect(path, isolation_level=None)
        holder.execute("BEGIN EXCLUSIVE")              # as another program in a long transaction would
        self.addCleanup(holder.close)
        self.addCleanup(holder.execute, "ROLLBACK")

    def test_a_locked_session_is_exit_75_from_every_command(self):
        self.hold(self.workshop)
        self.hold(self.partner)
        merged = os.path.join(self.folder, "m.pit")
        for args in [["report", self.workshop], ["report", self.workshop, "--format", "json"],
                     ["compare", self.workshop, self.workshop], ["open", self.workshop],
                     ["assess", "--as", "Council", "-o", self.partner, "--no-open"],
                     ["merge", self.partner, "-o", merged], ["instruments", "add", self.workshop, "tool-b"]]:
            with self.subTest(command=" ".join(args[:2])):
                result = pit(*args)
                self.assertEqual(result.returncode, 75, result.stderr)
                self.assertIn("busy", result.stderr)
                self.assertNotIn("Fatal error", result.stderr)


if __name__ == "__main__":
    unittest.main()
