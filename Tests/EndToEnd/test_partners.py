"""Three partners self-assess in their own files; the facilitator merges them."""
import os
import shutil
import sqlite3
import tempfile
import unittest

from tmux_driver import Pane
from test_sessions import pit

PARTNERS = [("City Council", "la", "4302"), ("NHS Trust", "nhs", "2245"), ("Residents Panel", "residents", "1135")]


def scores_by_group_name(path):
    """{group name: {element: level or 'na'}} read straight from the file."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        names = {row[0]: row[1] for row in db.execute("select subject, text from events where kind = 'groupAdded'")}
        result = {}
        for subject, element, level, na in db.execute(
                "select subject, element, level, na from events where kind = 'scoreRecorded' order by seq"):
            result.setdefault(names[subject], {})[element] = "na" if na else level
        return result
    finally:
        db.close()


class SelfAssessmentAcrossInstruments(unittest.TestCase):
    """A partner assesses Tool A and Tool B, stops part-way, resumes, and is told what to send."""

    def test_two_instruments_resume_and_finish(self):
        folder = tempfile.mkdtemp(prefix="pit-partner-two-")
        path = os.path.join(folder, "nhs.pit")
        try:
            pane = Pane(["assess", "--as", "NHS Trust", "--instruments", "tool-a,tool-b", "-o", path], 90, 26)
            try:
                screen = pane.wait_for("Tool B: 0% done (0/9)")
                self.assertIn("Tool A: 0% done (0/10)", screen)
                pane.keys("Down", "Enter")           # Tool B's elements
                pane.wait_for("Tool B: Strengthen community action")
                pane.keys("Enter")
                pane.wait_for("Element 1 of 9")
                for n, level in enumerate("342", start=2):
                    pane.keys(level)
                    pane.wait_for(f"Element {n} of 9")
                pane.keys("q")
                pane.wait_for("Tool B: 33% done (3/9)")
                pane.keys("q", "q")
                self.assertEqual(pane.ended()[0], 0)
            finally:
                pane.close()
            self.assertEqual(len(scores_by_group_name(path)["NHS Trust"]), 3)

            # Reopened, it lands on the first element still to answer: Tool A's first.
            pane = Pane(["assess", "--as", "NHS Trust", "-o", path], 90, 26)
            try:
                pane.wait_for("Tool A · Step 1 of 10")
                for n in range(2, 11):
                    pane.keys("3")
                    pane.wait_for(f"Step {n} of 10")
                pane.keys("3")
                pane.wait_for("Tool A is done")
                pane.keys("q", "q")
                pane.wait_for("done overall")
                pane.keys("Down", "Enter", "Enter")   # Tool B, at its first unanswered element
                pane.wait_for("Element 4 of 9")
                for n in range(5, 10):
                    pane.keys("2")
                    pane.wait_for(f"Element {n} of 9")
                pane.keys("2")
                screen = pane.wait_for("100% done")
                self.assertIn("nhs.pit", screen.replace("\n", ""), "the message names the file to send")
                self.assertIn("facilitator", screen)
                pane.keys("q", "q")
                screen = pane.wait_for("100% done: every element is answered")
                pane.keys("q")
                self.assertEqual(pane.ended()[0], 0)
            finally:
                pane.close()
            answers = scores_by_group_name(path)["NHS Trust"]
            self.assertEqual(len(answers), 19, "every element of both instruments answered")
        finally:
            shutil.rmtree(folder, ignore_errors=True)


class ResumingAnAssessment(unittest.TestCase):
    """Carrying on with a file is for the partner it belongs to, and says what it will not do."""

    def setUp(self):
        self.folder = tempfile.mkdtemp(prefix="pit-resume-")
        self.addCleanup(shutil.rmtree, self.folder, True)
        self.path = os.path.join(self.folder, "nhs.pit")
        made = pit("assess", "--as", "NHS Trust", "--sector", "nhs", "-o", self.path, "--no-open")
        self.assertEqual(made.returncode, 0, made.stderr)

    def test_another_partners_file_is_refused_and_left_alone(self):
        with open(self.path, "rb") as f:
            before = f.read()
        result = pit("assess", "--as", "Other Org", "-o", self.path, "--no-open")
        self.assertEqual(result.returncode, 64)
        self.assertIn("is NHS Trust's self-assessment, not Other Org's", result.stderr)
        with open(self.path, "rb") as f:
            self.assertEqual(f.read(), before)

    def test_options_that_cannot_apply_are_refused_or_said(self):
        self.assertEqual(pit("assess", "--as", "NHS Trust", "--sector", "bogus", "-o", self.path, "--no-open").returncode, 64)
        self.assertEqual(pit("assess", "--as", "NHS Trust", "--instruments", "nonexistent", "-o", self.path, "--no-open").returncode, 64)
        more = pit("assess", "--as", "nhs trust", "--instruments", "tool-a,tool-c", "-o", self.path, "--no-open")
        self.assertEqual(more.returncode, 0, more.stderr)
        self.assertIn("It does not assess tool-c", more.stdout)
        self.assertIn("pit instruments add", more.stdout)


class SelfAssessmentAndMerge(unittest.TestCase):
    def test_three_partners_assess_then_merge(self):
        folder = tempfile.mkdtemp(prefix="pit-partners-")
        try:
            files = []
            for name, sector, levels in PARTNERS:
                path = os.path.join(folder, name.lower().replace(" ", "-") + ".pit")
                files.append(path)
                pane = Pane(["assess", "--as", name, "--sector", sector, "-o", path], 90, 26)
                try:
                    pane.wait_for("Tool A: 0% done")
                    pane.keys("Enter")
                    pane.wait_for("Step 1 of 10")
                    for i, level in enumerate(levels):
                        pane.keys(level)
                        # Each answer moves on to the next step by itself.
                        pane.wait_for(f"Step {i + 2} of 10")
                    pane.keys("q")
                    screen = pane.wait_for("Tool A: 40% done (4/10)")
                    self.assertNotIn("reveal", screen)
                    pane.keys("q")
                    self.assertEqual(pane.ended()[0], 0)
                finally:
                    pane.close()
            # Resumable: opening the same file again carries on where it was.
            again = pit("assess", "--as", "NHS Trust", "-o", files[1], "--no-open")
            self.assertEqual(again.returncode, 0, again.stderr)
            self.assertIn("Carrying on", again.stdout)

            merged = os.path.join(folder, "workshop.pit")
            result = pit("merge", *files, "-o", merged, "--title", "Northbridge")
            self.assertEqual(result.returncode, 0, result.stderr)
            combined = scores_by_group_name(merged)
            self.assertEqual(sorted(combined), sorted(name for name, _, _ in PARTNERS))
            for path, (name, _, _) in zip(files, PARTNERS):
                self.assertEqual(combined[name], scores_by_group_name(path)[name], name)

            # The same partner twice is refused unless renamed.
            copy = os.path.join(folder, "council-copy.pit")
            shutil.copyfile(files[0], copy)
            twice = os.path.join(folder, "twice.pit")
            refused = pit("merge", files[0], copy, "-o", twice)
            self.assertEqual(refused.returncode, 65, refused.stderr)
            self.assertIn("City Council", refused.stderr)
            self.assertFalse(os.path.exists(twice))
            renamed = pit("merge", files[0], copy, "-o", twice, "--rename", "City Council=City Council (copy)")
            self.assertEqual(renamed.returncode, 0, renamed.stderr)
            self.assertEqual(sorted(scores_by_group_name(twice)), ["City Council", "City Council (copy)"])
        finally:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    unittest.main()
