"""Reopening a session returns the facilitator to where they were."""
import os
import shutil
import tempfile
import unittest

from tmux_driver import Pane
from test_sessions import pit


class ReopenWhereYouWere(unittest.TestCase):
    def test_open_returns_to_the_last_step_and_back_leads_to_its_list(self):
        folder = tempfile.mkdtemp(prefix="pit-place-")
        state = os.path.join(folder, "state")   # the same state folder for both runs
        path = os.path.join(folder, "northbridge.pit")
        try:
            made = pit("new", "Northbridge", "--groups", "Council:la,NHS:nhs", "-o", path, "--no-open")
            self.assertEqual(made.returncode, 0, made.stderr)
            pane = Pane(["open", path], 90, 26, env={"XDG_STATE_HOME": state})
            try:
                pane.wait_for("SERVICE")
                pane.keys("p")
                pane.wait_for("Tool A: Place-based planning")
                pane.keys("7")
                pane.wait_for("Step 7 of 10")
                pane.keys("Right")
                pane.wait_for("Step 8 of 10")
                pane.keys("q", "q", "q")
                self.assertEqual(pane.ended()[0], 0)
            finally:
                pane.close()
            self.assertTrue(os.path.exists(os.path.join(state, "pit", "places.json")), "kept in the state folder")

            pane = Pane(["open", path], 90, 26, env={"XDG_STATE_HOME": state})
            try:
                pane.wait_for("Step 8 of 10")
                pane.keys("q")
                screen = pane.wait_for("Tool A: Place-based planning")
                selected = [line for line in screen.splitlines() if "→" in line]
                self.assertTrue(selected and "Information governance" in selected[0], "step 8 is selected in the list")
                pane.keys("q", "q")
                self.assertEqual(pane.ended()[0], 0)
            finally:
                pane.close()
        finally:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    unittest.main()
