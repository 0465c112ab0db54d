"""A room served by `pit room FILE` beside a facilitator's `pit open FILE` in another terminal:
the facilitator's screen shows which groups have a device, from the presence the room
process publishes in the session file, and stops showing them when that room ends.
And J from a session opened on the home screen opens the room, as it does after `pit open`."""
import os
import re
import shutil
import subprocess
import tempfile
import time
import unittest

from room_support import DARK_TERMINAL, GROUPS, LIGHT_TERMINAL, Device, decode_screen_qr
from tmux_driver import PIT, Pane


def wait_for_absence(pane, text, timeout=10.0):
    deadline = time.time() + timeout
    while time.time() < deadline:
        screen = pane.screen()
        if text not in screen:
            return screen
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {text!r} to go; screen was:\n{pane.screen()}")


class RoomBesideTheFacilitator(unittest.TestCase):
    def setUp(self):
        self.folder = tempfile.mkdtemp(prefix="pit-room-presence-")
        self.addCleanup(shutil.rmtree, self.folder, True)
        self.path = os.path.join(self.folder, "room.pit")
        made = subprocess.run([PIT, "new", "Healthier Northbridge", "--groups", GROUPS, "-o", self.path, "--no-open"],
                              capture_output=True, text=True)
        self.assertEqual(made.returncode, 0, made.stderr)

    def start_room(self, env=None):
        room = subprocess.Popen([PIT, "room", self.path, "--bind", "127.0.0.1", "--port", "0"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                env={**os.environ, **(env or {})})
        self.addCleanup(lambda: (room.kill(), room.communicate()) if room.poll() is None else room.communicate())
        lines = []
        while len(lines) < 60 and "Ctrl-C closes the room" not in (lines[-1] if lines else ""):
            lines.append(room.stdout.readline())
        text = "".join(lines)
        address = re.search(r"Address:\s+(http://127\.0\.0\.1:\d+)", text)
        code = re.search(r"Room code: ([A-Z2-9]{3} [A-Z2-9]{3})", text)
        self.assertTrue(address and code, text)
        return room, address.group(1), code.group(1).replace(" ", "")

    def facilitator_on_step_one(self):
        pane = Pane(["open", self.path, "--as", "Fran"], 100, 30)
        self.addCleanup(pane.close)
        pane.wait_for("SERVICE")
        pane.keys("p")
        pane.wait_for("Leadership in place")
        pane.keys("Enter")
        pane.wait_for("Step 1 of 10")
        return pane

    def test_a_device_joining_the_other_process_shows_and_a_clean_close_removes_it(self):
        room, base, code = self.start_room()
        pane = self.facilitator_on_step_one()
        pane.wait_for("0 of 4 in · 0 with a device")
        status, page = Device(base).join(code, "g2")
        self.assertEqual(status, 200, page)
        screen = pane.wait_for("0 of 4 in · 1 with a device (◉)")
        self.assertEqual(len([line for line in screen.split("\n") if "◉ │" in line]), 1, screen)
        self.assertIn("NHS Trust", next(line for line in screen.split("\n") if "◉ │" in line))
        pane.wait_for("Room: NHS Trust device 1 joined")
        room.send_signal(2)
        room.communicate(timeout=10)
        self.assertEqual(room.returncode, 0)
        # Cleared at once: well before the 30 seconds after which a killed room's presence is ignored.
        screen = wait_for_absence(pane, "◉", timeout=8)
        self.assertIn("0 of 4 groups have scored", screen)

    def test_a_second_room_on_the_same_file_is_refused_with_status_75(self):
        room, base, code = self.start_room()
        second = subprocess.run([PIT, "room", self.path, "--bind", "127.0.0.1", "--port", "0"],
                                capture_output=True, text=True, timeout=20)
        self.assertEqual(second.returncode, 75, second.stderr)
        self.assertIn("a live room is already open on", second.stderr)
        self.assertIn("room.pit", second.stderr)
        status, _ = Device(base).join(code, "g1")
        self.assertEqual(status, 200, "the first room still serves")

    def test_a_killed_room_goes_stale(self):
        # A one-second heartbeat: the presence is stale three seconds after the room stops.
        room, base, code = self.start_room(env={"PIT_ROOM_PRESENCE_SECONDS": "1"})
        pane = self.facilitator_on_step_one()
        status, page = Device(base).join(code, "g1")
        self.assertEqual(status, 200, page)
        pane.wait_for("1 with a device (◉)")
        time.sleep(4.5)
        self.assertIn("1 with a device (◉)", pane.screen(), "the heartbeat keeps a running room fresh")
        room.kill()
        room.communicate(timeout=10)
        screen = wait_for_absence(pane, "◉", timeout=10)
        self.assertIn("0 of 4 groups have scored", screen)


class RoomCommandQRInATerminal(unittest.TestCase):
    """`pit room` in a terminal prints its QR code black on white, so it reads on a light
    terminal as on a dark one (piped, it prints plain half blocks: see test_room_cli)."""

    @unittest.skipIf(shutil.which("zbarimg") is None, "needs zbarimg (apt: zbar-tools); .ci/run installs it")
    def test_the_printed_code_reads_on_dark_and_light_terminals(self):
        folder = tempfile.mkdtemp(prefix="pit-room-qr-")
        self.addCleanup(shutil.rmtree, folder, True)
        path = os.path.join(folder, "room.pit")
        made = subprocess.run([PIT, "new", "Room", "--groups", GROUPS, "-o", path, "--no-open"], capture_output=True, text=True)
        self.assertEqual(made.returncode, 0, made.stderr)
        # screen-256color has no `bce`: blank cells are written, so the capture keeps their colour.
        pane = Pane(["room", path, "--bind", "127.0.0.1", "--port", "0"], 80, 40, env={"TERM": "screen-256color"})
        self.addCleanup(pane.close)
        screen = pane.wait_for("Ctrl-C closes the room")
        address = re.search(r"Address:\s+(http://127\.0\.0\.1:\d+)", screen)
        code = re.search(r"Room code: ([A-Z2-9]{3} [A-Z2-9]{3})", screen)
        self.assertTrue(address and code, screen)
        expected = f"{address.group(1)}/?code={code.group(1).replace(' ', '')}"
        coloured = pane.screen_with_colours()
        for terminal in (DARK_TERMINAL, LIGHT_TERMINAL):
            self.assertEqual(decode_screen_qr(coloured, folder, terminal), expected)


class RoomFromTheHomeScreen(unittest.TestCase):
    def setUp(self):
        self.folder = tempfile.mkdtemp(prefix="pit-room-home-")
        self.addCleanup(shutil.rmtree, self.folder, True)
        self.state = os.path.join(self.folder, "state")
        os.makedirs(self.state)
        self.path = os.path.join(self.folder, "room.pit")
        made = subprocess.run([PIT, "new", "Healthier Northbridge", "--groups", GROUPS, "-o", self.path, "--no-open"],
                              capture_output=True, text=True)
        self.assertEqual(made.returncode, 0, made.stderr)

    def home(self):
        pane = Pane(["home", "--bind", "127.0.0.1", "--port", "0"], 100, 30, env={"XDG_STATE_HOME": self.state})
        self.addCleanup(pane.close)
        pane.wait_for("Demo workshop")
        return pane

    def join_screen(self, pane):
        pane.keys("J")
        screen = pane.wait_for("Room code:")
        address = re.search(r"http://127\.0\.0\.1:(\d+)", screen)
        code = re.search(r"Room code:\s*\n\s*.*?([A-Z2-9]{3} [A-Z2-9]{3})", screen)
        self.assertTrue(address and code, screen)
        return f"http://127.0.0.1:{address.group(1)}", code.group(1).replace(" ", "")

    def test_j_opens_the_room_for_a_recent_session_opened_from_home(self):
        first = Pane(["open", self.path], 100, 30, env={"XDG_STATE_HOME": self.state})  # makes it a recent session
        self.addCleanup(first.close)
        first.wait_for("SERVICE")
        first.keys("q")
        status, _ = first.ended()
        self.assertEqual(status, 0)
        pane = self.home()
        pane.wait_for("Open room.pit")
        pane.keys("Down", "Down", "Down", "Down", "Enter")
        pane.wait_for("SERVICE")
        base, code = self.join_screen(pane)
        status, page = Device(base).join(code, "g3")
        self.assertEqual(status, 200, page)
        pane.wait_for("◉ Voluntary Action (1)")

    def test_j_opens_the_room_for_the_demo_started_from_home(self):
        pane = self.home()
        pane.keys("Down", "Down", "Down", "Enter")
        pane.wait_for("SERVICE")
        base, code = self.join_screen(pane)
        status, _ = Device(base).join(code, "nope")
        self.assertNotEqual(status, 200)
        with Device(base).opener.open(base + "/", timeout=10) as reply:
            self.assertIn("Room code", reply.read().decode())

    def test_demo_and_new_take_the_rooms_address_for_j(self):
        made = os.path.join(self.folder, "made.pit")
        for command in (["demo"], ["new", "Made here", "--groups", GROUPS, "-o", made]):
            with self.subTest(command=command[0]):
                pane = Pane(command + ["--bind", "127.0.0.1", "--port", "0"], 100, 30, env={"XDG_STATE_HOME": self.state})
                self.addCleanup(pane.close)
                pane.wait_for("SERVICE")
                base, code = self.join_screen(pane)
                status, page = Device(base).join(code, "g1" if command[0] == "new" else "council")
                self.assertEqual(status, 200, page)
                pane.wait_for("◉ ")
                pane.close()


if __name__ == "__main__":
    unittest.main()
