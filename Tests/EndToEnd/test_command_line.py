"""The command line: group names with colons, compare's date check, HOME and the XDG
folders, and usage errors that show the command's own usage."""
import json
import os
import shutil
import subprocess
import tempfile
import time
import unittest

from test_sessions import digest, pit
from tmux_driver import PIT, Pane

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
FIXTURE = os.path.join(ROOT, "Tests", "InstrumentsTests", "Fixtures", "walkability.yaml")


class CommandLine(unittest.TestCase):
    def setUp(self):
        self.folder = tempfile.mkdtemp(prefix="pit-cli-")

    def tearDown(self):
        shutil.rmtree(self.folder, ignore_errors=True)

    def groups_of(self, path):
        exported = pit("report", path, "--format", "json")
        self.assertEqual(exported.returncode, 0, exported.stderr)
        return [(g["name"], g["sector"]) for g in json.loads(exported.stdout)["groups"]]

    def test_an_empty_name_or_one_with_a_line_break_or_escape_is_a_usage_error(self):
        out = os.path.join(self.folder, "x.pit")
        refused = [
            (["new", "", "-o", out], "the title is empty"),
            (["new", "X", "--place", "P\x1b]0;x\x07", "-o", out], '--place "P^[]0;x^G" holds a line break or a control character'),
            (["new", "X", "--groups", "G\nH:la", "-o", out], "the group name \"G^JH\" holds a line break"),
            (["assess", "--as", "", "-o", out], "--as (the partner organisation) is empty"),
        ]
        for args, message in refused:
            result = pit(*args, "--no-open")
            self.assertEqual(result.returncode, 64, (args, result.stderr))
            self.assertIn(message, result.stderr)
            self.assertNotIn("\x1b", result.stderr)
            self.assertFalse(os.path.exists(out), args)

    def test_names_typed_for_merge_open_and_instruments_are_checked_as_new_checks_them(self):
        # A line break in --as or a merged session's title forged a line of the transcript.
        session = os.path.join(self.folder, "s.pit")
        partner = os.path.join(self.folder, "p.pit")
        merged = os.path.join(self.folder, "m.pit")
        self.assertEqual(pit("new", "S", "-o", session, "--no-open").returncode, 0)
        self.assertEqual(pit("assess", "--as", "NHS", "-o", partner, "--no-open").returncode, 0)
        before = digest(session), digest(partner)
        refused = [
            (["instruments", "add", session, "tool-c", "--as", "Evil\nline\x1b[2J"], '--as "Evil^Jline^[[2J" holds a line break'),
            (["instruments", "remove", session, "tool-a", "--as", "A\tB"], '--as "A\tB" holds a line break'),
            (["instruments", "add", session, "tool-c", "--as", ""], "--as is empty"),
            (["open", session, "--as", "a\nb"], '--as "a^Jb" holds a line break'),
            (["open", session, "--as", ""], "--as is empty"),
            (["merge", partner, "-o", merged, "--title", "a\nb"], '--title "a^Jb" holds a line break'),
            (["merge", partner, "-o", merged, "--title", ""], "--title is empty"),
            (["merge", partner, "-o", merged, "--place", "x\ny"], '--place "x^Jy" holds a line break'),
            (["merge", partner, "-o", merged, "--rename", "NHS=N\x1b[31m"], 'the new name in --rename "N^[[31m" holds'),
            (["merge", partner, "-o", merged, "--rename", "NHS"], 'Bad rename "NHS": write it as --rename "Old name=New name"'),
            (["new", "x" * 600, "-o", merged, "--no-open"], "the title is 600 bytes long; pit keeps at most 512 bytes"),
            (["merge", partner, "-o", merged, "--title", "x" * 600], "--title is 600 bytes long"),
        ]
        for args, message in refused:
            result = pit(*args)
            self.assertEqual(result.returncode, 64, (args, result.stderr))
            self.assertIn(message, result.stderr, args)
            self.assertNotIn("\x1b", result.stderr, args)
            self.assertNotIn("Not recorded", result.stderr, args)
        self.assertEqual((digest(session), digest(partner)), before, "nothing recorded")
        self.assertFalse(os.path.exists(merged))
        done = pit("merge", partner, "-o", merged, "--title", "Combined", "--place", "Northbridge", "--rename", "NHS=NHS Trust")
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertEqual(self.groups_of(merged), [("NHS Trust", "other")])

    def test_a_plan_that_is_not_text_and_an_empty_output_name_say_what_is_wrong(self):
        plan = os.path.join(self.folder, "plan.yaml")
        with open(plan, "wb") as f:
            f.write(b"title: \xff\xfe\x00 not UTF-8\n")
        made = pit("new", "X", "--plan", plan, "-o", os.path.join(self.folder, "p.pit"), "--no-open")
        self.assertEqual(made.returncode, 65, made.stderr)
        self.assertIn("the plan is not UTF-8 text; save it as UTF-8", made.stderr)
        session = os.path.join(self.folder, "s.pit")
        self.assertEqual(pit("new", "S", "-o", session, "--no-open").returncode, 0)
        report = pit("report", session, "-o", "")
        self.assertEqual(report.returncode, 64)
        self.assertIn("the file name is empty; name a file", report.stderr)

    def test_an_empty_file_name_is_a_usage_error_not_the_working_folder(self):
        # "" was the working folder to Foundation: "/here is not a pit session (it is a folder)".
        for args in (["report", ""], ["open", ""], ["compare", "", "x.pit"], ["present", ""], ["import", ""],
                     ["merge", "a.pit", "", "-o", os.path.join(self.folder, "m.pit")], ["room", ""],
                     ["merge", "a.pit", "-o", ""], ["import", "x.json", "-o", ""], ["new", "T", "-o", "", "--no-open"],
                     ["demo", "-o", "", "--no-open"], ["assess", "--as", "X", "-o", ""], ["new", "T", "--plan", ""]):
            result = pit(*args, cwd=self.folder)
            self.assertEqual(result.returncode, 64, (args, result.stderr))
            self.assertIn("the file name is empty; name a file", result.stderr, args)
            self.assertNotIn("it is a folder", result.stderr, args)
            self.assertNotIn("already exists", result.stderr, args)
        folder = pit("instruments", "list", "--instrument-dir", "")
        self.assertEqual(folder.returncode, 64, folder.stderr)
        self.assertIn("the folder name is empty; name a folder", folder.stderr)

    def test_import_says_what_is_wrong_with_a_file_that_is_json(self):
        session = os.path.join(self.folder, "s.pit")
        self.assertEqual(pit("new", "S", "--groups", "Council,Health", "-o", session, "--no-open").returncode, 0)
        exported = json.loads(pit("report", session, "--format", "json").stdout)
        events = exported["events"]
        score = dict(seq=len(events) + 1, at=events[-1]["at"], author="F", kind="scoreRecorded", group="g1",
                     instrument="tool-a", element="leadership", level=3)
        lock = dict(score, kind="votingLocked")
        del lock["group"], lock["level"]

        def write(name, added, encoding="utf-8"):
            path = os.path.join(self.folder, name)
            with open(path, "w", encoding=encoding) as f:
                json.dump(dict(exported, events=events + added), f, ensure_ascii=False)
            return path

        out = os.path.join(self.folder, "o.pit")
        for path, message in [
            (write("fraction.json", [dict(score, level=3.5)]), f"the value at \"level\" in event {len(events) + 1} is not of the kind pit writes there"),
            (write("huge.json", [dict(score, level=1e30)]), f"the value at \"level\" in event {len(events) + 1} is not of the kind"),
            (write("latin1.json", [dict(score, author="Zoë")], encoding="latin-1"), "it is not UTF-8 text"),
            (write("locked.json", [lock, dict(score, seq=len(events) + 2)]),
             f"event {len(events) + 2} (scoreRecorded) breaks a rule: voting on tool-a/leadership is locked. Nothing was written."),
        ]:
            result = pit("import", path, "-o", out)
            self.assertEqual(result.returncode, 65, (path, result.stderr))
            self.assertIn(f"{path} cannot be imported: ", result.stderr)
            self.assertIn(message, result.stderr, path)
            for wrong in ("not valid JSON", "Not recorded", "unlock it first"):
                self.assertNotIn(wrong, result.stderr, path)
            self.assertFalse(os.path.exists(out), path)
        self.assertEqual(pit("import", write("sound.json", [score]), "-o", out).returncode, 0)

    def test_import_numbers_an_event_one_way_in_every_message(self):
        # Events count from 1 in the order of the file, which is each one's "seq": a wrong
        # value, an unknown kind, a missing key and a refused event all name the same event.
        session = os.path.join(self.folder, "s.pit")
        self.assertEqual(pit("demo", "-o", session, "--no-open").returncode, 0)
        exported = json.loads(pit("report", session, "--format", "json").stdout)
        position = next(i for i, e in enumerate(exported["events"]) if e["kind"] == "scoreRecorded")
        number = exported["events"][position]["seq"]
        self.assertEqual(number, position + 1)
        out = os.path.join(self.folder, "o.pit")
        for name, change in [("fraction", dict(level=3.5)), ("text", dict(level="3")), ("kind", dict(kind="nosuch")),
                             ("offscale", dict(level=9)), ("author", dict(author=None))]:
            events = [dict(e) for e in exported["events"]]
            events[position].update(change)
            events[position] = {k: v for k, v in events[position].items() if v is not None}
            path = os.path.join(self.folder, name + ".json")
            with open(path, "w") as f:
                json.dump(dict(exported, events=events), f)
            result = pit("import", path, "-o", out)
            self.assertEqual(result.returncode, 65, (name, result.stderr))
            self.assertRegex(result.stderr, rf"\bevent {number}\b", name)
            self.assertNotIn(f"[{position}]", result.stderr, name)
            self.assertNotRegex(result.stderr, rf"\b(event|record) {position}\b", name)
            self.assertFalse(os.path.exists(out), name)

    def test_import_refuses_not_applicable_where_the_scale_has_none(self):
        # walkability's scale says `notApplicable: false`.
        env = dict(XDG_CONFIG_HOME=os.path.join(self.folder, "config"))
        os.makedirs(os.path.join(self.folder, "config", "pit", "instruments"))
        shutil.copy(FIXTURE, os.path.join(self.folder, "config", "pit", "instruments"))
        session = os.path.join(self.folder, "w.pit")
        made = pit("new", "W", "--groups", "A,B", "--instruments", "walkability", "-o", session, "--no-open", env=env)
        self.assertEqual(made.returncode, 0, made.stderr)
        exported = json.loads(pit("report", session, "--format", "json", env=env).stdout)
        events = exported["events"]
        na = dict(seq=len(events) + 1, at=events[-1]["at"], author="F", kind="scoreRecorded", group="g1",
                  instrument="walkability", element="routes", notApplicable=True)
        path = os.path.join(self.folder, "na.json")
        with open(path, "w") as f:
            json.dump(dict(exported, events=events + [na]), f)
        out = os.path.join(self.folder, "o.pit")
        result = pit("import", path, "-o", out, env=env)
        self.assertEqual(result.returncode, 65, result.stderr)
        self.assertIn(f"event {len(events) + 1} (scoreRecorded) answers \"not applicable\" for walkability/routes, "
                      "but the scale of walkability has no \"not applicable\"", result.stderr)
        self.assertFalse(os.path.exists(out))
        na.pop("notApplicable")
        with open(path, "w") as f:
            json.dump(dict(exported, events=events + [dict(na, level=2)]), f)
        self.assertEqual(pit("import", path, "-o", out, env=env).returncode, 0, "a level on its scale is taken")

    def test_importing_a_folder_says_it_is_a_folder(self):
        result = pit("import", self.folder, "-o", os.path.join(self.folder, "x.pit"))
        self.assertEqual(result.returncode, 66)
        self.assertIn("is a folder; give the .json file", result.stderr)

    def test_an_instrument_named_twice_is_scored_once(self):
        out = os.path.join(self.folder, "twice.pit")
        made = pit("new", "X", "--instruments", "tool-a,,tool-a", "-o", out, "--no-open")
        self.assertEqual(made.returncode, 0, made.stderr)
        exported = pit("report", out, "--format", "json")
        self.assertEqual(json.loads(exported.stdout)["session"]["instruments"], ["tool-a"])

    def test_only_a_known_sector_after_the_last_colon_is_a_sector(self):
        path = os.path.join(self.folder, "colons.pit")
        made = pit("new", "Colons", "-o", path, "--no-open",
                   "--groups", '=HYPERLINK("http://x"):vcse,Ward 3: North,Team:nhs,Time 10:30,Hall: B :la')
        self.assertEqual(made.returncode, 0, made.stderr)
        self.assertEqual(self.groups_of(path), [('=HYPERLINK("http://x")', "vcse"), ("Ward 3: North", "other"),
                                                ("Team", "nhs"), ("Time 10:30", "other"), ("Hall: B", "localAuthority")])
        csv = pit("report", path, "--format", "csv", "--table", "scores")
        self.assertEqual(csv.returncode, 0)

    def test_errors_in_new_show_the_usage_of_new(self):
        result = pit("new", "T", "--groups", "Council,council", "-o", os.path.join(self.folder, "x.pit"), "--no-open")
        self.assertEqual(result.returncode, 64)
        self.assertIn("named twice", result.stderr)
        self.assertIn("Usage: pit new ", result.stderr)
        self.assertIn("See 'pit new --help'", result.stderr)
        self.assertNotIn("pit <subcommand>", result.stderr)
        unknown = pit("new", "T", "--instruments", "nope", "-o", os.path.join(self.folder, "y.pit"), "--no-open")
        self.assertEqual(unknown.returncode, 64)
        self.assertIn("Usage: pit new ", unknown.stderr)

    def test_an_unknown_theme_is_refused_before_a_session_is_written(self):
        # new and demo -o made the file, then refused the theme (and with --no-open, never did).
        out = os.path.join(self.folder, "themed.pit")
        for args in (["new", "T", "-o", out], ["new", "T", "-o", out, "--no-open"],
                     ["demo", "-o", out], ["demo", "-o", out, "--no-open"]):
            result = pit(*args, "--theme", "nosuch")
            self.assertEqual(result.returncode, 64, (args, result.stderr))
            self.assertIn("unknown theme `nosuch`; available: default", result.stderr, args)
            self.assertNotIn("Created", result.stdout, args)
            self.assertEqual(os.listdir(self.folder), [], args)
        made = pit("new", "T", "-o", out, "--theme", "mono", "--no-open")
        self.assertEqual(made.returncode, 0, made.stderr)
        self.assertTrue(os.path.exists(out))

    def test_help_for_no_such_command_is_a_usage_error_that_names_it(self):
        result = pit("help", "nosuch")
        self.assertEqual(result.returncode, 64, result.stderr)
        self.assertIn("there is no command `pit nosuch`; the commands of `pit` are home, new, open", result.stderr)
        self.assertEqual(result.stdout, "")
        nested = pit("help", "instruments", "nosuch")
        self.assertEqual(nested.returncode, 64)
        self.assertIn("`pit instruments nosuch`; the commands of `pit instruments` are list, show", nested.stderr)
        known = pit("help", "report")
        self.assertEqual(known.returncode, 0, known.stderr)
        self.assertIn("pit report", known.stdout)

    def test_help_for_help_says_what_it_does(self):
        for args in (["help", "help"], ["help", "help", "--no-bell"]):
            result = pit(*args)
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertEqual(result.stderr, "")
            self.assertIn("USAGE: pit help [COMMAND ...]", result.stdout)
            self.assertIn("as `pit COMMAND --help` does", result.stdout)
            self.assertIn("COMMANDS: home, new, open", result.stdout)

    def test_a_word_that_is_no_command_is_named_with_the_nearest_command(self):
        for word, near in [("nosuch", None), ("opne", "open"), ("reprot", "report"), ("instrument", "instruments"),
                           ("Demo", "demo"), ("x", None)]:
            result = pit(word, cwd=self.folder)
            self.assertEqual(result.returncode, 64, (word, result.stderr))
            self.assertTrue(result.stderr.startswith(f"pit: there is no command `pit {word}`"), result.stderr)
            self.assertNotIn("Unexpected argument", result.stderr)
            self.assertIn("See `pit --help`", result.stderr)
            self.assertIn("The commands are home, new, open", result.stderr)
            if near:
                self.assertIn(f"did you mean `pit {near}`?", result.stderr, word)
            else:
                self.assertNotIn("did you mean", result.stderr, word)
        # A session named as if it were a command: open is what was meant.
        with open(os.path.join(self.folder, "notes"), "w") as f:
            f.write("x")
        for word in ("workshop.pit", "notes"):
            result = pit(word, cwd=self.folder)
            self.assertEqual(result.returncode, 64, result.stderr)
            self.assertIn(f"to open a session, use `pit open {word}`", result.stderr)
        os.mkdir(os.path.join(self.folder, "opne"))
        folder = pit("opne", cwd=self.folder)
        self.assertEqual(folder.returncode, 64)
        self.assertNotIn("to open a session", folder.stderr, "a folder is no session")
        self.assertIn("did you mean `pit open`?", folder.stderr)
        # Commands and options still reach the parse.
        self.assertEqual(pit("--version").returncode, 0)
        self.assertIn("Unexpected argument", pit("report", "a.pit", "extra").stderr)

    def test_themes_list_and_instruments_list_agree_on_a_skipped_file(self):
        config = os.path.join(self.folder, "config")
        themes = os.path.join(config, "pit", "themes")
        instruments = os.path.join(config, "pit", "instruments")
        os.makedirs(themes)
        os.makedirs(instruments)
        env = dict(HOME=self.folder, XDG_CONFIG_HOME=config, XDG_DATA_HOME=os.path.join(self.folder, "data"),
                   XDG_CACHE_HOME=os.path.join(self.folder, "cache"))
        for command in (["themes", "list"], ["instruments", "list"]):
            self.assertEqual(pit(*command, env=env).returncode, 0, command)
        with open(os.path.join(ROOT, "Themes", "mono.yaml")) as f:
            mono = f.read()
        clash = os.path.join(themes, "my-default.yaml")
        with open(clash, "w") as f:
            f.write(mono.replace("name: mono", "name: default", 1))
        loop = os.path.join(themes, "loop.yaml")
        os.symlink("loop.yaml", loop)
        listed = pit("themes", "list", env=env)
        self.assertEqual(listed.returncode, 65, listed.stderr)
        self.assertEqual([line.split()[0] for line in listed.stdout.splitlines()],
                         ["default", "light", "projector", "colourblind", "mono"], "the list is whole")
        self.assertIn(f"pit: {clash}:1:1: the theme name `default` is already used by one of pit's own themes; "
                      "give this one another `name:` (theme skipped)", listed.stderr)
        self.assertIn(f"pit: {loop}: it is a symbolic link to loop.yaml that loops back on itself (ELOOP)", listed.stderr)
        with open(os.path.join(instruments, "broken.yaml"), "w") as f:
            f.write("id: [\n")
        skipped = pit("instruments", "list", env=env)
        self.assertEqual(skipped.returncode, 65, skipped.stderr)
        self.assertIn("tool-a", skipped.stdout, "the list is whole")
        self.assertIn("broken.yaml:", skipped.stderr)

    def test_a_file_name_that_starts_with_a_dash_gets_a_hint(self):
        for args, word in [(["report", "-lead.pit"], "-lead.pit"), (["instruments", "validate", "-x.yaml"], "-x.yaml")]:
            result = pit(*args, cwd=self.folder)
            self.assertEqual(result.returncode, 64, result.stderr)
            self.assertIn(f"If {word} is a file, write it as ./{word}, or put -- before it", result.stderr)
        # An unknown option that is no file name gets no such hint.
        other = pit("report", "a.pit", "-zz", cwd=self.folder)
        self.assertEqual(other.returncode, 64)
        self.assertNotIn("If -zz is a file", other.stderr)
        with open(os.path.join(self.folder, "-lead.pit"), "w") as f:
            f.write("not a session")
        for args in (["report", "./-lead.pit"], ["report", "--", "-lead.pit"]):
            self.assertEqual(pit(*args, cwd=self.folder).returncode, 65, "the hint's ways reach the file")

    def test_the_quick_starts_keep_the_full_parsers_messages(self):
        # `pit`, `pit home` and `pit open FILE` skip the full command tree; anything they
        # refuse goes through it, so the messages and exit codes are pit's own.
        for args, code, expected in [(["open"], 64, "Usage: pit open"), (["open", "a.pit", "b.pit"], 64, "Usage: pit open"),
                                     (["home", "extra"], 64, "Usage: pit home"),
                                     (["open", os.path.join(self.folder, "missing.pit")], 66, "no such file")]:
            result = pit(*args)
            self.assertEqual(result.returncode, code, (args, result.stderr))
            self.assertIn(expected, result.stderr, args)

    def test_the_parsed_catalogue_is_cached_and_a_broken_cache_is_ignored(self):
        cache = os.path.join(self.folder, "cache")
        env = dict(os.environ, XDG_CACHE_HOME=cache)
        def listing():
            done = subprocess.run([PIT, "instruments", "list"], env=env, capture_output=True, text=True)
            self.assertEqual(done.returncode, 0, done.stderr)
            return done.stdout
        first = listing()
        files = os.listdir(os.path.join(cache, "pit"))
        self.assertEqual(len(files), 1, files)
        self.assertEqual(listing(), first, "read from the cache")
        with open(os.path.join(cache, "pit", files[0]), "wb") as broken:
            broken.write(b"\x00garbage")
        self.assertEqual(listing(), first, "a broken cache is parsed afresh")

    def test_compare_warns_when_the_baseline_is_dated_after_the_follow_up(self):
        early = os.path.join(self.folder, "early.pit")
        self.assertEqual(pit("demo", "-o", early, "--no-open").returncode, 0)
        data = json.loads(pit("report", early, "--format", "json").stdout)
        data["events"][0]["session"]["date"] = "2099-01-01"
        json_path = os.path.join(self.folder, "late.json")
        with open(json_path, "w") as f:
            json.dump(data, f)
        late = os.path.join(self.folder, "late.pit")
        self.assertEqual(pit("import", json_path, "-o", late).returncode, 0)
        swapped = pit("compare", late, early)
        self.assertEqual(swapped.returncode, 0, swapped.stderr)
        self.assertIn("warning: the baseline", swapped.stderr)
        self.assertIn("2099-01-01", swapped.stderr)
        right = pit("compare", early, late)
        self.assertEqual(right.returncode, 0, right.stderr)
        self.assertNotIn("warning", right.stderr)

    def test_home_decides_where_the_user_instruments_are(self):
        home = os.path.join(self.folder, "home")
        os.makedirs(os.path.join(home, ".config", "pit", "instruments"))
        shutil.copy(FIXTURE, os.path.join(home, ".config", "pit", "instruments"))
        env = {"HOME": home}
        clean = dict(os.environ, **env)
        clean.pop("XDG_CONFIG_HOME", None)
        listed = subprocess.run([PIT, "instruments", "list"], capture_output=True, text=True, env=clean, stdin=subprocess.DEVNULL)
        self.assertEqual(listed.returncode, 0, listed.stderr)
        self.assertIn("walkability", listed.stdout)
        # A relative XDG_CONFIG_HOME is ignored, as the XDG specification says.
        relative = subprocess.run([PIT, "instruments", "list"], capture_output=True, text=True, cwd=self.folder,
                                  env=dict(clean, XDG_CONFIG_HOME="elsewhere"), stdin=subprocess.DEVNULL)
        self.assertIn("walkability", relative.stdout)
        # XDG_CONFIG_HOME, when absolute, wins over HOME.
        other = os.path.join(self.folder, "config")
        os.makedirs(other)
        moved = subprocess.run([PIT, "instruments", "list"], capture_output=True, text=True,
                               env=dict(clean, XDG_CONFIG_HOME=other), stdin=subprocess.DEVNULL)
        self.assertNotIn("walkability", moved.stdout)

    def test_xdg_data_home_holds_a_user_install(self):
        # A pit binary away from any checkout finds its Assessments in $XDG_DATA_HOME/pit.
        bin_dir = os.path.join(self.folder, "bin")
        os.makedirs(bin_dir)
        binary = os.path.join(bin_dir, "pit")
        shutil.copy(PIT, binary)
        data = os.path.join(self.folder, "data")
        shutil.copytree(os.path.join(ROOT, "Assessments"), os.path.join(data, "pit", "Assessments"))
        shutil.copytree(os.path.join(ROOT, "Themes"), os.path.join(data, "pit", "Themes"))
        shutil.copy(FIXTURE, os.path.join(data, "pit", "Assessments"))
        env = dict(os.environ, XDG_DATA_HOME=data, HOME=self.folder)
        env.pop("PIT_HOME", None)
        listed = subprocess.run([binary, "instruments", "list"], capture_output=True, text=True, env=env,
                                stdin=subprocess.DEVNULL)
        self.assertEqual(listed.returncode, 0, listed.stderr)
        self.assertIn("walkability", listed.stdout)


class HomeScreenNewSession(unittest.TestCase):
    def test_a_folder_name_is_refused_on_the_form(self):
        folder = tempfile.mkdtemp(prefix="pit-cli-form-")
        pane = Pane([], 120, 30)
        try:
            pane.wait_for("New workshop session")
            pane.keys("Down", "Down", "Enter")
            pane.wait_for("Title")
            # Title, place, groups, instruments (tool-a kept), facilitator (kept), plan, file.
            pane.keys("Form", "Enter", "", "Enter", "", "Enter", "Enter", "Enter", "Enter", folder + "/", "Enter")
            pane.wait_for("names a folder")
            self.assertEqual(os.listdir(folder), [], "no file is made")
            self.assertTrue(os.path.isdir(folder))
        finally:
            pane.close()
            shutil.rmtree(folder, ignore_errors=True)


class StateFollowsHome(unittest.TestCase):
    """`pit open` on a new session with HOME set and XDG_STATE_HOME not: the recent list
    lives under HOME's .local/state/pit."""

    def setUp(self):
        self.folder = tempfile.mkdtemp(prefix="pit-cli-home-")
        self.addCleanup(shutil.rmtree, self.folder, ignore_errors=True)
        self.path = os.path.join(self.folder, "s.pit")
        self.assertEqual(pit("new", "S", "-o", self.path, "--no-open").returncode, 0)
        home = os.path.join(self.folder, "home")
        os.makedirs(home)
        self.recent = os.path.join(home, ".local", "state", "pit", "recent")
        self.pane = Pane(["open", self.path], 100, 30, env={"HOME": home, "XDG_STATE_HOME": None})
        self.addCleanup(self.pane.close)
        self.pane.wait_for("SERVICE")

    def recent_list(self):
        if not os.path.exists(self.recent):
            return None
        with open(self.recent) as f:
            return f.read()

    def test_the_recent_list_is_kept_under_home(self):
        self.pane.keys("q", "q")
        self.assertEqual(self.pane.ended()[0], 0)
        self.assertIn(self.path, self.recent_list())

    def test_the_folders_it_makes_are_the_users_alone(self):
        # The XDG Base Directory specification asks for 0700: the list names the user's sessions.
        self.pane.keys("q", "q")
        self.assertEqual(self.pane.ended()[0], 0)
        home = os.path.join(self.folder, "home")
        for folder in (".local", ".local/state", ".local/state/pit"):
            self.assertEqual(oct(os.stat(os.path.join(home, folder)).st_mode & 0o777), oct(0o700), folder)

    def test_the_recent_list_has_the_session_while_it_is_open(self):
        # Written once the first frame is up (not on the way to it), and not only at the end.
        for _ in range(100):
            if self.path in (self.recent_list() or ""):
                break
            time.sleep(0.05)
        listed = self.recent_list()
        self.assertIsNotNone(listed, "no recent list while the session is open")
        self.assertIn(self.path, listed)
        self.pane.keys("q", "q")
        self.assertEqual(self.pane.ended()[0], 0)


if __name__ == "__main__":
    unittest.main()
