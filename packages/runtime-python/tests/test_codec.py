"""The schema-driven codec on small hand-built schema descriptors: strict decoding with paths,
the wire format of the TypeScript runtime on encoding, nil and absent kept apart, kept XML,
SOAP-encoded arrays, attributes and renamed fields (XML Schema features: test_features.py)."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from ecgrid_soap_runtime import NIL, Codec, DecodeError, EncodeError, SchemaError, XmlElement, parse_xml
from factories import INFO_XML, KEYS_SCHEMA, TNS, XS, Info, Request, Response, Visibility, complex_type, element, keys_codec, q, schema

XSI = 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
INFO = Info(KeyID=1043, Key="xyz", Visibility=Visibility.Shared, Created="2026-05-07T10:00:00")


def decode_error(codec: Codec, element_id: str, xml: str, namespaces: str = "strict") -> DecodeError:
    with pytest.raises(DecodeError) as caught:
        codec.decode_element(element_id, parse_xml(xml), namespaces=namespaces)
    return caught.value


def encode_error(codec: Codec, element_id: str, value: object) -> EncodeError:
    with pytest.raises(EncodeError) as caught:
        codec.encode_element(element_id, value)
    return caught.value


class TestKeys:
    codec = keys_codec()

    def test_decodes_into_the_bound_classes(self) -> None:
        value = self.codec.decode_element(q("Response"), parse_xml(INFO_XML))
        assert value == Response(Result=INFO)
        assert value.Result.Visibility is Visibility.Shared

    def test_encodes_the_bytes_of_the_typescript_runtime(self) -> None:
        assert self.codec.encode_element(q("Response"), Response(Result=INFO)) == INFO_XML
        assert self.codec.encode_element(q("Response"), Response()) == f'<Response xmlns="{TNS}"/>'
        assert self.codec.encode_type(q("Info"), TNS, "Info", INFO, qualified=False, indent="  ") == (
            "<Info>\n  <KeyID>1043</KeyID>\n  <Key>xyz</Key>\n  <Visibility>Shared</Visibility>\n  <Created>2026-05-07T10:00:00</Created>\n</Info>"
        )

    def test_unqualified_xml_decodes_with_namespaces_ignored(self) -> None:
        unqualified = INFO_XML.replace(f' xmlns="{TNS}"', "")
        assert self.codec.decode_element(q("Response"), parse_xml(unqualified), namespaces="ignore") == Response(Result=INFO)
        error = decode_error(self.codec, q("Response"), unqualified)
        assert (error.code, error.path) == ("wrong-namespace", "Response")

    def test_decode_errors_name_the_path(self) -> None:
        cases = [
            (INFO_XML.replace("Shared", "Shard"), "unknown-enum-value", "Response.Result.Visibility"),
            (INFO_XML.replace("1043", "x"), "invalid-value", "Response.Result.KeyID"),
            (INFO_XML.replace("<Key>xyz</Key>", ""), "missing-element", "Response.Result.Key"),
            (INFO_XML.replace("<KeyID>", "<Extra/><KeyID>"), "unexpected-element", "Response.Result.Extra"),
            (INFO_XML.replace("<Key>xyz</Key><Visibility>Shared</Visibility>", "<Visibility>Shared</Visibility><Key>xyz</Key>"), "missing-element", "Response.Result.Key"),
            (INFO_XML.replace("<KeyID>", "stray<KeyID>"), "unexpected-text", "Response.Result"),
            (INFO_XML.replace("<Result>", '<Result xmlns="urn:other">'), "wrong-namespace", "Response.Result"),
        ]
        for xml, code, path in cases:
            error = decode_error(self.codec, q("Response"), xml)
            assert (error.code, error.path) == (code, path), xml
            assert error.message.startswith(f"{path}: ")

    def test_the_root_element_name_is_checked(self) -> None:
        error = decode_error(self.codec, q("Response"), f'<Request xmlns="{TNS}"/>')
        assert error.code == "unexpected-element"

    def test_encode_checks_values_and_never_quotes_them(self) -> None:
        error = encode_error(self.codec, q("Request"), Request(SessionID="secret", UserID=2**31, Visibility=Visibility.Shared))
        assert (error.code, error.path) == ("out-of-range", "Request.UserID")
        assert "secret" not in str(error)
        unknown = encode_error(self.codec, q("Request"), Request(UserID=1, Visibility="Shard"))  # type: ignore[arg-type]
        assert (unknown.code, unknown.path) == ("unknown-enum-value", "Request.Visibility")
        assert encode_error(self.codec, q("Request"), Info(KeyID=1, Key="", Visibility=Visibility.Private, Created="")).code == "invalid-type"
        assert encode_error(self.codec, q("Request"), {"UserID": 1, "Visibility": "Shared", "Nope": 1}).path == "Request.Nope"

    def test_plain_values_and_mappings_are_accepted(self) -> None:
        text = self.codec.encode_element(q("Request"), {"UserID": 5001, "Visibility": "Private"})
        assert text == f'<Request xmlns="{TNS}"><UserID>5001</UserID><Visibility>Private</Visibility></Request>'

    def test_declarations_of_the_enclosing_document_are_used(self) -> None:
        text = self.codec.encode_element(q("Request"), Request(UserID=1, Visibility=Visibility.Shared), indent="  ", depth=2, declarations={"soap": "urn:env"})
        assert text == f'<Request xmlns="{TNS}">\n      <UserID>1</UserID>\n      <Visibility>Shared</Visibility>\n    </Request>'

    def test_unknown_ids_are_schema_errors(self) -> None:
        with pytest.raises(SchemaError):
            self.codec.encode_element(q("Nope"), {})
        with pytest.raises(SchemaError):
            Codec(schema({q("T"): complex_type("T", element("A", q("Missing")))}), {}, {})


@dataclasses.dataclass(kw_only=True)
class Sample:
    A: str | None | Any = None
    B: int | None
    C: list[str | None] = dataclasses.field(default_factory=list)
    D: str | None = None
    E: list[Any] = dataclasses.field(default_factory=list)


SAMPLE = Codec(
    {
        "types": {
            "Sample": complex_type(
                "Sample",
                element("A", f"{XS}string", ns="", min=0, nillable=True),
                element("B", f"{XS}long", ns="", nillable=True),
                element("C", f"{XS}string", ns="", min=0, max=-1, nillable=True),
                element("D", f"{XS}string", ns="", min=0),
                {"kind": "any", "name": "E", "min": 0, "max": 1},
            )
        },
        "elements": {"Sample": {"name": "Sample", "ns": "", "type": "Sample", "nillable": False}},
    },
    {"Sample": Sample},
    {},
)


def round_trip(xml: str) -> Sample:
    value = SAMPLE.decode_element("Sample", parse_xml(xml))
    assert isinstance(value, Sample)
    assert SAMPLE.encode_element("Sample", value) == xml
    return value


def test_nil_and_absent_stay_apart() -> None:
    nil = round_trip(f'<Sample {XSI}><A xsi:nil="true"/><B xsi:nil="true"/><C>x</C><C xsi:nil="true"/></Sample>')
    assert nil.A is NIL
    assert nil.B is None
    assert nil.C == ["x", None]
    absent = round_trip("<Sample><B>9007199254740993</B></Sample>")
    assert (absent.A, absent.B, absent.C, absent.D, absent.E) == (None, 9007199254740993, [], None, [])


def test_nil_only_where_nillable() -> None:
    error = encode_error(SAMPLE, "Sample", Sample(B=1, D=NIL))  # type: ignore[arg-type]
    assert (error.code, error.path) == ("nil-not-allowed", "Sample.D")
    assert decode_error(SAMPLE, "Sample", f'<Sample {XSI}><B>1</B><D xsi:nil="true"/></Sample>').code == "nil-not-allowed"


def test_kept_xml_keeps_prefixes_and_declarations() -> None:
    kept = '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" id="a"><xs:element name="e" xml:lang="en">t &amp; u</xs:element></xs:schema>'
    value = round_trip(f"<Sample><B>1</B>{kept}</Sample>")
    assert [e.tag for e in value.E] == [f"{XS}schema"]
    assert isinstance(value.E[0], XmlElement)


def test_renamed_fields_and_attributes() -> None:
    @dataclasses.dataclass(kw_only=True)
    class Range:
        from_: int
        unit: str | None = None
        lang: str | None = None

    codec = Codec(
        schema(
            {
                q("Range"): complex_type(
                    "Range",
                    element("from", f"{XS}int"),
                    attributes=[
                        {"name": "unit", "ns": "", "type": f"{XS}string", "required": False},
                        {"name": "lang", "ns": "urn:attr", "type": f"{XS}language", "required": False},
                    ],
                )
            },
            {q("Range"): ("Range", q("Range"))},
        ),
        {q("Range"): Range},
        {q("Range"): {"from": "from_"}},
    )
    xml = f'<Range xmlns="{TNS}" xmlns:t="urn:attr" unit="m" t:lang="en"><from>3</from></Range>'
    value = codec.decode_element(q("Range"), parse_xml(xml))
    assert value == Range(from_=3, unit="m", lang="en")
    assert codec.encode_element(q("Range"), value) == xml
    assert codec.attribute_of(q("Range"), "from") == "from_"
    required = Codec(
        schema({q("R"): complex_type("R", attributes=[{"name": "id", "ns": "", "type": f"{XS}int", "required": True}])}, {q("R"): ("R", q("R"))}), {}, {}
    )
    assert decode_error(required, q("R"), f'<R xmlns="{TNS}"/>').code == "missing-attribute"
    assert required.decode_element(q("R"), parse_xml(f'<R xmlns="{TNS}" id="7"/>')) == {"id": 7}


def test_soap_encoded_arrays() -> None:
    codec = Codec(
        schema(
            {
                q("Names"): {"kind": "soap-array", "name": "Names", "item": f"{XS}string"},
                q("Holder"): complex_type("Holder", element("Names", q("Names"), ns="", nillable=True)),
            },
            {q("Holder"): ("Holder", q("Holder"))},
        ),
        {},
        {},
    )
    value = {"Names": ["a", None, "b"]}
    text = codec.encode_element(q("Holder"), value)
    assert text == (
        # xsi and xsd are declared on the fragment's root, right after its name, as the TypeScript runtime does.
        f'<Holder xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns="{TNS}">'
        '<Names xmlns="" xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/" soapenc:arrayType="xsd:string[3]">'
        '<item>a</item><item xsi:nil="true"/><item>b</item></Names></Holder>'
    )
    assert codec.decode_element(q("Holder"), parse_xml(text)) == value
    offset = text.replace('soapenc:arrayType="xsd:string[3]"', 'soapenc:arrayType="xsd:string[3]" soapenc:offset="[1]"')
    error = decode_error(codec, q("Holder"), offset)
    assert (error.code, error.path) == ("invalid-value", "Holder.Names")


def test_any_type_values_are_kept_xml_written_under_the_particle_name() -> None:
    codec = Codec(
        schema({q("Box"): complex_type("Box", element("Content", f"{XS}anyType"))}, {q("Box"): ("Box", q("Box"))}), {}, {}
    )
    xml = f'<Box xmlns="{TNS}"><Content><p:x xmlns:p="urn:p" a="1">y</p:x></Content></Box>'
    value = codec.decode_element(q("Box"), parse_xml(xml))
    assert isinstance(value["Content"], XmlElement)
    assert codec.encode_element(q("Box"), value) == xml


def test_the_schema_a_codec_was_compiled_from() -> None:
    assert keys_codec().schema is KEYS_SCHEMA


def test_values_nested_beyond_the_recursion_limit_are_decoded_and_encoded_without_recursion() -> None:
    codec = Codec(schema({q("Node"): complex_type("Node", element("Node", q("Node"), min=0))}, {q("Node"): ("Node", q("Node"))}), {}, {})
    shallow = f'<Node xmlns="{TNS}">' + "<Node>" * 99 + "</Node>" * 99 + "</Node>"
    value = codec.decode_element(q("Node"), parse_xml(shallow))
    assert codec.decode_element(q("Node"), parse_xml(codec.encode_element(q("Node"), value))) == value
    # As deep as the reader allows, and far beyond Python's recursion limit when it allows more.
    for levels in (1023, 5000):
        deep = f'<Node xmlns="{TNS}">' + "<Node>" * levels + "</Node>" * levels + "</Node>"
        decoded = codec.decode_element(q("Node"), parse_xml(deep, max_depth=levels + 1))
        for _ in range(levels):
            decoded = decoded["Node"]
        assert decoded == {"Node": None}
    # A failure deep inside names its whole path, segment by segment.
    bad = f'<Node xmlns="{TNS}">' + "<Node>" * 3 + "<Oops/>" + "</Node>" * 3 + "</Node>"
    error = decode_error(codec, q("Node"), bad)
    assert (error.code, error.path) == ("unexpected-element", "Node.Node.Node.Node.Oops")
    # Encoding keeps no Python frame per level either.
    nested: dict[str, Any] = {}
    for _ in range(2000):
        nested = {"Node": nested}
    text = codec.encode_element(q("Node"), nested)
    assert text.count("<Node") == 2001 and text.endswith("<Node/>" + "</Node>" * 2000)
    nested = {"Node": {"Node": {"Node": 7}}}
    assert encode_error(codec, q("Node"), nested).path == "Node.Node.Node.Node"
