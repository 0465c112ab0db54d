"""The release archive runs where Swift is not installed.

Builds the archive with scripts/release, makes a clean Debian root with
`debootstrap --variant=minbase` (kept between runs; each run works on a fresh copy), installs
only the packages the archive's DEPENDENCIES.txt names, installs pit there with install.sh
and runs it inside `chroot`: --version, demo, report, the screens in a tmux pane, the bash
completions, and install/uninstall. The man pages are rendered with `man -l`.

Needs root (chroot), debootstrap, tmux, and Debian's mirror over the network.

    python3 Tests/Release/test_release.py
    PIT_RELEASE_ARCHIVE=path/pit-….tar.gz python3 Tests/Release/test_release.py   # skip the build
    PIT_RELEASE_ROOT=/tmp/pit-release-root (default) holds the cached Debian root.
"""
import glob
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest
import uuid

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CACHE = os.environ.get("PIT_RELEASE_ROOT", "/tmp/pit-release-root")
MIRROR = os.environ.get("PIT_DEBIAN_MIRROR", "http://deb.debian.org/debian")
SUITE = "bookworm"
# What a binary built for a plain Linux machine may ask the dynamic loader for.
SYSTEM_LIBRARIES = re.compile(
    r"^(libc|libm|libdl|libpthread|librt|libutil|libgcc_s|libstdc\+\+|libz|ld-linux-x86-64|ld-linux-aarch64"
    r"|libncursesw|libtinfo|libsqlite3|libqrencode)\.so(\.\d+)*$")

state = {}


def read_bytes(path):
    with open(path, "rb") as f:
        return f.read()


def read(path):
    with open(path) as f:
        return f.read()


def run(args, **kwargs):
    """Runs a command, failing with its output when it fails."""
    kwargs.setdefault("capture_output", True)
    kwargs.setdefault("text", True)
    result = subprocess.run(args, **kwargs)
    if result.returncode != 0:
        raise AssertionError(f"{' '.join(args)} exited {result.returncode}\n{result.stdout}\n{result.stderr}")
    return result


def in_root(script, check=True, env=None):
    """Runs a shell script inside the clean root, as root, with a plain environment."""
    environment = {"PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOME": "/root",
                   "LANG": "C.UTF-8", "TERM": "dumb", "DEBIAN_FRONTEND": "noninteractive"}
    environment.update(env or {})
    args = ["chroot", state["root"], "/usr/bin/env", "-i", *[f"{k}={v}" for k, v in environment.items()],
            "/bin/sh", "-c", script]
    return run(args) if check else subprocess.run(args, capture_output=True, text=True)


def ensure_host_tools():
    os.environ["PATH"] = os.environ.get("PATH", "/usr/bin:/bin") + ":/usr/sbin:/sbin"   # debootstrap, chroot
    wanted = {"debootstrap": "debootstrap", "tmux": "tmux", "man": "man-db", "groff": "groff-base",
              "readelf": "binutils"}
    missing = [package for tool, package in wanted.items() if shutil.which(tool) is None]
    if missing:
        run(["apt-get", "update", "-qq"])
        run(["apt-get", "install", "-y", "-qq", *missing], env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})


def build_archive():
    archive = os.environ.get("PIT_RELEASE_ARCHIVE")
    if not archive:
        out = os.path.join(state["tmp"], "dist")
        print("building the release archive (scripts/release)...", file=sys.stderr, flush=True)
        subprocess.run(["bash", os.path.join(REPO, "scripts", "release"), "-o", out], check=True,
                       stdout=sys.stderr)
        archive = glob.glob(os.path.join(out, "pit-*-linux-*.tar.gz"))[0]
    state["archive"] = os.path.abspath(archive)
    run(["tar", "-xzf", archive, "-C", state["tmp"]])
    state["top"] = run(["tar", "-tzf", archive]).stdout.split("\n")[0].strip("/").split("/")[0]
    state["unpacked"] = os.path.join(state["tmp"], state["top"])


def clean_root():
    """A fresh copy of the cached minimal Debian root (made once with debootstrap), with /proc
    mounted as on any running Linux system (the Swift runtime reads it at start)."""
    base = os.path.join(CACHE, f"base-{SUITE}")
    if not os.path.exists(os.path.join(base, ".complete")):
        shutil.rmtree(base, ignore_errors=True)
        os.makedirs(CACHE, exist_ok=True)
        print(f"making a clean {SUITE} root with debootstrap (once)...", file=sys.stderr, flush=True)
        run(["debootstrap", "--variant=minbase", SUITE, base, MIRROR])
        open(os.path.join(base, ".complete"), "w").close()
    for stale in glob.glob(os.path.join(CACHE, "run-*")):   # left by a run that was killed
        remove_root(stale)
    root = os.path.join(CACHE, "run-" + uuid.uuid4().hex[:8])
    run(["cp", "-a", base, root])
    shutil.copy("/etc/resolv.conf", os.path.join(root, "etc", "resolv.conf"))
    state["root"] = root
    run(["mount", "-t", "proc", "proc", os.path.join(root, "proc")])


def remove_root(root):
    """Unmounts /proc first; never deletes through a mount."""
    proc = os.path.join(root, "proc")
    if os.path.ismount(proc):
        if subprocess.run(["umount", proc]).returncode != 0:
            subprocess.run(["umount", "-l", proc])
    if os.path.ismount(proc):
        print(f"left {root}: {proc} is still mounted", file=sys.stderr)
        return
    shutil.rmtree(root, ignore_errors=True)


def dependencies():
    text = read(os.path.join(state["unpacked"], "DEPENDENCIES.txt"))
    return re.search(r"^apt-packages: (.+)$", text, re.M).group(1).split()


def setUpModule():
    if os.geteuid() != 0:
        raise unittest.SkipTest("the release test needs root (chroot)")
    ensure_host_tools()
    # Stopped by `timeout`: unmount and remove the root before going.
    signal.signal(signal.SIGTERM, lambda *_: (tearDownModule(), os._exit(124)))
    state["tmp"] = tempfile.mkdtemp(prefix="pit-release-test-")
    build_archive()
    clean_root()
    # The archive goes in as a stranger would get it: unpacked in a folder, then installed.
    shutil.copytree(state["unpacked"], os.path.join(state["root"], "root", state["top"]), symlinks=True)
    # Before its libraries are there, pit cannot start: the root really is bare.
    state["bare"] = in_root(f"/root/{state['top']}/bin/pit --version", check=False)
    in_root("apt-get update -qq && apt-get install -y -qq --no-install-recommends " + " ".join(dependencies()))
    state["install"] = in_root(f"/root/{state['top']}/install.sh --prefix /usr/local")


def tearDownModule():
    if "root" in state:
        remove_root(state["root"])
    if "tmp" in state:
        shutil.rmtree(state["tmp"], ignore_errors=True)


class Archive(unittest.TestCase):
    def test_the_checksum_file_matches(self):
        folder, name = os.path.split(state["archive"])
        self.assertTrue(name.startswith("pit-") and name.endswith("-linux-x86_64.tar.gz") or "aarch64" in name, name)
        run(["sha256sum", "-c", name + ".sha256"], cwd=folder)

    def test_it_holds_the_binary_instruments_themes_plans_and_installer(self):
        top = state["unpacked"]
        for path in ["bin/pit", "install.sh", "DEPENDENCIES.txt", "README.txt",
                     "share/pit/Assessments/tool-a.yaml", "share/pit/Assessments/triangle.yaml",
                     "share/pit/Themes/default.yaml",
                     "share/pit/pit_Room.resources/Site/room.css", "share/pit/pit_Room.resources/Site/room.js",
                     "share/bash-completion/completions/pit", "share/zsh/site-functions/_pit",
                     "share/fish/vendor_completions.d/pit.fish"]:
            self.assertTrue(os.path.isfile(os.path.join(top, path)), path)
        for folder in ["Assessments", "Themes", "Plans"]:
            if os.path.isdir(os.path.join(REPO, folder)):
                shipped = sorted(os.listdir(os.path.join(top, "share/pit", folder)))
                self.assertEqual(shipped, sorted(os.listdir(os.path.join(REPO, folder))), folder)

    def test_the_binary_needs_only_system_libraries(self):
        dynamic = run(["readelf", "-d", os.path.join(state["unpacked"], "bin/pit")]).stdout
        needed = re.findall(r"\(NEEDED\).*\[(.+)\]", dynamic)
        self.assertTrue(needed)
        for library in needed:
            self.assertRegex(library, SYSTEM_LIBRARIES, "a library a plain Linux machine may not have")
        self.assertTrue(any(lib.startswith("libqrencode") for lib in needed))
        for linked_in in ["libstdc++", "libncursesw", "libtinfo", "libsqlite3"]:
            self.assertFalse(any(lib.startswith(linked_in) for lib in needed),
                             f"{linked_in} is linked in from its static archive (scripts/release)")
        # ncurses linked in still reads the terminal descriptions the system has.
        self.assertIn(b"/usr/share/terminfo", read_bytes(os.path.join(state["unpacked"], "bin/pit")))
        listed = read(os.path.join(state["unpacked"], "DEPENDENCIES.txt"))
        for library in needed:
            self.assertIn(library, listed, "DEPENDENCIES.txt names every library the binary needs")
        symbols = run(["objdump", "-T", os.path.join(state["unpacked"], "bin/pit")]).stdout
        versions = set(re.findall(r"GLIBC_(\d+\.\d+)", symbols))
        # Packed relative relocations name no symbol; the loader that reads them came in 2.36.
        if "(RELR)" in dynamic:
            self.assertIn("GLIBC_ABI_DT_RELR", run(["readelf", "-V", os.path.join(state["unpacked"], "bin/pit")]).stdout)
            versions.add("2.36")
        glibc = max(versions, key=lambda v: tuple(map(int, v.split("."))))
        self.assertIn(f"glibc {glibc} or newer", listed)

    def test_there_is_a_man_page_for_every_command_and_each_renders(self):
        man1 = os.path.join(state["unpacked"], "share/man/man1")
        help_text = run([os.path.join(state["unpacked"], "bin/pit"), "--help"]).stdout
        commands = re.findall(r"^  ([a-z][\w-]*)(?: \(default\))? {2,}\S", help_text.split("SUBCOMMANDS:")[1], re.M)
        self.assertGreaterEqual(len(commands), 10, help_text)
        self.assertIn("demo", commands)
        for command in ["pit"] + [f"pit.{c}" for c in commands]:
            page = os.path.join(man1, command + ".1")
            self.assertTrue(os.path.isfile(page), f"no man page {command}.1")
            rendered = subprocess.run(["man", "--warnings", "-l", page], capture_output=True, text=True,
                                      env={**os.environ, "MANPAGER": "cat", "MANWIDTH": "80", "LC_ALL": "C.UTF-8"})
            self.assertEqual(rendered.returncode, 0, rendered.stderr)
            self.assertEqual(rendered.stderr.strip(), "", f"{command}.1 renders with warnings")
            self.assertIn("NAME", rendered.stdout)
            self.assertIn(command.replace(".", " "), rendered.stdout.replace("\u2010", "-"))


class CleanRoot(unittest.TestCase):
    def test_there_is_no_swift_in_the_root(self):
        root = state["root"]
        self.assertFalse(os.path.exists(os.path.join(root, "usr/lib/swift")))
        found = run(["find", root, "-path", os.path.join(root, "proc"), "-prune", "-o",
                     "(", "-name", "libswiftCore*", "-o", "-name", "libFoundation*.so*", ")", "-print"]).stdout
        self.assertEqual(found.strip(), "")
        self.assertNotEqual(in_root("command -v swift swiftc", check=False).returncode, 0)

    def test_pit_did_not_start_before_its_libraries_were_installed(self):
        bare = state["bare"]
        self.assertNotEqual(bare.returncode, 0, "the root already had the libraries: the test proves less")
        self.assertIn("error while loading shared libraries", bare.stderr)


class RunsInTheCleanRoot(unittest.TestCase):
    def test_version_names_the_version_and_the_commit(self):
        out = in_root("pit --version").stdout.strip()
        version = state["top"].split("-")[1]
        commit = run(["git", "-C", REPO, "rev-parse", "--short=12", "HEAD"]).stdout.strip()
        self.assertTrue(out.startswith(version + " "), out)
        self.assertIn(f"commit {commit}", out)
        self.assertIn(out, state["install"].stdout)

    def test_demo_then_report(self):
        out = in_root("cd /tmp && pit demo -o x.pit --no-open && pit report x.pit").stdout
        self.assertIn("Northbridge", out)
        self.assertIn("Tool A", out)
        self.assertTrue(os.path.isfile(os.path.join(state["root"], "tmp/x.pit")))

    def test_instruments_themes_and_plans_are_found_from_the_installed_binary(self):
        self.assertIn("tool-a", in_root("pit instruments list").stdout)
        self.assertIn("projector", in_root("pit themes list").stdout)
        # A built-in plan by name, read from share/pit/Plans.
        planned = in_root("cd /tmp && pit new Planned --plan tool-a-90 -o planned.pit --no-open").stdout
        self.assertIn("Plan: Tool A in 90 minutes", planned)

    def test_the_screens_run_in_a_terminal(self):
        name = "pit-release-" + uuid.uuid4().hex[:8]
        status = os.path.join(state["root"], "tmp", name + ".status")
        command = (f"chroot {state['root']} /usr/bin/env -i HOME=/root TERM=xterm-256color LANG=C.UTF-8 "
                   f"PATH=/usr/local/bin:/usr/bin:/bin pit demo; echo $? > {status}; sleep 600")
        run(["tmux", "new-session", "-d", "-s", name, "-x", "80", "-y", "24", "sh", "-c", command])
        screen = lambda: run(["tmux", "capture-pane", "-p", "-t", name]).stdout

        def wait_for(text):
            for _ in range(200):
                if text in screen():
                    return
                time.sleep(0.05)
            self.fail(f"waited for {text!r}; screen was:\n{screen()}")

        try:
            wait_for("COMMUNITY")
            self.assertIn("SERVICE", screen())
            run(["tmux", "send-keys", "-t", name, "p"])           # Tool A's steps
            wait_for("Leadership in place")
            run(["tmux", "send-keys", "-t", name, "Enter"])
            wait_for("Step 1 of 10")
            for _ in range(4):
                run(["tmux", "send-keys", "-t", name, "q"])
                time.sleep(0.1)
            for _ in range(100):
                if os.path.exists(status) and os.path.getsize(status) > 0:
                    break
                time.sleep(0.05)
            with open(status) as f:
                self.assertEqual(f.read().strip(), "0", screen())
        finally:
            subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True)

    def test_a_crash_report_is_named_from_the_binarys_symbol_table(self):
        # The release binary exports no symbols, so the report holds offsets; the symbol
        # table the archive keeps names them (scripts/crash-names).
        name = "pit-release-" + uuid.uuid4().hex[:8]
        command = (f"chroot {state['root']} /usr/bin/env -i HOME=/root TERM=xterm-256color LANG=C.UTF-8 "
                   f"PATH=/usr/local/bin:/usr/bin:/bin pit home; sleep 600")
        run(["tmux", "new-session", "-d", "-s", name, "-x", "80", "-y", "24", "sh", "-c", command])
        screen = lambda: run(["tmux", "capture-pane", "-p", "-t", name]).stdout
        try:
            for _ in range(200):
                if "Home" in screen():
                    break
                time.sleep(0.05)
            pid = int(run(["pgrep", "-n", "-f", "^pit home$"]).stdout.split()[0])
            os.kill(pid, signal.SIGSEGV)
            report = os.path.join(state["root"], "root", ".local", "state", "pit", f"crash-{pid}.log")
            for _ in range(100):
                if os.path.exists(report) and "pit(+0x" in read(report):
                    break
                time.sleep(0.05)
            raw = read(report)
            self.assertNotIn("pitHandleSignal", raw)
            named = run(["bash", os.path.join(REPO, "scripts", "crash-names"), report,
                         os.path.join(state["unpacked"], "bin", "pit")]).stdout
            self.assertIn("pitHandleSignal", named)
            self.assertIn("HomeCommand", named)
        finally:
            subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True)

    def test_the_bash_completion_loads_and_completes_commands(self):
        script = "/usr/local/share/bash-completion/completions/pit"
        in_root(f"bash -n {script}")
        out = in_root(f"""exec bash -c '
            set -e
            source {script}
            complete -p pit
            COMP_WORDS=(pit de); COMP_CWORD=1; COMP_LINE="pit de"; COMP_POINT=6
            $(complete -p pit | sed -n "s/.*-F \\([^ ]*\\) .*/\\1/p") pit de pit
            echo "completions: ${{COMPREPLY[*]}}"'""").stdout
        self.assertRegex(out, r"complete .*-F \S+ pit\n")
        self.assertRegex(out, r"completions: .*\bdemo\b")
        self.assertNotIn("report", out.split("completions:")[1])

    def test_the_zsh_and_fish_completions_parse_where_those_shells_exist(self):
        shells = [(shell, path) for shell, path in [("zsh", "share/zsh/site-functions/_pit"),
                                                    ("fish", "share/fish/vendor_completions.d/pit.fish")]
                  if shutil.which(shell)]
        if not shells:
            self.skipTest("neither zsh nor fish is installed here")
        for shell, path in shells:
            run([shell, "-n", os.path.join(state["unpacked"], path)])


class InstallAndUninstall(unittest.TestCase):
    def test_uninstall_removes_exactly_what_install_added(self):
        top = f"/root/{state['top']}"
        # A prefix with something of the user's own in it, which must survive.
        in_root("mkdir -p /opt/p/bin /opt/p/share/man/man1 && echo mine > /opt/p/bin/other && echo mine > /opt/p/share/man/man1/other.1")
        before = in_root("find /opt/p | sort").stdout
        in_root(f"{top}/install.sh --prefix /opt/p")
        in_root(f"{top}/install.sh --prefix /opt/p")                 # again: replaces, does not duplicate
        self.assertIn(state["top"].split("-")[1], in_root("/opt/p/bin/pit --version").stdout)
        self.assertIn("tool-a", in_root("cd / && /opt/p/bin/pit instruments list").stdout)
        installed = in_root("find /opt/p | sort").stdout
        for path in ["/opt/p/share/man/man1/pit.demo.1", "/opt/p/share/pit/Themes/default.yaml",
                     "/opt/p/share/pit/uninstall.sh", "/opt/p/share/zsh/site-functions/_pit"]:
            self.assertIn(path + "\n", installed)
        in_root("/opt/p/share/pit/uninstall.sh")
        self.assertEqual(in_root("find /opt/p | sort").stdout, before)
        # And the archive's own --uninstall, into a prefix that did not exist.
        in_root(f"{top}/install.sh --prefix /opt/q && {top}/install.sh --uninstall --prefix /opt/q")
        self.assertNotIn("q", in_root("ls -A /opt").stdout.split(), "the prefix it made is gone too")
        self.assertNotEqual(in_root(f"{top}/install.sh --uninstall --prefix /opt/q", check=False).returncode, 0)


if __name__ == "__main__":
    started = time.time()
    program = unittest.main(exit=False, verbosity=2)
    print(f"release test took {time.time() - started:.0f} s", file=sys.stderr)
    sys.exit(0 if program.result.wasSuccessful() else 1)
