"""Hostile documents end in the package's own errors: huge numbers, unknown ``xsi:type``, deep
fault details, long names quoted short, and no message longer than 2,000 characters."""

from __future__ import annotations

import sys

import pytest

from ecgrid_soap_runtime import (
    SOAP11_ENVELOPE_NS,
    SOAP12_ENVELOPE_NS,
    Codec,
    DecodeError,
    SoapFault,
    SoapRuntimeError,
    XmlParseError,
    decode_envelope,
    parse_xml,
)
from ecgrid_soap_runtime._builtins import BUILTINS, MAX_INTEGER_DIGITS, BuiltinValueError
from ecgrid_soap_runtime.errors import MAX_MESSAGE_LENGTH
from factories import INFO_XML, TNS, XS, complex_type, element, keys_codec, q, schema

XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"


def decode_error(codec: Codec, element_id: str, xml: str) -> DecodeError:
    with pytest.raises(DecodeError) as caught:
        codec.decode_element(element_id, parse_xml(xml))
    return caught.value


@pytest.mark.parametrize("builtin", ["int", "long", "unsignedLong", "byte", "integer", "nonNegativeInteger"])
def test_an_integer_of_thousands_of_digits_is_a_typed_error(builtin: str) -> None:
    for digits in ("9" * 5000, "-" + "9" * 5000, "0" * 5000 + "1" * 5000):
        with pytest.raises(BuiltinValueError) as caught:
            BUILTINS[builtin].parse(digits)
        assert caught.value.code == "out-of-range"
        assert len(caught.value.reason) < 100


def test_integers_keep_their_exact_range() -> None:
    assert BUILTINS["unsignedLong"].parse("18446744073709551615") == 2**64 - 1
    assert BUILTINS["long"].parse("-" + "0" * 100 + "9223372036854775808") == -(2**63)
    assert BUILTINS["integer"].parse("7" * MAX_INTEGER_DIGITS) == int("7" * MAX_INTEGER_DIGITS)
    with pytest.raises(BuiltinValueError):
        BUILTINS["integer"].parse("7" * (MAX_INTEGER_DIGITS + 1))


def test_a_date_with_a_year_of_thousands_of_digits_is_checked_without_converting_it() -> None:
    assert BUILTINS["date"].parse("1" * 5000 + "2024-02-29") == "1" * 5000 + "2024-02-29"
    with pytest.raises(BuiltinValueError):
        BUILTINS["date"].parse("1" * 5000 + "2023-02-29")
    assert BUILTINS["date"].parse("2000-02-29") == "2000-02-29"
    with pytest.raises(BuiltinValueError):
        BUILTINS["date"].parse("1900-02-29")


def test_a_huge_integer_in_a_document_is_a_decode_error() -> None:
    error = decode_error(keys_codec(), q("Response"), INFO_XML.replace("1043", "9" * 5000))
    assert (error.code, error.path) == ("out-of-range", "Response.Result.KeyID")
    assert len(error.message) < 300


def test_an_xsi_type_the_schema_does_not_know_is_a_decode_error() -> None:
    unknown = INFO_XML.replace("<Result>", f'<Result xmlns:q="urn:nowhere" xmlns:xsi="{XSI_NS}" xsi:type="q:NoSuchType">')
    error = decode_error(keys_codec(), q("Response"), unknown)
    assert (error.code, error.path) == ("invalid-type", "Response.Result")
    assert "q:NoSuchType" in error.message
    undeclared = INFO_XML.replace("<Result>", f'<Result xmlns:xsi="{XSI_NS}" xsi:type="zz:Info">')
    assert decode_error(keys_codec(), q("Response"), undeclared).code == "invalid-value"
    on_a_simple_value = INFO_XML.replace("<KeyID>", f'<KeyID xmlns:xsi="{XSI_NS}" xmlns:xsd="{XS[1:-1]}" xsi:type="xsd:string">')
    assert decode_error(keys_codec(), q("Response"), on_a_simple_value).path == "Response.Result.KeyID"


def test_an_xsi_type_naming_the_declared_type_is_accepted() -> None:
    codec = keys_codec()
    declared = INFO_XML.replace("<Result>", f'<Result xmlns:t="{TNS}" xmlns:xsi="{XSI_NS}" xsi:type="t:Info">')
    builtin = declared.replace("<KeyID>", f'<KeyID xmlns:xsd="{XS[1:-1]}" xsi:type="xsd:int">')
    enum_type = builtin.replace("<Visibility>", '<Visibility xsi:type="t:Visibility">')
    base_of_enum = builtin.replace("<Visibility>", f'<Visibility xmlns:xs="{XS[1:-1]}" xsi:type="xs:string">')
    for text in (declared, builtin, enum_type, base_of_enum):
        assert codec.decode_element(q("Response"), parse_xml(text)).Result.KeyID == 1043
    # With namespaces ignored, the local name is enough.
    loose = INFO_XML.replace(f' xmlns="{TNS}"', "").replace("<Result>", f'<Result xmlns:xsi="{XSI_NS}" xsi:type="Info">')
    assert codec.decode_element(q("Response"), parse_xml(loose), namespaces="ignore").Result.KeyID == 1043


def test_names_from_the_document_are_quoted_short() -> None:
    long_name = "n" * 1000
    error = decode_error(keys_codec(), q("Response"), INFO_XML.replace("<KeyID>", f"<{long_name}/><KeyID>"))
    assert error.code == "unexpected-element"
    assert long_name not in error.message and "n" * 100 + "…" in error.message
    root = decode_error(keys_codec(), q("Response"), f'<{long_name} xmlns="{TNS}"/>')
    assert long_name not in root.message
    other_ns = decode_error(keys_codec(), q("Response"), INFO_XML.replace(f'xmlns="{TNS}"', f'xmlns="urn:{long_name}"'))
    assert long_name not in other_ns.message


def test_no_message_is_longer_than_the_bound() -> None:
    error = SoapRuntimeError("x", "y" * 100_000)
    assert len(error.message) == MAX_MESSAGE_LENGTH and error.message.endswith("…") and str(error) == error.message
    # A schema with long names, a path thousands of levels deep: still bounded.
    long = "L" * 300
    types = {q("T"): complex_type("T", element(long, q("T"), min=0), element("End", f"{XS}int", min=0))}
    codec = Codec(schema(types, {q("Root"): ("Root", q("T"))}), {}, {})
    deep = f'<Root xmlns="{TNS}">' + f"<{long}>" * 40 + "<End>x</End>" + f"</{long}>" * 40 + "</Root>"
    assert len(decode_error(codec, q("Root"), deep).message) <= MAX_MESSAGE_LENGTH


def fault(version: str, detail: str, code: str = "soap:Server") -> str:
    if version == "1.1":
        return (
            f'<soap:Envelope xmlns:soap="{SOAP11_ENVELOPE_NS}"><soap:Body><soap:Fault><faultcode>{code}</faultcode>'
            f"<faultstring>deep</faultstring><detail>{detail}</detail></soap:Fault></soap:Body></soap:Envelope>"
        )
    return (
        f'<env:Envelope xmlns:env="{SOAP12_ENVELOPE_NS}"><env:Body><env:Fault><env:Code><env:Value>env:Receiver</env:Value></env:Code>'
        f'<env:Reason><env:Text xml:lang="en">deep</env:Text></env:Reason><env:Detail>{detail}</env:Detail></env:Fault></env:Body></env:Envelope>'
    )


@pytest.mark.parametrize("version", ["1.1", "1.2"])
def test_a_fault_detail_nested_a_thousand_deep_is_a_soap_fault(version: str) -> None:
    depth = max(1000, sys.getrecursionlimit())
    deep = "<d>" * 1000 + "x" + "</d>" * 1000
    with pytest.raises(SoapFault) as caught:
        decode_envelope(fault(version, deep))
    assert caught.value.reason == "deep" and caught.value.detail is not None
    assert caught.value.code_ns == (SOAP11_ENVELOPE_NS if version == "1.1" else SOAP12_ENVELOPE_NS)
    # Deeper than the reader allows: its depth error, never a RecursionError.
    with pytest.raises(XmlParseError) as too_deep:
        decode_envelope(fault(version, "<d>" * depth * 2 + "</d>" * depth * 2))
    assert too_deep.value.code == "depth-limit"


def test_a_fault_code_resolves_its_prefix_in_the_scope_of_its_element() -> None:
    text = fault("1.1", "", code="app:Busy").replace("<faultcode>", '<faultcode xmlns:app="urn:app">')
    with pytest.raises(SoapFault) as caught:
        decode_envelope(text)
    assert (caught.value.code_ns, caught.value.code_local) == ("urn:app", "Busy")
    with pytest.raises(SoapFault) as unbound:
        decode_envelope(fault("1.1", "", code="nope:Busy"))
    assert (unbound.value.code_ns, unbound.value.code_local) == ("", "Busy")


def test_a_long_fault_reason_gives_a_bounded_message() -> None:
    with pytest.raises(SoapFault) as caught:
        decode_envelope(fault("1.1", "").replace("<faultstring>deep", "<faultstring>" + "r" * 50_000))
    assert len(caught.value.reason) == 50_000
    assert len(caught.value.message) <= MAX_MESSAGE_LENGTH
