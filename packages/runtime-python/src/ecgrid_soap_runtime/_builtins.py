"""XSD builtin datatypes: lexical form <-> Python value, validated exactly like the TypeScript
runtime (``packages/runtime/src/builtins.ts``), so every SDK writes the same bytes.

Values: ``str`` for string-like types and, kept in their lexical form, for decimals, dates,
times and durations; ``int`` for every integer type (range-checked); ``float`` for float and
double (written like JavaScript's shortest round trip, ``INF``/``-INF``/``NaN``); ``bool``;
``bytes`` for binaries."""

from __future__ import annotations

import base64
import binascii
import math
import re
from typing import Callable, NamedTuple

__all__ = ["BUILTINS", "DATED_PATTERNS", "INTEGER_BOUNDS", "MAX_INTEGER_DIGITS", "Builtin", "BuiltinValueError", "collapse_whitespace", "format_double", "valid_day"]


class BuiltinValueError(Exception):
    """A lexical form or a value rejected by a datatype; the reason never quotes the value."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


class Builtin(NamedTuple):
    parse: Callable[[str], object]
    format: Callable[[object], str]


_WS_RUN = re.compile(r"[\t\n\r ]+")
_NON_XML_CHAR = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def collapse_whitespace(s: str) -> str:
    """whiteSpace="collapse": trim, and fold runs of XML whitespace into one space."""
    if "\t" not in s and "\n" not in s and "\r" not in s and "  " not in s and s[:1] != " " and s[-1:] != " ":
        # Nothing to fold or trim (the common case): no regular expression run.
        return s
    return _WS_RUN.sub(" ", s).strip(" ")


def _replace_whitespace(s: str) -> str:
    return s.replace("\t", " ").replace("\n", " ").replace("\r", " ")


def _invalid(reason: str) -> BuiltinValueError:
    return BuiltinValueError("invalid-value", reason)


def _wrong_type(expected: str) -> BuiltinValueError:
    return BuiltinValueError("invalid-type", f"expected {expected}")


def _require_string(value: object) -> str:
    if not isinstance(value, str):
        raise _wrong_type("a string")
    if _NON_XML_CHAR.search(value):
        raise _invalid("contains a character that XML cannot represent")
    return value


_NAME_START = (
    "A-Z_a-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
)
_NAME_REST = _NAME_START + r"\-.0-9\u00b7\u0300-\u036f\u203f-\u2040"
_NCNAME = f"[{_NAME_START}][{_NAME_REST}]*"
_PATTERNS = {
    "language": re.compile(r"[a-zA-Z]{1,8}(?:-[a-zA-Z0-9]{1,8})*"),
    "Name": re.compile(f"[{_NAME_START}:][{_NAME_REST}:]*"),
    "NCName": re.compile(_NCNAME),
    "NMTOKEN": re.compile(f"[{_NAME_REST}:]+"),
    "NMTOKENS": re.compile(f"[{_NAME_REST}:]+(?: [{_NAME_REST}:]+)*"),
    "NCNAMES": re.compile(f"{_NCNAME}(?: {_NCNAME})*"),
    "QName": re.compile(f"(?:{_NCNAME}:)?{_NCNAME}"),
}


def _string_type(facet: str, pattern: re.Pattern[str] | None = None, what: str = "") -> Builtin:
    apply: Callable[[str], str] = (
        (lambda s: s) if facet == "preserve" else _replace_whitespace if facet == "replace" else collapse_whitespace
    )

    def check(s: str) -> str:
        if pattern is not None and not pattern.fullmatch(s):
            raise _invalid(f"not a valid {what}")
        return s

    return Builtin(lambda lexical: check(apply(lexical)), lambda value: check(apply(_require_string(value))))


def _parse_boolean(lexical: str) -> object:
    s = collapse_whitespace(lexical)
    if s in ("true", "1"):
        return True
    if s in ("false", "0"):
        return False
    raise _invalid("expected true, false, 1 or 0")


def _format_boolean(value: object) -> str:
    if not isinstance(value, bool):
        raise _wrong_type("a boolean")
    return "true" if value else "false"


_INTEGER_LEXICAL = re.compile(r"[+-]?[0-9]+")


MAX_INTEGER_DIGITS = 4000
"""Integers of unbounded types (``xs:integer``...) with more significant digits than this are
refused (``out-of-range``): below Python's own limit on converting long digit strings, and far
beyond any real value."""


INTEGER_BOUNDS: dict[str, tuple[int | None, int | None]] = {
    "integer": (None, None),
    "nonPositiveInteger": (None, 0),
    "negativeInteger": (None, -1),
    "long": (-(2**63), 2**63 - 1),
    "int": (-2147483648, 2147483647),
    "short": (-32768, 32767),
    "byte": (-128, 127),
    "nonNegativeInteger": (0, None),
    "unsignedLong": (0, 2**64 - 1),
    "unsignedInt": (0, 4294967295),
    "unsignedShort": (0, 65535),
    "unsignedByte": (0, 255),
    "positiveInteger": (1, None),
}
"""The integer types and their bounds (None: unbounded)."""


def _integer_type(low: int | None, high: int | None) -> Builtin:
    shown = f"{'-∞' if low is None else low}..{'∞' if high is None else high}"
    # More significant digits than the widest bound has cannot be in range: refused unconverted.
    max_digits = MAX_INTEGER_DIGITS if low is None or high is None else len(str(max(-low, high)))

    def check(n: int) -> int:
        if (low is not None and n < low) or (high is not None and n > high):
            raise BuiltinValueError("out-of-range", f"outside the range {shown}")
        return n

    def parse(lexical: str) -> object:
        s = collapse_whitespace(lexical)
        if not _INTEGER_LEXICAL.fullmatch(s):
            raise _invalid("not an integer")
        if len(s.lstrip("+-").lstrip("0")) > max_digits:
            raise BuiltinValueError("out-of-range", f"outside the range {shown}" if max_digits != MAX_INTEGER_DIGITS else f"more than {MAX_INTEGER_DIGITS} digits")
        try:
            return check(int(s))
        except ValueError:
            raise _invalid("not an integer") from None

    def format(value: object) -> str:
        if isinstance(value, bool) or not isinstance(value, int):
            raise _wrong_type("an int")
        return str(check(value))

    return Builtin(parse, format)


_FLOAT_LEXICAL = re.compile(r"[+-]?(?:(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|INF)|NaN")


def _parse_double(lexical: str) -> object:
    s = collapse_whitespace(lexical)
    if not _FLOAT_LEXICAL.fullmatch(s):
        raise _invalid("not a number")
    if s == "NaN":
        return math.nan
    if s.endswith("INF"):
        return -math.inf if s.startswith("-") else math.inf
    return float(s)


def format_double(n: float) -> str:
    """A double as JavaScript's ``String(n)`` writes it (shortest round trip), with the XSD
    spellings INF, -INF and NaN, and -0 kept."""
    if math.isnan(n):
        return "NaN"
    if math.isinf(n):
        return "INF" if n > 0 else "-INF"
    if n == 0:
        return "-0" if math.copysign(1.0, n) < 0 else "0"
    sign = "-" if n < 0 else ""
    # repr() gives the shortest digits that round-trip, as JavaScript does; only the layout differs.
    mantissa, _, exponent = repr(abs(n)).partition("e")
    whole, _, fraction = mantissa.partition(".")
    digits = whole + fraction
    # value = 0.DIGITS * 10**point
    point = len(whole) + int(exponent or "0")
    significant = digits.lstrip("0")
    point -= len(digits) - len(significant)
    digits = significant.rstrip("0")
    k = len(digits)
    if k <= point <= 21:
        text = digits + "0" * (point - k)
    elif 0 < point <= 21:
        text = f"{digits[:point]}.{digits[point:]}"
    elif -6 < point <= 0:
        text = f"0.{'0' * -point}{digits}"
    else:
        e = point - 1
        text = f"{digits[0]}{'.' + digits[1:] if k > 1 else ''}e{'+' if e >= 0 else '-'}{abs(e)}"
    return sign + text


def _format_float(value: object) -> str:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _wrong_type("a number")
    try:
        return format_double(float(value))
    except OverflowError:
        raise BuiltinValueError("out-of-range", "too large for a double") from None


def _lexical_type(pattern: re.Pattern[str], what: str, extra: Callable[[str], bool] | None = None) -> Builtin:
    def check(s: str) -> str:
        if not pattern.fullmatch(s) or (extra is not None and not extra(s)):
            raise _invalid(f"not a valid {what}")
        return s

    def format(value: object) -> str:
        if not isinstance(value, str):
            raise _wrong_type(f"a {what} string")
        return check(collapse_whitespace(value))

    return Builtin(lambda lexical: check(collapse_whitespace(lexical)), format)


_YEAR = "-?(?:[1-9][0-9]{3,}|0[0-9]{3})"
_MONTH = "(?:0[1-9]|1[0-2])"
_DAY = "(?:0[1-9]|[12][0-9]|3[01])"
_TIME = r"(?:(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\.[0-9]+)?|24:00:00(?:\.0+)?)"
_ZONE = "(?:Z|[+-](?:(?:0[0-9]|1[0-3]):[0-5][0-9]|14:00))?"


def _dated(body: str) -> re.Pattern[str]:
    return re.compile(f"{body}{_ZONE}")


DATED_PATTERNS = {"dateTime": _dated(f"{_YEAR}-{_MONTH}-{_DAY}T{_TIME}"), "date": _dated(f"{_YEAR}-{_MONTH}-{_DAY}")}
"""The lexical patterns of the types with a year, month and day (whose day is then checked
against the month with ``valid_day``)."""


def _days_in_month(month: int, year: int | None) -> int:
    if month == 2:
        return 29 if year is None or (year % 4 == 0 and year % 100 != 0) or year % 400 == 0 else 28
    return 30 if month in (4, 6, 9, 11) else 31


_YEAR_MONTH_DAY = re.compile(r"(-?[0-9]+)-([0-9]{2})-([0-9]{2})")
_MONTH_DAY = re.compile(r"--([0-9]{2})-([0-9]{2})")


def valid_day(s: str, has_year: bool) -> bool:
    """Whether the day of ``s`` (a date with its year when ``has_year``, else ``--MM-DD``) is in its month."""
    m = _YEAR_MONTH_DAY.match(s) if has_year else _MONTH_DAY.match(s)
    if m is None:
        return False
    if int(m.group(3) if has_year else m.group(2)) <= 28:
        # Every month has 28 days.
        return True
    # The leap-year rule needs the year modulo 400: its last four digits, however long it is.
    year = int(("-" if m.group(1).startswith("-") else "") + m.group(1).lstrip("-")[-4:]) if has_year else None
    month, day = (int(m.group(2)), int(m.group(3))) if has_year else (int(m.group(1)), int(m.group(2)))
    return day <= _days_in_month(month, year)


_DURATION = re.compile(
    r"-?P(?=[0-9]|T[0-9])(?:[0-9]+Y)?(?:[0-9]+M)?(?:[0-9]+D)?(?:T(?=[0-9])(?:[0-9]+H)?(?:[0-9]+M)?(?:[0-9]+(?:\.[0-9]+)?S)?)?"
)
_BASE64 = re.compile(r"(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?")
_HEX = re.compile(r"(?:[0-9a-fA-F]{2})*")


def _parse_base64(text: str) -> object:
    s = re.sub(r"[\t\n\r ]+", "", text)
    if len(s) % 4 != 0:
        raise _invalid("base64 length is not a multiple of 4")
    if not _BASE64.fullmatch(s):
        raise _invalid("invalid base64 character")
    try:
        return base64.b64decode(s, validate=True)
    except binascii.Error:
        raise _invalid("invalid base64") from None


def _parse_hex(text: str) -> object:
    s = collapse_whitespace(text)
    if not _HEX.fullmatch(s):
        raise _invalid("not a valid hexBinary")
    return bytes.fromhex(s)


def _binary(encode: Callable[[bytes], str]) -> Callable[[object], str]:
    def format(value: object) -> str:
        if not isinstance(value, (bytes, bytearray)):
            raise _wrong_type("bytes")
        return encode(bytes(value))

    return format


_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")

BUILTINS: dict[str, Builtin] = {
    "anySimpleType": _string_type("preserve"),
    "string": _string_type("preserve"),
    "normalizedString": _string_type("replace"),
    "token": _string_type("collapse"),
    "language": _string_type("collapse", _PATTERNS["language"], "language tag"),
    "Name": _string_type("collapse", _PATTERNS["Name"], "Name"),
    "NCName": _string_type("collapse", _PATTERNS["NCName"], "NCName"),
    "NMTOKEN": _string_type("collapse", _PATTERNS["NMTOKEN"], "NMTOKEN"),
    "NMTOKENS": _string_type("collapse", _PATTERNS["NMTOKENS"], "NMTOKENS list"),
    "ID": _string_type("collapse", _PATTERNS["NCName"], "ID"),
    "IDREF": _string_type("collapse", _PATTERNS["NCName"], "IDREF"),
    "IDREFS": _string_type("collapse", _PATTERNS["NCNAMES"], "IDREFS list"),
    "ENTITY": _string_type("collapse", _PATTERNS["NCName"], "ENTITY"),
    "ENTITIES": _string_type("collapse", _PATTERNS["NCNAMES"], "ENTITIES list"),
    "QName": _string_type("collapse", _PATTERNS["QName"], "QName"),
    "NOTATION": _string_type("collapse", _PATTERNS["QName"], "NOTATION"),
    "anyURI": _string_type("collapse"),
    "boolean": Builtin(_parse_boolean, _format_boolean),
    "decimal": _lexical_type(_DECIMAL, "decimal"),
    **{name: _integer_type(low, high) for name, (low, high) in INTEGER_BOUNDS.items()},
    "float": Builtin(_parse_double, _format_float),
    "double": Builtin(_parse_double, _format_float),
    "duration": _lexical_type(_DURATION, "duration"),
    "dateTime": _lexical_type(DATED_PATTERNS["dateTime"], "dateTime", lambda s: valid_day(s, True)),
    "time": _lexical_type(_dated(_TIME), "time"),
    "date": _lexical_type(DATED_PATTERNS["date"], "date", lambda s: valid_day(s, True)),
    "gYearMonth": _lexical_type(_dated(f"{_YEAR}-{_MONTH}"), "gYearMonth"),
    "gYear": _lexical_type(_dated(_YEAR), "gYear"),
    "gMonthDay": _lexical_type(_dated(f"--{_MONTH}-{_DAY}"), "gMonthDay", lambda s: valid_day(s, False)),
    "gDay": _lexical_type(_dated(f"---{_DAY}"), "gDay"),
    "gMonth": _lexical_type(_dated(f"--{_MONTH}"), "gMonth"),
    "base64Binary": Builtin(_parse_base64, _binary(lambda b: base64.b64encode(b).decode("ascii"))),
    "hexBinary": Builtin(_parse_hex, _binary(lambda b: b.hex().upper())),
}
