"""The XML reader and writer: standard-library parsing with DOCTYPE and entity declarations
refused, the reader's limits, prefixes and declarations kept, the wire format's escaping."""

from __future__ import annotations

import dataclasses
import time
import xml.etree.ElementTree as ET

import pytest

from ecgrid_soap_runtime import XmlElement, XmlLimits, XmlParseError, parse_xml
from ecgrid_soap_runtime._xml import escape_attribute, escape_text, resolve_prefix, serialize_element, split_tag

DOC = '<a:Root xmlns:a="urn:a" xmlns="urn:d"><Child x="1">text</Child></a:Root>'


def parse_error(text: str | bytes, **changes: int) -> XmlParseError:
    with pytest.raises(XmlParseError) as caught:
        parse_xml(text, limits=dataclasses.replace(XmlLimits(), **changes))
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


def test_the_default_limits_are_the_ones_every_runtime_shares() -> None:
    limits = XmlLimits()
    assert (limits.max_depth, limits.max_text_length, limits.max_attributes, limits.max_name_length) == (1024, 64 * 1024 * 1024, 256, 1024)
    assert (limits.max_namespace_declarations, limits.max_namespaces_in_scope) == (128, 1024)
    # A limit is changed with a keyword of parse_xml or an XmlLimits.
    assert parse_xml("<e><e/></e>", max_depth=2).tag == "e"
    assert parse_xml("<e><e/></e>", limits=XmlLimits(max_depth=2)).tag == "e"
    with pytest.raises(XmlParseError):
        parse_xml("<e><e/></e>", limits=XmlLimits(max_depth=2), max_depth=1)


def test_a_doctype_is_found_by_the_parser_not_by_a_substring_search() -> None:
    # "<!DOCTYPE" inside CDATA or a comment is text: the document is accepted.
    root = parse_xml("<r><![CDATA[<!DOCTYPE html>]]><!-- <!DOCTYPE x> <!ENTITY y 'z'> --></r>")
    assert root.text == "<!DOCTYPE html>"
    assert parse_xml(b"<r>&lt;!DOCTYPE r&gt;</r>").text == "<!DOCTYPE r>"


def test_a_doctype_refusal_reports_its_line_and_column() -> None:
    for text in ('<?xml version="1.0"?>\n\n  <!DOCTYPE r><r/>', '<?xml version="1.0"?>\n\n  <!DOCTYPE r [\n<!ENTITY e "x">]><r>&e;</r>'):
        forms: list[str | bytes] = [text, text.encode("utf-8")]
        for data in forms:
            error = parse_error(data)
            assert (error.code, error.line, error.column) == ("doctype-refused", 3, 3)
            assert "line 3, column 3" in error.message
    broken = parse_error("<r>\n  <s></r>")
    assert (broken.code, broken.line) == ("not-well-formed", 2)


def test_attributes_per_element_limit() -> None:
    many = "<r " + " ".join(f'a{i}="v"' for i in range(257)) + "/>"
    assert parse_error(many).code == "size-limit"
    assert len(parse_xml(many, max_attributes=257).attrib) == 257
    assert parse_error('<r a="1" b="2" c="3"/>', max_attributes=2).code == "size-limit"


def test_a_hundred_thousand_attributes_are_refused_in_linear_time() -> None:
    many = "<r " + " ".join(f'a{i}="v"' for i in range(100_000)) + "/>"
    started = time.monotonic()
    error = parse_error(many)
    assert error.code == "size-limit" and "100000 attributes" in error.message
    duplicate = "<r " + " ".join(f'a{i}="v"' for i in range(100_000)) + ' a0="w"/>'
    assert parse_error(duplicate, max_attributes=200_000).code == "not-well-formed"
    assert time.monotonic() - started < 5


def test_name_length_limit_counts_the_prefix() -> None:
    name = "n" * 1024
    assert parse_xml(f"<{name}/>").tag == name
    assert parse_error(f"<{name}x/>").code == "size-limit"
    assert parse_xml(f'<p:{name[2:]} xmlns:p="urn:p"/>').tag == "{urn:p}" + name[2:]
    assert parse_error(f'<p:{name[1:]} xmlns:p="urn:p"/>').code == "size-limit"
    assert parse_xml(f'<p:{name[2:]}x xmlns:p="urn:p"/>', max_name_length=1025).tag == "{urn:p}" + name[2:] + "x"
    assert parse_error(f'<r {name}x="1"/>').code == "size-limit"
    assert parse_error("<r/>", max_name_length=0).code == "size-limit"


def test_a_ten_mib_name_gives_a_short_message() -> None:
    error = parse_error("<r><" + "n" * (10 * 1024 * 1024) + "/></r>")
    assert error.code == "size-limit"
    assert len(error.message) < 200 and "nnnn" not in error.message


def test_namespace_declarations_per_element_limit() -> None:
    def element(count: int) -> str:
        return "<r" + "".join(f' xmlns:p{i}="urn:p{i}"' for i in range(count)) + "/>"

    assert len(parse_xml(element(128)).declarations) == 128
    assert parse_error(element(129)).code == "size-limit"
    assert parse_error(element(3), max_namespace_declarations=2).code == "size-limit"


def test_namespace_declarations_in_scope_limit() -> None:
    def nest(depth: int, per: int) -> str:
        decls = "".join(f' xmlns:p{i}="urn:p{i}"' for i in range(per))
        return f"<a{decls}>" * depth + "</a>" * depth

    assert parse_xml(nest(256, 4)).tag == "a"
    error = parse_error(nest(257, 4))
    assert error.code == "size-limit" and "in scope" in error.message
    # Declarations end with their element: siblings do not add up.
    siblings = "<r>" + '<a xmlns:p="urn:p"/>' * 2000 + "</r>"
    assert len(parse_xml(siblings)) == 2000
    assert parse_error(nest(3, 1), max_namespaces_in_scope=2).code == "size-limit"


def test_namespace_scopes_are_chained_not_copied() -> None:
    root = parse_xml('<r xmlns:a="urn:a"><s><t xmlns:b="urn:b"><u/></t></s></r>')
    s, t = root[0], root[0][0]
    u = t[0]
    assert isinstance(s, XmlElement) and isinstance(t, XmlElement) and isinstance(u, XmlElement)
    # An element that declares nothing shares its parent's scope; a declaring one links to it.
    assert s.scope is root.scope and u.scope is t.scope
    assert t.scope is not None and t.scope.parent is root.scope and t.scope.bindings == {"b": "urn:b"}
    assert (resolve_prefix(u, "a"), resolve_prefix(u, "b"), resolve_prefix(s, "b"), resolve_prefix(u, "xml")) == (
        "urn:a",
        "urn:b",
        None,
        "http://www.w3.org/XML/1998/namespace",
    )
    # 1,000 levels each declaring 40 prefixes: refused at the scope limit, quickly.
    decls = "".join(f' xmlns:p{i}="urn:p{i}"' for i in range(40))
    started = time.monotonic()
    assert parse_error(f"<a{decls}>" * 1000 + "</a>" * 1000).code == "size-limit"
    assert time.monotonic() - started < 2


def test_bytes_that_are_not_utf8_are_an_error_not_a_replacement_character() -> None:
    error = parse_error(b"<r>a\xc3\x28b</r>")
    assert error.code == "not-well-formed"
    assert parse_xml("<r>clé</r>".encode("utf-16")).text == "clé"


def test_a_deep_document_is_a_depth_error_not_a_recursion_error() -> None:
    deep = "<e>" * 100_000 + "</e>" * 100_000
    assert parse_error(deep).code == "depth-limit"
    # Raised far beyond Python's recursion limit, the reader still builds the tree (no recursion).
    assert parse_xml(deep, max_depth=100_000).tag == "e"
