"""Drives the real pit binary in a tmux pane: send keys, read the screen, resize, signal."""
import os
import shlex
import shutil
import subprocess
import tempfile
import time
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PIT = os.environ.get("PIT_BIN", os.path.join(ROOT, ".build", "debug", "pit"))


def tmux(*args, check=True):
    return subprocess.run(["tmux", *args], check=check, capture_output=True, text=True).stdout


class Pane:
    """One tmux session running `pit ARGS` then recording how it ended."""

    def __init__(self, args, width=80, height=24, env=None, runner=()):
        """`runner`: words put before pit's path (e.g. to run it as another user)."""
        self.name = "pit-e2e-" + uuid.uuid4().hex[:8]
        self.dir = tempfile.mkdtemp(prefix="pit-e2e-")
        self.status_file = os.path.join(self.dir, "status")
        self.stty_file = os.path.join(self.dir, "stty")
        environment = {"TERM": "xterm-256color", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
                       "XDG_STATE_HOME": self.dir, "XDG_CONFIG_HOME": self.dir, "HOME": self.dir,
                       "TMPDIR": self.dir}  # a killed demo leaves its file here, removed by close()
        environment.update(env or {})
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in environment.items() if v is not None)
        unsets = " ".join(f"-u {k}" for k, v in environment.items() if v is None)
        command = (f"stty sane; env {unsets} {exports} {' '.join(shlex.quote(w) for w in (*runner, PIT, *args))}; "
                   f"echo $? > {self.status_file}; stty -a > {self.stty_file}; "
                   f"echo PIT-ENDED; sleep 600")
        tmux("new-session", "-d", "-s", self.name, "-x", str(width), "-y", str(height), "sh", "-c", command)
        tmux("set-option", "-t", self.name, "status", "off")

    def screen(self):
        return tmux("capture-pane", "-p", "-t", self.name)

    def screen_with_colours(self):
        """The screen with its SGR colour codes and every trailing space, as `capture-pane -e
        -N` gives it. Cells a program cleared by erasing (ECH, EL) rather than writing come
        back empty whatever their colour, so run pit with a TERM without `bce` (tmux's own
        screen-256color) when the colours of blank cells matter."""
        return tmux("capture-pane", "-p", "-e", "-N", "-t", self.name)

    def wait_for(self, text, timeout=10.0):
        deadline = time.time() + timeout
        while time.time() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.05)
        raise AssertionError(f"timed out waiting for {text!r}; screen was:\n{self.screen()}")

    def keys(self, *keys):
        for key in keys:
            tmux("send-keys", "-t", self.name, key)
            time.sleep(0.08)

    def paste(self, text):
        """Pastes `text` as a terminal does: bracketed when pit asked for it."""
        buffer = self.name + "-paste"
        subprocess.run(["tmux", "load-buffer", "-b", buffer, "-"], input=text, text=True, check=True)
        tmux("paste-buffer", "-p", "-d", "-b", buffer, "-t", self.name)
        time.sleep(0.2)

    def resize(self, width, height):
        tmux("resize-window", "-t", self.name, "-x", str(width), "-y", str(height))
        time.sleep(0.3)

    def pit_pid(self):
        shell = tmux("display-message", "-p", "-t", self.name, "#{pane_pid}").strip()
        for _ in range(100):
            out = subprocess.run(["pgrep", "-P", shell], capture_output=True, text=True).stdout.split()
            for pid in out:
                try:
                    with open(f"/proc/{pid}/comm") as f:
                        if f.read().strip() == "pit":
                            return int(pid)
                except OSError:
                    pass
            time.sleep(0.05)
        raise AssertionError("pit is not running")

    def pane_flag(self, name):
        return tmux("display-message", "-p", "-t", self.name, "#{" + name + "}").strip()

    def ended(self, timeout=10.0):
        """Waits for pit to end; returns (exit status, stty -a output)."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            if os.path.exists(self.stty_file) and os.path.getsize(self.stty_file) > 0:
                time.sleep(0.1)
                with open(self.status_file) as f:
                    status = int(f.read().strip())
                with open(self.stty_file) as f:
                    return status, f.read()
            time.sleep(0.05)
        raise AssertionError(f"pit did not end; screen:\n{self.screen()}")

    def close(self):
        tmux("kill-session", "-t", self.name, check=False)
        shutil.rmtree(self.dir, ignore_errors=True)
