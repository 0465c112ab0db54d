"""Where pit writes: never over a session or an input unless asked, never through a symbolic
link, never leaving stale bytes, a clear error for folders, full and closed outputs."""
import os
import shutil
import stat
import subprocess
import tempfile
import unittest

from fault_support import demo_session, PIT, digest, fill, pit, small_filesystem, tree_digest


class Outputs(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.folder = tempfile.mkdtemp(prefix="pit-faults-out-")
        cls.demo = demo_session(cls.folder)
        cls.other = os.path.join(cls.folder, "other.pit")
        made = pit("new", "Other", "--groups", "Council,Health", "-o", cls.other, "--no-open")
        assert made.returncode == 0, made.stderr
        cls.report = pit("report", cls.demo).stdout
        assert cls.report.startswith(b"# ")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.folder, ignore_errors=True)

    def setUp(self):
        self.work = tempfile.mkdtemp(dir=self.folder)
        self.before = tree_digest(self.folder)

    def assertRefused(self, result, code, mentions):
        self.assertEqual(result.returncode, code, result.stderr)
        err = result.stderr.decode()
        self.assertIn(mentions, err)
        self.assertTrue(err.startswith("pit: "), err)
        for noise in ["NSCocoaErrorDomain", "Fatal error", "Backtrac", "Error Domain"]:
            self.assertNotIn(noise, err)

    def assertNothingChanged(self):
        self.assertEqual(tree_digest(self.folder), self.before, "no file may change")

    # The session itself, or another session, as -o

    def test_a_report_never_replaces_its_own_session(self):
        for fmt in ["md", "html", "csv", "json", "transcript"]:
            self.assertRefused(pit("report", self.demo, "--format", fmt, "-o", self.demo), 73, "this command reads")
        self.assertNothingChanged()

    def test_a_report_never_replaces_another_session(self):
        self.assertRefused(pit("report", self.demo, "-o", self.other), 73, "is a pit session")
        self.assertNothingChanged()

    def test_a_hard_link_to_the_session_is_the_session(self):
        link = os.path.join(self.work, "alias.md")
        os.link(self.demo, link)
        self.before = tree_digest(self.folder)
        self.assertRefused(pit("report", self.demo, "-o", link), 73, "this command reads")
        self.assertNothingChanged()

    def test_compare_never_replaces_either_session(self):
        self.assertRefused(pit("compare", self.other, self.demo, "-o", self.demo), 73, "this command reads")
        self.assertRefused(pit("compare", self.other, self.demo, "-o", self.other), 73, "this command reads")
        self.assertNothingChanged()

    def test_overwrite_replaces_a_session_when_asked(self):
        copy = os.path.join(self.work, "copy.pit")
        shutil.copy(self.demo, copy)
        done = pit("report", copy, "-o", copy, "--overwrite")
        self.assertEqual(done.returncode, 0, done.stderr)
        with open(copy, "rb") as f:
            self.assertEqual(f.read(), self.report)
        self.assertEqual(pit("report", self.demo, "--overwrite").returncode, 64, "--overwrite needs -o")

    def test_commands_that_create_sessions_never_write_over_one(self):
        json_path, partner = self.export_and_partner()
        for args in [["new", "T", "-o", self.demo, "--no-open"], ["demo", "-o", self.demo, "--no-open"],
                     ["import", json_path, "-o", self.demo], ["merge", partner, "-o", self.demo],
                     ["merge", partner, "-o", partner]]:
            self.assertRefused(pit(*args), 73, "already exists")
        # assess carries on with a self-assessment; a workshop session is refused.
        self.assertRefused(pit("assess", "--as", "Partner", "-o", self.demo, "--no-open"), 65, "workshop session")
        self.assertNothingChanged()

    # Symbolic links and stale bytes

    def test_a_symbolic_link_is_never_written_through(self):
        target = os.path.join(self.work, "target.txt")
        with open(target, "wb") as f:
            f.write(b"KEEP" * 100000)
        link = os.path.join(self.work, "out.md")
        os.symlink(target, link)
        self.before = tree_digest(self.folder)
        self.assertRefused(pit("report", self.demo, "-o", link), 73, "symbolic link")
        self.assertNothingChanged()
        # Asked to, pit replaces the link itself: the target keeps every byte.
        done = pit("report", self.demo, "-o", link, "--overwrite")
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertFalse(os.path.islink(link))
        with open(link, "rb") as f:
            self.assertEqual(f.read(), self.report)
        with open(target, "rb") as f:
            self.assertEqual(f.read(), b"KEEP" * 100000)

    def test_a_link_to_a_pipe_is_not_followed_either(self):
        # In a shared folder, a link to someone else's pipe would hand them the report.
        fifo = os.path.join(self.work, "their-pipe")
        os.mkfifo(fifo)
        link = os.path.join(self.work, "report.md")
        os.symlink(fifo, link)
        self.before = tree_digest(self.folder)
        self.assertRefused(pit("report", self.demo, "-o", link), 73, "symbolic link")
        self.assertNothingChanged()

    def test_a_link_to_the_session_is_refused(self):
        link = os.path.join(self.work, "report.md")
        os.symlink(self.demo, link)
        self.before = tree_digest(self.folder)
        self.assertRefused(pit("report", self.demo, "-o", link), 73, "symbolic link")
        self.assertNothingChanged()

    def test_a_longer_file_is_replaced_whole_with_its_permissions(self):
        out = os.path.join(self.work, "report.md")
        with open(out, "wb") as f:
            f.write(b"x" * (len(self.report) * 3))
        os.chmod(out, 0o600)
        done = pit("report", self.demo, "-o", out)
        self.assertEqual(done.returncode, 0, done.stderr)
        with open(out, "rb") as f:
            self.assertEqual(f.read(), self.report, "no stale bytes after the report")
        self.assertEqual(stat.S_IMODE(os.stat(out).st_mode), 0o600)
        self.assertEqual([n for n in os.listdir(self.work) if n.startswith(".")], [], "no temporary left")

    def test_standard_output_by_name_still_works(self):
        done = pit("report", self.demo, "-o", "/dev/stdout")
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertEqual(done.stdout, self.report)
        self.assertEqual(pit("report", self.demo, "-o", "/dev/null").returncode, 0)
        self.assertTrue(os.path.exists("/dev/null") and not os.path.isfile("/dev/null"))

    def test_a_dash_is_standard_output_for_reports(self):
        done = pit("report", self.demo, "-o", "-", cwd=self.work)
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertEqual(done.stdout, self.report)
        compared = pit("compare", self.other, self.demo, "-o", "-", cwd=self.work)
        self.assertEqual(compared.returncode, 0, compared.stderr)
        self.assertEqual(compared.stdout, pit("compare", self.other, self.demo).stdout)
        self.assertEqual(os.listdir(self.work), [], "no file named -")
        self.assertNothingChanged()

    def export_and_partner(self):
        """The demo as JSON and a partner's file, in the work folder: inputs for every
        command that makes a session. The folder's digest is taken after them."""
        json_path = os.path.join(self.work, "s.json")
        with open(json_path, "wb") as f:
            f.write(pit("report", self.demo, "--format", "json").stdout)
        partner = os.path.join(self.work, "partner.pit")
        self.assertEqual(pit("assess", "--as", "Partner", "-o", partner, "--no-open").returncode, 0)
        self.before = tree_digest(self.folder)
        return json_path, partner

    def test_a_session_is_never_sent_to_standard_output_or_a_device(self):
        json_path, partner = self.export_and_partner()
        creating = [["new", "T", "--no-open"], ["demo", "--no-open"], ["import", json_path], ["merge", partner],
                    ["assess", "--as", "Partner", "--no-open"]]
        for args in creating:
            dash = pit(*args, "-o", "-", cwd=self.work)
            self.assertEqual(dash.returncode, 64, (args, dash.stderr))
            self.assertIn(b"a session cannot go to standard output (-o -)", dash.stderr, args)
            self.assertEqual(dash.stdout, b"", args)
            self.assertFalse(os.path.exists(os.path.join(self.work, "-")), args)
            # A device cannot hold a session either; no advice to open it.
            device = pit(*args, "-o", "/dev/full")
            self.assertRefused(device, 73, "/dev/full is not a regular file")
            self.assertNotIn(b"pit open", device.stderr, args)
        self.assertNothingChanged()

    # Folders

    def test_a_folder_as_output_is_a_clear_error(self):
        for args in [["report", self.demo, "-o", self.work], ["report", self.demo, "-o", self.work + "/"],
                     ["compare", self.demo, self.other, "-o", self.work]]:
            self.assertRefused(pit(*args), 73, "folder")
        self.assertNothingChanged()

    def test_a_name_ending_in_a_slash_never_becomes_a_file(self):
        json_path, partner = self.export_and_partner()
        newdir = os.path.join(self.work, "newdir")
        for args in [["merge", partner, "-o", newdir + "/"], ["new", "T", "-o", newdir + "/", "--no-open"],
                     ["import", json_path, "-o", newdir + "/"], ["demo", "-o", newdir + "/", "--no-open"],
                     ["assess", "--as", "P", "-o", newdir + "/", "--no-open"], ["report", self.demo, "-o", newdir + "/"]]:
            self.assertRefused(pit(*args), 73, "ends in /")
            self.assertFalse(os.path.exists(newdir), args)
        for args in [["merge", partner, "-o", self.work], ["new", "T", "-o", self.work, "--no-open"]]:
            self.assertRefused(pit(*args), 73, "is a folder")
        self.assertNothingChanged()

    # Full and closed standard output

    def test_a_full_standard_output_is_exit_74(self):
        for args in [["report", self.demo], ["report", self.demo, "--format", "csv"], ["instruments", "list"],
                     ["compare", self.other, self.demo], ["report", self.demo, "-o", "/dev/full"],
                     ["--help"], ["--version"], ["new", "--help"], ["help", "report"]]:
            with open("/dev/full", "wb") as full:
                result = pit(*args, stdout=full)
            self.assertRefused(result, 74, "No space left on device")
        self.assertNothingChanged()

    def test_a_full_or_closed_output_offers_o_file_only_to_commands_that_have_it(self):
        with_o = [["report", self.demo], ["compare", self.other, self.demo], ["report", self.demo, "-o", "-"]]
        without_o = [["instruments", "list"], ["instruments", "show", "tool-a"], ["themes", "list"], ["--help"],
                     ["--version"], ["help", "report"]]
        for args in with_o + without_o:
            with open("/dev/full", "wb") as full:
                result = pit(*args, stdout=full)
            self.assertRefused(result, 74, "No space left on device")
            if args in with_o:
                self.assertIn("Give -o FILE", result.stderr.decode(), args)
            else:
                self.assertNotIn("-o", result.stderr.decode(), args)
                self.assertIn("Free some space, or send it to a file on another disk", result.stderr.decode(), args)

        def close_stdout():
            os.close(1)
        for args, offered in [(["report", self.demo], True), (["instruments", "list"], False), (["themes", "list"], False)]:
            result = subprocess.run([PIT, *args], stdin=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                    preexec_fn=close_stdout, timeout=60, env=dict(os.environ, SWIFT_BACKTRACE="enable=no"))
            self.assertRefused(result, 74, "standard output is closed")
            self.assertEqual("give -o FILE" in result.stderr.decode(), offered, args)
        self.assertNothingChanged()

    def test_a_closed_standard_output_is_exit_74_and_harms_nothing(self):
        def close_stdout():
            os.close(1)
        for args in [["report", self.demo], ["instruments", "list"], ["report", self.demo, "--format", "json"]]:
            result = subprocess.run([PIT, *args], stdin=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                    preexec_fn=close_stdout, timeout=60, env=dict(os.environ, SWIFT_BACKTRACE="enable=no"))
            self.assertRefused(result, 74, "standard output is closed")
        # Writing to a file still works, and no file pit opens can take the closed slot.
        out = os.path.join(self.work, "r.md")
        result = subprocess.run([PIT, "report", self.demo, "-o", out], stdin=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                preexec_fn=close_stdout, timeout=60)
        self.assertEqual(result.returncode, 0, result.stderr)
        with open(out, "rb") as f:
            self.assertEqual(f.read(), self.report)
        made = os.path.join(self.work, "made.pit")
        result = subprocess.run([PIT, "new", "T", "-o", made, "--no-open"], stdin=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, preexec_fn=close_stdout, timeout=60)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(pit("report", made).returncode, 0, "the session made with a closed output is whole")


class StaleTemporaries(unittest.TestCase):
    def setUp(self):
        self.folder = tempfile.mkdtemp(prefix="pit-faults-tmp-")
        demo = os.path.join(self.folder, "demo.pit")
        assert pit("demo", "-o", demo, "--no-open").returncode == 0
        self.json_path = os.path.join(self.folder, "s.json")
        with open(self.json_path, "wb") as f:
            f.write(pit("report", demo, "--format", "json").stdout)

    def tearDown(self):
        shutil.rmtree(self.folder, ignore_errors=True)

    def make(self, name, mtime=None):
        path = os.path.join(self.folder, name)
        with open(path, "wb") as f:
            f.write(b"half a session")
        if mtime is not None:
            os.utime(path, (mtime, mtime))
        return path

    def test_the_next_run_removes_what_a_killed_pit_left(self):
        # A process number above the kernel's largest is never alive.
        dead = [self.make(".x.pit.creating-4194309-17"), self.make(".x.pit.creating-4194309-17-journal"),
                self.make(".r.md.writing-4194309-3")]
        # This test's own process is alive, and began after a file dated 1970: a reused number.
        reused = self.make(f".y.pit.creating-{os.getpid()}-5", mtime=1000)
        live = self.make(f".z.pit.creating-{os.getpid()}-6")
        unrelated = self.make(".notes.creating-done")
        done = pit("import", self.json_path, "-o", os.path.join(self.folder, "x.pit"))
        self.assertEqual(done.returncode, 0, done.stderr)
        for path in dead + [reused]:
            self.assertFalse(os.path.exists(path), path)
        self.assertTrue(os.path.exists(live), "a live pit's temporary stays")
        self.assertTrue(os.path.exists(unrelated), "other files stay")




class FullDisk(unittest.TestCase):
    """A folder on a small filesystem filled to the brim (a tmpfs, mounted as root only)."""

    def setUp(self):
        self.folder = small_filesystem(self, "pit-faults-full-", "256k")
        fill(self.folder)

    def test_a_new_session_on_a_full_disk_says_so_and_leaves_nothing(self):
        for command in (["new", "Full", "--groups", "Council,Health", "--no-open"], ["demo", "--no-open"]):
            path = os.path.join(self.folder, "s.pit")
            result = pit(*command, "-o", path)
            self.assertEqual(result.returncode, 74, result.stderr)
            err = result.stderr.decode()
            self.assertIn("the disk is full", err)
            self.assertIn("Free some space", err)
            self.assertNotIn("that you may write to it", err, "a full disk is not a permission problem")
            self.assertEqual(sorted(os.listdir(self.folder)), ["fill"], "a file or a temporary was left")


if __name__ == "__main__":
    unittest.main()
