"""Receiving a check request: multipart parts streamed to the result's folder, zips expanded.

The body is parsed as it arrives (python-multipart), each file written straight into the
result's private folder under a generated name, and every limit is checked while the bytes
come in, so an oversized upload is refused without being stored whole. Field `files` may
repeat (a .zip is expanded into its reports); a `previous` part is last year's report for the
`files` part just before it.
"""

from __future__ import annotations

import zipfile
from pathlib import Path, PurePosixPath

from checker.inputs import own_output
from checker.web.limits import BadUpload, Limits, TooLarge
from checker.web.storage import Result, Upload

FIELDS = ("files", "previous")
_CHUNK = 64 * 1024
_OVERHEAD = 1024 * 1024  # multipart boundaries and headers on top of the files themselves


def label_of(name: str) -> str:
    """The name shown for an upload: as sent (`../../x.docx` stays that text), without control
    characters. It is never used as a path: files are stored under generated names."""
    clean = "".join(ch for ch in name if ch.isprintable()).strip()
    return clean or "未命名"


class _Receiver:
    """python-multipart callbacks writing each file part to the result's folder."""

    def __init__(self, result: Result, limits: Limits):
        self.result, self.limits = result, limits
        self.parts: list[tuple[str, str, Path]] = []  # (field, label, stored path)
        self.refused: dict[int, str] = {}  # part index -> why it was not kept (over the file limit)
        self.total = 0
        self._header, self._value, self._headers = b"", b"", {}
        self._handle = None
        self._size = 0
        self._label = ""

    def callbacks(self) -> dict:
        return {"on_part_begin": self.begin, "on_header_field": self.header_field, "on_header_value": self.header_value,
                "on_header_end": self.header_end, "on_headers_finished": self.headers_done,
                "on_part_data": self.data, "on_part_end": self.end}

    def begin(self) -> None:
        self._headers, self._handle, self._size = {}, None, 0

    def header_field(self, data: bytes, start: int, end: int) -> None:
        self._header += data[start:end]

    def header_value(self, data: bytes, start: int, end: int) -> None:
        self._value += data[start:end]

    def header_end(self) -> None:
        self._headers[self._header.decode("latin-1").lower()] = self._value
        self._header, self._value = b"", b""

    def headers_done(self) -> None:
        from python_multipart.multipart import parse_options_header

        _, options = parse_options_header(self._headers.get("content-disposition", b""))
        field = options.get(b"name", b"").decode("utf-8", "replace")
        filename = options.get(b"filename")
        if field not in FIELDS or filename is None:
            return  # other fields are ignored: nothing on the page configures the checker
        self._label = label_of(filename.decode("utf-8", "replace"))
        path = self.result.new_path(self._label, "u" if field == "files" else "p")
        self.limits.check_count(sum(1 for f, _, _ in self.parts if f == "files") + (field == "files"))
        self._handle = open(path, "xb")
        self.parts.append((field, self._label, path))

    def data(self, data: bytes, start: int, end: int) -> None:
        if self._handle is None:
            return
        self._size += end - start
        self.total += end - start
        self.limits.check_total(self.total)
        index = len(self.parts) - 1
        if index in self.refused:
            return  # the rest of a file over the limit is read past, not kept
        message = self.limits.file_too_large(self._label, self._size)
        if message:  # this file becomes a report with this error; the others are still checked
            self.refused[index] = message
            self._handle.close()
            self.parts[index][2].unlink(missing_ok=True)
            return
        self._handle.write(data[start:end])

    def end(self) -> None:
        if self._handle is not None:
            self._handle.close()  # closing twice (a refused file) does nothing
            self._handle = None

    def close(self) -> None:
        self.end()


async def receive(request, result: Result, limits: Limits) -> list[Upload]:
    """The uploads of one check request, zips expanded, stored in `result`'s folder."""
    from python_multipart.multipart import MultipartParser, parse_options_header

    length = request.headers.get("content-length")
    if length and length.isdigit():
        limits.check_total(max(0, int(length) - _OVERHEAD))
    kind, options = parse_options_header(request.headers.get("content-type", ""))
    if kind != b"multipart/form-data" or b"boundary" not in options:
        raise BadUpload("请求格式不对：请用 multipart/form-data 上传，字段名为 files（可重复）和 previous。")
    receiver = _Receiver(result, limits)
    parser = MultipartParser(options[b"boundary"], receiver.callbacks())
    refused: Exception | None = None
    drained = 0
    try:
        async for chunk in request.stream():
            if refused is None:
                try:
                    parser.write(chunk)
                except (TooLarge, BadUpload) as error:
                    refused = error
                    receiver.close()
            else:  # read the rest (up to a bound) so that the client sees the answer, not a reset
                drained += len(chunk)
                if drained > limits.total_bytes:
                    break
        if refused is None:
            parser.finalize()
    except (TooLarge, BadUpload):
        raise
    except Exception:
        raise BadUpload("上传的数据不完整或格式不对，请重新上传。") from None
    finally:
        receiver.close()
    if refused is not None:
        raise refused
    return _pair(receiver.parts, result, limits, receiver.total, receiver.refused)


def _pair(parts: list[tuple[str, str, Path]], result: Result, limits: Limits, total: int,
          refused: dict[int, str]) -> list[Upload]:
    uploads: list[Upload] = []
    last_was_zip = False
    for index, (field, label, path) in enumerate(parts):
        if field == "previous":
            if not uploads or last_was_zip:
                raise BadUpload(f"上一年度报告 {label} 没有对应的报告：previous 字段应紧跟在它所对应的那份报告（files）之后，且不能对应压缩包。")
            if uploads[-1].previous is not None:
                raise BadUpload(f"报告 {uploads[-1].label} 只能有一份上一年度报告。")
            uploads[-1].previous = Upload(label, path)
            if index in refused:  # as check_one says of a previous report it cannot read
                uploads[-1].error = uploads[-1].error or "上一年度报告无法使用：" + refused[index]
            continue
        if index in refused:
            uploads.append(Upload(label, path, error=refused[index]))
            last_was_zip = False
            continue
        if path.suffix == ".zip":
            members, total = expand_zip(path, label, result, limits, total)
            uploads += members
            path.unlink()
            last_was_zip = True
        else:
            uploads.append(Upload(label, path))
            last_was_zip = False
    limits.check_count(len(uploads))
    if uploads and all(upload.error for upload in uploads):  # nothing left to check: the request is refused
        raise TooLarge(uploads[0].error)
    if not uploads:
        raise BadUpload("没有收到可检查的报告。请选择 .docx、.doc、.wps、.ofd、.txt、.md、.html、.pdf 文件或它们的 .zip 压缩包。")
    return uploads


def _member_name(info: zipfile.ZipInfo) -> str:
    """Zips made on Chinese Windows store names in GBK without saying so (Python reads cp437)."""
    if info.flag_bits & 0x800:
        return info.filename
    raw = info.filename.encode("cp437", "replace")
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return info.filename


def _wanted(name: str) -> bool:
    from checker.readers import is_listed

    parts = PurePosixPath(name.replace("\\", "/")).parts
    if not parts or any(p.startswith(".") and p not in (".", "..") or p == "__MACOSX" for p in parts):
        return False
    return is_listed(Path(parts[-1]))


def expand_zip(path: Path, label: str, result: Result, limits: Limits, total: int) -> tuple[list[Upload], int]:
    """The reports inside a zip (as `check` finds them in a folder); nested zips are not opened.
    Declared sizes are checked first, then the real bytes while expanding, since a crafted zip
    can declare less than it holds."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise BadUpload(f"压缩包无法打开：{label}。请重新压缩后上传。") from None
    with archive:
        chosen = [(info, _member_name(info)) for info in archive.infolist() if not info.is_dir()]
        chosen = [(info, name) for info, name in chosen if _wanted(name)]
        limits.check_count(len(chosen))
        uploads, kept = [], []
        for info, name in chosen:
            member = f"{label}/{name.replace(chr(92), '/').lstrip('/')}"
            limits.check_ratio(member, info.file_size, info.compress_size)
            message = limits.file_too_large(member, info.file_size)
            if message:  # a member over the limit is a report with this error, like a file sent alone
                uploads.append(Upload(member, result.new_path(member), error=message))
            else:
                kept.append((info, member))
        limits.check_total(total + sum(info.file_size for info, _ in kept))
        for info, member in kept:
            target = result.new_path(member)
            written = 0
            try:
                with archive.open(info) as source, open(target, "xb") as handle:
                    while chunk := source.read(_CHUNK):
                        written += len(chunk)
                        total += len(chunk)
                        limits.check_ratio(member, written, info.compress_size)
                        limits.check_file(member, written)
                        limits.check_total(total)
                        handle.write(chunk)
            except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError, EOFError):
                raise BadUpload(f"压缩包中的文件无法解压：{member}（可能已损坏或加了密码）。请重新压缩后上传。") from None
            if own_output(Path(target)):  # a scorecard zipped with the reports, as a folder check passes over
                Path(target).unlink()
                continue
            uploads.append(Upload(member, target))
        return uploads, total
