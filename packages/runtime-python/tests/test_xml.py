"""The XML reader and writer: standard-library parsing with DOCTYPE and entity declarations
refused, the size and depth limits, prefixes and declarations kept, the wire format's escaping."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from ecgrid_soap_runtime import XmlElement, XmlParseError, parse_xml
from ecgrid_soap_runtime._xml import escape_attribute, escape_text, serialize_element, split_tag

DOC = '<a:Root xmlns:a="urn:a" xmlns="urn:d"><Child x="1">text</Child></a:Root>'


def parse_error(text: str | bytes, **limits: int) -> XmlParseError:
    with pytest.raises(XmlParseError) as caught:
        parse_xml(text, **limits)
    return caught.value


@pytest.mark.parametrize(
    "text",
    [
        '<!DOCTYPE r [<!ENTITY x "y">]><r>&x;</r>',
        "<!DOCTYPE r><r/>",
        '<!DOCTYPE r SYSTEM "file:///etc/passwd"><r/>',
        '<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><r>&b;</r>',
    ],
)
def test_doctype_and_entity_declarations_are_refused_in_every_encoding(text: str) -> None:
    forms: list[str | bytes] = [text, text.encode("utf-8"), text.encode("utf-16")]
    for data in forms:
        error = parse_error(data)
        assert error.code == "doctype-refused"
        assert "DOCTYPE" in error.message


def test_a_doctype_hidden_from_the_quick_check_is_refused_by_the_parser() -> None:
    # UTF-16 bytes do not contain the ASCII "<!DOCTYPE": the parser's doctype callback refuses it.
    data = '<?xml version="1.0" encoding="utf-16"?><!DOCTYPE r><r/>'.encode("utf-16")
    assert b"<!DOCTYPE" not in data
    assert parse_error(data).code == "doctype-refused"


def test_not_well_formed() -> None:
    for text in ("<r>", "<r></s>", "", "text", "<r a='1' a='2'/>"):
        assert parse_error(text).code == "not-well-formed"


def test_depth_limit() -> None:
    nested = "<e>" * 40 + "</e>" * 40
    assert parse_xml(nested, max_depth=40).tag == "e"
    error = parse_error(nested, max_depth=39)
    assert error.code == "depth-limit"
    assert "39" in error.message
    deep = "<e>" * 1025 + "</e>" * 1025
    assert parse_error(deep).code == "depth-limit"


def test_size_limits() -> None:
    assert parse_error("<r>" + "x" * 100 + "</r>", max_length=50).code == "size-limit"
    assert parse_error(b"<r>" + b"x" * 100 + b"</r>", max_length=50).code == "size-limit"
    text = parse_error("<r><s>" + "x" * 101 + "</s></r>", max_text_length=100)
    assert (text.code, "100" in text.message) == ("size-limit", True)
    attribute = parse_error('<r a="' + "x" * 101 + '"/>', max_text_length=100)
    assert attribute.code == "size-limit"
    assert parse_xml("<r><s>" + "x" * 100 + "</s>" + "y" * 100 + "</r>", max_text_length=100).tag == "r"


def test_elements_remember_prefixes_and_declarations() -> None:
    root = parse_xml(DOC)
    assert isinstance(root, XmlElement)
    assert (root.tag, root.prefix, root.declarations) == ("{urn:a}Root", "a", {"a": "urn:a", "": "urn:d"})
    child = root[0]
    assert isinstance(child, XmlElement)
    assert (child.tag, child.prefix, child.declarations, child.attrib) == ("{urn:d}Child", "", {}, {"x": "1"})


def test_kept_xml_is_written_back_as_received() -> None:
    assert serialize_element(parse_xml(DOC)) == DOC
    kept = '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" id="a"><xs:element name="e" xml:lang="en">t &amp; u</xs:element></xs:schema>'
    assert serialize_element(parse_xml(kept)) == kept


def test_a_plain_elementtree_element_gets_the_namespaces_it_uses() -> None:
    element = ET.Element("{urn:x}a", {"{urn:y}b": "1"})
    ET.SubElement(element, "{urn:x}c").text = "<"
    assert serialize_element(element) == '<a xmlns="urn:x" xmlns:ns2="urn:y" ns2:b="1"><c>&lt;</c></a>'
    # Bindings of the context where the text goes are not declared again.
    assert serialize_element(ET.Element("{urn:x}a"), {"": "urn:x"}) == "<a/>"


def test_escaping_of_the_wire_format() -> None:
    assert escape_text("a & b < c > d\r\n\"'") == "a &amp; b &lt; c &gt; d&#13;\n\"'"
    assert escape_attribute('a&<>"\t\n\r\'') == "a&amp;&lt;&gt;&quot;&#9;&#10;&#13;'"


def test_split_tag() -> None:
    assert split_tag("{urn:a}b") == ("urn:a", "b")
    assert split_tag("b") == ("", "b")


def test_kept_xml_as_deep_as_the_reader_allows_is_written_back() -> None:
    deep = "<e>" * 1024 + "x" + "</e>" * 1024
    assert serialize_element(parse_xml(deep)) == deep
