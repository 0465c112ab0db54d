"""The facilitator's screen follows the live room: who is in, never levels before the reveal."""
import shutil
import socket
import unittest

from room_support import DARK_TERMINAL, LIGHT_TERMINAL, Device, Facilitator, decode_screen_qr


class RoomOnTheFacilitatorsScreen(unittest.TestCase):
    def test_three_of_four_in_and_levels_only_after_reveal(self):
        f = Facilitator()
        try:
            f.go_to_step_one()
            for group, answer in (("g1", "2"), ("g2", "4"), ("g3", "4")):
                device = Device(f.base)
                status, page = device.join(f.code, group)
                self.assertEqual(status, 200, page)
                status, page = device.score("tool-a/leadership", answer)
                self.assertEqual(status, 200, page)
                self.assertIn("Saved", page)
            screen = f.pane.wait_for("3 of 4 in")
            f.pane.wait_for("Room: Voluntary Action device 1 joined")   # joins are said on any screen
            self.assertIn("Scores (hidden)", screen)
            self.assertIn("◉", screen)
            self.assertNotIn("4  Established", screen)
            self.assertNotIn("2  Emerging", screen)
            f.pane.keys("r")
            screen = f.pane.wait_for("Scores (revealed)")
            self.assertIn("4  Established", screen)
            self.assertIn("2  Emerging", screen)
        finally:
            f.close()

    @unittest.skipIf(shutil.which("zbarimg") is None, "needs zbarimg (apt: zbar-tools); .ci/run installs it")
    def test_the_join_screen_qr_code_reads_as_the_address_with_the_code(self):
        # Read in the colours the terminal shows: the default theme on a dark terminal, the
        # light theme on a light one, and the mono theme (reverse video) on a dark one.
        for theme, terminal in (("default", DARK_TERMINAL), ("light", LIGHT_TERMINAL), ("mono", DARK_TERMINAL)):
            with self.subTest(theme=theme):
                # screen-256color (tmux's own) has no `bce`, so blank cells are written, not
                # erased, and the capture keeps their colour (see Pane.screen_with_colours).
                f = Facilitator(80, 24, options=("--theme", theme), env={"TERM": "screen-256color"})
                try:
                    screen = f.pane.screen_with_colours()
                    self.assertEqual(decode_screen_qr(screen, f.folder, terminal), f"{f.base}/?code={f.code}")
                finally:
                    f.close()

    def test_closing_the_room_does_not_wait_for_a_connection_that_says_nothing(self):
        # Browsers open spare connections and may never use them; the server once waited
        # for their first request for ever, and the facilitator's screen with it.
        f = Facilitator()
        spare = socket.create_connection(("127.0.0.1", f.port))
        try:
            status, _ = Device(f.base).join(f.code, "g1")
            self.assertEqual(status, 200)
            f.pane.wait_for("1 of 4 groups have a device")
            f.pane.keys("c")
            f.pane.wait_for("The room is closed")
            spare.settimeout(10)
            self.assertEqual(spare.recv(1), b"", "the spare connection is closed")
            f.pane.keys("q")                    # from the triangle, where closing returned
            self.assertEqual(f.pane.ended()[0], 0)
        finally:
            spare.close()
            f.close()

    def test_joins_appear_on_the_join_screen_and_a_wrong_code_joins_nobody(self):
        f = Facilitator()
        try:
            status, _ = Device(f.base).join("WRONG2", "g1")
            self.assertEqual(status, 403)
            status, _ = Device(f.base).join(f.code, "g2")
            self.assertEqual(status, 200)
            screen = f.pane.wait_for("1 of 4 groups have a device")
            self.assertIn("◉ NHS Trust (1)", screen)
            self.assertIn("○ City Council", screen)
            self.assertIn("NHS Trust device 1 joined", screen)
            f.pane.keys("Down", "d")        # release NHS Trust's device
            f.pane.wait_for("0 of 4 groups have a device")
        finally:
            f.close()


if __name__ == "__main__":
    unittest.main()
