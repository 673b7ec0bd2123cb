"""What one request may send: file size, file count, total size and zip expansion.

Every limit has a Chinese message for the 413 answer; the numbers are shown in MB so that
office staff can compare them with what they tried to upload.
"""

from __future__ import annotations

from dataclasses import dataclass

MB = 1024 * 1024


class TooLarge(Exception):
    """A limit was exceeded: the request is refused with 413 and this message."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class BadUpload(Exception):
    """A request that is not a usable upload (400), with a Chinese message."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Limits:
    file_bytes: int = 50 * MB  # one upload, or one member of a zip once expanded
    files: int = 300  # reports in one request, zip members included
    total_bytes: int = 400 * MB  # everything one request sends or expands to
    zip_ratio: int = 100  # expanded size / compressed size of one zip member
    results_kept: int = 50  # results held at once (the oldest is deleted first)
    ttl_seconds: int = 3600  # a result unused for this long is deleted

    @classmethod
    def for_upload_mb(cls, megabytes: int | None) -> Limits:
        if not megabytes:
            return cls()
        return cls(file_bytes=megabytes * MB, total_bytes=8 * megabytes * MB)

    def file_too_large(self, label: str, size: int) -> str | None:
        """Why one file of this size is not checked, or None when it may be."""
        if size > self.file_bytes:
            return f"文件过大：{label} 超过单个文件上限 {_mb(self.file_bytes)} MB。请确认这是一份年度报告，或分开上传。"
        return None

    def check_file(self, label: str, size: int) -> None:
        message = self.file_too_large(label, size)
        if message:
            raise TooLarge(message)

    def check_count(self, count: int) -> None:
        if count > self.files:
            raise TooLarge(f"文件过多：一次最多检查 {self.files} 份报告（含压缩包内的文件）。请分批上传。")

    def check_total(self, size: int) -> None:
        if size > self.total_bytes:
            raise TooLarge(f"上传内容过大：一次上传（含压缩包解开后的内容）最多 {_mb(self.total_bytes)} MB。请分批上传。")

    def check_ratio(self, label: str, expanded: int, compressed: int) -> None:
        if expanded > MB and expanded > self.zip_ratio * max(compressed, 1):
            raise TooLarge(f"压缩包异常：{label} 解压后是压缩前的 {expanded // max(compressed, 1)} 倍（上限 {self.zip_ratio} 倍），"
                           "可能是恶意构造的压缩包，已拒绝。")


def _mb(size: int) -> str:
    return f"{size / MB:g}"
