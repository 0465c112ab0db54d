"""Hostile control text through every command that prints: text from session files, JSON,
instrument files and arguments must reach the terminal with its control characters shown
(ESC as ^[), never as raw bytes that would retitle, redraw or reorder the terminal."""
import json
import os
import shutil
import tempfile
import unittest

from fault_support import hostile_characters, pit

# OSC title change with BEL, "ESC ( 0" (line drawing), a C1 CSI, RLO, DEL, an isolate, BS, CR.
HOSTILE = "A\x1b]0;pwned\x07B\x1b(0C\x9b31mD\u202eE\x7fF\u2066G\u2069H\x08I\rJ"


def hostile(label):
    return f"{label} {HOSTILE}"


class ControlText(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.folder = tempfile.mkdtemp(prefix="pit-faults-text-")
        cls.config = os.path.join(cls.folder, "config")
        cls.env = {"XDG_CONFIG_HOME": cls.config, "XDG_STATE_HOME": os.path.join(cls.folder, "state"),
                   "HOME": cls.folder}
        demo = os.path.join(cls.folder, "demo.pit")
        assert cls.run_pit("demo", "-o", demo, "--no-open").returncode == 0
        data = json.loads(cls.run_pit("report", demo, "--format", "json").stdout)
        events = data["events"]
        for e in events:
            kind = e["kind"]
            if kind == "sessionCreated":
                for key in ["title", "place", "facilitator"]:
                    e["session"][key] = hostile(key)
                e["author"] = hostile("creator")
            elif kind == "groupAdded":
                e["name"] = hostile(e["name"])
            elif kind == "agreedScoreRecorded":
                e["rationale"] = hostile("rationale")
            elif kind == "scoreRecorded":
                e["note"] = hostile("score note")
            elif kind == "noteAdded":
                e["text"] = hostile("note")
                e["author"] = hostile("scribe")
            elif kind == "actionAdded":
                e["what"] = hostile("action")
                e["owner"] = hostile("owner")
        cls.json_path = os.path.join(cls.folder, "hostile.json")
        with open(cls.json_path, "w") as f:
            json.dump(data, f)
        cls.session = os.path.join(cls.folder, "hostile.pit")
        made = cls.run_pit("import", cls.json_path, "-o", cls.session)
        assert made.returncode == 0, made.stderr
        cls.demo = demo

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.folder, ignore_errors=True)

    @classmethod
    def run_pit(cls, *args):
        return pit(*args, env=cls.env)

    def assertClean(self, result, *, code=None):
        if code is not None:
            self.assertEqual(result.returncode, code, result.stderr)
        for name, data in [("stdout", result.stdout), ("stderr", result.stderr)]:
            self.assertEqual(hostile_characters(data), [], f"raw control characters on {name}: {data[:400]!r}")
            self.assertNotIn(b"\r", data.replace(b"\r\n", b""), f"a lone CR on {name}")
        self.assertNotIn(b"Fatal error", result.stderr)

    def test_every_report_format_to_standard_output(self):
        for fmt in ["md", "html", "transcript", "transcript-md"]:
            result = self.run_pit("report", self.session, "--format", fmt)
            self.assertClean(result, code=0)
            # Markdown backslash-escapes the stand-ins; without the backslashes they read ^[ and ^G.
            self.assertIn(b"^[]0;pwned^G", result.stdout.replace(b"\\", b""), f"{fmt}: the escape is shown")
            self.assertIn(b"<U+202E>", result.stdout.replace(b"\\", b"").replace(b"&lt;", b"<").replace(b"&gt;", b">"))
        for table in ["scores", "agreed", "actions"]:
            result = self.run_pit("report", self.session, "--format", "csv", "--table", table)
            self.assertClean(result, code=0)
            self.assertIn(b"^[]0;pwned^G", result.stdout)

    def test_json_still_round_trips_the_exact_text(self):
        result = self.run_pit("report", self.session, "--format", "json")
        self.assertClean(result, code=0)
        data = json.loads(result.stdout)
        self.assertEqual(data["session"]["title"], hostile("title"), "JSON keeps the text, escaped")

    def test_compare_and_its_warnings(self):
        for fmt in ["md", "csv", "html"]:
            result = self.run_pit("compare", self.demo, self.session, "--format", fmt)
            self.assertClean(result, code=0)
            self.assertIn(b"warning", result.stderr, "the places differ, so pit warns, naming them")

    def test_merge_summary_names_partners(self):
        # `pit assess` refuses such a name; a partner's file made elsewhere may hold one.
        plain, exported, partner = (os.path.join(self.folder, n) for n in ("plain-partner.pit", "plain-partner.json", "p1.pit"))
        self.assertClean(self.run_pit("assess", "--as", "Partner", "-o", plain, "--no-open"), code=0)
        self.assertClean(self.run_pit("report", plain, "--format", "json", "-o", exported), code=0)
        data = json.load(open(exported))
        for e in data["events"]:
            if e["kind"] == "groupAdded":
                e["name"] = hostile("partner")
        with open(exported, "w") as f:
            json.dump(data, f)
        self.assertClean(self.run_pit("import", exported, "-o", partner), code=0)
        merged = os.path.join(self.folder, "merged.pit")
        # A title typed for the merged session is refused as pit new refuses one, cleanly.
        self.assertClean(self.run_pit("merge", partner, "-o", merged, "--title", hostile("merged")), code=64)
        result = self.run_pit("merge", partner, "-o", merged, "--title", "Merged")
        self.assertClean(result, code=0)
        self.assertIn(b"^[]0;pwned^G", result.stdout, "the partner's name from its file, made visible")
        again = self.run_pit("merge", partner, partner, "-o", os.path.join(self.folder, "m2.pit"))
        self.assertClean(again, code=65)

    def test_import_errors_that_echo_a_field(self):
        data = json.load(open(self.json_path))
        for field, value in [("at", hostile("time")), ("kind", hostile("kind"))]:
            broken = json.loads(json.dumps(data))
            broken["events"][1][field] = value
            path = os.path.join(self.folder, f"broken-{field}.json")
            with open(path, "w") as f:
                json.dump(broken, f)
            result = self.run_pit("import", path, "-o", os.path.join(self.folder, f"broken-{field}.pit"))
            self.assertClean(result, code=65)
            self.assertIn(b"^[", result.stderr, "the field is echoed, made visible")

    def test_instruments_list_show_and_validate(self):
        folder = os.path.join(self.config, "pit", "instruments")
        os.makedirs(folder, exist_ok=True)
        shipped = self.run_pit("instruments", "show", "tool-a")
        self.assertClean(shipped, code=0)
        escaped = json.dumps(HOSTILE)  # a YAML double-quoted string with \u escapes
        # Titles and short names are one line: control characters are refused there (see
        # below), but bidirectional controls are not, and every output must show them.
        one_line = json.dumps("pwned \u202eE\u2066G\u2069H")
        good = os.path.join(folder, "evil.yaml")
        with open(good, "w") as f:
            f.write(f"""schema: 1
id: evil
version: 1
title: {one_line}
short: "E\u202e2J"
placement: centre
summary: {escaped}
elements:
  - id: one
    title: {one_line}
    focus: {escaped}
    good: {escaped}
    levels:
      1: {escaped}
      3: {escaped}
      5: {escaped}
    questions:
      - {escaped}
""")
        listed = self.run_pit("instruments", "list")
        self.assertClean(listed, code=0)
        self.assertIn(b"evil", listed.stdout)
        shown = self.run_pit("instruments", "show", "evil")
        self.assertClean(shown, code=0)
        self.assertIn(b"^[]0;pwned^G", shown.stdout)
        bad = os.path.join(self.folder, "bad.yaml")
        with open(bad, "w") as f:
            f.write(f'schema: 1\nid: {escaped}\n{escaped}: 1\nversion: 1\ntitle: t\nshort: s\nplacement: {escaped}\nelements: []\n')
        validated = self.run_pit("instruments", "validate", bad, good)
        self.assertClean(validated, code=65)
        self.assertIn(b"^[", validated.stdout)
        self.assertClean(self.run_pit("instruments", "show", HOSTILE), code=64)
        with open(good) as f:
            text = f.read()
        titled = os.path.join(self.folder, "titled.yaml")
        with open(titled, "w") as f:
            f.write(text.replace(f"title: {one_line}", f"title: {escaped}", 1))
        refused = self.run_pit("instruments", "validate", titled)
        self.assertClean(refused, code=65)
        self.assertIn(b"titled.yaml:4:8: `title` holds the control character U+001B", refused.stdout)
        # A session scoring the hostile instrument: its titles reach every report.
        session = os.path.join(self.folder, "evil.pit")
        self.assertClean(self.run_pit("new", "E", "--instruments", "evil,tool-a", "--groups", "A,B", "-o", session,
                                      "--no-open"), code=0)
        data = json.loads(self.run_pit("report", session, "--format", "json").stdout)
        last = data["events"][-1]
        for n, (kind, extra) in enumerate([("scoreRecorded", {"group": data["groups"][0]["id"], "level": 3}),
                                           ("agreedScoreRecorded", {"level": 3, "rationale": "r"}),
                                           ("noteAdded", {"id": "n1", "text": "t"}),
                                           ("actionAdded", {"id": "a1", "what": "w", "owner": "o"})], start=1):
            data["events"].append(dict({"seq": last["seq"] + n, "at": last["at"], "author": "T", "kind": kind,
                                        "instrument": "evil", "element": "one"}, **extra))
        scored = os.path.join(self.folder, "evil.json")
        with open(scored, "w") as f:
            json.dump(data, f)
        imported = os.path.join(self.folder, "evil-scored.pit")
        self.assertClean(self.run_pit("import", scored, "-o", imported), code=0)
        for fmt in ["md", "html", "csv", "transcript", "transcript-md", "json"]:
            result = self.run_pit("report", imported, "--format", fmt)
            self.assertClean(result, code=0)
            self.assertIn(b"pwned", result.stdout, f"{fmt} names the instrument")
        for fmt in ["md", "html", "csv"]:
            self.assertClean(self.run_pit("compare", session, imported, "--format", fmt), code=0)
        os.remove(good)

    def test_arguments_echoed_in_errors(self):
        for args, code in [
            (["report", self.session, "--format", HOSTILE], 64),
            (["report", os.path.join(self.folder, HOSTILE + ".pit")], 66),
            (["open", os.path.join(self.folder, HOSTILE + ".pit")], 66),
            (["new", "T", "--instruments", HOSTILE, "-o", os.path.join(self.folder, "n.pit"), "--no-open"], 64),
            (["new", "T", "--groups", "a,A", "-o", os.path.join(self.folder, "n.pit"), "--no-open"], 64),
            (["themes", "list", "--theme", HOSTILE], 64),
            (["report", self.session, "--time-zone", HOSTILE], 64),
            (["merge", self.session, "-o", os.path.join(self.folder, HOSTILE)], 65),
            (["merge", self.demo, "--rename", HOSTILE, "-o", os.path.join(self.folder, "r.pit")], 64),
            ([HOSTILE], 64),
        ]:
            result = self.run_pit(*args)
            self.assertClean(result, code=code)

    def test_new_and_assess_refuse_hostile_names_and_say_so_cleanly(self):
        path = os.path.join(self.folder, HOSTILE.replace("/", "") + ".pit")
        for args in [["new", hostile("title"), "-o", path],
                     ["new", "T", "--groups", f"{hostile('g1')},x:vcse", "-o", path],
                     ["new", "T", "--place", hostile("place"), "-o", path],
                     ["assess", "--as", hostile("partner"), "-o", path]]:
            self.assertClean(self.run_pit(*args, "--no-open"), code=64)
            self.assertFalse(os.path.exists(path), args)


if __name__ == "__main__":
    unittest.main()
