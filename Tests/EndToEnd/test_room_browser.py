"""The participant's page in a real browser (Debian's chromium with chromium-driver, driven
by Selenium), against a facilitator in tmux; everything on 127.0.0.1."""
import os
import shutil
import subprocess
import tempfile
import time
import unittest

from room_support import GROUPS, Device, Facilitator, RoomProcess, wait_until
from tmux_driver import PIT

try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.common.exceptions import WebDriverException
except ImportError:  # .ci/run installs it; say why rather than fail obscurely
    webdriver = None

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
DRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
MISSING = webdriver is None or not os.path.exists(CHROMIUM) or not os.path.exists(DRIVER)


# The colours each visible text is drawn in, over the first opaque background behind it.
COLOURS_SCRIPT = """
function opaque(el) {
  for (; el; el = el.parentElement) {
    var bg = getComputedStyle(el).backgroundColor;
    if (bg && bg !== "transparent" && !/rgba\\(.*, 0\\)$/.test(bg)) { return bg; }
  }
  return "rgb(255, 255, 255)";
}
var out = [];
document.querySelectorAll("#main *").forEach(function (el) {
  var own = Array.prototype.some.call(el.childNodes, function (n) { return n.nodeType === 3 && n.textContent.trim(); });
  if (own && el.offsetParent !== null) { out.push([el.tagName + "." + el.className, getComputedStyle(el).color, opaque(el)]); }
});
return out;
"""


def luminance(rgb):
    values = [int(v) / 255 for v in rgb[rgb.index("(") + 1:rgb.index(")")].split(",")[:3]]
    linear = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in values]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a, b):
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def browser(javascript=True):
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--no-first-run", "--window-size=420,900", "--proxy-server=direct://", "--proxy-bypass-list=*"):
        options.add_argument(argument)
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    return webdriver.Chrome(service=Service(DRIVER), options=options)


class PageReading:
    """Reading and waiting on the participant's page; `join` uses the facilitator's room
    unless given another."""

    def main_text(self, driver):
        # Between a form post and the next page there is briefly no #main (or a stale one,
        # which Chromium may report as a node that "does not belong to the document").
        try:
            return driver.find_element(By.ID, "main").text
        except WebDriverException:
            return ""

    def wait_text(self, driver, text, timeout=10):
        wait_until(lambda: text in self.main_text(driver), timeout, f"{text!r} on the page:\n{self.main_text(driver)}")

    def wait_reload(self, driver, text):
        """Waits for the page's own reload (every ten seconds without JavaScript) to show
        the plain device page with `text`."""
        wait_until(lambda: driver.current_url.endswith("/device") and text in self.main_text(driver), 25,
                   f"a reload to /device showing {text!r}; at {driver.current_url}:\n{self.main_text(driver)}")

    def join(self, driver, group_name, base=None, code=None):
        driver.get((base or self.f.base) + "/")
        driver.find_element(By.ID, "code").send_keys((code or self.f.code).lower())
        driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        self.wait_text(driver, "Which group are you?")
        driver.find_element(By.XPATH, f"//button[normalize-space()='{group_name}']").click()
        self.wait_text(driver, f"Scoring for {group_name}")

    def joined(self, group_name, waiting_for, base=None, code=None):
        """A browser with JavaScript, joined as `group_name` and showing `waiting_for`."""
        driver = browser(javascript=True)
        self.addCleanup(driver.quit)
        self.join(driver, group_name, base, code)
        self.wait_text(driver, waiting_for)
        return driver


@unittest.skipIf(MISSING, "needs selenium (pip) and chromium + chromium-driver (apt); .ci/run installs them")
class ParticipantPage(PageReading, unittest.TestCase):
    def setUp(self):
        self.f = Facilitator()
        self.addCleanup(self.f.close)

    def assert_readable(self, driver, when):
        """WCAG AA: 4.5:1 for every text on the page; and at 320 CSS pixels wide (what 200%
        zoom of a small laptop window leaves) nothing needs sideways scrolling."""
        for what, colour, background in driver.execute_script(COLOURS_SCRIPT):
            self.assertGreaterEqual(contrast(colour, background), 4.5, f"{when}: {what} {colour} on {background}")
        size = driver.get_window_size()
        driver.set_window_size(320, 800)
        self.assertLessEqual(driver.execute_script("return document.documentElement.scrollWidth"),
                             driver.execute_script("return document.documentElement.clientWidth"), f"{when}: sideways scrolling")
        driver.set_window_size(size["width"], size["height"])

    def all_locked(self, driver):
        # Asked in one script, so a live update replacing the buttons cannot go stale midway.
        return driver.execute_script(
            "var b = document.querySelectorAll('button.level');"
            "return b.length > 0 && Array.prototype.every.call(b, function (x) { return x.matches(':disabled'); });")

    def test_live_page_with_javascript(self):
        driver = self.joined("NHS Trust", "Waiting for the facilitator")
        self.f.go_to_step_one()
        self.wait_text(driver, "Leadership in place")      # arrives over the WebSocket
        wait_until(lambda: driver.title == "Leadership in place · pit", 10, f"the tab's title, not {driver.title!r}")
        driver.execute_script("window.pitMarker = 'still the same page';")
        driver.find_element(By.CSS_SELECTOR, "button.level[value='3']").click()
        self.wait_text(driver, "Saved")
        self.wait_text(driver, "Your score: 3 Developing")
        self.assert_readable(driver, "scored")
        self.f.pane.wait_for("1 of 4 in")
        self.f.pane.keys("Right")                           # the facilitator moves on
        self.wait_text(driver, "2 of 10")
        self.assertEqual(driver.execute_script("return window.pitMarker;"), "still the same page", "the page reloaded")
        driver.find_element(By.CSS_SELECTOR, "button.level[value='2']").click()
        self.wait_text(driver, "Your score: 2 Emerging")
        self.f.pane.keys("l")                               # lock voting
        wait_until(lambda: self.all_locked(driver), 10, "locked buttons")
        self.assertIn("voting is locked", self.main_text(driver))
        self.f.pane.keys("r")                               # reveal
        self.wait_text(driver, "How the room scored")
        self.assertEqual(driver.execute_script("return window.pitMarker;"), "still the same page")
        self.assert_readable(driver, "locked and revealed")
        self.f.pane.keys("R")                               # a new round after the discussion
        self.wait_text(driver, "Round 2: score again")
        self.assertIn("kept in the record", self.main_text(driver))
        self.assertEqual(driver.get_log("browser") if hasattr(driver, "get_log") else [], [], "console errors (CSP?)")
        self.f.pane.keys("J")                               # the join screen, then close the room
        self.f.pane.wait_for("Room code:")
        self.f.pane.keys("c")
        self.f.pane.wait_for("The room is closed")          # closing with a device connected does not hang
        self.wait_text(driver, "The room is closed")        # its last message, not "left" or "lost touch"
        self.assertEqual(driver.title, "The room is closed · pit")
        time.sleep(1.5)                                     # past the script's first try to reconnect
        self.assertIn("The room is closed", self.main_text(driver))
        self.assertNotIn("left the room", self.main_text(driver))

    def test_a_score_the_room_did_not_get_says_so_and_the_page_stays(self):
        self.f.go_to_step_one()
        driver = self.joined("NHS Trust", "Leadership in place")
        driver.execute_script("window.pitMarker = 'still the same page';")
        # The room out of reach for the score's post alone (the live page stays connected).
        driver.execute_cdp_cmd("Network.enable", {})
        driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": ["*/score"]})
        driver.find_element(By.CSS_SELECTOR, "button.level[value='3']").click()
        self.wait_text(driver, "Not saved: the room could not be reached when you tapped 3")
        self.assertEqual(driver.execute_script("return window.pitMarker;"), "still the same page", "the page was left")
        self.assertIn("Not scored yet", self.main_text(driver))
        # A live update (another group scores) keeps the notice: the score is still not saved.
        other = Device(self.f.base)
        self.assertEqual(other.join(self.f.code, "g1")[0], 200)
        self.assertEqual(other.score("tool-a/leadership", "2")[0], 200)
        self.wait_text(driver, "1 of 4 groups in")
        self.assertIn("Not saved: the room could not be reached", self.main_text(driver))
        driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": []})
        driver.find_element(By.CSS_SELECTOR, "button.level[value='3']").click()
        self.wait_text(driver, "Your score: 3 Developing")
        self.assertNotIn("Not saved", self.main_text(driver))
        self.f.pane.wait_for("2 of 4 in")

    def focused_level(self, driver):
        return driver.execute_script(
            "var a = document.activeElement; return a && a.classList.contains('level') ? a.value : a.tagName;")

    def test_keyboard_focus_stays_on_its_button_through_live_updates(self):
        self.f.go_to_step_one()
        driver = self.joined("City Council", "Leadership in place")
        for _ in range(20):
            if self.focused_level(driver) == "4":
                break
            driver.switch_to.active_element.send_keys(Keys.TAB)
        else:
            self.fail("Tab never reached the level 4 button")
        # Another group scores: the page is replaced by a live update, the focus stays.
        other = Device(self.f.base)
        self.assertEqual(other.join(self.f.code, "g2")[0], 200)
        self.assertEqual(other.score("tool-a/leadership", "2")[0], 200)
        self.wait_text(driver, "1 of 4 groups in")
        self.assertEqual(self.focused_level(driver), "4")
        driver.switch_to.active_element.send_keys(Keys.SPACE)
        self.wait_text(driver, "Your score: 4 Established")
        self.assertEqual(self.focused_level(driver), "4", "after the score's own update")
        # Only the one announcing line is a live region, not the whole page.
        self.assertIsNone(driver.find_element(By.ID, "main").get_attribute("aria-live"))
        wait_until(lambda: "2 of 4 groups in" in driver.find_element(By.ID, "announce").get_attribute("textContent"), 10,
                   "the state read out")

    def test_a_released_device_is_told_the_facilitator_released_it(self):
        driver = self.joined("City Council", "Waiting for the facilitator")
        self.f.pane.wait_for("1 of 4 groups have a device")
        self.f.pane.keys("d")                               # on the join screen, City Council first
        self.f.pane.wait_for("0 of 4 groups have a device")
        self.wait_text(driver, "The facilitator released your group's devices")
        self.assertIn("Join the room", self.main_text(driver))
        self.assertNotIn("left the room", self.main_text(driver))

    def test_plain_forms_without_javascript(self):
        driver = browser(javascript=False)
        self.addCleanup(driver.quit)
        self.f.go_to_step_one()
        # A mistyped code stays in the field, to be corrected.
        driver.get(self.f.base + "/")
        driver.find_element(By.ID, "code").send_keys("WRONG2")
        driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        self.wait_text(driver, "not this room's code")
        self.assertEqual(driver.find_element(By.ID, "code").get_attribute("value"), "WRONG2")
        self.join(driver, "Residents")
        self.wait_text(driver, "Leadership in place")
        # By keyboard alone: Tab to level 4, Enter to choose it.
        for _ in range(20):
            if driver.execute_script("var a = document.activeElement; return a && a.classList.contains('level') && a.value;") == "4":
                break
            driver.switch_to.active_element.send_keys(Keys.TAB)
        else:
            self.fail("Tab never reached the level 4 button")
        driver.switch_to.active_element.send_keys(Keys.ENTER)
        self.wait_text(driver, "Saved")
        self.assertIn("/device?saved=", driver.current_url)
        self.wait_text(driver, "Your score: 4 Established")
        self.f.pane.keys("Right")
        self.f.pane.wait_for("Step 2 of 10")
        # The page reloads itself every ten seconds: as the plain device page, so the next
        # step does not say "Saved".
        self.wait_reload(driver, "2 of 10")
        self.assertNotIn("Saved", self.main_text(driver))
        # A score from a page the facilitator has moved on from is refused, at /score; the
        # reload goes back to the device page rather than asking for /score.
        self.f.pane.keys("Right")
        self.f.pane.wait_for("Step 3 of 10")
        driver.find_element(By.CSS_SELECTOR, "button.level[value='2']").click()
        self.wait_text(driver, "moved on")
        self.wait_reload(driver, "3 of 10")
        self.f.pane.keys("l")
        self.f.pane.wait_for("locked")
        driver.get(self.f.base + "/device")
        self.assertTrue(self.all_locked(driver), "buttons not locked")
        self.f.pane.keys("l")
        self.f.pane.wait_for("Voting unlocked")
        self.f.pane.keys("r")
        self.f.pane.wait_for("Scores (revealed)")
        driver.get(self.f.base + "/device")
        self.wait_text(driver, "How the room scored")
        self.assertTrue(self.all_locked(driver), "after the reveal a group scores again only in a new round")


@unittest.skipIf(MISSING, "needs selenium (pip) and chromium + chromium-driver (apt); .ci/run installs them")
class RestartedRoom(PageReading, unittest.TestCase):
    """`pit room` killed without closing and started again on the same port: the live page
    comes back to a room that does not know it, and says so."""

    def test_a_device_of_a_room_that_restarted_is_told_so(self):
        folder = tempfile.mkdtemp(prefix="pit-room-restart-")
        self.addCleanup(shutil.rmtree, folder, True)
        path = os.path.join(folder, "room.pit")
        made = subprocess.run([PIT, "new", "Healthier Northbridge", "--groups", GROUPS, "-o", path, "--no-open"],
                              capture_output=True, text=True)
        self.assertEqual(made.returncode, 0, made.stderr)
        # A short heartbeat, so the killed room's presence goes stale in seconds.
        env = {"PIT_ROOM_PRESENCE_SECONDS": "1"}
        first = RoomProcess(path, env=env)
        self.assertTrue(first.started)
        self.addCleanup(lambda: first.process.poll() is None and first.kill())
        driver = self.joined("NHS Trust", "Waiting for the facilitator", first.base, first.code)
        first.kill()
        rooms = []
        wait_until(lambda: rooms.append(RoomProcess(path, first.port, env)) or rooms[-1].started, 20, "the room again")
        self.addCleanup(rooms[-1].stop)
        self.wait_text(driver, "the room was closed or restarted since it joined", timeout=30)
        self.assertNotIn("left the room", self.main_text(driver))


if __name__ == "__main__":
    unittest.main()
