"""Word 97-2003 (.doc) and WPS (.wps) through LibreOffice: converted to .docx, then read by the
.docx reader (numbering, tracked changes, tables as there).

LibreOffice runs headless with a private user profile in a temporary folder (so concurrent runs
never share or lock a profile), its input and output in that folder, under a time limit after
which its whole process group is killed; the folder is removed afterwards. The input file itself
is never handed to LibreOffice: a copy is.

Environment: FAZHI_CHECK_SOFFICE names the LibreOffice program (default: `soffice` or
`libreoffice` on PATH, else the program in LibreOffice's usual install folders: on Windows under
Program Files, which the installer does not put on PATH; the /opt/libreofficeX.Y of the official
Linux packages; the macOS application); FAZHI_CHECK_CONVERT_TIMEOUT is the time limit in seconds
(default 120).
"""

from __future__ import annotations

import glob
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from checker.document import Document
from checker.errors import InputError
from checker.readers import display_name

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
DEFAULT_TIMEOUT = 120.0
_KINDS = {"doc": "Word 97-2003 文档（.doc）", "wps": "WPS 文字文档（.wps）"}


def _office() -> str | None:
    named = os.environ.get("FAZHI_CHECK_SOFFICE")
    if named:
        return shutil.which(named)
    return shutil.which("soffice") or shutil.which("libreoffice") or _installed()


# Where LibreOffice's installers put it: Windows roots (environment variable, subfolder) and fixed paths.
_WINDOWS_ROOTS = (("ProgramFiles", ""), ("ProgramW6432", ""), ("ProgramFiles(x86)", ""), ("LOCALAPPDATA", "Programs"))
_FIXED = ("/opt/libreoffice*/program/soffice", "/Applications/LibreOffice.app/Contents/MacOS/soffice")


def _installed() -> str | None:
    """The newest LibreOffice in its usual install folders, when it is not on PATH."""
    program = "soffice.exe" if os.name == "nt" else "soffice"
    patterns = [os.path.join(os.environ[name], sub, "LibreOffice*", "program", program)
                for name, sub in _WINDOWS_ROOTS if os.environ.get(name)] + list(_FIXED)
    for pattern in patterns:
        found = sorted(path for path in glob.glob(pattern) if os.path.isfile(path) and os.access(path, os.X_OK))
        if found:
            return found[-1]
    return None


def _timeout() -> float:
    try:
        return max(0.001, float(os.environ.get("FAZHI_CHECK_CONVERT_TIMEOUT", DEFAULT_TIMEOUT)))
    except ValueError:
        return DEFAULT_TIMEOUT


SAVE_AS = "在 Word 或 WPS 中“另存为” .docx 后再检查"


def convert(data: bytes, path: str, kind: str) -> bytes:
    """The .docx LibreOffice makes of a .doc/.wps file's bytes."""
    name = display_name(path)
    office = _office()
    if office is None:
        raise InputError("no-libreoffice", f"无法读取 {name}：这是{_KINDS[kind]}，需要用 LibreOffice 转换，但本机没有找到 LibreOffice。"
                         f"请安装 LibreOffice（Linux 如 apt install libreoffice-writer-nogui）；已装在其他位置时，"
                         f"把环境变量 FAZHI_CHECK_SOFFICE 设为 soffice 程序的完整路径；或{SAVE_AS}。", path)
    timeout = _timeout()
    with tempfile.TemporaryDirectory(prefix="fazhi-check-office-") as folder:
        work = Path(folder)
        # Kingsoft .wps files are Word-binary OLE documents: LibreOffice's type detection reads the
        # content, the .doc name only keeps it off the Microsoft Works filter.
        source = work / "input.doc"
        source.write_bytes(data)
        out = work / "out"
        command = [office, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--invisible",
                   "--nologo", "--norestore", "--nodefault", "--nolockcheck", "--convert-to", "docx:MS Word 2007 XML",
                   "--outdir", str(out), str(source)]
        environment = {**os.environ, "HOME": str(work)}
        try:
            process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                       cwd=work, env=environment, start_new_session=True)
        except OSError as exc:
            raise InputError("no-libreoffice", f"无法启动 LibreOffice 转换 {name}（{exc.strerror or exc}）。"
                             f"请检查 LibreOffice 的安装，或{SAVE_AS}。", path) from None
        try:
            process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill(process)
            raise InputError("convert-timeout", f"LibreOffice 转换超时（超过 {timeout:g} 秒）：{name}。"
                             f"文件可能过大或已损坏；请{SAVE_AS}，或稍后重试。", path) from None
        finally:
            _kill(process)
        converted = out / "input.docx"
        if not converted.is_file() or converted.stat().st_size == 0:
            raise InputError("corrupt", f"文件已损坏，LibreOffice 无法把它转换为 .docx：{name}。请{SAVE_AS}。", path)
        return converted.read_bytes()


def _kill(process: subprocess.Popen) -> None:
    """End LibreOffice and every process it started (soffice is a wrapper around soffice.bin): its
    process group on POSIX; on Windows, where there is none, its process tree while it runs."""
    try:
        if hasattr(os, "killpg"):
            os.killpg(process.pid, signal.SIGKILL)
        elif process.poll() is None:
            subprocess.run(["taskkill", "/F", "/T", "/PID", str(process.pid)], capture_output=True, timeout=30)
    except (ProcessLookupError, PermissionError, OSError, subprocess.TimeoutExpired):
        pass
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        pass


def read_as(data: bytes, path: str, kind: str) -> Document:
    from checker.readers import docx

    if data.startswith(b"PK\x03\x04"):  # a .docx renamed .doc: read it as what it is
        document = docx.read(data, path)
    elif data.startswith(_OLE) or data.lstrip().startswith(b"{\\rtf"):
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise InputError("encrypted", f"文档已加密（设有打开密码）：{display_name(path)}。请取消密码后另存为 .docx 再检查。", path)
        document = docx.read(convert(data, path, kind), path)
    else:
        raise InputError("corrupt", f"文件不是有效的{_KINDS[kind]}（扩展名与内容不符或文件已损坏）：{display_name(path)}。"
                         f"请{SAVE_AS}。", path)
    document.format = kind
    return document


def read(data: bytes, path: str) -> Document:
    return read_as(data, path, "wps" if str(path).lower().endswith(".wps") else "doc")
