"""A user's own instrument appears in the program and can be scored; a broken one is reported."""
import os
import shutil
import subprocess
import tempfile
import unittest

from tmux_driver import ROOT, Pane
from test_sessions import pit

FIXTURE = os.path.join(ROOT, "Tests", "InstrumentsTests", "Fixtures", "walkability.yaml")
BROKEN = """schema: 1
id: broken
version: 1
title: Broken tool
short: Broken
placement: the-moon
elements:
  - id: one
    title: One
"""


class UserInstruments(unittest.TestCase):
    def setUp(self):
        self.folder = tempfile.mkdtemp(prefix="pit-instruments-")
        self.dir = os.path.join(self.folder, "mine")
        os.mkdir(self.dir)
        shutil.copy(FIXTURE, self.dir)
        with open(os.path.join(self.dir, "broken.yaml"), "w") as f:
            f.write(BROKEN)

    def tearDown(self):
        shutil.rmtree(self.folder, ignore_errors=True)

    def test_list_shows_every_shipped_instrument_and_the_users(self):
        result = pit("instruments", "list", "--instrument-dir", self.dir)
        self.assertEqual(result.returncode, 65, "a skipped file is bad data, after the whole list: " + result.stderr)
        ids = [line.split()[0] for line in result.stdout.splitlines()]
        for expected in ["tool-a", "tool-b", "tool-c", "tool-d", "pots", "community-centred", "civic", "walkability"]:
            self.assertIn(expected, ids)
        self.assertIn("broken.yaml:6:", result.stderr)
        self.assertIn("the-moon", result.stderr)

    def test_validate_reports_file_line_and_column_and_exits_65(self):
        result = pit("instruments", "validate", os.path.join(self.dir, "broken.yaml"))
        self.assertEqual(result.returncode, 65)
        self.assertRegex(result.stdout, r"broken\.yaml:6:\d+: unknown placement")
        self.assertRegex(result.stdout, r"broken\.yaml:8:\d+: element `one` is missing `focus`")
        ok = pit("instruments", "validate", FIXTURE)
        self.assertEqual(ok.returncode, 0)
        for name in os.listdir(os.path.join(ROOT, "Assessments")):
            if name.endswith(".yaml") and name != "triangle.yaml":
                self.assertEqual(pit("instruments", "validate", os.path.join(ROOT, "Assessments", name)).returncode, 0, name)

    def test_validate_checks_every_file_and_exits_with_the_worst_code(self):
        # A missing file stopped the run: the files after it were never checked.
        broken = os.path.join(self.dir, "broken.yaml")
        missing = os.path.join(self.folder, "missing.yaml")
        result = pit("instruments", "validate", FIXTURE, missing, broken)
        self.assertEqual(result.returncode, 66, "a file that could not be read at all outweighs one with problems")
        self.assertIn(f"{missing}: no such file", result.stderr)
        self.assertIn("walkability.yaml: ok", result.stdout)
        self.assertRegex(result.stdout, r"broken\.yaml:6:\d+: unknown placement")
        only_problems = pit("instruments", "validate", broken, FIXTURE)
        self.assertEqual(only_problems.returncode, 65)
        self.assertIn("walkability.yaml: ok", only_problems.stdout)

    def test_validate_says_when_an_id_is_already_taken_by_another_instrument(self):
        # Sound on its own, but pit would skip it at start: validate must say so.
        copy = os.path.join(self.folder, "my-tool-a.yaml")
        shutil.copy(os.path.join(ROOT, "Assessments", "tool-a.yaml"), copy)
        result = pit("instruments", "validate", copy)
        self.assertEqual(result.returncode, 65, result.stdout)
        self.assertIn("my-tool-a.yaml:1:1: id `tool-a` is already used by", result.stdout)
        self.assertIn("Assessments/tool-a.yaml", result.stdout)
        with open(copy) as f:
            renamed = f.read().replace("id: tool-a", "id: my-tool-a", 1)
        with open(copy, "w") as f:
            f.write(renamed)
        result = pit("instruments", "validate", copy)
        self.assertEqual(result.returncode, 0, result.stdout)
        self.assertIn("note: the short name `Tool A` is also tool-a's", result.stdout)

    def test_validate_accepts_guidance_and_reports_a_malformed_field_with_its_line(self):
        with open(FIXTURE) as f:
            text = f.read()
        guided = text.replace("    links: [crossings]\n", "    links: [crossings]\n"
                              "    guidance:\n      minutes: 10\n      probes: [Who walks here?]\n"
                              "      evidence: [A walking audit]\n", 1)
        self.assertNotEqual(guided, text)
        path = os.path.join(self.folder, "guided.yaml")
        with open(path, "w") as f:
            f.write(guided)
        self.assertEqual(pit("instruments", "validate", path).returncode, 0)
        with open(path, "w") as f:
            f.write(guided.replace("minutes: 10", "minutes: soon"))
        result = pit("instruments", "validate", path)
        self.assertEqual(result.returncode, 65)
        line = guided.splitlines().index("      minutes: 10") + 1
        self.assertRegex(result.stdout, r"guided\.yaml:%d:\d+: `minutes`" % line)

    def test_a_user_instrument_is_scored_in_a_session(self):
        path = os.path.join(self.folder, "w.pit")
        made = pit("new", "Walk", "--groups", "Council,Residents", "--instruments", "tool-a,walkability",
                   "--instrument-dir", self.dir, "-o", path, "--no-open")
        self.assertEqual(made.returncode, 0, made.stderr)
        pane = Pane(["open", path, "--instrument-dir", self.dir], 100, 30)
        try:
            screen = pane.wait_for("SERVICE")       # the broken file did not stop the program
            self.assertIn("Skipped:", screen)       # and the first screen says why it is missing
            self.assertIn("broken.yaml:6", screen)
            pane.keys("Up", "Enter")                # the civic segment
            pane.wait_for("2 Walkability")
            pane.keys("2")                          # its second instrument: the user's
            pane.wait_for("Safe routes to school")
            pane.keys("Enter", "3")
            pane.wait_for("Saved: Council gave a score")
            pane.keys("2", "r")                     # the next group to score is already selected
            screen = pane.wait_for("Scores (revealed)")
            self.assertIn("3  Routine", screen)
            self.assertIn("2  Partial", screen)
            pane.keys("q", "q", "q", "q", "q")
            self.assertEqual(pane.ended()[0], 0)
        finally:
            pane.close()
        csv_out = pit("report", path, "--format", "csv", "--instrument-dir", self.dir)
        self.assertIn("walkability", csv_out.stdout)

    def test_a_broken_instrument_is_reported_once_by_new_and_demo(self):
        # These commands check their instruments before the session is made, then open
        # the screens on it: the skipped file is reported once, not once for each.
        for command in (["new", "Walk", "-o", os.path.join(self.folder, "n.pit")], ["demo"]):
            pane = Pane([*command, "--instrument-dir", self.dir], 100, 30)
            try:
                pane.wait_for("SERVICE")
                pane.keys("q", "q", "q")
                self.assertEqual(pane.ended()[0], 0)
                self.assertEqual(pane.screen().count("unknown placement `the-moon`"), 1, pane.screen())
            finally:
                pane.close()


if __name__ == "__main__":
    unittest.main()


class AuthoringFiles(unittest.TestCase):
    """How pit reads the files an author writes: links, folders, overlaps, plans."""

    def setUp(self):
        self.folder = tempfile.mkdtemp(prefix="pit-authoring-")
        self.config = os.path.join(self.folder, "config")
        self.user = os.path.join(self.config, "pit", "instruments")
        os.makedirs(self.user)
        self.env = {"XDG_CONFIG_HOME": self.config, "XDG_CACHE_HOME": os.path.join(self.folder, "cache"),
                    "XDG_STATE_HOME": os.path.join(self.folder, "state"), "HOME": self.folder}
        with open(FIXTURE) as f:
            self.walk = f.read()

    def tearDown(self):
        shutil.rmtree(self.folder, ignore_errors=True)

    def run_pit(self, *args):
        return pit(*args, cwd=self.folder, env=self.env)

    def write(self, path, text):
        with open(path, "w") as f:
            f.write(text)
        return path

    def test_a_linked_instrument_loads_and_a_dangling_link_is_named(self):
        store = os.path.join(self.folder, "repo")
        os.mkdir(store)
        os.symlink(shutil.copy(FIXTURE, store), os.path.join(self.user, "walkability.yaml"))
        os.symlink("/nonexistent/gone.yaml", os.path.join(self.user, "gone.yaml"))
        result = self.run_pit("instruments", "list")
        self.assertEqual(result.returncode, 65, result.stderr)
        self.assertIn("walkability", [line.split()[0] for line in result.stdout.splitlines()])
        self.assertEqual(result.stderr.strip(), "pit: " + os.path.join(self.user, "gone.yaml")
                         + ":1:1: it is a symbolic link to /nonexistent/gone.yaml, which does not exist; fix the link or remove it (skipped)")
        valid = self.run_pit("instruments", "validate", os.path.join(self.user, "walkability.yaml"))
        self.assertEqual(valid.returncode, 0, valid.stdout)

    def test_a_stranded_overlap_fails_validate_at_its_line_and_skips_the_file(self):
        guided = self.walk.replace("    links: [crossings]\n", "    links: [crossings]\n"
                                   "    guidance:\n      minutes: 10\n      probes: [Who walks here?]\n"
                                   "      evidence: [A walking audit]\n"
                                   "      overlaps:\n        - { see: nosuch/elem, note: x }\n", 1)
        self.assertNotEqual(guided, self.walk)
        path = self.write(os.path.join(self.user, "walkability.yaml"), guided)
        line = guided.splitlines().index("        - { see: nosuch/elem, note: x }") + 1
        expected = (f"{path}:{line}:18: element `routes` overlaps `nosuch/elem`, but no instrument `nosuch` is loaded; "
                    "correct the id, install that instrument, or remove the overlap")
        valid = self.run_pit("instruments", "validate", path)
        self.assertEqual(valid.returncode, 65, valid.stdout)
        self.assertEqual(valid.stdout.strip(), expected)
        listed = self.run_pit("instruments", "list")
        self.assertEqual(listed.stderr.strip(), "pit: " + expected + " (skipped)")
        self.assertNotIn("walkability", listed.stdout)

    def test_instrument_dir_given_a_file_or_a_folder_already_read(self):
        path = shutil.copy(FIXTURE, self.user)
        given_file = self.run_pit("instruments", "list", "--instrument-dir", path)
        self.assertEqual(given_file.returncode, 64)
        self.assertEqual(given_file.stderr.strip(), f"pit: {path} is a file, not a folder; give its folder with --instrument-dir, "
                         f"or copy it into {self.user}, which pit always reads")
        again = self.run_pit("instruments", "list", "--instrument-dir", self.user, "--instrument-dir", self.user + "/",
                             "--instrument-dir", os.path.join(ROOT, "Assessments"))
        self.assertEqual((again.returncode, again.stderr), (0, ""))
        self.assertEqual([line.split()[0] for line in again.stdout.splitlines()].count("walkability"), 1)

    def test_which_files_in_a_user_folder_are_read(self):
        self.write(os.path.join(self.user, "triangle.yaml"), self.walk.replace("id: walkability", "id: tri", 1))
        self.write(os.path.join(self.user, "upper.YAML"), self.walk.replace("id: walkability", "id: upper", 1))
        self.write(os.path.join(self.user, ".backup.yaml"), self.walk.replace("id: walkability", "id: hidden", 1))
        os.symlink("user@host.1234", os.path.join(self.user, ".#upper.YAML"))
        result = self.run_pit("instruments", "list")
        self.assertEqual((result.returncode, result.stderr), (0, ""))
        ids = [line.split()[0] for line in result.stdout.splitlines()]
        self.assertIn("tri", ids)
        self.assertIn("upper", ids)
        self.assertNotIn("hidden", ids)

    def test_plan_files_that_cannot_be_read_or_recorded_write_nothing(self):
        out = os.path.join(self.folder, "out.pit")
        missing = self.run_pit("new", "P", "--plan", "tool-a-90.yaml", "-o", out, "--no-open")
        self.assertEqual(missing.returncode, 66)
        self.assertEqual(missing.stderr.strip(), f"pit: {self.folder}/tool-a-90.yaml: no such file; "
                         "the built-in plan of that name is given without .yaml: --plan tool-a-90")
        os.mkfifo(os.path.join(self.folder, "fifo.yaml"))
        for given, kind in (("./fifo.yaml", "a FIFO (named pipe)"), ("/dev/zero", "a device"), (".", "a folder")):
            result = self.run_pit("new", "P", "--plan", given, "-o", out, "--no-open")
            self.assertEqual(result.returncode, 66, result.stderr)
            self.assertIn(f"cannot read the plan: it is {kind}, not a regular file", result.stderr)
        many = self.write(os.path.join(self.folder, "many.yaml"), "schema: 1\ntitle: Q\nitems:\n"
                          + "  - instrument: tool-a\n    minutes: 1\n" * 300)
        result = self.run_pit("new", "P", "--plan", many, "-o", out, "--no-open")
        self.assertEqual(result.returncode, 65)
        self.assertEqual(result.stderr.strip(), f"pit: {many}:4:3: the plan has 300 items; a plan has at most 256: split it into two sessions")
        self.assertFalse(os.path.exists(out))
