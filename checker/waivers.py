"""What a reviewer decided not to check, and where.

- Rule selection (`--select` / `--ignore`, config `select` / `ignore`): which rules run at all.
  A selector is a rule id or a prefix (`format.` or `format`, a whole id segment).
- Config waivers: `rule`, optional `files` / `file` (globs by git's rules: `*` stays inside one
  folder, `**` crosses folders) and optional `match` (a text snippet the finding's line must
  contain, so the waiver survives edits), with `reason`, `approved_by` and `expires`.
- Inline waivers in .md and .html: `<!-- fazhi-check-disable [rule …] [-- reason] -->` up to
  `<!-- fazhi-check-enable [rule …] -->`. Readers put HTML comments in `Document.comments` as
  (line, text): the comment applies from that line on.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checker.document import Document, normalise
from checker.errors import CheckerError
from checker.model import Result, Rule

# Selection ---------------------------------------------------------------------------------


def selects(selector: str, rule_id: str) -> bool:
    """`format.` and `format` select every rule whose id starts with the segment `format`."""
    prefix = selector.rstrip(".")
    return rule_id == selector or rule_id.startswith(prefix + ".")


def unknown_selectors(selectors: list[str], rules: list[Rule]) -> list[str]:
    return [s for s in selectors if not any(selects(s, rule.id) for rule in rules)]


def split_selectors(values: tuple[str, ...] | list[str] | None) -> list[str] | None:
    """`--select a,b --select c` → [a, b, c]; None when the option was not given."""
    if not values:
        return None
    return [part for value in values for part in re.split(r"[,，\s]+", value) if part]


def select_rules(rules: list[Rule], select: list[str] | None, ignore: list[str] | None) -> list[Rule]:
    """With `select`, exactly the selected rules run (a rule the configuration disabled too);
    `ignore` switches rules off. Both take rule ids and prefixes."""
    for rule in rules:
        if select:
            rule.enabled = any(selects(s, rule.id) for s in select)
        if ignore and any(selects(s, rule.id) for s in ignore):
            rule.enabled = False
    return rules


# Globs -------------------------------------------------------------------------------------


def glob_spec(patterns: list[str]):
    """A matcher with git's wildmatch rules (the pathspec library, imported only when needed)."""
    import pathspec

    return pathspec.PathSpec.from_lines("gitignore", patterns)


def glob_error(pattern: str) -> str | None:
    """Why a glob is unusable, or None."""
    try:
        glob_spec([pattern])
    except Exception as error:  # pathspec's own error types changed across versions
        return str(error)
    return None


# Set by the configuration loader on each waiver: the folder of the file it was written in, which
# its file patterns are relative to (through `extends` too).
FOLDER_KEY = "_folder"


def _path_matches(patterns: list[str], path: str, base: Path) -> bool:
    if path == "-":
        return False
    # a pattern that climbs out of its folder (../reports/*.txt) is anchored where it leads
    patterns = [os.path.normpath(base.resolve() / p) if p.replace("\\", "/").startswith("../") else p for p in patterns]
    resolved = Path(path).resolve()
    try:
        relative = resolved.relative_to(base.resolve()).as_posix()
    except ValueError:
        relative = None
    relative_patterns = [p for p in patterns if not Path(p).is_absolute()]
    absolute_patterns = [p for p in patterns if Path(p).is_absolute()]
    if relative is not None and relative_patterns and glob_spec(relative_patterns).match_file(relative):
        return True
    if absolute_patterns:  # an absolute pattern is anchored at the file system's root
        anchored = [p.replace("\\", "/").split(":", 1)[-1] for p in absolute_patterns]
        return glob_spec(anchored).match_file(resolved.as_posix().split(":", 1)[-1].lstrip("/"))
    return False


# Config waivers ----------------------------------------------------------------------------


def _files_of(waiver: dict) -> list[str] | None:
    if waiver.get("files"):
        return waiver["files"]
    return [waiver["file"]] if waiver.get("file") else None


def _lines_of(result: Result) -> list[int]:
    return [loc.line for loc in result.locations if loc.line is not None]


def _contains(doc: Document, result: Result, snippet: str) -> bool:
    wanted = normalise(snippet)
    for location in result.locations:
        texts = [location.excerpt]
        if location.line is not None and location.line in doc._by_number:
            line = doc.line(location.line)
            texts += [line.text, line.norm]
        if any(snippet in text or wanted in normalise(text) for text in texts if text):
            return True
    return False


def _config_waiver(result: Result, doc: Document, waivers: list[dict], base: Path) -> dict | None:
    for waiver in waivers:
        if waiver["rule"] != result.rule.id:
            continue
        files = _files_of(waiver)
        folder = Path(waiver.get(FOLDER_KEY, base))
        if files and not _path_matches(files, doc.path, folder):
            continue
        if waiver.get("match") and not _contains(doc, result, waiver["match"]):
            continue
        return waiver
    return None


def _waive(result: Result, waiver: dict, today: dt.date) -> None:
    expires = waiver.get("expires")
    if expires and dt.date.fromisoformat(str(expires)) < today:
        result.message += f"（豁免已于 {expires} 过期，不再适用）"
        return
    result.status, result.waiver = "waived", waiver
    result.message = f"豁免理由：{waiver['reason']}（批准：{waiver.get('approved_by', '未注明')}" + (
        f"，有效期至 {expires}）" if expires else "）") + f"。原结论：{result.message}"


# Inline waivers ----------------------------------------------------------------------------

_DIRECTIVE = re.compile(r"^\s*fazhi-check-(disable|enable)(?=\s|$)(.*)$", re.S)


@dataclass
class Region:
    selectors: list[str]  # empty: every rule
    start: int  # first line covered
    end: int | None  # first line no longer covered; None: to the end of the document
    reason: str
    line: int  # where the disable comment is
    excluded: tuple[str, ...] = ()  # rules enabled again inside the region

    def covers(self, rule_id: str) -> bool:
        chosen = not self.selectors or any(selects(s, rule_id) for s in self.selectors)
        return chosen and not any(selects(e, rule_id) for e in self.excluded)


def parse_directive(text: str) -> tuple[str, list[str], str] | None:
    """("disable"|"enable", selectors, reason) from a comment's text, or None."""
    found = _DIRECTIVE.match(text)
    if not found:
        return None
    rest, _, reason = found.group(2).partition("--")
    return found.group(1), [s for s in re.split(r"[,，\s]+", rest) if s], " ".join(reason.split())


def inline_regions(doc: Document, rules: list[Rule]) -> tuple[list[Region], list[dict]]:
    """Disabled regions from the document's comments, and errors for rules that do not exist."""
    regions: list[Region] = []
    errors: list[dict] = []
    unit = "段" if doc.unit == "paragraph" else "行"
    for line, text in sorted(getattr(doc, "comments", None) or [], key=lambda c: c[0]):
        directive = parse_directive(text)
        if directive is None:
            continue
        action, selectors, reason = directive
        for selector in unknown_selectors(selectors, rules):
            errors.append({"rule": selector, "message": (
                f"{doc.path} 第{line}{unit}的注释 fazhi-check-{action} 中的规则 “{selector}” 不存在。"
                "请用 fazhi-check rules 查看规则 id，或写成前缀（如 format.）。")})
        if action == "disable":
            regions.append(Region(selectors, line, None, reason, line))
            continue
        for region in [r for r in regions if r.end is None]:  # enable: end what it names
            region.end = line
            if not selectors:
                continue
            if region.selectors and all(any(selects(e, s) for e in selectors) for s in region.selectors):
                continue
            regions.append(Region(region.selectors, line, None, region.reason, region.line,
                                  region.excluded + tuple(selectors)))
    return regions, errors


def _inline_waiver(result: Result, regions: list[Region]) -> Region | None:
    lines = _lines_of(result)
    for region in regions:
        if not region.covers(result.rule.id):
            continue
        if not lines:  # a whole-document finding: only a disable never enabled again covers it
            if region.end is None:
                return region
        elif region.start <= lines[0] and (region.end is None or lines[0] < region.end):
            return region
    return None


def _waive_inline(result: Result, region: Region, doc: Document) -> None:
    unit = "段" if doc.unit == "paragraph" else "行"
    reason = region.reason or "文内注释停用了此规则"
    result.status = "waived"
    result.waiver = {"rule": result.rule.id, "reason": reason, "approved_by": None, "expires": None,
                     "inline": True, "line": region.line}
    result.message = f"豁免理由：{reason}（文内注释，第{region.line}{unit}）。原结论：{result.message}"


# Both --------------------------------------------------------------------------------------


def apply_waivers(results: list[Result], doc: Document, settings: dict[str, Any], rules: list[Rule] | None = None) -> list[dict]:
    """Turn waived problems into `waived` results; return errors (inline comments naming unknown rules)."""
    waivers = settings.get("waivers") or []
    base = Path(settings.get("_base_dir", "."))
    regions, errors = inline_regions(doc, rules if rules is not None else [r.rule for r in results])
    if not waivers and not regions:
        return errors
    today = dt.date.today()
    for result in results:
        if not result.problem:
            continue
        region = _inline_waiver(result, regions)
        if region is not None:
            _waive_inline(result, region, doc)
            continue
        waiver = _config_waiver(result, doc, waivers, base)
        if waiver is not None:
            _waive(result, waiver, today)
    return errors


def check_config(settings: dict, rules: list[Rule], error_at) -> None:
    """Configuration errors the schema cannot see: unknown selectors, unusable globs, empty snippets.
    `error_at(keys, text)` builds the RuleError for a place in the project's configuration."""
    for key in ("select", "ignore"):
        for index, selector in enumerate(settings.get(key) or []):
            if unknown_selectors([selector], rules):
                raise error_at([key, index], f"{key} 中的 “{selector}” 不是规则 id，也不是任何规则 id 的前缀。用 fazhi-check rules 查看全部规则 id。")
    for index, waiver in enumerate(settings.get("waivers") or []):
        for field_name in ("files", "file"):
            value = waiver.get(field_name)
            for pattern in ([value] if isinstance(value, str) else value or []):
                problem = glob_error(pattern)
                if problem:
                    raise error_at(["waivers", index, field_name], f"豁免的文件通配符 “{pattern}” 无效。请按 git 的写法书写（* 不跨文件夹，** 跨文件夹）。")
        if "match" in waiver and not normalise(waiver["match"]):
            raise error_at(["waivers", index, "match"], "豁免的 match 是空白。请写出问题所在行中的一段原文，如“成效显著”。")


def selection_error(option: str, selectors: list[str], rules: list[Rule]) -> CheckerError | None:
    unknown = unknown_selectors(selectors, rules)
    if not unknown:
        return None
    return CheckerError("unknown-rule", f"{option} 中的 “{unknown[0]}” 不是规则 id，也不是任何规则 id 的前缀。用 fazhi-check rules 查看全部规则 id。")
