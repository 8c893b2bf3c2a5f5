"""Value types and the XSD builtins: lexical forms kept, ranges checked, doubles written like
JavaScript's ``String(n)``, binaries, and the nil marker."""

from __future__ import annotations

import math

import pytest

from ecgrid_soap_runtime import NIL, Element, Nil, XmlElement, XsdDate, XsdDateTime, XsdDecimal, XsdDuration, XsdTime
from ecgrid_soap_runtime._builtins import BUILTINS, BuiltinValueError, collapse_whitespace, format_double


def parse(builtin: str, lexical: str) -> object:
    return BUILTINS[builtin].parse(lexical)


def fmt(builtin: str, value: object) -> str:
    return BUILTINS[builtin].format(value)


def rejected(call: object, *args: object) -> BuiltinValueError:
    assert callable(call)
    with pytest.raises(BuiltinValueError) as caught:
        call(*args)
    return caught.value


def test_nil_is_falsy_and_distinct_from_none() -> None:
    assert NIL is Nil.NIL
    assert not NIL
    assert NIL is not None
    assert repr(NIL) == "NIL"


def test_lexical_aliases_are_strings_and_element_is_kept_xml() -> None:
    for alias in (XsdDate, XsdDateTime, XsdDecimal, XsdDuration, XsdTime):
        assert alias is str
    assert Element is XmlElement


@pytest.mark.parametrize(
    ("builtin", "low", "high"),
    [("int", -(2**31), 2**31 - 1), ("short", -32768, 32767), ("byte", -128, 127), ("long", -(2**63), 2**63 - 1), ("unsignedByte", 0, 255)],
)
def test_integers_are_range_checked_both_ways(builtin: str, low: int, high: int) -> None:
    assert parse(builtin, f" {high} ") == high
    assert parse(builtin, str(low)) == low
    assert rejected(parse, builtin, str(high + 1)).code == "out-of-range"
    assert rejected(fmt, builtin, low - 1).code == "out-of-range"
    assert fmt(builtin, high) == str(high)


def test_long_is_exact_beyond_2_to_53() -> None:
    assert parse("long", "9007199254740993") == 9007199254740993
    assert fmt("long", 9007199254740993) == "9007199254740993"


def test_bad_integers() -> None:
    assert rejected(parse, "int", "1043.5").code == "invalid-value"
    assert rejected(parse, "int", "").code == "invalid-value"
    assert rejected(fmt, "int", True).code == "invalid-type"
    assert rejected(fmt, "int", 1.0).code == "invalid-type"


def test_doubles_are_written_like_javascript() -> None:
    cases = [
        (0.1, "0.1"), (1e21, "1e+21"), (1e20, "100000000000000000000"), (1e-7, "1e-7"), (1e-6, "0.000001"), (5e-324, "5e-324"),
        (1.7976931348623157e308, "1.7976931348623157e+308"), (-0.0, "-0"), (0.0, "0"), (100.0, "100"), (1 / 3, "0.3333333333333333"),
        (123456789012345680000.0, "123456789012345680000"), (-1.5e-10, "-1.5e-10"),
    ]
    for value, text in cases:
        assert format_double(value) == text, value
    assert (format_double(math.inf), format_double(-math.inf), format_double(math.nan)) == ("INF", "-INF", "NaN")
    assert fmt("double", 3) == "3"
    assert rejected(fmt, "double", 10**400).code == "out-of-range"


def test_doubles_parse_the_xsd_spellings() -> None:
    assert parse("double", "INF") == math.inf
    assert parse("double", "-INF") == -math.inf
    value = parse("double", "NaN")
    assert isinstance(value, float) and math.isnan(value)
    assert parse("float", " 1.5e3 ") == 1500.0
    assert rejected(parse, "double", "inf").code == "invalid-value"


def test_booleans() -> None:
    assert [parse("boolean", s) for s in ("true", "1", "false", " 0 ")] == [True, True, False, False]
    assert rejected(parse, "boolean", "yes").code == "invalid-value"
    assert (fmt("boolean", True), fmt("boolean", False)) == ("true", "false")
    assert rejected(fmt, "boolean", 1).code == "invalid-type"


def test_dates_times_durations_and_decimals_keep_their_lexical_form() -> None:
    for builtin, lexical in [
        ("dateTime", "2026-05-07T10:00:00"), ("dateTime", "2026-05-07T10:00:00.125+02:00"), ("dateTime", "2026-05-07T10:00:00Z"),
        ("date", "2024-02-29"), ("time", "24:00:00"), ("duration", "-P1DT2H"), ("decimal", "-12.50"), ("decimal", "+.5"),
        ("gYearMonth", "2026-05"), ("gMonthDay", "--02-29"),
    ]:
        assert parse(builtin, lexical) == lexical
        assert fmt(builtin, lexical) == lexical
    for builtin, lexical in [("date", "2023-02-29"), ("dateTime", "2026-13-01T00:00:00"), ("duration", "P"), ("decimal", "1e3"), ("time", "25:00:00")]:
        assert rejected(parse, builtin, lexical).code == "invalid-value", (builtin, lexical)


def test_binaries() -> None:
    assert parse("base64Binary", "AAEC\n/w==") == b"\x00\x01\x02\xff"
    assert fmt("base64Binary", b"\x00\x01\x02\xff") == "AAEC/w=="
    assert rejected(parse, "base64Binary", "AAE").code == "invalid-value"
    assert parse("hexBinary", "00ff") == b"\x00\xff"
    assert fmt("hexBinary", b"\x00\xff") == "00FF"
    assert rejected(fmt, "hexBinary", "00ff").code == "invalid-type"


def test_string_types_apply_their_whitespace_facets_and_patterns() -> None:
    assert parse("string", " a\tb ") == " a\tb "
    assert parse("normalizedString", " a\tb ") == " a b "
    assert parse("token", "  a \n b  ") == "a b"
    assert collapse_whitespace("\t x  y \r\n") == "x y"
    assert parse("NCName", " name ") == "name"
    assert rejected(parse, "NCName", "a:b").code == "invalid-value"
    assert rejected(parse, "language", "not a tag").code == "invalid-value"


def test_errors_never_quote_the_value() -> None:
    error = rejected(parse, "int", "secret-value")
    assert "secret-value" not in str(error)
