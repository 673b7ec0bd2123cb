"""Writes that cannot destroy: every file fazhi-check writes goes through here.

- The new content goes to a temporary file in the target's folder and is renamed into place, so
  a crash, a full disk or two runs writing the same file never leave a half-written one.
- A target that is (by device and inode, so hard links and symlinks count) one of the run's
  inputs is refused before anything is written.
- An existing target is refused unless the command was given --force (`force=False`).
- A target that exists and is not a regular file (/dev/null, a pipe) is written directly:
  renaming onto a device would replace the device.
- OS errors become one Chinese line naming the file (see `describe`).
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from checker.errors import CheckerError
from checker.streams import DISPLAY_ERRORS, shown

_REASONS = {
    errno.ENOSPC: "磁盘空间已满",
    errno.EDQUOT: "超出磁盘配额",
    errno.EACCES: "没有写入权限",
    errno.EPERM: "没有写入权限",
    errno.EROFS: "文件系统是只读的",
    errno.ENOENT: "所在文件夹不存在",
    errno.ENOTDIR: "路径中有一部分不是文件夹",
    errno.EISDIR: "这是一个文件夹",
    errno.ENAMETOOLONG: "文件名过长",
    errno.EIO: "输入输出错误",
    errno.EPIPE: "读取端已关闭",
}


def describe(exc: OSError) -> str:
    """The reason of an OS error in Chinese (the system's own words only for rare errors)."""
    return _REASONS.get(exc.errno, exc.strerror or type(exc).__name__)


def unwritable(path: str, exc: OSError, what: str = "输出文件") -> CheckerError:
    advice = "请清理磁盘空间后重试。" if exc.errno in (errno.ENOSPC, errno.EDQUOT) else "请检查路径和权限。"
    return CheckerError("output-unwritable", f"无法写入{what}：{shown(path)}（{describe(exc)}）。{advice}", path)


def _identity(path: str) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return info.st_dev, info.st_ino


def refuse_inputs(target: str, inputs: Iterable[str], what: str = "输出文件") -> None:
    """Refuse a target that is the same file as one of the inputs (hard links included)."""
    mine = _identity(target)
    if mine is None:
        return
    for source in inputs:
        if source and source != "-" and _identity(source) == mine:
            same = "" if os.path.abspath(source) == os.path.abspath(target) else f"（与输入文件 {shown(source)} 是同一个文件）"
            raise CheckerError("output-is-input", f"{what}不能是本次运行的输入文件：{shown(target)}{same}。"
                               "fazhi-check 从不修改输入，请换一个文件名。", target)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def check_target(target: str, inputs: Iterable[str] = (), force: bool = True, what: str = "输出文件") -> os.stat_result | None:
    """Refuse an input, a folder, or (without `force`) an existing file; the target's stat, if it exists."""
    refuse_inputs(target, inputs, what)
    try:
        info = os.stat(target)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise unwritable(target, exc, what) from None
    if stat.S_ISDIR(info.st_mode):
        raise unwritable(target, OSError(errno.EISDIR, "is a directory"), what)
    if not force:
        raise CheckerError("output-exists", f"{what}已存在：{shown(target)}。如需覆盖请加 --force。", target)
    return info


@contextlib.contextmanager
def replacing(target: str, mode: str = "w", *, inputs: Iterable[str] = (), force: bool = True,
              what: str = "输出文件") -> Iterator:
    """Open `target` for writing (text "w" in UTF-8, or "wb"); the file appears whole, on success only."""
    info = check_target(target, inputs, force, what)
    text = {} if "b" in mode else {"encoding": "utf-8", "errors": DISPLAY_ERRORS, "newline": ""}
    if info is not None and not stat.S_ISREG(info.st_mode):  # /dev/null, a pipe: write straight into it
        try:
            with open(target, mode, **text) as handle:
                yield handle
        except OSError as exc:
            raise unwritable(target, exc, what) from None
        return
    real = os.path.realpath(target)  # through a symlink, replace the file it points to
    folder, name = os.path.split(real)
    try:
        descriptor, temporary = tempfile.mkstemp(dir=folder or ".", prefix=f".{name}.", suffix=".tmp")
    except OSError as exc:
        raise unwritable(target, exc, what) from None
    try:
        os.chmod(temporary, stat.S_IMODE(info.st_mode) if info is not None else 0o666 & ~_umask())
        with os.fdopen(descriptor, mode, **text) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, real)
    except OSError as exc:
        _remove(temporary)
        raise unwritable(target, exc, what) from None
    except BaseException:
        _remove(temporary)
        raise


def _remove(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


def write_bytes(target: str | Path, data: bytes, **options) -> None:
    with replacing(str(target), "wb", **options) as handle:
        handle.write(data)


def write_text(target: str | Path, text: str, **options) -> None:
    with replacing(str(target), "w", **options) as handle:
        handle.write(text)
