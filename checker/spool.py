"""A list that keeps at most `keep` items in memory and the older ones in an unnamed temporary
file, for what a batch must remember of every report until its end (the summary's rows, an
Excel sheet's cells): a national batch of 130,000 reports then stays flat in memory.

Items are plain values `marshal` writes (tuples, strings, numbers, None). They go to the file in
chunks of `keep`, and come back in the order they were added, as often as the spool is gone
through (passes and appends may interleave). The file has no name on POSIX and is deleted when
closed on Windows, so nothing is left behind, even when the run is stopped; a spool that never
holds more than `keep` items never makes one.
"""

from __future__ import annotations

from typing import Any, Iterator


class Spool:
    def __init__(self, keep: int = 1024):
        self.keep, self.count = keep, 0
        self._held: list[Any] = []
        self._file = None

    def append(self, item: Any) -> None:
        self._held.append(item)
        self.count += 1
        if len(self._held) >= self.keep:
            self._spill()

    def _spill(self) -> None:
        import marshal
        import tempfile

        if self._file is None:
            self._file = tempfile.TemporaryFile(prefix="fazhi-check-")
        self._file.seek(0, 2)
        marshal.dump(self._held, self._file)
        self._held = []

    @property
    def on_disk(self) -> bool:
        return self._file is not None

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[Any]:
        if self._file is not None:
            import marshal

            position = 0
            while position < self._file.seek(0, 2):  # each pass keeps its own place
                self._file.seek(position)
                chunk = marshal.load(self._file)
                position = self._file.tell()
                yield from chunk
        yield from list(self._held)


class TextSpool:
    """Text written as reports pass, copied out once what must come before it is known (the
    totals that head a JUnit file, the exit code that precedes SARIF's results). Held in memory
    up to 1 MB, then in an unnamed temporary file."""

    def __init__(self):
        import tempfile

        self._file = tempfile.SpooledTemporaryFile(max_size=1 << 20, mode="w+", encoding="utf-8", newline="")

    def write(self, text: str) -> None:
        self._file.write(text)

    def copy_to(self, handle) -> None:
        import shutil

        self._file.seek(0)
        shutil.copyfileobj(self._file, handle)
        self._file.close()
