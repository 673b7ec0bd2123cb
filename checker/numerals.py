"""Chinese numerals as they appear in heading numbers and 汉字 dates."""

_DIGITS = {"〇": 0, "○": 0, "零": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
           "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def chinese_to_int(text: str) -> int | None:
    """一 → 1, 十二 → 12, 二十八 → 28, and digit-by-digit years: 二〇二一 → 2021."""
    text = text.strip()
    if not text:
        return None
    if text.isdigit():
        return int(text)
    if "十" not in text:
        if all(ch in _DIGITS for ch in text):
            return int("".join(str(_DIGITS[ch]) for ch in text))
        return None
    tens, _, ones = text.partition("十")
    if (tens and tens not in _DIGITS) or (ones and ones not in _DIGITS):
        return None
    return (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[ones] if ones else 0)


def int_to_chinese(number: int) -> str:
    """1 → 一, 12 → 十二, 28 → 二十八 (heading numbers up to 99)."""
    names = "〇一二三四五六七八九"
    if number < 10:
        return names[number]
    tens, ones = divmod(number, 10)
    return (names[tens] if tens > 1 else "") + "十" + (names[ones] if ones else "")
