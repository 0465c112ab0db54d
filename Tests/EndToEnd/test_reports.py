"""Reports from the command line: hostile notes stay inert, the JSON round trip, comparison."""
import csv
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
