"""Reports from the command line: hostile notes stay inert, the JSON round trip, comparison."""
import csv
import io
import json
import os
import shutil
import subprocess
import tempfile
import threading
import unittest

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


if __name__ == "__main__":
    unittest.main()
