"""Bytes pit writes to the terminal for one arrow key on the triangle, against the cells
that key changed. pit runs `open demo.pit` on a pseudo-terminal at 250x70; a terminal
emulator in memory (pyte) follows its output, so the screen before and after each key can
be compared cell by cell (character, colours, bold, reverse...). The yardstick is the UTF-8
size of the changed cells' characters: the least any program could send for them.

    pip install pyte
    python3 Benchmarks/arrow_bytes.py [KEYS]     # builds .build/release/pit first if missing (or PIT_BIN)

Prints, per key, the bytes written, the cells changed, their UTF-8 bytes and the ratio,
then what the bytes written were: colours and attributes, text, cursor moves, erasing.
"""
import collections
import os
import pty
import re
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import time
import fcntl
import termios

import prerequisites

try:
    import pyte
except ImportError:
    sys.exit("arrow_bytes.py needs pyte: pip install pyte")

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PIT = prerequisites.pit(prerequisites.RELEASE_PIT)[0]
KEYS = int(sys.argv[1]) if len(sys.argv) > 1 else 12
WIDTH, HEIGHT = 250, 70
SANDBOX = tempfile.mkdtemp(prefix="pit-arrow-bytes-")
ENV = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8",
           HOME=SANDBOX, XDG_STATE_HOME=SANDBOX, XDG_CONFIG_HOME=SANDBOX, XDG_CACHE_HOME=SANDBOX)
# What xterm sends for each arrow once ncurses has switched the keypad to application mode.
ARROWS = [b"\x1bOC", b"\x1bOC", b"\x1bOB", b"\x1bOD", b"\x1bOA", b"\x1bOD"]


def read_until_quiet(fd, quiet=0.4, limit=10.0):
    """Everything the program writes until it has been silent for `quiet` seconds."""
    out, started, last = b"", time.perf_counter(), time.perf_counter()
    while time.perf_counter() - started < limit:
        if select.select([fd], [], [], 0.05)[0]:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
            last = time.perf_counter()
        elif out and time.perf_counter() - last >= quiet:
            break
    return out


# One escape sequence, control character or run of text in the output.
PIECE = re.compile(rb"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b.|[\x00-\x1f]|[^\x00-\x1f\x1b]+")


def kind(piece):
    """What one piece of the output does, for the breakdown of the bytes written."""
    if piece.startswith(b"\x1b[") and piece.endswith(b"m") or piece[:2] in (b"\x1b(", b"\x1b)"):
        return "colours and attributes (SGR, ESC( of a reset)"
    if piece.startswith(b"\x1b[?"):
        return "modes (cursor shown or hidden)"
    if piece.startswith(b"\x1b[") and piece[-1:] in b"HfABCDGd" or piece in (b"\r", b"\n", b"\b"):
        return "cursor moves"
    if piece.startswith(b"\x1b[") and piece[-1:] in b"XKJP@":
        return "erasing, deleting, inserting"
    if piece.startswith(b"\x1b") or piece[0] < 0x20:
        return "other"
    return "text"


def cells(screen):
    """Every cell as it looks: (character, foreground, background, bold, italics, underscore,
    reverse). A space shows only its background unless it is underlined or reversed, so
    for such a space the invisible parts are left out: repainting a space in another
    foreground colour or without bold changes nothing anyone can see."""
    def look(c):
        if c.data == " " and not c.underscore and not c.reverse:
            return (" ", None, c.bg, False, False, False, False)
        return (c.data, c.fg, c.bg, c.bold, c.italics, c.underscore, c.reverse)
    return [[look(screen.buffer[y][x]) for x in range(screen.columns)] for y in range(screen.lines)]


def main():
    demo = os.path.join(SANDBOX, "demo.pit")
    subprocess.run([PIT, "demo", "-o", demo, "--no-open"], env=ENV, check=True, stdout=subprocess.DEVNULL)
    screen = pyte.Screen(WIDTH, HEIGHT)
    stream = pyte.ByteStream(screen)
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(PIT, [PIT, "open", demo], ENV)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", HEIGHT, WIDTH, 0, 0))
    rows = []
    breakdown = collections.Counter()
    try:
        first = read_until_quiet(fd, quiet=0.8)
        if b"COMMUNITY" not in first:
            sys.exit("no triangle on the first frame")
        stream.feed(first)
        for i in range(KEYS):
            before = cells(screen)
            os.write(fd, ARROWS[i % len(ARROWS)])
            written = read_until_quiet(fd)
            stream.feed(written)
            for piece in PIECE.findall(written):
                breakdown[kind(piece)] += len(piece)
            after = cells(screen)
            changed = [(y, x) for y in range(HEIGHT) for x in range(WIDTH) if before[y][x] != after[y][x]]
            # The second column of a wide character holds "" and costs nothing to send:
            # its first column's bytes draw both.
            floor = sum(len(after[y][x][0].encode()) for y, x in changed)
            rows.append((len(written), len(changed), floor))
    finally:
        os.kill(pid, signal.SIGTERM)
        os.waitpid(pid, 0)
        os.close(fd)
        shutil.rmtree(SANDBOX, ignore_errors=True)
    print(f"arrow keys on the triangle at {WIDTH}x{HEIGHT}: bytes written against the cells that changed")
    print(f"{'key':>4} {'bytes written':>14} {'cells changed':>14} {'their UTF-8 bytes':>18} {'ratio':>7}")
    for i, (written, changed, floor) in enumerate(rows, 1):
        ratio = written / floor if floor else float("inf")
        print(f"{i:4} {written:14} {changed:14} {floor:18} {ratio:7.2f}")
    total_written, total_floor = sum(r[0] for r in rows), sum(r[2] for r in rows)
    print(f"all  {total_written:14} {sum(r[1] for r in rows):14} {total_floor:18} {total_written / total_floor:7.2f}"
          f"   (median ratio {statistics.median(r[0] / r[2] for r in rows if r[2]):.2f})")

    print("what the bytes written were:")
    for name, size in breakdown.most_common():
        print(f"  {name:48} {size:8}")


if __name__ == "__main__":
    main()
