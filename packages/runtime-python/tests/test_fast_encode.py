"""The encoder's fast path (``_fast.FastEncoders``): the same bytes as the general encoder for
plain values, in every layout; any other value goes to the general encoder, which writes it or
raises its error."""

from __future__ import annotations

from typing import Any

import pytest

from ecgrid_soap_runtime import NIL, Codec, EncodeError, Substitute
from factories import Visibility, q
from test_fast import CLASSES, SCHEMA, Item, Items

ITEMS = q("Items")


def fast_codec() -> Codec:
    return Codec(SCHEMA, CLASSES, {})


def general_codec(monkeypatch: pytest.MonkeyPatch) -> Codec:
    c = Codec(SCHEMA, CLASSES, {})
    monkeypatch.setattr(c._fast_encoders, "for_plan", lambda plan: None)
    return c


def outcome(c: Codec, value: object, **options: Any) -> Any:
    try:
        return ("xml", c.encode_element(ITEMS, value, **options))
    except EncodeError as error:
        return ("error", error.code, str(error))


FULL = Items(
    Item=[
        Item(Key="a & <b>\r", Count=7, Big=2**64 - 1, Visibility=Visibility.Shared, Created="2026-01-01T00:00:00Z", Tags=["x", "y"]),
        Item(Key=""),
    ],
    Note="n",
)
PLAIN: list[object] = [Items(), FULL, Items(Item=[Item(Key="k", Visibility="Private")])]  # type: ignore[arg-type]
OPTIONS: list[dict[str, Any]] = [
    {},
    {"indent": "  "},
    {"indent": "\t", "depth": 2},
    {"qualified": False},
    {"declarations": {"": "urn:test", "t": "urn:test"}},
]


@pytest.mark.parametrize("options", OPTIONS)
@pytest.mark.parametrize("value", PLAIN)
def test_plain_values_are_written_as_the_general_encoder_writes_them(value: object, options: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    expected = outcome(general_codec(monkeypatch), value, **options)
    assert expected[0] == "xml"
    assert outcome(fast_codec(), value, **options) == expected


def test_the_fast_path_writes_plain_values(monkeypatch: pytest.MonkeyPatch) -> None:
    c = fast_codec()
    import ecgrid_soap_runtime.codec as codec_module

    def refused(*args: object, **kwargs: object) -> object:
        raise AssertionError("the general encoder was asked")

    monkeypatch.setattr(codec_module, "encode_occurrence", refused)
    assert "<Count>7</Count>" in c.encode_element(ITEMS, FULL)


OTHERS: list[object] = [
    Items(Item=[None]),
    Items(Item=[Item(Key="a", Count=NIL)]),  # type: ignore[arg-type]
    Items(Item=[Item(Key=None)]),  # type: ignore[arg-type]
    Items(Item=[Item(Key="a", Count=2**31)]),
    Items(Item=[Item(Key="a", Count=True)]),
    Items(Item=[Item(Key="a", Count="1")]),  # type: ignore[arg-type]
    Items(Item=[Item(Key="a", Visibility="Public")]),  # type: ignore[arg-type]
    Items(Item=[Item(Key="a\x01")]),
    Items(Item=[Item(Key="a", Tags="x")]),  # type: ignore[arg-type]
    Items(Item=Item(Key="a")),  # type: ignore[arg-type]
    Items(Item=[{"Key": "a"}]),  # type: ignore[list-item]
    Items(Item=[Substitute(q("Item"), Item(Key="a"))]),  # type: ignore[list-item]
    {"Item": [], "Note": "n"},
    "text",
]


@pytest.mark.parametrize("value", OTHERS)
def test_other_values_get_the_general_encoders_bytes_or_error(value: object, monkeypatch: pytest.MonkeyPatch) -> None:
    assert outcome(fast_codec(), value) == outcome(general_codec(monkeypatch), value)
