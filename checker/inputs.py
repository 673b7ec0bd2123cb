"""Turn command-line arguments (files, folders, globs, "-") into the list of reports to read."""

from __future__ import annotations

import fnmatch
import glob
import os
import re
from pathlib import Path

from checker.errors import InputError
from checker.readers import STDIN, is_listed
from checker.streams import shown


def _excluded(path: str, patterns: list[str]) -> bool:
    posix = Path(path).as_posix()
    return any(fnmatch.fnmatch(posix, p) or fnmatch.fnmatch(posix, f"*/{p}") or fnmatch.fnmatch(Path(path).name, p)
               for p in patterns)


def expand(arguments: list[str], exclude: list[str] | None = None,
           passed_over: list[tuple[str, str]] | None = None) -> list[str]:
    """Files as given (even unsupported: the reader explains), folders searched recursively for
    supported reports, globs expanded. A path that does not exist is kept, so the reader reports it.
    A scorecard named directly, and a folder whose reports are all excluded, go to `passed_over`
    as (path, "scorecard" or "excluded")."""
    exclude = exclude or []
    passed_over = [] if passed_over is None else passed_over
    found: list[str] = []
    for argument in arguments:
        if argument == STDIN:
            found.append(argument)
            continue
        path = Path(argument)
        try:
            is_dir, exists = path.is_dir(), path.exists()
        except OSError:  # a folder we may not enter: the reader explains
            found.append(argument)
            continue
        if is_dir:
            reports = sorted(_reports_in(argument, exclude))
            # a folder with no report at all (not one whose reports are all excluded) stays, so that
            # a batch names it (folder_error) instead of passing over it in silence
            if reports or not _reports_in(argument, []):
                found.extend(reports or [argument])
            else:
                passed_over.append((argument, "excluded"))
        elif not exists and glob.has_magic(argument):
            # what a folder check would list: reports, not the checker's scorecards or other files
            matched = sorted(p for p in glob.glob(argument, recursive=True)
                             if Path(p).is_file() and is_listed(Path(p)) and not own_output(Path(p)))
            found.extend([p for p in matched if not _excluded(p, exclude)] if matched else [argument])
        elif exists and path.is_file() and own_output(path):  # a scorecard named by the pre-commit hook or by hand
            passed_over.append((argument, "scorecard"))
        else:
            found.append(argument)
    seen: set[str] = set()
    return [p for p in found if not (p in seen or seen.add(p))]


def _reports_in(folder: str, exclude: list[str]) -> list[str]:
    """Supported files under `folder`, recursively (symlinked folders once each). A folder that
    cannot be listed is returned itself, so that reading it reports the error by name."""
    found, pending, seen = [], [Path(folder)], set()
    while pending:
        current = pending.pop()
        try:
            info = os.stat(current)
            if (info.st_dev, info.st_ino) in seen:
                continue
            seen.add((info.st_dev, info.st_ino))
            with os.scandir(current) as entries:
                children = list(entries)
        except OSError:
            if not (_excluded(str(current), exclude) or _excluded(str(current / "x"), exclude)):
                found.append(str(current))
            continue
        for entry in children:
            try:
                path = current / entry.name  # pathlib's spelling: "./a.txt" is "a.txt"
                if entry.name.startswith("."):  # hidden: .git, .venv, macOS's ._报告.docx
                    continue
                elif entry.is_dir():
                    pending.append(path)
                elif entry.is_file() and is_listed(path) and not _excluded(str(path), exclude) and not own_output(path):
                    found.append(str(path))
            except OSError:
                continue
    return found


# What fazhi-check writes with -o (outputs/html.py, markdown.py, text.py, compact.py): a
# scorecard saved in the folder it checks is not a report to check next time. The HTML report
# says so in a <meta name="generator">; the others are known by their opening lines.
_GENERATOR = ('<meta name="generator" content="fazhi-check">', "<title>fazhi-check 检查结果</title>")  # the title: older reports
_OWN_OPENING = re.compile(r'\s*## fazhi-check 检查结果\n'
                          r'|== [^\n]+\n(?:[^\n]* \| [^\n]* \| (?:\d{4}年度|（年度未知）) \| (?:成文日期 |（无成文日期）)|无法检查：)'
                          r'|[^\n]+?:\d*:? (?:\[(?:必须修改|建议修改|供参考)｜|结论：)')
_OWN_SUFFIXES = (".html", ".htm", ".md", ".markdown", ".txt")


def own_output(path: Path) -> bool:
    """A file fazhi-check wrote itself (see _GENERATOR, _OWN_OPENING): skipped in folders. Only
    for a regular file (a FIFO would block the open): callers test is_file() first."""
    if path.suffix.lower() not in _OWN_SUFFIXES:
        return False
    try:
        with open(path, "rb") as handle:
            head = handle.read(4096).decode("utf-8", "ignore")  # the marks stand in the first lines
    except OSError:
        return False  # the reader explains
    return any(mark in head for mark in _GENERATOR) or _OWN_OPENING.match(head) is not None


def folder_error(name: str) -> InputError:
    """Why a folder given or met as a report cannot be read."""
    if not os.access(name, os.R_OK | os.X_OK):
        return InputError("folder-unreadable", f"没有权限读取文件夹：{shown(name)}。其中的报告没有检查；请检查文件夹权限（chmod / 属性）。", name)
    if not _reports_in(name, []):
        return InputError("no-reports-in-folder", f"文件夹中没有可检查的报告：{shown(name)}。{SUPPORTED}，文件夹会递归查找。", name)
    return InputError("is-directory", f"这是一个文件夹而不是文件：{shown(name)}。", name)


def unmatched_error(name: str) -> InputError:
    return InputError("not-found", f"没有文件与通配符匹配：{shown(name)}。请检查路径和通配符是否正确。", name)


def only_placeholders(found: list[str]) -> bool:
    """Every path `expand` gave is an empty folder or a pattern that matched nothing (a folder that
    cannot be listed is not: its reader explains; os.path answers False where it cannot look)."""
    return all(p != STDIN and ((os.path.isdir(p) and os.access(p, os.R_OK | os.X_OK))
                               or (glob.has_magic(p) and not os.path.lexists(p))) for p in found)


SUPPORTED = "支持 .txt .text .md .markdown .docx .doc .wps .html .htm .xhtml .pdf .ofd"


def _git(args: list[str], cwd: Path) -> str:
    import subprocess

    from checker.errors import CheckerError

    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, timeout=60)
    except FileNotFoundError:
        raise CheckerError("git-missing", "使用 --changed-since 需要 git，但没有找到 git 命令。请先安装 git。") from None
    if done.returncode != 0:
        raise CheckerError("git-failed", f"git {' '.join(args)} 失败：{done.stderr.decode('utf-8', 'replace').strip()}")
    return os.fsdecode(done.stdout)  # file names as the file system spells them, whatever the locale


def changed_since(revision: str, paths: list[str]) -> set[Path]:
    """Files added, changed or renamed since `revision` (committed or not), and untracked files,
    in the repository of each path given (the current folder's when none is): asked once for each
    repository, so that the hook's many files in one repository cost one query."""
    folders = [folder for folder in dict.fromkeys((Path(p) if Path(p).is_dir() else Path(p).parent).resolve()
                                                  for p in paths if p != STDIN) if folder.is_dir()] or [Path.cwd()]
    changed: set[Path] = set()
    tops: list[Path] = []
    for folder in folders:
        if not any(folder == top or top in folder.parents for top in tops):
            tops.append(_repository_of(folder))
            changed |= _changed_in(tops[-1], revision)
    return changed


def _repository_of(folder: Path) -> Path:
    from checker.errors import CheckerError

    try:
        return Path(_git(["rev-parse", "--show-toplevel"], folder).strip()).resolve()
    except CheckerError:
        raise CheckerError("not-a-repository", f"--changed-since 只能在 git 仓库中使用：{folder} 不在 git 仓库中。") from None


def _changed_in(top: Path, revision: str) -> set[Path]:
    from checker.errors import CheckerError

    try:
        _git(["rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"], top)
    except CheckerError:
        raise CheckerError("bad-revision", f"找不到 git 修订版本：{revision}。请检查分支名或提交号（如 origin/main、HEAD~1）。") from None
    # -z: names as they are, NUL-separated (without it git quotes 甲局报告.txt as "\347\224\262…")
    names = _git(["diff", "-z", "--name-only", "--diff-filter=ACMR", revision], top).split("\0")
    names += _git(["ls-files", "-z", "--others", "--exclude-standard"], top).split("\0")
    return {(top / name).resolve() for name in names if name}
