"""End-to-end tests: the real binary in a real pty (tmux), as a facilitator would use it."""
import os
import shutil
import signal
import sqlite3
import subprocess
import tempfile
import time
import unittest

from tmux_driver import PIT, ROOT, Pane, tmux
from test_sessions import pit


def wait_until(condition, timeout=10.0):
    deadline = time.time() + timeout
    while time.time() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.05)
    return condition()


def new_session(test, title, groups="Council,NHS"):
    """A new session file in a folder of its own, removed after `test`; its pit new output too."""
    folder = tempfile.mkdtemp(prefix="pit-tui-")
    test.addCleanup(shutil.rmtree, folder, True)
    path = os.path.join(folder, "s.pit")
    made = pit("new", title, "--groups", groups, "-o", path, "--no-open")
    test.assertEqual(made.returncode, 0, made.stderr)
    return path, made


def assert_terminal_restored(test, pane, stty):
    # Canonical mode and echo back on, out of the alternate screen, cursor visible.
    words = stty.split()
    test.assertIn("icanon", words, stty)
    test.assertIn("echo", words, stty)
    test.assertNotIn("-icanon", words)
    test.assertNotIn("-echo", words)
    test.assertIn("ixon", words, "flow control (Ctrl-S, Ctrl-Q) is the terminal's again")
    test.assertEqual(pane.pane_flag("alternate_on"), "0", "still on the alternate screen")
    test.assertEqual(pane.pane_flag("cursor_flag"), "1", "cursor hidden after exit")
    test.assertIn("PIT-ENDED", pane.screen())


def step_one(test, title, width=100, height=30, env=None):
    """A new session of two groups, opened at Tool A's step 1: its path and its pane."""
    path, _ = new_session(test, title)
    p = Pane(["open", path], width, height, env=env)
    test.addCleanup(p.close)
    p.wait_for("COMMUNITY")
    p.keys("p", "Enter")
    p.wait_for("Step 1 of 10")
    return path, p


def recorded(path, sql):
    """Rows of the session file, read without a lock."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return db.execute(sql).fetchall()
    finally:
        db.close()


NOT_CREATION = "select kind from events where kind not in ('sessionCreated', 'groupAdded')"
NOTES = "select text from events where kind = 'noteAdded'"
LEVELS = "select level from events where kind = 'scoreRecorded'"


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
        p.wait_for("Strengthen community action")
        p.keys("Enter")                      # open the seam
        p.wait_for("Triangle › Comm. action")
        p.keys("Escape")                     # back to the triangle
        p.wait_for("Strengthen community action")
        p.keys("p")                          # Tool A's steps
        p.wait_for("Leadership in place")
        p.keys("Down", "Down", "Enter")      # step 3
        p.wait_for("Step 3 of 10")
        p.resize(120, 40)                    # resize mid-way: the frame is redrawn at the new size
        # Text beyond column 80 can only come from a frame drawn at the new width.
        wide = wait_until(lambda: "Step 3 of 10" in p.screen() and [l for l in p.screen().splitlines() if len(l.rstrip()) > 80])
        self.assertTrue(wide, "nothing was drawn beyond the old width:\n" + p.screen())
        self.assertEqual(len(p.screen().splitlines()), 40)
        p.keys("?")
        p.wait_for("Keys on this screen")
        p.resize(30, 10)
        p.wait_for("(now 30 x 10)")
        p.keys("3", "Right", "Enter")       # nothing acts while the screen says "enlarge"
        p.resize(80, 24)
        screen = p.wait_for("Keys on this screen")
        self.assertNotIn("Enlarge the terminal", screen, "the frame was not redrawn after the terminal grew")
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
        path, made = new_session(self, "Why")
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
        self.assertEqual(recorded(path, "select na from events where kind = 'scoreRecorded'"), [(2,)],
                         "stored as don't know, not as not applicable")


class PastedTextAndUnnamedKeys(unittest.TestCase):
    """What a terminal sends besides plain keys. A pasted line break used to be Enter and
    the pasted text after it key presses (a note's second line could reveal the scores or
    record one); a key the terminal's description does not name (End, as tmux sends it under
    TERM=xterm-256color) used to be Esc and then characters."""

    def test_a_paste_is_text_and_an_unnamed_key_is_the_key_it_names(self):
        path, p = step_one(self, "Paste")
        p.keys("3", "n")                     # Council scores 3, hidden; a note
        p.wait_for("Note on")
        p.paste("first line of the note\nr2 then more words\n")
        p.wait_for("first line of the note r2 then more words")
        p.keys("Enter")
        p.wait_for("1 note")
        p.paste("r2")                        # outside a field
        p.wait_for("Pasted text only goes into a text field")
        self.assertIn("Scores (hidden)", p.screen())
        p.keys("Escape")                     # the list of steps
        p.wait_for("Built-in evaluation")
        p.keys("End")
        p.wait_for("→ 10 Built-in evaluation")
        p.keys("q", "q", "q")
        status, stty = p.ended()
        self.assertEqual(status, 0)
        assert_terminal_restored(self, p, stty)
        self.assertEqual(sorted(k for (k,) in recorded(path, NOT_CREATION)), ["noteAdded", "scoreRecorded"],
                         "nothing revealed, nothing else scored")
        self.assertEqual(recorded(path, NOTES), [("first line of the note r2 then more words",)])
        self.assertEqual(recorded(path, LEVELS), [(3,)])


class PasteWithoutBracketedPaste(unittest.TestCase):
    """TERM=screen-256color (GNU screen's, and many tmux set-ups') has no bracketed paste
    in its description, so a paste arrives as plain keys: its line breaks were Enter and the
    text after them key presses, which scored and opened forms."""

    def test_a_pasted_note_stays_text(self):
        path, p = step_one(self, "Unmarked paste", env={"TERM": "screen-256color"})
        p.keys("3", "n")                     # Council scores 3, hidden; a note
        p.wait_for("Note on")
        p.paste("Budget notes:\n3 partners agree\nrevisit in May")
        p.wait_for("Budget notes: 3 partners agree revisit in May")
        p.keys("Enter")
        p.wait_for("1 note")
        self.assertIn("Scores (hidden)", p.screen())
        p.keys("q", "q", "q")
        self.assertEqual(p.ended()[0], 0)
        self.assertEqual(sorted(k for (k,) in recorded(path, NOT_CREATION)), ["noteAdded", "scoreRecorded"],
                         "nothing revealed, nothing else scored")
        self.assertEqual(recorded(path, NOTES), [("Budget notes: 3 partners agree revisit in May",)])


class TypedAheadKeys(unittest.TestCase):
    """Where the terminal marks pastes, keys that arrive together (typed ahead, or sent by
    a script) are keys: they were once taken for an unmarked paste."""

    def test_keys_sent_at_once_act_one_by_one(self):
        path, p = step_one(self, "Typed ahead")
        tmux("send-keys", "-t", p.name, "n", "Typed ahead", "Enter", "3")
        p.wait_for("1 note")
        p.wait_for("1 of 2 groups have scored")
        p.keys("q", "q", "q")
        self.assertEqual(p.ended()[0], 0)
        self.assertEqual(recorded(path, NOTES), [("Typed ahead",)])
        self.assertEqual(recorded(path, LEVELS), [(3,)])


class Themes(unittest.TestCase):
    def test_t_changes_the_colours_on_screen(self):
        p = Pane(["demo"], 80, 24)
        try:
            p.wait_for("SERVICE")
            coloured = lambda: subprocess.run(["tmux", "capture-pane", "-e", "-p", "-t", p.name],
                                              capture_output=True, text=True).stdout
            # The rows above the status line: the same text in both themes, so only colour can differ.
            body = lambda capture: capture.splitlines()[:-1]
            before = coloured()
            self.assertIn("\x1b[", before, "the default theme draws in colour")
            text_before = p.screen().splitlines()[:-1]
            p.keys("t")
            p.wait_for("Theme: light")
            after = coloured()
            self.assertEqual(p.screen().splitlines()[:-1], text_before, "the theme key changed more than the colours")
            self.assertNotEqual(body(after), body(before), "the triangle and header kept their colours")
            p.keys("q")
            self.assertEqual(p.ended()[0], 0)
        finally:
            p.close()


    def test_a_theme_of_ones_own_sits_beside_pits_in_the_config_folder(self):
        config = tempfile.mkdtemp(prefix="pit-e2e-")
        self.addCleanup(shutil.rmtree, config, True)
        os.makedirs(os.path.join(config, "pit", "themes"))
        with open(os.path.join(ROOT, "Themes", "mono.yaml")) as f:
            mono = f.read()
        with open(os.path.join(config, "pit", "themes", "mine.yaml"), "w") as f:
            f.write(mono.replace("name: mono", "name: mine", 1))
        env = dict(os.environ, XDG_CONFIG_HOME=config, HOME=config)
        listed = subprocess.run([PIT, "themes", "list"], capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL)
        self.assertEqual(listed.returncode, 0, listed.stderr)
        names = [line.split()[0] for line in listed.stdout.splitlines()]
        self.assertEqual(names, ["default", "light", "projector", "colourblind", "mono", "mine"])
        p = Pane(["demo", "--theme", "mine"], 80, 24, env={"XDG_CONFIG_HOME": config})
        self.addCleanup(p.close)
        p.wait_for("SERVICE")
        p.keys("t")
        p.wait_for("Theme: default")                  # the cycle goes on from the user's theme, the last
        p.keys("q")
        self.assertEqual(p.ended()[0], 0)

    def test_the_starting_theme_is_kept_parsed_for_the_next_start(self):
        p = Pane(["demo"], 80, 24)
        try:
            p.wait_for("SERVICE")
            p.keys("q")
            self.assertEqual(p.ended()[0], 0)
            cache = os.path.join(p.dir, ".cache", "pit")
            kept = [name for name in os.listdir(cache) if name.startswith("theme-")]
            self.assertEqual(len(kept), 1, os.listdir(cache))
            with open(os.path.join(cache, kept[0]), "rb") as f:
                self.assertTrue(f.read().startswith(b"\x0f\x00\x00\x00\x00\x00\x00\x00pit theme cache"))
        finally:
            p.close()


class CatalogueLeftInTheCache(unittest.TestCase):
    """`pit home` draws its first frame before the catalogue's content is decoded."""

    def test_a_catalogue_that_fails_when_first_needed_ends_pit_cleanly(self):
        # The one way that decode can fail: the cache damaged behind its intact header, and
        # the triangle file broken after the start had found the cache fresh (a file's
        # stamp holds its inode and change time, so no later start takes the cache), so
        # the parse that replaces the cache fails too.
        folder = tempfile.mkdtemp(prefix="pit-e2e-catalogue-")
        self.addCleanup(shutil.rmtree, folder, True)
        home = os.path.join(folder, "share")
        for name in ("Assessments", "Themes"):
            shutil.copytree(os.path.join(ROOT, name), os.path.join(home, name))
        # One cache and one user instruments folder (part of the cache's name) for both starts.
        env = {"PIT_HOME": home, "XDG_CACHE_HOME": os.path.join(folder, "cache"), "XDG_CONFIG_HOME": folder}
        first = Pane(["home"], 80, 24, env=env)
        try:
            first.wait_for("Explore the triangle")
            first.keys("q")
            self.assertEqual(first.ended()[0], 0)
        finally:
            first.close()
        cache_folder = os.path.join(folder, "cache", "pit")
        cached = [name for name in os.listdir(cache_folder) if name.startswith("catalogue-")]
        self.assertEqual(len(cached), 1, os.listdir(cache_folder))
        with open(os.path.join(cache_folder, cached[0]), "r+b") as f:
            f.truncate(os.path.getsize(f.name) - 200)
        triangle = os.path.join(home, "Assessments", "triangle.yaml")

        p = Pane(["home"], 80, 24, env=env)
        try:
            p.wait_for("Explore the triangle")   # drawn without the catalogue
            with open(triangle, "r+b") as f:
                f.write(b"components: [")       # an unclosed list: the triangle cannot be parsed
            p.keys("Enter")                      # the triangle screen needs it
            status, stty = p.ended()
            self.assertEqual(status, 65, p.screen())
            self.assertIn("triangle.yaml", p.screen())
            assert_terminal_restored(self, p, stty)
        finally:
            p.close()


class GraphemeClusters(unittest.TestCase):
    def test_flags_and_family_emoji_keep_every_part(self):
        folder = tempfile.mkdtemp(prefix="pit-e2e-")
        path = os.path.join(folder, "w.pit")
        flag, family, accent = "\U0001F1EC\U0001F1E7", "\U0001F468\u200D\U0001F469\u200D\U0001F467", "e\u0301"
        title = f"Flag {flag} family {family} caf{accent}"
        made = subprocess.run([PIT, "new", title, "--groups", "Council", "-o", path, "--no-open"],
                              capture_output=True, text=True, stdin=subprocess.DEVNULL)
        self.assertEqual(made.returncode, 0, made.stderr)
        p = Pane(["open", path], 120, 30)
        try:
            screen = p.wait_for("Flag")
            for part in (flag, family, accent):
                self.assertIn(part, screen)
            p.keys("q")
            self.assertEqual(p.ended()[0], 0)
        finally:
            p.close()
            shutil.rmtree(folder, ignore_errors=True)


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

    def test_ctrl_s_does_not_freeze_the_screen(self):
        # With the terminal's flow control on, Ctrl-S stopped all output until Ctrl-Q while
        # the keys pressed meanwhile still acted, unseen.
        p = Pane(["demo"], 80, 24)
        try:
            p.wait_for("SERVICE")
            p.keys("C-s", "?")
            p.wait_for("Keys on this screen", timeout=5)
            p.keys("Escape", "q")
            status, stty = p.ended()
            self.assertEqual(status, 0)
            assert_terminal_restored(self, p, stty)
        finally:
            p.close()

    def test_no_color(self):
        self.run_with({"NO_COLOR": "1"}, "SERVICE")

    def test_c_locale_draws_an_ascii_triangle(self):
        screen = self.run_with({"LANG": "C", "LC_ALL": "C"}, "SERVICE", forbid=["╱", "─", "›"])
        self.assertIn("/", screen)
        self.assertIn("\\", screen)

    def test_a_terminal_that_cannot_move_its_cursor_is_a_clear_error(self):
        # TERM=dumb used to show a blank screen while keys still acted, unseen.
        p = Pane(["demo"], env={"TERM": "dumb"})
        try:
            status, _ = p.ended()
            self.assertEqual(status, 69)
            self.assertIn("TERM=dumb cannot move the cursor", p.screen().replace("\n", ""))
        finally:
            p.close()

    def test_c_locale_keeps_accented_letters_typed_into_a_note(self):
        # The C locale read only ASCII: "Café meeting" was saved as "Caf", the keys just
        # after the é lost with it.
        path, p = step_one(self, "Locale", 80, 24, env={"LANG": "C", "LC_ALL": "C"})
        p.keys("n")
        p.wait_for("Note on")
        p.keys("Café meeting")
        p.wait_for("Cafe meeting")           # drawn in ASCII, as the locale asks
        p.keys("Enter")
        p.wait_for("1 note")
        p.keys("q", "q", "q")
        self.assertEqual(p.ended()[0], 0)
        self.assertEqual(recorded(path, NOTES), [("Café meeting",)])

    def test_unknown_terminal_is_a_clear_error(self):
        p = Pane(["demo"], env={"TERM": "no-such-terminal"})
        try:
            status, _ = p.ended()
            self.assertEqual(status, 69)
            self.assertIn("TERM=no-such-terminal", p.screen())
        finally:
            p.close()


class ExportFromTheScreens(unittest.TestCase):
    def test_m_e_puts_the_report_beside_the_session_whole_and_never_over_a_file(self):
        path, _ = new_session(self, "Exported")
        report = os.path.join(os.path.dirname(path), "s-report.html")
        p = Pane(["open", path], 100, 30)
        self.addCleanup(p.close)
        p.wait_for("COMMUNITY")
        for attempt in range(2):
            p.keys("m")
            p.wait_for("Matrices")
            p.keys("e")
            p.wait_for("Export a report")
            p.keys("Enter", "Enter")                  # html, and the name beside the session
            if attempt == 0:
                p.wait_for(f"Exported {report}")
                with open(report, encoding="utf-8") as f:
                    first = f.read()
                self.assertTrue(first.rstrip().endswith("</html>"), first[-200:])
                p.keys("q")
            else:
                p.wait_for("already exists; choose another")
                p.keys("Escape", "q")
        with open(report, encoding="utf-8") as f:
            self.assertEqual(f.read(), first, "the second export changed the first")
        self.assertEqual(sorted(os.listdir(os.path.dirname(path))), ["s-report.html", "s.pit"], "a temporary was left beside them")
        p.keys("q")
        self.assertEqual(p.ended()[0], 0)


# Asks the Swift runtime for its interactive crash prompt: pit must never reach it.
INTERACTIVE_BACKTRACE = {"SWIFT_BACKTRACE": "enable=yes,interactive=yes"}


class Signals(unittest.TestCase):
    def kill_and_check(self, sig, expected_status, crash=False, env=None):
        p = Pane(["demo"], 80, 24, env=env)
        try:
            p.wait_for("SERVICE")
            os.kill(p.pit_pid(), sig)
            # The runtime's crash prompt would hold the terminal for 30 seconds: well past this bound.
            status, stty = p.ended(timeout=10)
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

    def test_ctrl_c_asks_before_it_drops_a_forms_text_and_quits_from_anywhere_else(self):
        path, p = step_one(self, "Ctrl-C")
        p.keys("n")
        p.wait_for("Note on")
        p.keys("Half a note")
        p.keys("C-c")
        p.wait_for("Ctrl-C again quits pit, and this form's text goes with it")
        self.assertIn("Half a note", p.screen(), "the form's text went")
        p.keys(" kept", "Enter")
        p.wait_for("1 note")
        p.keys("C-c")                                  # no form open, nothing unsaved: quits at once
        status, stty = p.ended()
        self.assertEqual(status, 0)
        assert_terminal_restored(self, p, stty)
        self.assertIn("isig", stty.split(), "Ctrl-C is the shell's interrupt again")
        self.assertRegex(stty, r"intr = \^C", "Ctrl-C is the shell's interrupt again")
        self.assertEqual(recorded(path, NOTES), [("Half a note kept",)])

    def test_the_restore_strings_come_from_terminfo_without_their_padding(self):
        # vt100 has no alternate screen, and its sgr0 ends in a "$<2>" delay that only tputs understands.
        p = Pane(["demo"], 80, 24, env={"TERM": "vt100"})
        try:
            p.wait_for("SERVICE")
            os.kill(p.pit_pid(), signal.SIGTERM)
            status, stty = p.ended()
            self.assertEqual(status, 128 + signal.SIGTERM)
            self.assertIn("icanon", stty.split())
            self.assertNotIn("$<", p.screen())
        finally:
            p.close()

    def test_closing_the_window_mid_save_keeps_the_change(self):
        # A reader holds the file, so the score's commit waits for it (up to the screens'
        # half second) with the change written but not committed: the window closes then.
        path, p = step_one(self, "Closed mid-save")
        reader = sqlite3.connect(path, isolation_level=None)
        self.addCleanup(reader.close)
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM events").fetchall()
        probe = sqlite3.connect(path, timeout=0, isolation_level=None)
        self.addCleanup(probe.close)
        pid = p.pit_pid()
        p.keys("4")
        deadline = time.time() + 5
        while True:                                   # until pit holds the write lock
            self.assertLess(time.time(), deadline, "pit never began to save the score")
            try:
                probe.execute("BEGIN IMMEDIATE")
                probe.execute("ROLLBACK")
                time.sleep(0.002)
            except sqlite3.OperationalError:
                break
        os.kill(pid, signal.SIGHUP)
        time.sleep(0.05)
        self.assertTrue(os.path.exists(f"/proc/{pid}"), "pit ended with its change uncommitted")
        reader.execute("COMMIT")
        status, stty = p.ended(timeout=10)
        self.assertEqual(status, 128 + signal.SIGHUP)
        assert_terminal_restored(self, p, stty)
        self.assertEqual(recorded(path, LEVELS), [(4,)], "the change made as the window closed was lost")

    def test_a_crash_never_waits_at_the_runtimes_prompt(self):
        self.kill_and_check(signal.SIGSEGV, 128 + signal.SIGSEGV, crash=True, env=INTERACTIVE_BACKTRACE)

    def test_a_crash_in_a_command_never_waits_at_the_runtimes_prompt(self):
        folder = tempfile.mkdtemp(prefix="pit-e2e-")
        path = os.path.join(folder, "d.pit")
        made = subprocess.run([PIT, "demo", "-o", path, "--no-open"], capture_output=True, text=True, stdin=subprocess.DEVNULL)
        self.assertEqual(made.returncode, 0, made.stderr)
        holder = sqlite3.connect(path, isolation_level=None)
        holder.execute("BEGIN EXCLUSIVE")             # `report` now waits for the lock: time to crash it
        p = Pane(["report", path], 80, 24, env=INTERACTIVE_BACKTRACE)
        try:
            pid = p.pit_pid()
            time.sleep(1.0)                            # well inside main, waiting for the lock
            os.kill(pid, signal.SIGSEGV)
            status, _ = p.ended(timeout=10)           # the runtime's prompt would wait 30 seconds
            self.assertEqual(status, 128 + signal.SIGSEGV)
            self.assertNotIn("Press space", p.screen())
        finally:
            holder.close()
            p.close()
            shutil.rmtree(folder, ignore_errors=True)

    def test_every_signal_that_ends_pit_restores_the_terminal_first(self):
        for sig in [signal.SIGPIPE, signal.SIGUSR1, signal.SIGUSR2, signal.SIGALRM, signal.SIGXCPU,
                    signal.SIGXFSZ, signal.SIGVTALRM, signal.SIGPROF]:
            with self.subTest(signal=sig.name):
                self.kill_and_check(sig, 128 + sig)

    def test_ctrl_backslash_does_nothing_on_the_screens(self):
        p = Pane(["demo"], 80, 24, env=INTERACTIVE_BACKTRACE)
        try:
            p.wait_for("SERVICE")
            # What Ctrl-\ sends. (Typed into this test's pane it would also end the shell
            # that waits for pit, which shares pit's process group; a login shell does not.)
            os.kill(p.pit_pid(), signal.SIGQUIT)
            p.keys("p")                                   # pit still answers keys
            screen = p.wait_for("Leadership in place")
            for text in ["crash", "Backtrac", "Thread 0", "Press space"]:
                self.assertNotIn(text, screen)
            p.keys("q", "q", "q")
            status, stty = p.ended()
            self.assertEqual(status, 0)
            assert_terminal_restored(self, p, stty)
        finally:
            p.close()


if __name__ == "__main__":
    unittest.main()
