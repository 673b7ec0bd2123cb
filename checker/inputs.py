"""Turn command-line arguments (files, folders, globs, "-") into the list of reports to read."""

from __future__ import annotations

import fnmatch
import glob
from pathlib import Path

from checker.readers import STDIN, is_supported


def _excluded(path: str, patterns: list[str]) -> bool:
    posix = Path(path).as_posix()
    return any(fnmatch.fnmatch(posix, p) or fnmatch.fnmatch(posix, f"*/{p}") or fnmatch.fnmatch(Path(path).name, p)
               for p in patterns)


def expand(arguments: list[str], exclude: list[str] | None = None) -> list[str]:
    """Files as given (even unsupported: the reader explains), folders searched recursively for
    supported reports, globs expanded. A path that does not exist is kept, so the reader reports it."""
    exclude = exclude or []
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
            found.extend(sorted(str(p) for p in path.rglob("*")
                                if p.is_file() and is_supported(p) and not _excluded(str(p), exclude)))
        elif not exists and glob.has_magic(argument):
            found.extend(sorted(p for p in glob.glob(argument, recursive=True)
                                if Path(p).is_file() and not _excluded(p, exclude)))
        else:
            found.append(argument)
    seen: set[str] = set()
    return [p for p in found if not (p in seen or seen.add(p))]


def _git(args: list[str], cwd: Path) -> str:
    import subprocess

    from checker.errors import CheckerError

    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, timeout=60)
    except FileNotFoundError:
        raise CheckerError("git-missing", "使用 --changed-since 需要 git，但没有找到 git 命令。请先安装 git。") from None
    if done.returncode != 0:
        raise CheckerError("git-failed", f"git {' '.join(args)} 失败：{done.stderr.strip()}")
    return done.stdout


def changed_since(revision: str, cwd: Path) -> set[Path]:
    """Files added, changed or renamed since `revision` (committed or not), and untracked files."""
    from checker.errors import CheckerError

    try:
        top = Path(_git(["rev-parse", "--show-toplevel"], cwd).strip())
    except CheckerError:
        raise CheckerError("not-a-repository", f"--changed-since 只能在 git 仓库中使用：{cwd} 不在 git 仓库中。") from None
    try:
        _git(["rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"], top)
    except CheckerError:
        raise CheckerError("bad-revision", f"找不到 git 修订版本：{revision}。请检查分支名或提交号（如 origin/main、HEAD~1）。") from None
    names = _git(["diff", "--name-only", "--diff-filter=ACMR", revision], top).splitlines()
    names += _git(["ls-files", "--others", "--exclude-standard"], top).splitlines()
    return {(top / name).resolve() for name in names if name}
