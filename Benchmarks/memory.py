"""Resident memory of pit's screens: start `pit open FILE` on a pseudo-terminal at 120x40,
wait for its first frame, let it settle, and read the peak resident set (VmHWM) from
/proc. The demo's first start (pit's caches empty: the instruments and the theme are
parsed from their YAML), then its usual start (the caches filled), then a session of
100,000 events made through `pit import`; then the demo again with pit's binary dropped
from the page cache first, so that it is read from disk as after a restart (a file just
written is cached in larger blocks, of which Linux maps more).

    python3 Benchmarks/memory.py

It measures the binary the release archive ships (.build-release/scratch/release/pit, made
by scripts/release, and built first when it is missing), or PIT_BIN.

Linux only (reads /proc/PID/status).
"""
import json
import os
import pty
import select
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time
import fcntl
import glob
import termios

import prerequisites

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PIT = prerequisites.pit(prerequisites.RELEASE_ARCHIVE_PIT)[0]
SANDBOX = tempfile.mkdtemp(prefix="pit-memory-")
ENV = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8",
           HOME=SANDBOX, XDG_STATE_HOME=SANDBOX, XDG_CONFIG_HOME=SANDBOX, XDG_CACHE_HOME=SANDBOX)


def pit(*args, **kwargs):
    return subprocess.run([PIT, *args], env=ENV, check=True, **kwargs)


def large_session(path, events=100_000):
    """The demo's JSON export, grown with alternating notes and re-scores to `events`."""
    demo = os.path.join(SANDBOX, "seed.pit")
    pit("demo", "-o", demo, "--no-open", stdout=subprocess.DEVNULL)
    export = json.loads(pit("report", demo, "--format", "json", capture_output=True).stdout)
    log = export["events"]
    locked = {(e["instrument"], e["element"]) for e in log if e["kind"] == "votingLocked"}
    score = next(e for e in log if e["kind"] == "scoreRecorded"
                 and (e["instrument"], e["element"]) not in locked)
    seq = max(e["seq"] for e in log)
    while len(log) < events:
        seq += 1
        if seq % 2:
            log.append(dict(score, seq=seq, level=1 + seq % 5))
        else:
            log.append({"at": score["at"], "author": score["author"], "kind": "noteAdded",
                        "id": f"bench{seq}", "instrument": score["instrument"],
                        "element": score["element"], "seq": seq,
                        "text": f"Benchmark note {seq} about the data-sharing agreement."})
    source = os.path.join(SANDBOX, "large.json")
    with open(source, "w") as out:
        json.dump(export, out)
    pit("import", source, "-o", path, stdout=subprocess.DEVNULL)


def peak_rss_kib(path, marker=b"COMMUNITY", width=120, height=40):
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(PIT, [PIT, "open", path], ENV)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", height, width, 0, 0))
    seen, started = b"", time.perf_counter()
    try:
        while marker not in seen and time.perf_counter() - started < 30:
            if select.select([fd], [], [], 0.5)[0]:
                seen += os.read(fd, 65536)
        time.sleep(1.0)  # an idle refresh or two
        with open(f"/proc/{pid}/status") as status:
            fields = dict(line.split(":", 1) for line in status)
        return int(fields["VmHWM"].split()[0]), int(fields["VmRSS"].split()[0])
    finally:
        os.kill(pid, signal.SIGTERM)
        os.waitpid(pid, 0)
        os.close(fd)


def drop_from_page_cache(path):
    """Asks the kernel to forget the file's cached pages (none is mapped by a process now)."""
    try:
        descriptor = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        os.fdatasync(descriptor)
        os.posix_fadvise(descriptor, 0, 0, os.POSIX_FADV_DONTNEED)
        return True
    except OSError:
        return False
    finally:
        os.close(descriptor)


def main():
    demo = os.path.join(SANDBOX, "demo.pit")
    pit("demo", "-o", demo, "--no-open", stdout=subprocess.DEVNULL)
    large = os.path.join(SANDBOX, "large.pit")
    large_session(large)
    print(f"{'pit open, 120x40':40} {'peak RSS':>10} {'RSS':>10}")
    # `pit demo` and `pit import` fill the instruments' cache, not the theme's: the screens do.
    for cache in glob.glob(os.path.join(SANDBOX, "pit", "catalogue-*")):
        os.remove(cache)
    for label, path in (("demo session, first start", demo), ("demo session", demo),
                        ("100,000-event session", large)):
        peak, now = peak_rss_kib(path)
        print(f"{label:40} {peak / 1024:8.1f}MB {now / 1024:8.1f}MB")
    # How much of the binary a process maps also depends on how its file came into the
    # page cache: a file just written (a build, a copy, an install) is cached in large
    # blocks, and Linux maps a whole block around each page touched. Read back from disk
    # (as after a restart), only the pages read around each fault are cached.
    if drop_from_page_cache(PIT):
        peak, now = peak_rss_kib(demo)
        print(f"{'demo session, binary read from disk':40} {peak / 1024:8.1f}MB {now / 1024:8.1f}MB")
    dialog = shutil.which("dialog")
    if dialog:
        pid, fd = pty.fork()
        if pid == 0:
            os.execve(dialog, [dialog, "--msgbox", "ready", "5", "20"], ENV)
        time.sleep(0.5)
        with open(f"/proc/{pid}/status") as status:
            fields = dict(line.split(":", 1) for line in status)
        os.kill(pid, signal.SIGTERM)
        os.waitpid(pid, 0)
        os.close(fd)
        print(f"{'dialog --msgbox (yardstick)':40} {int(fields['VmHWM'].split()[0]) / 1024:8.1f}MB")
    shutil.rmtree(SANDBOX, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
