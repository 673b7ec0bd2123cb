"""The real-report regression corpus (tests/corpus/): findings match the reviewed snapshot, every
report has its source, and the diff tool classifies and keeps reviews as documented."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import yaml

CORPUS = Path(__file__).parent / "corpus"
ROOT = CORPUS.parent.parent

_spec = importlib.util.spec_from_file_location("corpus_diff", CORPUS / "corpus_diff.py")
corpus_diff = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(corpus_diff)

LEVELS = {"national", "province", "city", "district", "county", "street", "township"}
KINDS = {"government", "department", "street", "township"}
FIELDS = {"id", "file", "url", "title", "issuer", "level", "kind", "year", "partial", "notes"}


def test_findings_match_the_snapshot():
    proc = subprocess.run([sys.executable, str(CORPUS / "corpus_diff.py")], cwd=ROOT,
                          capture_output=True, text=True, encoding="utf-8")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "no differences" in proc.stdout.splitlines()[0]


def test_every_report_has_a_complete_source_entry():
    entries = yaml.safe_load((CORPUS / "sources.yaml").read_text(encoding="utf-8"))["reports"]
    files = sorted(p.name for p in (CORPUS / "reports").iterdir())
    listed = [entry["file"] for entry in entries]
    assert sorted(listed) == files, "sources.yaml must list every file in reports/ exactly once"
    assert len(set(listed)) == len(listed)
    assert len({entry["id"] for entry in entries}) == len(entries)
    for entry in entries:
        assert set(entry) == FIELDS, entry["file"]
        assert entry["file"] == entry["id"] + ".txt"
        assert entry["url"].startswith(("http://", "https://")), entry["file"]
        assert entry["level"] in LEVELS and entry["kind"] in KINDS, entry["file"]
        assert isinstance(entry["year"], int) and 2017 <= entry["year"] <= 2025, entry["file"]
        assert isinstance(entry["partial"], bool), entry["file"]
        assert all(isinstance(entry[k], str) and entry[k].strip() for k in ("title", "issuer", "notes")), entry["file"]
        text = (CORPUS / "reports" / entry["file"]).read_bytes().decode("utf-8")  # strict UTF-8
        assert "法治" in text, entry["file"]


def test_every_finding_in_the_snapshot_is_reviewed():
    snapshot = corpus_diff.load_snapshot()
    assert sorted(snapshot) == sorted(p.name for p in (CORPUS / "reports").iterdir())
    unreviewed = [f"{name} {f['rule']} L{f.get('line')}" for name, entry in snapshot.items()
                  for f in entry["findings"] if f.get("review", "unreviewed") == "unreviewed"]
    assert not unreviewed, ("set `review:` (correct | false-alarm | debatable) in tests/corpus/snapshot.yaml for: "
                            + "; ".join(unreviewed))
    for name, entry in snapshot.items():
        for finding in entry["findings"]:
            if finding.get("review") == "false-alarm":
                assert finding.get("note"), f"{name} {finding['rule']} L{finding.get('line')}: a false alarm needs a note"


def test_stats_count_false_alarms_per_rule_and_at_must_fix():
    snapshot = {"a.txt": _report([_finding("format.repeated", 3, review="false-alarm", note="街街"),
                                  _finding("format.repeated", 5, review="correct"),
                                  _finding("content.causes", None, level="must-fix", review="false-alarm", note="n"),
                                  _finding("meta.title", 1)])}
    lines = corpus_diff.stats(snapshot)
    rows = {line.split()[0]: line.split()[1:] for line in lines[3:-3]}
    assert rows == {"content.causes": ["1", "0", "1", "1", "0", "0"],
                    "format.repeated": ["2", "1", "1", "0", "0", "0"],
                    "meta.title": ["1", "0", "0", "0", "0", "1"]}
    assert lines[-1] == "false alarms by level: must-fix 1, should-fix 1"


def _report(findings, others=None, meta=None):
    return {"meta": meta or {"title": "t", "issuing_body": None, "report_year": 2024, "date": None},
            "findings": findings, "others": others or {}}


def _finding(rule, line, status="weak", level="should-fix", **extra):
    return {"rule": rule, "status": status, "level": level, "line": line, "section": None, "excerpt": "x", **extra}


def test_diff_names_new_vanished_and_changed_findings_without_comparing_messages():
    old = {"a.txt": _report([_finding("format.repeated", 3, review="false-alarm", note="街街"),
                             _finding("meta.title", 1, review="correct"),
                             _finding("content.causes", 9, excerpt="old wording", review="correct")],
                            {"content.measures": "pass"})}
    new = {"a.txt": _report([_finding("meta.title", 1, status="fail", level="must-fix"),
                             _finding("content.causes", 9, excerpt="new wording"),
                             _finding("content.measures", 5)], {},
                            meta={"title": "t", "issuing_body": "静海区", "report_year": 2024, "date": None})}
    lines, counts = corpus_diff.diff(old, new)
    assert lines == [
        "a.txt",
        '  ~ META     issuing_body: null → "静海区"',
        "  + NEW      content.measures  weak/should-fix  L5  “x” (rule was pass)",
        "  - VANISHED format.repeated  weak/should-fix  L3  “x” [false-alarm: 街街]",
        "  ~ CHANGED  meta.title  weak/should-fix  L1  “x” → fail/must-fix [correct]",
    ]
    assert counts == {"meta changed": 1, "vanished": 1, "new": 1, "changed": 1}
    assert corpus_diff.diff(old, old) == ([], {})


def test_update_keeps_reviews_of_surviving_findings_and_marks_new_ones_unreviewed(tmp_path):
    old = {"a.txt": _report([_finding("format.repeated", 3, review="false-alarm", note="街街"),
                             _finding("meta.title", 1, review="correct")])}
    new = {"a.txt": _report([_finding("format.repeated", 3, status="fail", level="note"),
                             _finding("format.repeated", 8)])}
    merged = corpus_diff.merge_reviews(old, new)
    reviews = [(f["line"], f["review"], f.get("note")) for f in merged["a.txt"]["findings"]]
    assert reviews == [(3, "false-alarm", "街街"), (8, "unreviewed", None)]
    path = tmp_path / "snapshot.yaml"
    corpus_diff.dump_snapshot(merged, path)
    assert corpus_diff.load_snapshot(path) == merged


def test_a_bad_review_value_is_named():
    path = CORPUS / "snapshot.yaml"
    text = path.read_text(encoding="utf-8")
    broken = Path(path.parent / "broken-snapshot.yaml.tmp")
    try:
        broken.write_text(text.replace('review: "', 'review: "wrong', 1), encoding="utf-8")
        try:
            corpus_diff.load_snapshot(broken)
        except corpus_diff.CorpusError as exc:
            assert "review must be one of correct, false-alarm, debatable, unreviewed" in str(exc)
        else:
            raise AssertionError("a bad review value was accepted")
    finally:
        broken.unlink(missing_ok=True)


def _git(cwd, *args):
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", *args], cwd=cwd, check=True,
                   capture_output=True, text=True)


def test_update_resolves_a_merge_conflict_in_the_snapshot_keeping_both_sides_reviews(tmp_path):
    """Two branches review different findings of the real snapshot; git merge conflicts on the file;
    --update rebuilds it from the current findings with both sides' reviews."""
    snapshot = corpus_diff.load_snapshot()
    name, rule = "tj-jinghai-2020.txt", "format.residue"  # its portal chrome lines
    lines = {f["line"]: f for f in snapshot[name]["findings"] if f["rule"] == rule}
    first, second = sorted(lines)[:2]
    repo = tmp_path / "repo"
    repo.mkdir()
    file = repo / "snapshot.yaml"
    base = corpus_diff.merge_reviews({}, snapshot)  # everything unreviewed
    corpus_diff.dump_snapshot(base, file)
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "snapshot.yaml")
    _git(repo, "commit", "-qm", "base")
    for branch, line, note in (("ours", first, "chrome line"), ("theirs", second, "another chrome line")):
        _git(repo, "checkout", "-q", "-b", branch, "main")
        side = corpus_diff.load_snapshot(file)
        for finding in side[name]["findings"]:
            if finding["rule"] == rule and finding["line"] == line:
                finding.update(review="false-alarm", note=note)
        corpus_diff.dump_snapshot(side, file)
        _git(repo, "commit", "-qam", branch)
    _git(repo, "checkout", "-q", "ours")
    merge = subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", "merge", "-q", "theirs"],
                           cwd=repo, capture_output=True, text=True)
    assert merge.returncode != 0 and "<<<<<<< " in file.read_text(encoding="utf-8")

    plain = subprocess.run([sys.executable, str(CORPUS / "corpus_diff.py"), "--snapshot", str(file)],
                           cwd=ROOT, capture_output=True, text=True, encoding="utf-8")
    assert plain.returncode == 2
    assert "snapshot.yaml has merge conflict markers. Run `python tests/corpus/corpus_diff.py --update`" in plain.stderr

    proc = subprocess.run([sys.executable, str(CORPUS / "corpus_diff.py"), "--update", "--snapshot", str(file)],
                          cwd=ROOT, capture_output=True, text=True, encoding="utf-8")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "snapshot.yaml had merge conflict markers: rebuilt, with the reviews of both sides" in proc.stdout
    merged = corpus_diff.load_snapshot(file)
    reviewed = {(f["line"], f["review"], f.get("note")) for f in merged[name]["findings"]
                if f["rule"] == rule and f["review"] != "unreviewed"}
    assert reviewed == {(first, "false-alarm", "chrome line"), (second, "false-alarm", "another chrome line")}
