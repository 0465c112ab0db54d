"""Cold start to first frame, through a pseudo-terminal: start each program on a fresh
pty, read its output until the first screen's marker has arrived, and time it. pit is
measured beside `dialog --infobox` and a bare ncurses C program in one interleaved run,
and the ratios to dialog are printed.

    python3 Benchmarks/first_frame.py [RUNS]          # apt-get install dialog for the yardstick

It measures the binary the release archive ships (.build-release/scratch/release/pit,
made by scripts/release) and the bare program (.build/bare-ncurses, from
Benchmarks/bare-ncurses.c); either is built first when it is missing.

Each run reads the pty directly (no terminal emulator, no polling), so the figure is the
time from fork to the marker's last byte. Runs are interleaved so a busy moment hurts
every program alike. A program that is missing is left out with a note.

To compare builds, name them all, separated by colons; their runs are interleaved too, and
each keeps its own cache folder (the catalogue cache is keyed on the binary):

    PIT_BIN=before/pit:after/pit python3 Benchmarks/first_frame.py 20
"""
import os
import pty
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

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 15
PITS = prerequisites.pit(prerequisites.RELEASE_ARCHIVE_PIT)
PIT = PITS[0]
SANDBOX = tempfile.mkdtemp(prefix="pit-first-frame-")
DEMO = os.path.join(SANDBOX, "demo.pit")
ENV = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8",
           HOME=SANDBOX, XDG_STATE_HOME=SANDBOX, XDG_CONFIG_HOME=SANDBOX, XDG_CACHE_HOME=SANDBOX)


def cases():
    found = []
    dialog = shutil.which("dialog")
    if dialog:
        found.append(("dialog --infobox", [dialog, "--infobox", "ready", "5", "20"], b"ready"))
    else:
        print("note: dialog is not installed (apt-get install dialog); ratios are left out")
    bare = prerequisites.bare_ncurses()
    if bare:
        found.append(("bare ncurses program", [bare], b"bare ncurses frame"))
    for number, pit in enumerate(PITS, start=1):
        build = f" #{number}" if len(PITS) > 1 else ""
        own = {"XDG_CACHE_HOME": os.path.join(SANDBOX, f"cache-{number}")} if len(PITS) > 1 else {}
        if build:
            print(f"#{number}: {pit}")
        found.append((f"pit --version{build}", [pit, "--version"], None, own))
        found.append((f"pit home{build}", [pit, "home"], b"Explore", own))
        found.append((f"pit home, a recent session{build}", [pit, "home"], b"Open demo.pit", dict(own, **WITH_RECENT)))
        found.append((f"pit open demo.pit{build}", [pit, "open", DEMO], b"COMMUNITY", own))
        found.append((f"pit home, no cache{build}", [pit, "home"], b"Explore", NO_CACHE))
    return [case if len(case) == 4 else case + ({},) for case in found]


NO_CACHE = {"XDG_CACHE_HOME": "/dev/null/no-cache"}
# A state folder whose recent list holds the demo, as a facilitator's home screen has one.
WITH_RECENT = {"XDG_STATE_HOME": os.path.join(SANDBOX, "with-recent")}


def remember_demo():
    """Opens the demo once in WITH_RECENT's state folder and quits with q, so that pit
    itself lists it among the recent sessions."""
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(PIT, [PIT, "open", DEMO], dict(ENV, **WITH_RECENT))
    seen = b""
    started = time.perf_counter()
    while b"COMMUNITY" not in seen and time.perf_counter() - started < 10:
        if select.select([fd], [], [], 0.5)[0]:
            seen += os.read(fd, 65536)
    os.write(fd, b"q")
    try:
        while os.read(fd, 65536):
            pass
    except OSError:
        pass
    os.waitpid(pid, 0)
    os.close(fd)


def first_frame(command, marker, env=None, width=80, height=24):
    """Seconds from fork until `marker` has been written (or until exit when None)."""
    started = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(command[0], command, dict(ENV, **(env or {})))
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", height, width, 0, 0))
    seen = b""
    elapsed = None
    try:
        while time.perf_counter() - started < 10:
            ready, _, _ = select.select([fd], [], [], 0.5)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                chunk = b""
            if not chunk:
                break
            seen += chunk
            if marker is not None and marker in seen:
                elapsed = time.perf_counter() - started
                break
        if marker is None:
            elapsed = time.perf_counter() - started
    finally:
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        os.waitpid(pid, 0)
        os.close(fd)
    if elapsed is None:
        raise RuntimeError(f"no first frame from {' '.join(command)}")
    return elapsed


def main():
    subprocess.run([PIT, "demo", "-o", DEMO, "--no-open"], env=ENV, check=True,
                   stdout=subprocess.DEVNULL)
    remember_demo()
    table = cases()
    samples = {label: [] for label, _, _, _ in table}
    for label, command, marker, env in table:
        first_frame(command, marker, env)  # warm the file cache (and pit's own)
    for _ in range(RUNS):
        for label, command, marker, env in table:
            samples[label].append(first_frame(command, marker, env))
    yardstick = statistics.median(samples["dialog --infobox"]) if "dialog --infobox" in samples else None
    print(f"{'first frame':31} {'median':>9} {'min':>9} {'max':>9} {'ratio to dialog':>16}   ({RUNS} interleaved runs, 80x24)")
    for label, values in samples.items():
        median = statistics.median(values)
        ratio = f"{median / yardstick:16.1f}" if yardstick else f"{'':16}"
        print(f"{label:31} {median * 1000:7.1f}ms {min(values) * 1000:7.1f}ms {max(values) * 1000:7.1f}ms {ratio}")
    shutil.rmtree(SANDBOX, ignore_errors=True)


if __name__ == "__main__":
    main()
