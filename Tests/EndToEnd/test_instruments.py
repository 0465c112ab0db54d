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
        self.assertEqual(result.returncode, 0, result.stderr)
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
