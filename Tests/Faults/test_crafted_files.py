"""Crafted session files and JSON through `pit report`, `pit import` and `pit merge`.

Each case edits a real file (made by `pit demo` or `pit assess`) with Python's sqlite3 or
json modules, then checks that pit ends with a clear message naming the file, exit 65,
no crash signal, and every input byte-for-byte as it was. Run from this folder:

    PIT_BIN=$(swift build --show-bin-path)/pit python3 -m unittest test_crafted_files -v
"""
import json
import os
import shutil
import sqlite3
import struct
import subprocess
import tempfile
import unittest

from fault_support import demo_session, digest

PIT = os.environ.get("PIT_BIN", "pit")
INT64_MAX = 2**63 - 1
DATA_ERROR = 65


def pit(*args):
    return subprocess.run([PIT, *args], capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=60)


def loosen(path):
    """Rebuilds the events table without types, constraints or triggers, so any value fits."""
    db = sqlite3.connect(path)
    try:
        db.executescript("""
            CREATE TABLE loose AS SELECT * FROM events;
            DROP TABLE events;
            CREATE TABLE events (seq, at, author, kind, subject, instrument, element, level, na, target, text, text2, text3);
            INSERT INTO events SELECT * FROM loose;
            DROP TABLE loose;
        """)
        db.commit()
    finally:
        db.close()


def first_seq(path, kind):
    db = sqlite3.connect(path)
    try:
        return db.execute("SELECT min(seq) FROM events WHERE kind = ?", (kind,)).fetchone()[0]
    finally:
        db.close()


def set_column(path, seq, column, value):
    db = sqlite3.connect(path)
    try:
        db.execute(f"UPDATE events SET {column} = ? WHERE seq = ?", (value, seq))
        db.commit()
    finally:
        db.close()


def hot_journal(original, current_path):
    """The journal SQLite leaves when a save is cut off after writing the file: the
    original of every changed page, behind a synced header."""
    with open(current_path, "rb") as f:
        current = f.read()
    page_size = struct.unpack(">H", original[16:18])[0]
    nonce, records, count = 0x12345678, b"", 0
    for page in range(len(original) // page_size):
        old = original[page * page_size:(page + 1) * page_size]
        if current[page * page_size:(page + 1) * page_size] == old:
            continue
        checksum = nonce
        for i in range(page_size - 200, 0, -200):
            checksum = (checksum + old[i]) & 0xFFFFFFFF
        records += struct.pack(">I", page + 1) + old + struct.pack(">I", checksum)
        count += 1
    header = bytes.fromhex("d9d505f920a163d7") + struct.pack(">IIIII", count, nonce, len(original) // page_size, 512, page_size)
    return header.ljust(512, b"\0") + records


class CraftedFiles(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.folder = tempfile.mkdtemp(prefix="pit-faults-crafted-")
        cls.demo = demo_session(cls.folder)
        exported = pit("report", cls.demo, "--format", "json")
        assert exported.returncode == 0, exported.stderr
        cls.exported = json.loads(exported.stdout)
        cls.partner = os.path.join(cls.folder, "partner.pit")
        assessed = pit("assess", "--as", "Parks Trust", "--sector", "vcse", "-o", cls.partner, "--no-open")
        assert assessed.returncode == 0, assessed.stderr

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.folder, ignore_errors=True)

    def copy(self, source, name):
        path = os.path.join(self.folder, name)
        shutil.copyfile(source, path)
        self.addCleanup(lambda: [os.path.exists(p) and os.remove(p) for p in (path, path + "-journal")])
        return path

    def assert_refused(self, result, path, *words):
        self.assertGreaterEqual(result.returncode, 0, f"killed by signal {-result.returncode}: {result.stderr}")
        self.assertEqual(result.returncode, DATA_ERROR, result.stderr + result.stdout)
        self.assertIn(path, result.stderr)
        for word in words:
            self.assertIn(word, result.stderr)
        self.assertNotIn("Fatal error", result.stderr)

    # Session files

    SESSION_CASES = [
        # (name, kind of the event to edit, column, value, words the message must hold)
        ("level 9", "scoreRecorded", "level", 9, ["level 9", "scale"]),
        ("level Int64.max", "scoreRecorded", "level", INT64_MAX, [str(INT64_MAX)]),
        ("level -1", "scoreRecorded", "level", -1, ["level -1"]),
        ("agreed level Int64.max", "agreedScoreRecorded", "level", INT64_MAX, [str(INT64_MAX)]),
        ("time Int64.max", "noteAdded", "at", INT64_MAX, ["time"]),
        ("time negative", "noteAdded", "at", -5, ["time"]),
        ("sequence number Int64.max", "noteAdded", "seq", INT64_MAX, ["number"]),
        ("sequence number 0", "sessionCreated", "seq", 0, ["number"]),
        ("NULL author", "noteAdded", "author", None, ["author"]),
        ("NULL time", "noteAdded", "at", None, ["at"]),
        ("NULL kind", "noteAdded", "kind", None, ["kind"]),
        ("NULL na", "scoreRecorded", "na", None, ["not-applicable"]),
        ("NULL level", "scoreRecorded", "level", None, ["score"]),
        ("text level", "scoreRecorded", "level", "three", ["level"]),
        ("real level", "scoreRecorded", "level", 3.5, ["level"]),
        ("text time", "noteAdded", "at", "noon", ["at"]),
        ("blob subject", "scoreRecorded", "subject", b"\x00\x01", ["subject"]),
        ("number as note", "noteAdded", "text", 12, ["text"]),
        ("100,000-character note", "noteAdded", "text", "x" * 100_000, ["16384"]),
        ("undo of itself", "undone", "target", INT64_MAX, ["undoes"]),
        ("unknown kind", "noteAdded", "kind", "meteorStrike", ["kind"]),
    ]

    def crafted_session(self, source, case):
        name, kind, column, value, _ = case
        path = self.copy(source, name.replace(" ", "-").replace(",", "") + ".pit")
        seq = first_seq(path, kind)
        if seq is None:  # the demo has no undo: add one, then spoil it
            db = sqlite3.connect(path)
            last = db.execute("SELECT max(seq), max(at) FROM events").fetchone()
            db.execute("INSERT INTO events (seq, at, author, kind, na, target) VALUES (?, ?, 'T', 'undone', 0, ?)",
                       (last[0] + 1, last[1], last[0]))
            db.commit()
            db.close()
            seq = last[0] + 1
        loosen(path)
        set_column(path, seq, column, value)
        return path

    def test_report_refuses_crafted_values(self):
        for case in self.SESSION_CASES:
            with self.subTest(case[0]):
                path = self.crafted_session(self.demo, case)
                before = digest(path)
                for fmt in ["md", "json", "csv", "html"]:
                    result = pit("report", path, "--format", fmt)
                    self.assert_refused(result, path, "event", *case[4])
                self.assertEqual(digest(path), before, "report changed its input")

    def test_merge_refuses_what_open_refuses(self):
        other = self.copy(self.partner, "other-partner.pit")
        # A second partner under another name, so the inputs differ only by the crafted value.
        for case in [c for c in self.SESSION_CASES if c[1] in ("scoreRecorded", "noteAdded", "sessionCreated")][:8]:
            with self.subTest(case[0]):
                crafted = self.crafted_session(self.partner, case)
                if first_seq(crafted, "scoreRecorded") is None and case[1] == "scoreRecorded":
                    continue
                before = digest(crafted), digest(other)
                out = os.path.join(self.folder, "merged.pit")
                if os.path.exists(out):
                    os.remove(out)
                result = pit("merge", crafted, other, "-o", out, "--rename", "other-partner.pit=Other")
                self.assert_refused(result, crafted)
                self.assertFalse(os.path.exists(out), "nothing is written")
                self.assertEqual((digest(crafted), digest(other)), before)

    # JSON

    def crafted_json(self, edit):
        data = json.loads(json.dumps(self.exported))
        edit(data["events"])
        path = os.path.join(self.folder, "crafted.json")
        with open(path, "w") as f:
            json.dump(data, f)
        self.addCleanup(lambda: os.path.exists(path) and os.remove(path))
        return path

    def first(self, events, kind):
        return next(e for e in events if e["kind"] == kind)

    def test_import_refuses_crafted_values(self):
        cases = {
            "level 9": lambda ev: self.first(ev, "scoreRecorded").update(level=9),
            "level Int64.max": lambda ev: self.first(ev, "scoreRecorded").update(level=INT64_MAX),
            "level beyond Int64": lambda ev: self.first(ev, "scoreRecorded").update(level=2**70),
            "level as text": lambda ev: self.first(ev, "scoreRecorded").update(level="3"),
            "level null": lambda ev: self.first(ev, "scoreRecorded").update(level=None),
            "agreed Int64.max": lambda ev: self.first(ev, "agreedScoreRecorded").update(level=INT64_MAX),
            "seq Int64.max": lambda ev: ev[-1].update(seq=INT64_MAX),
            "undo Int64.max": lambda ev: ev.append(dict(ev[-1], seq=ev[-1]["seq"] + 1, kind="undone", target=INT64_MAX)),
            "time year 99999": lambda ev: ev[-1].update(at="99999-01-01T00:00:00Z"),
            "author null": lambda ev: ev[-1].update(author=None),
            "author a number": lambda ev: ev[-1].update(author=7),
            "long note": lambda ev: self.first(ev, "noteAdded").update(text="y" * 100_000),
            "long title": lambda ev: ev[0]["session"].update(title="T" * 10_000),
        }
        for name, edit in cases.items():
            with self.subTest(name):
                path = self.crafted_json(edit)
                before = digest(path)
                out = os.path.join(self.folder, "imported.pit")
                if os.path.exists(out):
                    os.remove(out)
                result = pit("import", path, "-o", out)
                self.assert_refused(result, path)
                self.assertFalse(os.path.exists(out), "nothing is written")
                self.assertEqual(digest(path), before)
                leftovers = [f for f in os.listdir(self.folder) if ".creating-" in f]
                self.assertEqual(leftovers, [])

    # A rollback journal that does not belong

    def test_a_stale_journal_is_refused_and_nothing_changes(self):
        path = self.copy(self.demo, "restored.pit")
        with open(path, "rb") as f:
            original = f.read()
        db = sqlite3.connect(path)
        last = db.execute("SELECT max(seq), max(at) FROM events").fetchone()
        db.execute("INSERT INTO events (seq, at, author, kind, subject, na, text) VALUES (?, ?, 'T', 'noteAdded', 'j1', 0, 'one')",
                    (last[0] + 1, last[1]))
        db.commit()
        journal = hot_journal(original, path)
        # Two more saves: this is the later good copy a backup restores.
        db.execute("INSERT INTO events (seq, at, author, kind, subject, na, text) VALUES (?, ?, 'T', 'noteAdded', 'j2', 0, 'two')",
                    (last[0] + 2, last[1]))
        db.commit()
        db.close()
        with open(path + "-journal", "wb") as f:
            f.write(journal)
        before, journal_before = digest(path), digest(path + "-journal")
        for args in (["report", path], ["report", path, "--format", "json"]):
            result = pit(*args)
            self.assert_refused(result, path, "-journal", "does not belong")
            self.assertNotIn("has not been changed", result.stderr.replace("pit has not opened or changed", ""))
            self.assertEqual(digest(path), before)
            self.assertEqual(digest(path + "-journal"), journal_before)
        os.rename(path + "-journal", path + "-journal.old")
        self.addCleanup(lambda: os.remove(path + "-journal.old"))
        self.assertEqual(pit("report", path).returncode, 0, "moved aside as the message says, the file reads")

    def test_a_journal_that_belongs_is_not_refused(self):
        path = self.copy(self.demo, "interrupted.pit")
        with open(path, "rb") as f:
            original = f.read()
        db = sqlite3.connect(path)
        last = db.execute("SELECT max(seq), max(at) FROM events").fetchone()
        db.execute("INSERT INTO events (seq, at, author, kind, subject, na, text) VALUES (?, ?, 'T', 'noteAdded', 'k1', 0, 'x')",
                    (last[0] + 1, last[1]))
        db.commit()
        db.close()
        with open(path + "-journal", "wb") as f:
            f.write(hot_journal(original, path))
        result = pit("report", path)
        # A read-only report cannot finish the rollback; it says how, and is not a stranger's journal.
        self.assertNotIn("does not belong", result.stderr)
        self.assertIn("pit open", result.stderr)


class OversizedFiles(unittest.TestCase):
    def test_a_huge_instrument_file_is_skipped_and_named(self):
        folder = tempfile.mkdtemp(prefix="pit-faults-huge-")
        self.addCleanup(shutil.rmtree, folder, True)
        huge = os.path.join(folder, "huge.yaml")
        with open(huge, "wb") as f:
            f.truncate(21 * 1024 * 1024)  # sparse: 21 MiB that cost nothing to write
        listed = pit("instruments", "list", "--instrument-dir", folder)
        self.assertEqual(listed.returncode, DATA_ERROR, listed.stderr)
        self.assertIn("tool-a", listed.stdout, "the other instruments still load")
        self.assertIn(huge, listed.stderr)
        self.assertIn("21 MiB", listed.stderr)
        self.assertIn("limit of 1 MiB", listed.stderr)
        validated = pit("instruments", "validate", huge)
        self.assertEqual(validated.returncode, DATA_ERROR, validated.stderr + validated.stdout)
        self.assertIn("limit of 1 MiB", validated.stdout + validated.stderr)


if __name__ == "__main__":
    unittest.main()
