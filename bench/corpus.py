"""Distinct benchmark reports built from the seeds.

Every generated report is a seed whose figures are changed (counts and percentages, not years,
so the rules see the same kind of report) and whose issuing body carries a distinct district
name, so no two files are alike and nothing can be cached across them. `size` repeats the
sections of the seed to reach about that many characters.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
_FIGURE = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.]*\s*年)")
_PLACES = "东西南北中新和安平康宁丰华兴永长盛福泰昌明清"


def _figures(text: str, rng: random.Random) -> str:
    def change(match: re.Match) -> str:
        value = match.group()
        if "." in value:
            whole, decimals = value.split(".")
            return f"{rng.randint(0, 99)}.{rng.randint(0, 10 ** len(decimals) - 1):0{len(decimals)}d}"
        if len(value) == 4 and value[:2] in ("19", "20"):
            return value  # a year written without 年
        return str(rng.randint(1, 10 ** len(value) - 1))

    return _FIGURE.sub(change, text)


def lengthen(text: str, size: int) -> str:
    """The seed with its sections repeated to about `size` characters (head and signature kept once)."""
    if len(text) >= size:
        return text
    head, marker, rest = text.partition("一、")
    if not marker:
        return (text + "\n") * max(1, round(size / len(text)))
    lines = rest.rstrip("\n").split("\n")
    tail_at = max(i for i, line in enumerate(lines) if line.strip()) - 1  # signature: last two content lines
    while tail_at > 0 and not lines[tail_at].strip():
        tail_at -= 1
    body, tail = "一、" + "\n".join(lines[:tail_at]), "\n".join(lines[tail_at:])
    repeats = max(1, round((size - len(head) - len(tail)) / len(body)))
    return head + "\n".join([body] * repeats) + "\n" + tail + "\n"


def variant(index: int, size: int = 0) -> str:
    """Report number `index`: a distinct text, the same for the same index on every machine."""
    rng = random.Random(index)
    text = SEEDS[index % len(SEEDS)].read_text(encoding="utf-8")
    place = "".join(rng.choice(_PLACES) for _ in range(2))
    text = re.sub(r"([\u4e00-\u9fff]{2})(区|县|市)(?=[\u4e00-\u9fff]{0,12}(?:局|办公室|政府|委员会)\s*$)",
                  lambda m: place + m.group(2), text, count=1, flags=re.M)
    text = _figures(text, rng)
    return lengthen(text, size) if size else text


def write(folder: Path, count: int, size: int = 0, start: int = 0) -> list[Path]:
    """`count` distinct reports in `folder` (kept when already there), in name order."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(start, start + count):
        path = folder / f"{index:07d}.txt"
        if not path.exists():
            path.write_text(variant(index, size), encoding="utf-8")
        paths.append(path)
    return paths
