"""Reports from the command line: hostile notes stay inert, the JSON round trip, comparison."""
import csv
import datetime
import io
import json
import os
import shutil
import subprocess
import tempfile
import re
import threading
import unittest
import zipfile
import zoneinfo
from xml.etree import ElementTree

from test_sessions import pit

HOSTILE_NOTE = "<script>alert(1)</script> and =1+1"
FORMULA_NOTE = "=HYPERLINK(\"http://example.invalid\",\"click\")"


class Reports(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.folder = tempfile.mkdtemp(prefix="pit-reports-")
        cls.demo = os.path.join(cls.folder, "demo.pit")
        assert pit("demo", "-o", cls.demo, "--no-open").returncode == 0
        # Add hostile text the way another tool would: edit the exported JSON, import it.
        exported = pit("report", cls.demo, "--format", "json")
        assert exported.returncode == 0, exported.stderr
        data = json.loads(exported.stdout)
        last = data["events"][-1]
        for n, text in enumerate([HOSTILE_NOTE, FORMULA_NOTE], start=1):
            data["events"].append({"seq": last["seq"] + n, "at": last["at"], "author": "Tester", "kind": "noteAdded",
                                   "id": f"hostile{n}", "instrument": "tool-a", "element": "leadership", "text": text})
        data["events"].append({"seq": last["seq"] + 3, "at": last["at"], "author": "Tester", "kind": "scoreRecorded",
                               "group": data["groups"][0]["id"], "instrument": "tool-a", "element": "evaluation",
                               "level": 2, "note": "=1+1"})
        cls.json_path = os.path.join(cls.folder, "hostile.json")
        with open(cls.json_path, "w") as f:
            json.dump(data, f)
        cls.hostile = os.path.join(cls.folder, "hostile.pit")
        imported = pit("import", cls.json_path, "-o", cls.hostile)
        assert imported.returncode == 0, imported.stderr + imported.stdout

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.folder, ignore_errors=True)

    def test_json_round_trip_is_identical(self):
        again = pit("report", self.hostile, "--format", "json")
        self.assertEqual(again.returncode, 0)
        with open(self.json_path) as f:
            original = json.load(f)
        # The demo's events came out of pit, so they must come back exactly.
        demo_events = len(original["events"]) - 3
        self.assertEqual(json.loads(again.stdout)["events"][:demo_events], original["events"][:demo_events])
        self.assertEqual(len(json.loads(again.stdout)["events"]), len(original["events"]))
        refused = pit("import", self.json_path, "-o", self.hostile)
        self.assertEqual(refused.returncode, 73, "import never overwrites")

    def test_html_escapes_user_text_and_has_the_parts(self):
        result = pit("report", self.hostile, "--format", "html")
        self.assertEqual(result.returncode, 0, result.stderr)
        html = result.stdout
        self.assertNotIn("<script>alert(1)", html)
        self.assertIn("&lt;script&gt;alert(1)&lt;/script&gt;", html)
        self.assertIn("<svg", html)
        self.assertNotIn("http://", html.replace("http://www.w3.org/2000/svg", "").replace("http://example.invalid", ""),
                         "no external resources")
        for text in ["Draft a data-sharing agreement", "Joint needs assessment", "Priorities"]:
            self.assertIn(text, html)

    def test_csv_neutralises_formulas(self):
        result = pit("report", self.hostile, "--format", "csv")
        self.assertEqual(result.returncode, 0, result.stderr)
        rows = list(csv.DictReader(io.StringIO(result.stdout)))
        notes = [r for r in rows if r.get("note")]
        self.assertTrue(any(r["note"] == "'=1+1" for r in notes), notes)
        for row in rows:
            for value in row.values():
                self.assertFalse(value and value[0] in "=+@\t\r" , f"unsafe cell {value!r}")

    def test_markdown_keeps_tables_intact(self):
        result = pit("report", self.hostile, "--format", "md")
        self.assertEqual(result.returncode, 0, result.stderr)
        for line in result.stdout.splitlines():
            if line.startswith("|") and "alert" in line:
                self.assertNotIn("<script>", line)

    def test_transcript_and_compare(self):
        transcript = pit("report", self.hostile, "--format", "transcript")
        self.assertEqual(transcript.returncode, 0)
        self.assertIn("scored Tool A Step 1 Leadership in place", transcript.stdout)
        compared = pit("compare", self.demo, self.hostile, "--format", "md")
        self.assertEqual(compared.returncode, 0, compared.stderr)
        self.assertIn("Built-in evaluation", compared.stdout)

    def test_output_to_a_pipe_is_written_in_place(self):
        fifo = os.path.join(self.folder, "pipe")
        os.mkfifo(fifo)
        received = []
        def read():
            with open(fifo) as f:
                received.append(f.read())
        reader = threading.Thread(target=read)
        reader.start()
        result = pit("report", self.demo, "--format", "md", "-o", fifo)
        reader.join(timeout=10)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertTrue(received and received[0].startswith("# "))
        self.assertTrue(os.path.exists(fifo) and not os.path.isfile(fifo), "the pipe is still a pipe")

    def test_bad_input_gets_sysexits_codes(self):
        self.assertEqual(pit("report", os.path.join(self.folder, "none.pit")).returncode, 66)
        self.assertEqual(pit("report", self.demo, "--format", "pdf").returncode, 64)
        text = os.path.join(self.folder, "x.json")
        with open(text, "w") as f:
            f.write("{not json")
        self.assertEqual(pit("import", text, "-o", os.path.join(self.folder, "x.pit")).returncode, 65)


LONG_URL = "https://example.org/" + "a" * 226 + "/end"   # 250 characters, no break
assert len(LONG_URL) == 250


def session_with(folder, extra_events):
    """The demo plus `extra_events` (dicts without seq/at), imported into a new file."""
    demo = os.path.join(folder, "base.pit")
    assert pit("demo", "-o", demo, "--no-open").returncode == 0
    data = json.loads(pit("report", demo, "--format", "json").stdout)
    last = data["events"][-1]
    for n, event in enumerate(extra_events, start=1):
        data["events"].append(dict(event, seq=last["seq"] + n, at=last["at"], author="Tester"))
    path = os.path.join(folder, "extra.json")
    with open(path, "w") as f:
        json.dump(data, f)
    out = os.path.join(folder, "extra.pit")
    imported = pit("import", path, "-o", out)
    assert imported.returncode == 0, imported.stderr
    return out


STEPS = ["leadership", "needs-assessment", "priorities", "whole-system", "interventions", "targets",
         "business-plan", "information-governance", "programme-management", "evaluation"]


def imported_session(folder, name, scores, start="2026-01-01T10:00:00", minutes=1, extra=()):
    """A Tool A workshop with one group per `scores` key, made by `pit import` from JSON:
    `scores` maps a group to {step: level}; `extra` adds events (dicts without seq/at)."""
    info = {"title": name, "place": "Town", "date": start[:10], "facilitator": "Fac", "instruments": ["tool-a"],
            "mode": "workshop"}
    t = datetime.datetime.fromisoformat(start).replace(tzinfo=datetime.timezone.utc)
    events = [{"kind": "sessionCreated", "session": info}]
    events += [{"kind": "groupAdded", "group": g, "name": g, "sector": "other", "initials": g[:3]} for g in scores]
    for g, levels in scores.items():
        events += [{"kind": "scoreRecorded", "group": g, "instrument": "tool-a", "element": e, "level": v}
                   for e, v in levels.items()]
    events += list(extra)
    for n, e in enumerate(events, start=1):
        e.update(seq=n, author="Fac", at=(t + datetime.timedelta(minutes=minutes * n)).strftime("%Y-%m-%dT%H:%M:%S.000Z"))
    source = os.path.join(folder, name + ".json")
    with open(source, "w") as f:
        json.dump({"format": "pit-session", "version": 1, "session": info, "events": events}, f)
    out = os.path.join(folder, name + ".pit")
    return out, pit("import", source, "-o", out)


class ReportNumbersAndTimes(unittest.TestCase):
    """The numbers and times of reports and comparisons, checked from the command line."""

    @classmethod
    def setUpClass(cls):
        cls.folder = tempfile.mkdtemp(prefix="pit-numbers-")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.folder, ignore_errors=True)

    def session(self, name, scores, **kw):
        path, made = imported_session(self.folder, name, scores, **kw)
        self.assertEqual(made.returncode, 0, made.stderr)
        return path

    def test_compare_takes_a_parts_change_like_for_like(self):
        base = self.session("cov-base", {"G1": {e: 2 for e in STEPS[:5]}})
        follow = self.session("cov-follow", {"G1": {**{e: 2 for e in STEPS[:5]}, **{e: 5 for e in STEPS[5:]}}})
        md = pit("compare", base, follow)
        self.assertEqual(md.returncode, 0, md.stderr)
        row = next(line for line in md.stdout.splitlines() if line.startswith("| Place-based planning"))
        cells = [c.strip() for c in row.strip("|").split("|")]
        self.assertEqual(cells[2:], ["2 (2)", "5 of 10", "3.5 (2–5)", "10 of 10", "2 (2) → 2 (2), 5 elements", "= 0"])
        html = pit("compare", base, follow, "--format", "html").stdout
        self.assertIn(">same 5: 2 → 2, = 0</text>", html)
        self.assertNotIn("+1.5", html)
        parts = list(csv.DictReader(io.StringIO(pit("compare", base, follow, "--format", "csv", "--table", "components").stdout)))
        centre = next(r for r in parts if r["component"] == "centre")
        self.assertEqual((centre["followup_median"], centre["scored_in_both"], centre["change"]), ("3.5", "5", "0"))

    def test_compare_shows_a_change_that_agrees_with_the_values_shown(self):
        # Baseline steps 2.5, 2.5, 3, 3: the centre's median 2.75 shows as 2.8; follow-up 3.
        base = self.session("round-base", {"G1": {STEPS[0]: 2, STEPS[1]: 2, STEPS[2]: 3, STEPS[3]: 3},
                                           "G2": {STEPS[0]: 3, STEPS[1]: 3}})
        follow = self.session("round-follow", {"G1": {e: 3 for e in STEPS[:4]}})
        md = pit("compare", base, follow).stdout
        self.assertIn("2.8 (2.5–3) → 3 (3), 4 elements", md)
        self.assertIn("▲ +0.2", md)
        self.assertNotIn("+0.3", md + pit("compare", base, follow, "--format", "html").stdout)
        parts = list(csv.DictReader(io.StringIO(pit("compare", base, follow, "--format", "csv", "--table", "components").stdout)))
        centre = next(r for r in parts if r["component"] == "centre")
        self.assertEqual((centre["baseline_median_in_both"], centre["followup_median_in_both"], centre["change"]), ("2.8", "3", "0.2"))

    def test_compare_names_dont_know_and_not_applicable(self):
        dk = [{"kind": "scoreRecorded", "group": "G1", "instrument": "tool-a", "element": "leadership", "dontKnow": True},
              {"kind": "scoreRecorded", "group": "G1", "instrument": "tool-a", "element": "priorities", "notApplicable": True}]
        base = self.session("dk-base", {"G1": {}}, extra=dk)
        rows = list(csv.DictReader(io.StringIO(pit("compare", base, base, "--format", "csv").stdout)))
        basis = {r["element"]: r["baseline_basis"] for r in rows}
        self.assertEqual((basis["leadership"], basis["priorities"], basis["targets"]), ("don't know", "N/A", "not scored"))

    def test_times_across_a_clock_change_and_days_read_truthfully(self):
        # 2026-04-04 13:40 UTC is 02:40 in Auckland (UTC+13:00); at 14:00 UTC the clocks go
        # back to UTC+12:00. Notes 30 minutes apart fall either side.
        notes = [{"kind": "noteAdded", "id": f"n{i}", "instrument": "tool-a", "element": "leadership", "text": f"note {i}"}
                 for i in range(3)]
        path = self.session("dst", {"G1": {}}, start="2026-04-04T13:20:00", minutes=10, extra=notes)
        md = pit("report", path, "--time-zone", "Pacific/Auckland").stdout
        self.assertIn("Pacific/Auckland (UTC+13:00); the clocks changed to UTC+12:00 on 2026-04-05", md)
        self.assertIn("(02:10 UTC+12:00, Fac): note 2", md)
        self.assertIn("(02:50, Fac): note 0", md)
        transcript = pit("report", path, "--format", "transcript", "--time-zone", "Pacific/Auckland").stdout
        self.assertIn("The clocks changed: times from here are UTC+12:00.", transcript)
        # The same record seen in London spans no change; at UTC+10:00 it spans two days.
        london = pit("report", path, "--time-zone", "Europe/London").stdout
        self.assertNotIn("clocks changed", london)
        self.assertIn("(14:50, Fac): note 0", london)
        days = pit("report", path, "--time-zone", "+10:00").stdout
        self.assertIn("(2026-04-04 23:50, Fac): note 0", days)
        self.assertIn("(2026-04-05 00:10, Fac): note 2", days)

    def test_the_demo_is_dated_the_local_day_of_its_records(self):
        # The demo's records start four hours ago. A zone whose day differs from UTC's then:
        # UTC+14 from 10:00 UTC, UTC-12 before 12:00 UTC.
        start = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(hours=4)
        zone = "Etc/GMT-14" if start.hour >= 10 else "Etc/GMT+12"
        demo = os.path.join(self.folder, "far-demo.pit")
        made = pit("demo", "-o", demo, "--no-open", env={"TZ": zone})
        self.assertEqual(made.returncode, 0, made.stderr)
        data = json.loads(pit("report", demo, "--format", "json").stdout)
        first = datetime.datetime.fromisoformat(data["events"][0]["at"].replace("Z", "+00:00"))
        local = first.astimezone(zoneinfo.ZoneInfo(zone)).date().isoformat()
        self.assertNotEqual(local, first.date().isoformat(), "the zone's day is not UTC's")
        self.assertEqual(data["session"]["date"], local)

    def test_import_refuses_an_impossible_due_date(self):
        action = {"kind": "actionAdded", "id": "a1", "instrument": "tool-a", "element": "leadership",
                  "what": "Book the room", "owner": "Council", "due": "2027-02-29"}
        path, made = imported_session(self.folder, "bad-due", {"G1": {}}, extra=[action])
        self.assertEqual(made.returncode, 65, made.stderr)
        self.assertIn("the action “Book the room” is due 2027-02-29, which is not a day of the calendar", made.stderr)
        self.assertIn("such as 2027-02-28", made.stderr)
        self.assertFalse(os.path.exists(path))


def which(*tools):
    return [t for t in tools if shutil.which(t) is None]


class PrintedReport(unittest.TestCase):
    """The HTML report printed by Chromium: long words wrap, nothing shrinks or is cut."""

    @classmethod
    def setUpClass(cls):
        missing = which("chromium", "pdftotext")
        if missing:
            raise unittest.SkipTest(f"needs {' and '.join(missing)} (apt-get install chromium poppler-utils)")
        cls.folder = tempfile.mkdtemp(prefix="pit-print-")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.folder, ignore_errors=True)

    def print_pdf(self, session, name):
        html = os.path.join(self.folder, name + ".html")
        self.assertEqual(pit("report", session, "--format", "html", "-o", html).returncode, 0)
        pdf = os.path.join(self.folder, name + ".pdf")
        subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", f"--print-to-pdf={pdf}", html],
                       capture_output=True, timeout=180)
        self.assertTrue(os.path.exists(pdf), "chromium printed the report")
        return pdf

    @staticmethod
    def text(pdf, *pages):
        first_last = ["-f", str(pages[0]), "-l", str(pages[-1])] if pages else []
        return subprocess.run(["pdftotext", *first_last, pdf, "-"], capture_output=True, text=True).stdout

    def test_a_250_character_url_wraps_and_keeps_every_column(self):
        session = session_with(self.folder, [
            {"kind": "noteAdded", "id": "url-note", "instrument": "tool-a", "element": "leadership", "text": "See " + LONG_URL},
            {"kind": "actionAdded", "id": "url-action", "instrument": "tool-a", "element": "leadership",
             "what": "Read " + LONG_URL, "owner": "Council", "due": "2026-12-31"},
        ])
        pdf = self.print_pdf(session, "url")
        text = self.text(pdf)
        self.assertTrue("Status" in text, "the actions table's last column is printed")
        self.assertTrue("2026-12-31" in text, "the long action's due date is printed")
        self.assertTrue("/end" in text, "the end of the URL is printed, wrapped")
        # Not shrunk to fit: the table headings print at their normal size (about 10 pt).
        bbox = subprocess.run(["pdftotext", "-bbox", pdf, "-"], capture_output=True, text=True).stdout
        heights = [float(m.group(2)) - float(m.group(1)) for m in
                   re.finditer(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">Status<', bbox)]
        self.assertTrue(heights, "found the Status heading")
        self.assertGreater(min(heights), 9.0, f"the printout was shrunk: Status is {min(heights):.1f} pt high")

    def test_page_one_holds_the_heading_and_the_triangle(self):
        demo = os.path.join(self.folder, "demo.pit")
        self.assertEqual(pit("demo", "-o", demo, "--no-open").returncode, 0)
        page_one = self.text(self.print_pdf(demo, "demo"), 1)
        self.assertTrue("Triangle roll-up" in page_one)
        self.assertTrue("Planning" in page_one, "the triangle figure is on page 1, not pushed to page 2")


class MarkdownToWord(unittest.TestCase):
    """The Markdown report through pandoc into a Word file."""

    W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

    @classmethod
    def setUpClass(cls):
        if which("pandoc"):
            raise unittest.SkipTest("needs pandoc (apt-get install pandoc)")
        cls.folder = tempfile.mkdtemp(prefix="pit-docx-")
        session = session_with(cls.folder, [
            {"kind": "actionAdded", "id": "two-lines", "instrument": "tool-a", "element": "leadership",
             "what": "Book the room\nInvite partners", "owner": "Council", "due": "2026-12-31"},
        ])
        md = os.path.join(cls.folder, "report.md")
        assert pit("report", session, "--format", "md", "-o", md).returncode == 0
        cls.docx = os.path.join(cls.folder, "report.docx")
        made = subprocess.run(["pandoc", md, "-o", cls.docx], capture_output=True, text=True)
        assert made.returncode == 0, made.stderr
        cls.plain = subprocess.run(["pandoc", cls.docx, "-t", "plain", "--wrap=none"], capture_output=True, text=True).stdout
        with zipfile.ZipFile(cls.docx) as z:
            cls.xml = ElementTree.fromstring(z.read("word/document.xml"))

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.folder, ignore_errors=True)

    def table(self, *headings):
        for tbl in self.xml.iter(self.W + "tbl"):
            rows = tbl.findall(self.W + "tr")
            heads = ["".join(t.text or "" for t in tc.iter(self.W + "t")) for tc in rows[0].findall(self.W + "tc")]
            if all(h in heads for h in headings):
                widths = [int(g.get(self.W + "w")) for g in tbl.iter(self.W + "gridCol")]
                return heads, widths, rows
        self.fail(f"no table with {headings}")

    def test_line_breaks_in_cells_do_not_glue_words(self):
        self.assertFalse("roomInvite" in self.plain, "the two lines are glued into one word")
        self.assertTrue("Book the room / Invite partners" in self.plain)

    def test_columns_are_sized_by_their_content(self):
        heads, widths, _ = self.table("#", "Element", "Divergent", "Actions")
        self.assertGreaterEqual(widths[heads.index("Element")], 4 * widths[heads.index("#")],
                                f"Element is wide and # narrow, not equal columns: {dict(zip(heads, widths))}")

    def test_priorities_align_numbers_right_and_words_left(self):
        heads, _, rows = self.table("#", "Element", "Divergent", "Actions")
        def alignment(column):
            cell = rows[1].findall(self.W + "tc")[heads.index(column)]
            jc = cell.find(f"{self.W}p/{self.W}pPr/{self.W}jc")
            return jc.get(self.W + "val") if jc is not None else "left"
        self.assertEqual(alignment("Score"), "right")
        self.assertIn(alignment("Basis"), ("left", "start"))
        self.assertIn(alignment("Element"), ("left", "start"))


if __name__ == "__main__":
    unittest.main()
