"""Real-report regression corpus: diff every finding of the checker against the committed snapshot.

    python tests/corpus/corpus_diff.py            # show new / vanished / changed findings, exit 1 if any
    python tests/corpus/corpus_diff.py --update   # rewrite snapshot.yaml, keeping review verdicts
    python tests/corpus/corpus_diff.py --stats    # false alarms per rule, from the reviewed snapshot

The checker runs once over tests/corpus/reports/ through its JSON output (the versioned contract),
with the corpus's own configuration file so a developer's .fazhi-check.yaml never leaks in.

A finding is identified by (report, rule, line). Its compared fields are status and level; the
message text is never compared, so rewording a message changes nothing here. Results that are not
problems (pass, n/a, waived) are recorded per rule as a status only. The parsed metadata (title,
issuing body, year, date) is recorded too, so a parser change shows where it moves.

Each finding in the snapshot carries a hand review: correct | false-alarm | debatable | unreviewed,
with a note. --update keeps the review of every finding whose (report, rule, line) survives, and
marks new findings `unreviewed`. See tests/corpus/README.md for the workflow.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
REPORTS = HERE / "reports"
SNAPSHOT = HERE / "snapshot.yaml"
CONFIG = HERE / "corpus.fazhi-check.yaml"

PROBLEMS = ("weak", "missing", "fail")
LEVEL_OF_SEVERITY = {"error": "must-fix", "warning": "should-fix", "info": "note"}
LEVELS = ("must-fix", "should-fix", "note")
REVIEWS = ("correct", "false-alarm", "debatable", "unreviewed")
META_KEYS = ("title", "issuing_body", "report_year", "date")
EXCERPT_CHARS = 40
UPDATE_HINT = ("The corpus findings differ from tests/corpus/snapshot.yaml.\n"
               "If the change is intended: review every line above, run\n"
               "    python tests/corpus/corpus_diff.py --update\n"
               "then set `review:` (correct | false-alarm | debatable, with a `note:` for false alarms)\n"
               "on each entry now marked `unreviewed`, and commit snapshot.yaml with the rule change.\n"
               "Workflow: tests/corpus/README.md")


class CorpusError(Exception):
    """The checker could not be run or the snapshot could not be read."""


# --------------------------------------------------------------------------- current findings

def corpus_files() -> list[Path]:
    return sorted(p for p in REPORTS.iterdir() if p.is_file() and not p.name.startswith("."))


def run_checker(files: list[Path], jobs: int = 2) -> dict:
    """One CLI run over the corpus, JSON out. Exit 0/1 are verdicts; anything else is an error."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    command = [sys.executable, "-m", "checker", "check", "--format", "json", "--fail-on", "never",
               "--config", str(CONFIG), "--jobs", str(jobs), *[str(f.relative_to(ROOT)) for f in files]]
    proc = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, encoding="utf-8")
    if proc.returncode not in (0, 1) or not proc.stdout.strip():
        raise CorpusError(f"checker failed (exit {proc.returncode}):\n{proc.stderr.strip()[-2000:]}")
    try:
        return json.loads(proc.stdout)
    except json.JSONDecodeError as exc:
        raise CorpusError(f"checker output is not JSON: {exc}") from exc


def level_of(result: dict) -> str | None:
    if result.get("status") not in PROBLEMS:
        return None
    if result.get("level") in LEVELS:  # JSON contract v2
        return result["level"]
    return LEVEL_OF_SEVERITY.get(result.get("severity"))


def _short(text: str | None) -> str | None:
    if not text:
        return text
    text = " ".join(text.split())
    return text if len(text) <= EXCERPT_CHARS else text[:EXCERPT_CHARS] + "…"


def findings_of(report: dict) -> tuple[list[dict], dict[str, str]]:
    """Problems as one entry per (rule, line); other results as rule -> status."""
    findings: dict[tuple, dict] = {}
    others: dict[str, str] = {}
    for result in report.get("results") or []:
        rule, status = result["rule"], result["status"]
        if status not in PROBLEMS:
            others[rule] = status
            continue
        locations = result.get("locations") or [{"line": None}]
        for loc in locations:
            key = (rule, loc.get("line"))
            if key in findings:
                findings[key]["count"] = findings[key].get("count", 1) + 1
                continue
            findings[key] = {"rule": rule, "status": status, "level": level_of(result), "line": loc.get("line"),
                             "section": _short(loc.get("section")), "excerpt": _short(loc.get("excerpt")),
                             "message": result.get("message")}  # shown in the diff, never stored or compared
    for rule_error in report.get("rule_errors") or []:
        findings[(rule_error.get("rule"), None)] = {"rule": rule_error.get("rule"), "status": "error",
                                                    "level": None, "line": None, "section": None,
                                                    "excerpt": _short(rule_error.get("message"))}
    ordered = sorted(findings.values(), key=lambda f: (f["rule"], f["line"] is not None, f["line"] or 0))
    return ordered, dict(sorted(others.items()))


def current(jobs: int = 2) -> dict[str, dict]:
    files = corpus_files()
    if not files:
        raise CorpusError(f"no reports in {REPORTS}")
    data = run_checker(files, jobs)
    out: dict[str, dict] = {}
    for report in data.get("reports", []):
        name = Path(report["path"]).name
        if report.get("error"):
            out[name] = {"meta": {}, "findings": [{"rule": "<file>", "status": "error", "level": None, "line": None,
                                                   "section": None, "excerpt": _short(str(report["error"]))}],
                         "others": {}}
            continue
        meta = {key: (report.get("meta") or {}).get(key) for key in META_KEYS}
        findings, others = findings_of(report)
        out[name] = {"meta": meta, "findings": findings, "others": others}
    return dict(sorted(out.items()))


# --------------------------------------------------------------------------- snapshot file

CONFLICT_HINT = ("{name} has merge conflict markers. Run `python tests/corpus/corpus_diff.py --update`: it rebuilds the\n"
                 "snapshot from the current findings and keeps the reviews of both sides of the conflict.")


def conflict_sides(text: str) -> tuple[str, str] | None:
    """The two sides of a file with git conflict markers (diff3 style too), or None without markers."""
    if not re.search(r"^<<<<<<< ", text, re.M):
        return None
    ours: list[str] = []
    theirs: list[str] = []
    state = None
    for line in text.splitlines(keepends=True):
        if line.startswith("<<<<<<<"):
            state = "ours"
        elif line.startswith("|||||||") and state == "ours":
            state = "base"
        elif line.startswith("=======") and state in ("ours", "base"):
            state = "theirs"
        elif line.startswith(">>>>>>>") and state == "theirs":
            state = None
        elif state is None:
            ours.append(line)
            theirs.append(line)
        elif state == "ours":
            ours.append(line)
        elif state == "theirs":
            theirs.append(line)
    return "".join(ours), "".join(theirs)


def _parse_snapshot(text: str, name: str) -> dict[str, dict]:
    import yaml

    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        raise CorpusError(f"{name} is not valid YAML: {exc}") from exc
    reports = data.get("reports") or {}
    for report, entry in reports.items():
        entry.setdefault("meta", {})
        entry["findings"] = entry.get("findings") or []
        entry["others"] = entry.get("others") or {}
        for finding in entry["findings"]:
            if finding.get("review", "unreviewed") not in REVIEWS:
                raise CorpusError(f"{name}: {report} {finding.get('rule')} line {finding.get('line')}: "
                                  f"review must be one of {', '.join(REVIEWS)}, not {finding.get('review')!r}")
    return reports


def load_snapshots(path: Path = SNAPSHOT, allow_conflict: bool = False) -> list[dict[str, dict]]:
    """The snapshot, or both sides of it when it has merge conflict markers (only if allowed)."""
    if not path.exists():
        return [{}]
    text = path.read_text(encoding="utf-8")
    sides = conflict_sides(text)
    if sides is None:
        return [_parse_snapshot(text, path.name)]
    if not allow_conflict:
        raise CorpusError(CONFLICT_HINT.format(name=path.name))
    return [_parse_snapshot(side, f"{path.name} ({which} side)") for side, which in zip(sides, ("our", "their"))]


def load_snapshot(path: Path = SNAPSHOT) -> dict[str, dict]:
    return load_snapshots(path)[0]


def _scalar(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def _flow(mapping: dict) -> str:
    return "{" + ", ".join(f"{key}: {_scalar(value)}" for key, value in mapping.items()) + "}"


FINDING_FIELDS = ("rule", "status", "level", "line", "count", "section", "excerpt", "review", "note")


def dump_snapshot(reports: dict[str, dict], path: Path = SNAPSHOT) -> None:
    lines = ["# Corpus snapshot: what the checker finds on tests/corpus/reports/ (see tests/corpus/README.md).",
             "# Written by `python tests/corpus/corpus_diff.py --update`. Edit only `review` and `note` by hand:",
             "# review is correct | false-alarm | debatable | unreviewed; a false alarm needs a note.",
             "version: 1", "reports:"]
    for name, entry in reports.items():
        lines.append(f"  {name}:")
        meta = dict(entry.get("meta") or {})
        lines.append(f"    meta: {_flow(meta)}")
        lines.append("    findings:" + ("" if entry["findings"] else " []"))
        for finding in entry["findings"]:
            ordered = {k: finding[k] for k in FINDING_FIELDS if k in finding and (k != "count" or finding[k] > 1)}
            lines.append(f"      - {_flow(ordered)}")
        lines.append(f"    others: {_flow(entry['others'])}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


# --------------------------------------------------------------------------- diff

def _key(finding: dict) -> tuple:
    return finding["rule"], finding.get("line")


def _label(finding: dict) -> str:
    where = f"L{finding['line']}" if finding.get("line") is not None else "(no line)"
    level = finding.get("level") or "-"
    count = f" ×{finding['count']}" if finding.get("count", 1) > 1 else ""
    text = f"{finding['rule']}  {finding['status']}/{level}  {where}{count}"
    if finding.get("excerpt"):
        text += f"  “{finding['excerpt']}”"
    return text


def _review(finding: dict) -> str:
    review = finding.get("review", "unreviewed")
    return f"[{review}: {finding['note']}]" if finding.get("note") else f"[{review}]"


def _message(finding: dict) -> list[str]:
    return [f"             {finding['message']}"] if finding.get("message") else []


def diff(old: dict[str, dict], new: dict[str, dict]) -> tuple[list[str], Counter]:
    """Reviewable lines, and counts of new / vanished / changed entries."""
    out: list[str] = []
    counts: Counter = Counter()
    for name in sorted(set(old) | set(new)):
        lines: list[str] = []
        if name not in old:
            lines.append("  + REPORT   added to the corpus (all its findings are new)")
            counts["reports added"] += 1
        if name not in new:
            lines.append("  - REPORT   no longer in the corpus")
            counts["reports removed"] += 1
        before = old.get(name) or {"meta": {}, "findings": [], "others": {}}
        after = new.get(name) or {"meta": {}, "findings": [], "others": {}}
        for key in META_KEYS:
            was, now = before["meta"].get(key), after["meta"].get(key)
            if name in old and name in new and was != now:
                lines.append(f"  ~ META     {key}: {_scalar(was)} → {_scalar(now)}")
                counts["meta changed"] += 1
        was_by_key = {_key(f): f for f in before["findings"]}
        now_by_key = {_key(f): f for f in after["findings"]}
        for key in sorted(set(was_by_key) | set(now_by_key), key=lambda k: (k[0], k[1] is not None, k[1] or 0)):
            was, now = was_by_key.get(key), now_by_key.get(key)
            if was and not now:
                after_status = after["others"].get(key[0])
                tail = f" (rule now {after_status})" if after_status else ""
                lines.append(f"  - VANISHED {_label(was)} {_review(was)}{tail}")
                counts["vanished"] += 1
            elif now and not was:
                before_status = before["others"].get(key[0])
                tail = f" (rule was {before_status})" if before_status else ""
                lines.append(f"  + NEW      {_label(now)}{tail}")
                lines.extend(_message(now))
                counts["new"] += 1
            elif (was["status"], was.get("level"), was.get("count", 1)) != (now["status"], now.get("level"), now.get("count", 1)):
                lines.append(f"  ~ CHANGED  {_label(was)} → {now['status']}/{now.get('level') or '-'}"
                             f"{' ×' + str(now['count']) if now.get('count', 1) > 1 else ''} {_review(was)}")
                lines.extend(_message(now))
                counts["changed"] += 1
        for rule in sorted(set(before["others"]) | set(after["others"])):
            was, now = before["others"].get(rule), after["others"].get(rule)
            if was and now and was != now:
                lines.append(f"  ~ CHANGED  {rule}  {was} → {now}")
                counts["changed"] += 1
        if lines:
            out.append(name)
            out.extend(lines)
    return out, counts


def merge_reviews(old: dict[str, dict], new: dict[str, dict], *more: dict[str, dict],
                  clashes: list[str] | None = None) -> dict[str, dict]:
    """The new snapshot: current findings, with the review of every finding whose key survives.
    `more` are further snapshots (the other side of a merge, --reviews-from) consulted, in order,
    for findings that `old` leaves unreviewed; differing verdicts are listed in `clashes`."""
    sources = (old, *more)
    merged: dict[str, dict] = {}
    for name, entry in new.items():
        previous = [{_key(f): f for f in (source.get(name) or {}).get("findings", [])} for source in sources]
        findings = []
        for finding in entry["findings"]:
            found = [p[_key(finding)] for p in previous
                     if _key(finding) in p and p[_key(finding)].get("review", "unreviewed") != "unreviewed"]
            kept = found[0] if found else {}
            if clashes is not None and len({f.get("review") for f in found}) > 1:
                clashes.append(f"{name} {finding['rule']} L{finding.get('line')}: "
                               + " / ".join(f"{f.get('review')}" for f in found) + f" (kept {kept.get('review')})")
            finding = dict(finding, review=kept.get("review", "unreviewed"))
            if kept.get("note"):
                finding["note"] = kept["note"]
            findings.append(finding)
        meta = dict(entry["meta"])
        for source in sources:
            old_meta = (source.get(name) or {}).get("meta", {})
            if "review" in old_meta and all(old_meta.get(k) == meta.get(k) for k in META_KEYS):
                meta.update({extra: old_meta[extra] for extra in ("review", "note") if extra in old_meta})
                break
        merged[name] = {"meta": meta, "findings": findings, "others": entry["others"]}
    return merged


# --------------------------------------------------------------------------- statistics

def stats(snapshot: dict[str, dict]) -> list[str]:
    """Review counts per rule; `false@must` counts false alarms at level must-fix."""
    per_rule: dict[str, Counter] = defaultdict(Counter)
    false_by_level: Counter = Counter()
    for entry in snapshot.values():
        for finding in entry["findings"]:
            review = finding.get("review", "unreviewed")
            counts = per_rule[finding["rule"]]
            counts[review] += 1
            counts["findings"] += 1
            if review == "false-alarm":
                false_by_level[finding.get("level") or "-"] += 1
                if finding.get("level") == "must-fix":
                    counts["false@must"] += 1
    columns = ("findings", "correct", "false-alarm", "false@must", "debatable", "unreviewed")
    header = f"{'rule':30}" + "".join(f" {name:>11}" for name in columns)
    lines = [f"corpus: {len(snapshot)} reports", header, "-" * len(header)]
    total: Counter = Counter()
    for rule in sorted(per_rule):
        total.update(per_rule[rule])
        lines.append(f"{rule:30}" + "".join(f" {per_rule[rule][name]:>11}" for name in columns))
    lines.append("-" * len(header))
    lines.append(f"{'total':30}" + "".join(f" {total[name]:>11}" for name in columns))
    lines.append("false alarms by level: " + (", ".join(f"{lvl} {false_by_level[lvl]}" for lvl in (*LEVELS, "-")
                                                          if false_by_level[lvl]) or "none"))
    return lines


# --------------------------------------------------------------------------- command line

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Diff the checker's findings on the real-report corpus against the snapshot.")
    parser.add_argument("--update", action="store_true", help="rewrite snapshot.yaml, keeping review verdicts")
    parser.add_argument("--stats", action="store_true", help="review counts (false alarms) per rule, from the snapshot")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes for the checker (default 2)")
    parser.add_argument("--snapshot", type=Path, default=SNAPSHOT, help="the snapshot file (default tests/corpus/snapshot.yaml)")
    parser.add_argument("--reviews-from", action="append", default=[], metavar="SNAPSHOT",
                        help="with --update: also take reviews from this snapshot file (e.g. another branch's)")
    args = parser.parse_args(argv)
    try:
        sides = load_snapshots(args.snapshot, allow_conflict=args.update)
        old = sides[0]
        if args.stats:
            print("\n".join(stats(old)))
            return 0
        new = current(args.jobs)
        lines, counts = diff(old, new)
        total = sum(len(e["findings"]) for e in new.values())
        summary = ", ".join(f"{n} {what}" for what, n in sorted(counts.items())) or "no differences"
        print(f"corpus: {len(new)} reports, {total} findings; {summary}")
        if lines:
            print("\n".join(lines))
        if args.update:
            more = [*sides[1:], *(load_snapshots(Path(extra))[0] for extra in args.reviews_from)]
            clashes: list[str] = []
            dump_snapshot(merge_reviews(old, new, *more, clashes=clashes), args.snapshot)
            if len(sides) > 1:
                print(f"{args.snapshot.name} had merge conflict markers: rebuilt, with the reviews of both sides")
            for clash in clashes:
                print(f"  differing reviews, check: {clash}")
            merged = load_snapshot(args.snapshot)
            unreviewed = sum(1 for e in merged.values() for f in e["findings"] if f.get("review") == "unreviewed")
            print(f"wrote {args.snapshot}; {unreviewed} findings unreviewed")
            return 0
        if lines:
            print("\n" + UPDATE_HINT)
            return 1
        return 0
    except CorpusError as exc:
        print(f"corpus_diff: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
