"""Zip packages of XML parts (.docx, .ofd), opened defensively.

Every reader of a zip-based format goes through `Package`: the archive's directory is checked
before anything is decompressed, member names are normalised and kept inside the archive, each
member is read with a byte budget that holds even when the directory lies about sizes, and XML
is parsed without DTDs, entities or network access, with a cap on the number of elements.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections.abc import Callable

from checker.errors import InputError
from checker.readers import display_name

MAX_UNPACKED = 200 * 1024 * 1024  # the archive's declared total: refused before decompressing
MAX_XML_BYTES = 32 * 1024 * 1024  # XML actually decompressed and parsed, all parts together
MAX_ELEMENTS = 1_500_000  # XML elements parsed, all parts together


def _mb(size: int) -> int:
    return max(1, size // (1024 * 1024))


class Package:
    """A zip archive read member by member within budgets.

    `refuse(code, what)` builds the format's InputError (its message names the remedy).
    """

    def __init__(self, data: bytes, path: str, refuse: Callable[[str, str], InputError]):
        self.path = path
        self.refuse = refuse
        self.xml_bytes = 0
        self.elements = 0
        try:
            self.archive = zipfile.ZipFile(io.BytesIO(data))
            infos = self.archive.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
            raise refuse("corrupt", "文件已损坏，无法作为压缩包打开") from None
        self.names = {}
        for info in infos:
            name = self.normalise(info.filename)
            if name is not None and not info.is_dir():
                self.names.setdefault(name.lower(), info)
        unpacked = sum(info.file_size for info in infos)
        if unpacked > MAX_UNPACKED:
            raise self._too_large(unpacked)

    def _too_large(self, size: int | None = None) -> InputError:
        amount = f"{_mb(size)} MB" if size else f"XML 内容超过 {_mb(MAX_XML_BYTES)} MB"
        return InputError("too-large", f"文档解压后过大（{amount}）：{display_name(self.path)}。这不像一份年度报告，已拒绝处理。",
                          self.path)

    @staticmethod
    def normalise(name: str) -> str | None:
        """A member name as a clean relative path, or None when it points outside the archive."""
        name = name.replace("\\", "/").lstrip("/")
        clean = posixpath.normpath(name)
        if clean in (".", "") or clean.startswith("../") or clean == "..":
            return None
        return clean

    def resolve(self, base: str, target: str) -> str | None:
        """`target` as written inside part `base` (relative to base's folder, or absolute from the root)."""
        target = target.strip().replace("\\", "/")
        if not target or "://" in target:
            return None
        if target.startswith("/"):
            return self.normalise(target[1:])
        return self.normalise(posixpath.join(posixpath.dirname(base), target))

    def mark(self) -> tuple[int, int]:
        """The budgets spent so far (to give back parts that are no longer held, see `release`)."""
        return self.xml_bytes, self.elements

    def release(self, mark: tuple[int, int]) -> None:
        """Give back the budget of parts parsed since `mark` once their trees are dropped (page by page)."""
        self.xml_bytes, self.elements = mark

    def has(self, name: str | None) -> bool:
        return name is not None and name.lower() in self.names

    def read(self, name: str) -> bytes:
        """A member's bytes, counted against the XML budget (never more than budget + 1 bytes read)."""
        info = self.names[name.lower()]
        allowance = MAX_XML_BYTES - self.xml_bytes
        try:
            with self.archive.open(info) as handle:
                data = handle.read(allowance + 1)
        except (zipfile.BadZipFile, NotImplementedError, RuntimeError, ValueError, OSError, EOFError):
            raise self.refuse("corrupt", f"文件已损坏，压缩包中的 {name} 无法解压") from None
        self.xml_bytes += len(data)
        if len(data) > allowance:
            raise self._too_large()
        return data

    def xml(self, name: str | None):
        """The parsed root element of a member, or None when the member is absent."""
        if not self.has(name):
            return None
        return self.parse(self.read(name), name)

    def parse(self, data: bytes, name: str):
        from lxml import etree

        head = data[:4096].lstrip(b"\xef\xbb\xbf")
        if b"<!DOCTYPE" in data or b"<!ENTITY" in data or head.startswith((b"\xff\xfe", b"\xfe\xff")) and (
                "<!DOCTYPE".encode("utf-16-le") in data or "<!DOCTYPE".encode("utf-16-be") in data):
            raise InputError("unsafe-xml", f"文档中含有 XML 实体声明（DOCTYPE），已拒绝处理：{display_name(self.path)}（{name}）。"
                             "这不是办公软件生成的正常文件，请重新导出后再检查。", self.path)
        parser_options = dict(events=("start",), resolve_entities=False, no_network=True, load_dtd=False,
                              huge_tree=False, remove_comments=True, remove_pis=True)
        try:
            context = etree.iterparse(io.BytesIO(data), **parser_options)
            for _event, _element in context:
                self.elements += 1
                if self.elements > MAX_ELEMENTS:
                    raise InputError("too-large", f"文档结构过于庞大（超过 {MAX_ELEMENTS:,} 个 XML 元素）：{display_name(self.path)}。"
                                     "这不像一份年度报告，已拒绝处理。", self.path)
            return context.root
        except etree.XMLSyntaxError as exc:
            raise self.refuse("corrupt", f"文件内容无法解析（{name}：{exc.msg or 'XML 语法错误'}）") from None
