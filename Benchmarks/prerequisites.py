"""What the benchmarks run, built on first use, so that each benchmark is one command
from a fresh clone: pit's binaries and the bare ncurses program. Anything else a
benchmark needs (dialog, pyte, tmux) is named with the command that installs it.
"""
import os
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# The binary the release archive ships (scripts/release), for start-up and memory.
RELEASE_ARCHIVE_PIT = os.path.join(ROOT, ".build-release", "scratch", "release", "pit")
# An optimised build of the package (swift build -c release), for behaviour over time.
RELEASE_PIT = os.path.join(ROOT, ".build", "release", "pit")
BARE_NCURSES = os.path.join(ROOT, ".build", "bare-ncurses")

_BUILDS = {
    RELEASE_ARCHIVE_PIT: [os.path.join(ROOT, "scripts", "release")],
    RELEASE_PIT: ["swift", "build", "-c", "release", "--product", "pit"],
}


def pit(default):
    """The pit binaries to measure: PIT_BIN's (colon-separated) as given, else `default`,
    built first when it is missing. Exits with a message when it cannot be built."""
    given = os.environ.get("PIT_BIN")
    if given:
        paths = given.split(os.pathsep)
        for path in paths:
            if not os.access(path, os.X_OK):
                sys.exit(f"PIT_BIN names {path}, which is not an executable file")
        return paths
    if not os.access(default, os.X_OK):
        command = _BUILDS[default]
        shown = " ".join(command).replace(ROOT + os.sep, "")
        print(f"note: {os.path.relpath(default, ROOT)} is missing; building it first ({shown}, "
              "several minutes the first time)", file=sys.stderr, flush=True)
        if subprocess.run(command, cwd=ROOT, stdout=sys.stderr).returncode != 0 or not os.access(default, os.X_OK):
            sys.exit(f"could not build {default}")
    return [default]


def bare_ncurses():
    """The bare ncurses C program, compiled when it is missing or older than its source;
    None (with a note) when there is no C compiler or ncursesw to compile it with."""
    source = os.path.join(ROOT, "Benchmarks", "bare-ncurses.c")
    if os.path.exists(BARE_NCURSES) and os.path.getmtime(BARE_NCURSES) >= os.path.getmtime(source):
        return BARE_NCURSES
    flags = subprocess.run(["pkg-config", "--cflags", "--libs", "ncursesw"], capture_output=True, text=True) \
        if shutil.which("pkg-config") else None
    compiler = shutil.which("cc")
    if not compiler or not flags or flags.returncode != 0:
        print("note: the bare ncurses program needs cc and ncursesw (apt-get install gcc pkg-config "
              "libncursesw5-dev); left out", file=sys.stderr)
        return None
    os.makedirs(os.path.dirname(BARE_NCURSES), exist_ok=True)
    built = subprocess.run([compiler, "-O2", "-o", BARE_NCURSES, source, *flags.stdout.split()])
    return BARE_NCURSES if built.returncode == 0 else None


def require(program, install):
    """Exits naming how to install `program` when it is not on PATH."""
    if not shutil.which(program):
        sys.exit(f"this benchmark needs {program}: {install}")
