"""Running pit for the fault suite: bounded runs, raw bytes, file hashes."""
import hashlib
import os
import shutil
import subprocess
import tempfile

PIT = os.environ.get("PIT_BIN") or os.path.join(os.path.dirname(__file__), "..", "..", ".build", "debug", "pit")
# No pit run in this suite may take longer than this.
RUN_SECONDS = 60

# Bytes that must never reach a terminal from pit: C0 controls but tab, LF and CR, DEL,
# C1 controls (as UTF-8), and the bidirectional embeddings, overrides and isolates.
HOSTILE_CODEPOINTS = [c for c in range(0x20) if c not in (0x09, 0x0A, 0x0D)] + [0x7F] + list(range(0x80, 0xA0)) \
    + list(range(0x202A, 0x202F)) + list(range(0x2066, 0x206A))


def pit(*args, cwd=None, env=None, stdout=subprocess.PIPE, input_bytes=None):
    """Runs pit with raw bytes out (nothing decoded), never waiting on a terminal."""
    environment = dict(os.environ, **(env or {}))
    # A crash must show as a failure, not as a 30-second backtrace prompt.
    environment.setdefault("SWIFT_BACKTRACE", "enable=no")
    return subprocess.run([PIT, *args], stdout=stdout, stderr=subprocess.PIPE, cwd=cwd, env=environment,
                          stdin=subprocess.DEVNULL if input_bytes is None else None, input=input_bytes,
                          timeout=RUN_SECONDS)


def digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def hostile_characters(data):
    """The hostile characters found in pit's output bytes, as code points."""
    text = data.decode("utf-8", errors="replace")
    return sorted({hex(ord(ch)) for ch in text if ord(ch) in HOSTILE_CODEPOINTS})


def tree_digest(folder):
    """Every file under `folder` with its hash (links by their target), to show nothing else changed."""
    found = {}
    for root, dirs, files in os.walk(folder):
        for name in files + [d for d in dirs if os.path.islink(os.path.join(root, d))]:
            path = os.path.join(root, name)
            rel = os.path.relpath(path, folder)
            if os.path.islink(path):
                found[rel] = "link:" + os.readlink(path)
            elif os.path.isfile(path):
                found[rel] = digest(path)
    return found


def demo_session(folder):
    """A demo session written into `folder`, for cases to spoil or aim at."""
    path = os.path.join(folder, "demo.pit")
    made = pit("demo", "-o", path, "--no-open")
    assert made.returncode == 0, made.stderr
    return path


def small_filesystem(test, prefix, size):
    """A new folder on a tmpfs of `size` ("256k"), for a disk that fills: unmounted and
    removed when `test` ends, and the test skipped where it cannot mount (not root)."""
    folder = tempfile.mkdtemp(prefix=prefix)
    test.addCleanup(shutil.rmtree, folder, True)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", folder],
                             capture_output=True) if os.geteuid() == 0 else None
    if mounted is None or mounted.returncode != 0:
        test.skipTest("needs to mount a small tmpfs (root)")
    test.addCleanup(subprocess.run, ["umount", "-l", folder], capture_output=True)
    return folder


def fill(folder):
    """Writes a file named fill into `folder` until its filesystem has no room left."""
    path = os.path.join(folder, "fill")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT)
    try:
        while os.write(fd, b"\0" * 512) > 0:
            pass
    except OSError:
        pass
    finally:
        os.close(fd)
    return path
