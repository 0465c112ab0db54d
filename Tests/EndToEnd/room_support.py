"""Helpers for the live room's end-to-end tests: a facilitator in tmux serving the room on
127.0.0.1 (a free port), and devices that talk to it over loopback only."""
import http.cookiejar
import os
import re
import shutil
import subprocess
import tempfile
import time
import urllib.parse
import urllib.request

from tmux_driver import PIT, Pane

GROUPS = "City Council:la,NHS Trust:nhs,Voluntary Action:vcse,Residents:residents"


class Facilitator:
    """`pit open FILE --room` in a tmux pane: the join screen first, then the screens."""

    def __init__(self, width=100, height=30, options=(), env=None):
        self.folder = tempfile.mkdtemp(prefix="pit-room-e2e-")
        self.path = os.path.join(self.folder, "room.pit")
        made = subprocess.run([PIT, "new", "Healthier Northbridge", "--groups", GROUPS, "-o", self.path, "--no-open"],
                              capture_output=True, text=True)
        assert made.returncode == 0, made.stderr
        self.pane = Pane(["open", self.path, "--as", "Fran", "--room", "--bind", "127.0.0.1", "--port", "0", *options],
                         width, height, env=env)
        screen = self.pane.wait_for("Room code:")
        address = re.search(r"http://127\.0\.0\.1:(\d+)", screen)
        code = re.search(r"Room code:\s*\n\s*.*?([A-Z2-9]{3} [A-Z2-9]{3})", screen)
        assert address and code, screen
        self.port = int(address.group(1))
        self.base = f"http://127.0.0.1:{self.port}"
        self.code = code.group(1).replace(" ", "")

    def go_to_step_one(self):
        self.pane.keys("q")                 # from the join screen back to the triangle
        self.pane.wait_for("SERVICE")
        self.pane.keys("p")
        self.pane.wait_for("Leadership in place")
        self.pane.keys("Enter")
        self.pane.wait_for("Step 1 of 10")

    def close(self):
        self.pane.close()
        shutil.rmtree(self.folder, ignore_errors=True)


class RoomProcess:
    """`pit room FILE` on 127.0.0.1: started, killed without closing, started again."""

    def __init__(self, path, port=0, env=None):
        self.path, self.env = path, {**os.environ, **(env or {})}
        self.process = subprocess.Popen([PIT, "room", path, "--bind", "127.0.0.1", "--port", str(port)],
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=self.env)
        lines = []
        while len(lines) < 60 and "Ctrl-C closes the room" not in (lines[-1] if lines else ""):
            line = self.process.stdout.readline()
            if not line:
                break
            lines.append(line)
        text = "".join(lines)
        address = re.search(r"Address:\s+http://127\.0\.0\.1:(\d+)", text)
        code = re.search(r"Room code: ([A-Z2-9]{3} [A-Z2-9]{3})", text)
        self.started = bool(address and code)
        if self.started:
            self.port = int(address.group(1))
            self.base = f"http://127.0.0.1:{self.port}"
            self.code = code.group(1).replace(" ", "")
        else:
            self.stop()

    def kill(self):
        """Ends it as a crash or a power cut would: no farewell to the devices."""
        self.process.kill()
        self.process.communicate()

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(2)
        self.process.communicate(timeout=10)


class Device:
    """A phone without a browser: plain form posts with its own cookie jar."""

    def __init__(self, base):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        # No proxy, whatever the environment says: these requests stay on 127.0.0.1.
        self.opener = urllib.request.build_opener(urllib.request.ProxyHandler({}), urllib.request.HTTPCookieProcessor(self.jar))

    def post(self, path, **fields):
        data = urllib.parse.urlencode(fields).encode()
        try:
            with self.opener.open(self.base + path, data=data, timeout=10) as reply:
                return reply.status, reply.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def join(self, code, group):
        return self.post("/join", code=code, group=group)

    def score(self, element, answer):
        return self.post("/score", element=element, answer=answer)


def wait_until(check, timeout=10.0, what="condition"):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if check():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def decode_block_qr(text, folder):
    """Reads a QR code drawn with half blocks (█ ▀ ▄, light modules drawn, as `pit room`
    prints it for a dark terminal) out of terminal text: draws it as a picture (8 pixels a
    module) and decodes it with zbarimg, as a phone camera would. Returns the decoded text,
    or None."""
    rows, column, width = [], None, 0
    for line in text.split("\n"):
        if column is None:
            # The quiet zone's top row: a run of full blocks gives the code's column and width.
            if "█" * 21 in line:
                column = line.index("█")
                width = len(line[column:]) - len(line[column:].lstrip("█"))
            else:
                continue
        cells = line[column:column + width].ljust(width)
        if not set(cells) <= set("█▀▄ ") or not cells.strip():
            break
        rows.append([c in "█▀" for c in cells])
        rows.append([c in "█▄" for c in cells])
    if not rows:
        return None
    width, scale, pad = max(len(r) for r in rows), 8, 4
    path = os.path.join(folder, "qr.pgm")
    with open(path, "wb") as f:
        f.write(f"P5 {(width + 2 * pad) * scale} {(len(rows) + 2 * pad) * scale} 255\n".encode())
        for y in range(len(rows) + 2 * pad):
            line = bytearray()
            for x in range(width + 2 * pad):
                ry, rx = y - pad, x - pad
                light = not (0 <= ry < len(rows) and 0 <= rx < len(rows[ry])) or rows[ry][rx]
                line += bytes([255 if light else 0]) * scale
            for _ in range(scale):
                f.write(line)
    result = subprocess.run(["zbarimg", "-q", "--raw", path], capture_output=True, text=True)
    return result.stdout.strip() or None


# The terminal's own colours where a cell asks for none: a dark terminal (light text on
# black) or a light one (dark text on white).
DARK_TERMINAL = ((229, 229, 229), (0, 0, 0))
LIGHT_TERMINAL = ((0, 0, 0), (255, 255, 255))

_BASIC = [(0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
          (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255)]


def _rgb(index):
    """xterm's colour for a 256-colour index."""
    if index < 16:
        return _BASIC[index]
    if index < 232:
        c = index - 16
        level = lambda v: 0 if v == 0 else 55 + 40 * v
        return (level(c // 36), level((c // 6) % 6), level(c % 6))
    grey = 8 + 10 * (index - 232)
    return (grey, grey, grey)


def _screen_cells(ansi, terminal):
    """The cells of `tmux capture-pane -e` output: (character, foreground, background) in
    RGB, after the SGR codes, reverse video and the terminal's default colours."""
    default_fg, default_bg = terminal
    rows = []
    fg = bg = None
    reverse = False
    for line in ansi.split("\n"):
        row = []
        i = 0
        while i < len(line):
            if line[i] == "\x1b":
                match = re.match(r"\x1b\[([0-9;]*)m", line[i:])
                if not match:
                    i += 1
                    continue
                codes = [int(c) if c else 0 for c in match.group(1).split(";")]
                k = 0
                while k < len(codes):
                    c = codes[k]
                    if c == 0:
                        fg = bg = None
                        reverse = False
                    elif c == 7:
                        reverse = True
                    elif c == 27:
                        reverse = False
                    elif 30 <= c <= 37:
                        fg = _rgb(c - 30)
                    elif 90 <= c <= 97:
                        fg = _rgb(c - 90 + 8)
                    elif c == 39:
                        fg = None
                    elif 40 <= c <= 47:
                        bg = _rgb(c - 40)
                    elif 100 <= c <= 107:
                        bg = _rgb(c - 100 + 8)
                    elif c == 49:
                        bg = None
                    elif c in (38, 48) and k + 2 < len(codes) and codes[k + 1] == 5:
                        if c == 38:
                            fg = _rgb(codes[k + 2])
                        else:
                            bg = _rgb(codes[k + 2])
                        k += 2
                    k += 1
                i += len(match.group(0))
                continue
            front, back = fg or default_fg, bg or default_bg
            if reverse:
                front, back = back, front
            row.append((line[i], front, back))
            i += 1
        rows.append(row)
    return rows


def decode_screen_qr(ansi, folder, terminal):
    """Reads the QR code off a whole screen as a camera would see it in the terminal's
    colours: each half of each cell is the colour it shows (a half block's foreground, or
    the background), every other character is taken as blank. The picture goes to zbarimg
    with nothing added around it. Returns the decoded text, or None."""
    pixels = []
    for row in _screen_cells(ansi, terminal):
        top, bottom = [], []
        for char, front, back in row:
            top.append(front if char in "█▀" else back)
            bottom.append(front if char in "█▄" else back)
        pixels += [top, bottom]
    width = max(len(r) for r in pixels)
    pixels = [r + [terminal[1]] * (width - len(r)) for r in pixels]
    scale = 8
    path = os.path.join(folder, "screen.pgm")
    with open(path, "wb") as f:
        f.write(f"P5 {width * scale} {len(pixels) * scale} 255\n".encode())
        for r in pixels:
            line = bytearray()
            for red, green, blue in r:
                line += bytes([int(0.299 * red + 0.587 * green + 0.114 * blue)]) * scale
            for _ in range(scale):
                f.write(line)
    result = subprocess.run(["zbarimg", "-q", "--raw", path], capture_output=True, text=True)
    return result.stdout.strip() or None
