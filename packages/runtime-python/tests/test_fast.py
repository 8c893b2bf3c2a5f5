"""The decoder's fast path (``_fast``): it decodes the plain shapes itself, with the general
decoder's values, and leaves every other document, valid or not, to the general decoder, so
values and errors never depend on which path ran."""

from __future__ import annotations

import dataclasses
import sys
from typing import Any

import pytest

from ecgrid_soap_runtime import NIL, Codec, DecodeError, parse_xml
from ecgrid_soap_runtime._fast import FastDecoders, GiveUp
from factories import TNS, XS, Visibility, complex_type, element, q, schema


@dataclasses.dataclass(kw_only=True)
class Item:
    Key: str
    Count: int | None = None
    Big: int | None = None
    Visibility: Visibility | None = None
    Created: str | None = None
    Tags: list[str] = dataclasses.field(default_factory=list)


@dataclasses.dataclass(kw_only=True)
class Items:
    Item: list[Item | None] = dataclasses.field(default_factory=list)
    Note: str | None = None


SCHEMA = schema(
    {
        q("Visibility"): {"kind": "enum", "name": "Visibility", "base": f"{XS}string", "values": ["Private", "Shared"]},
        q("Item"): complex_type(
            "Item",
            element("Key", f"{XS}string"),
            element("Count", f"{XS}int", min=0, nillable=True),
            element("Big", f"{XS}unsignedLong", min=0),
            element("Visibility", q("Visibility"), min=0),
            element("Created", f"{XS}dateTime", min=0),
            element("Tags", f"{XS}token", min=0, max=-1),
        ),
        q("Items"): complex_type(
            "Items",
            element("Item", q("Item"), min=0, max=-1, nillable=True),
            element("Note", f"{XS}string", min=0),
        ),
    },
    {q("Items"): ("Items", q("Items"))},
)
CLASSES: dict[str, type] = {q("Visibility"): Visibility, q("Item"): Item, q("Items"): Items}
XSI = 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'


def codec() -> Codec:
    return Codec(SCHEMA, CLASSES, {})


def general(c: Codec, xml: str) -> Any:
    """The general decoder's value (the fast path not asked)."""
    value = c._decode(c._element(q("Items")), parse_xml(xml), True)
    return None if value is NIL else value


def fast(c: Codec, xml: str) -> Any:
    return FastDecoders().for_plan(c._element(q("Items")))(parse_xml(xml))


PLAIN = [
    f"<Items xmlns='{TNS}'/>",
    f"<Items xmlns='{TNS}'><Note>n</Note></Items>",
    f"<Items xmlns='{TNS}'>\n  <Item><Key> spaced &amp; kept </Key></Item>\n</Items>",
    f"<Items xmlns='{TNS}' {XSI}><Item><Key>a</Key><Count>007</Count><Big>18446744073709551615</Big>"
    "<Visibility>Shared</Visibility><Created>2028-02-29T10:00:00Z</Created><Tags> x  y </Tags><Tags>z</Tags></Item>"
    "<Item xsi:nil='true'/><Item><Key/><Count xsi:nil='1'/></Item><Note/></Items>",
    f"<Items xmlns='{TNS}'><Item><Key>b</Key><Count> 12 </Count><Created>2024-02-29T00:00:00</Created></Item></Items>",
]


@pytest.mark.parametrize("xml", PLAIN)
def test_the_fast_path_decodes_plain_documents_to_the_general_decoders_values(xml: str) -> None:
    c = codec()
    assert fast(c, xml) == general(c, xml)
    assert c.decode_element(q("Items"), parse_xml(xml)) == general(c, xml)


def test_decode_element_takes_the_fast_path_for_plain_documents(monkeypatch: pytest.MonkeyPatch) -> None:
    c = codec()

    def refused(*args: object) -> object:
        raise AssertionError("the general decoder was asked")

    monkeypatch.setattr(c, "_decode", refused)
    value = c.decode_element(q("Items"), parse_xml(PLAIN[3]))
    assert value.Item[0].Count == 7 and value.Item[0].Visibility is Visibility.Shared and value.Item[1] is None
    assert value.Item[2].Count is NIL and value.Item[0].Tags == ["x y", "z"]


OTHERS = [
    # Errors: unknown, misplaced, surplus and missing elements, text, bad values, nil where not nillable.
    f"<Items xmlns='{TNS}'><Other/></Items>",
    f"<Items xmlns='{TNS}'><Note>n</Note><Item><Key>a</Key></Item></Items>",
    f"<Items xmlns='{TNS}'><Note>n</Note><Note>m</Note></Items>",
    f"<Items xmlns='{TNS}'><Item><Count>1</Count></Item></Items>",
    f"<Items xmlns='{TNS}'>text<Item><Key>a</Key></Item></Items>",
    f"<Items xmlns='{TNS}'><Item><Key>a</Key></Item>tail</Items>",
    f"<Items xmlns='{TNS}'><Item><Key>a<b/></Key></Item></Items>",
    f"<Items xmlns='{TNS}'><Item><Key>a</Key><Count>1x</Count></Item></Items>",
    f"<Items xmlns='{TNS}'><Item><Key>a</Key><Count>2147483648</Count></Item></Items>",
    f"<Items xmlns='{TNS}'><Item><Key>a</Key><Big>-1</Big></Item></Items>",
    f"<Items xmlns='{TNS}'><Item><Key>a</Key><Visibility>Public</Visibility></Item></Items>",
    f"<Items xmlns='{TNS}'><Item><Key>a</Key><Created>2026-02-30T00:00:00</Created></Item></Items>",
    f"<Items xmlns='{TNS}' {XSI}><Item><Key xsi:nil='true'/></Item></Items>",
    f"<Items xmlns='{TNS}'><Item><Key xmlns='urn:other'>a</Key></Item></Items>",
    f"<Items xmlns='{TNS}' {XSI}><Item xsi:type='Item'><Key>a</Key></Item></Items>",
    f"<Items xmlns='{TNS}'><Item a='1'><Key>a</Key></Item></Items>",
]


@pytest.mark.parametrize("xml", OTHERS)
def test_the_fast_path_gives_up_and_the_general_decoder_decides(xml: str) -> None:
    c = codec()
    with pytest.raises(GiveUp):
        fast(c, xml)
    try:
        expected: Any = general(c, xml)
    except Exception as error:  # the general decoder's failure, then as decode_element reports it
        expected = error
    if isinstance(expected, Exception):
        with pytest.raises(DecodeError) as caught:
            c.decode_element(q("Items"), parse_xml(xml))
        assert caught.value.code == getattr(expected, "code")
    else:
        assert c.decode_element(q("Items"), parse_xml(xml)) == expected


def test_errors_are_the_general_decoders() -> None:
    c = codec()
    with pytest.raises(DecodeError) as caught:
        c.decode_element(q("Items"), parse_xml(OTHERS[7]))
    assert (caught.value.code, caught.value.path) == ("invalid-value", "Items.Item[0].Count")
    with pytest.raises(DecodeError) as caught:
        c.decode_element(q("Items"), parse_xml(OTHERS[1]))
    assert (caught.value.code, caught.value.path) == ("unexpected-element", "Items.Item")



def test_field_names_are_interned_as_the_classes_parameters_are() -> None:
    # A value is built with its fields as keyword arguments: interned names match the class's
    # parameters by identity (a string compared character by character for each is twice as slow).
    # The names here are made at run time, as a descriptor read from JSON gives them.
    def made(name: str) -> str:
        return "".join(list(name))

    assert made("Key") is not sys.intern("Key")
    types = {q("Pair"): complex_type("Pair", element(made("Key"), f"{XS}string"), element(made("Count"), f"{XS}int", min=0))}
    plan = Codec(schema(types, {q("Pair"): (made("Pair"), q("Pair"))}), {}, {})._element(q("Pair"))
    for p in [plan, *plan.type.particles]:
        assert p.attr is sys.intern(made(p.attr))
