"""Responses read straight from the parser (``Codec.stream_response``, ``Codec.decode_response``):
the plain shape gives the tree path's value without a tree; every other document, valid or not,
gives up there and gets the tree path's value or error (same type, code and message)."""

from __future__ import annotations

from typing import Any, Callable

import pytest

import ecgrid_soap_runtime.envelope as envelope_module
from ecgrid_soap_runtime import NIL, Codec, SoapFault, SoapRuntimeError, XmlLimits, decode_envelope
from ecgrid_soap_runtime._fast import GiveUp
from ecgrid_soap_runtime._stream import StreamPlans
from factories import TNS, XS, complex_type, element, q, schema
from test_fast import CLASSES, SCHEMA

SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/"
SOAP12 = "http://www.w3.org/2003/05/soap-envelope"
XSI = 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
ITEMS = q("Items")


def envelope(body: str, ns: str = SOAP11, before: str = "") -> str:
    return f'<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="{ns}" {XSI}>{before}<soap:Body>{body}</soap:Body></soap:Envelope>'


def codec() -> Codec:
    return Codec(SCHEMA, CLASSES, {})


def tree(c: Codec, text: str | bytes, limits: XmlLimits | None = None) -> Any:
    """The tree path: the envelope parsed, then its Body's element decoded."""
    return c.decode_element(ITEMS, decode_envelope(text, limits=limits).body)


def outcome(fn: Callable[[], Any]) -> Any:
    try:
        return ("value", fn())
    except SoapRuntimeError as error:
        return ("error", type(error), error.code, str(error))


PLAIN = [
    envelope(f"<Items xmlns='{TNS}'/>"),
    envelope(f"<t:Items xmlns:t='{TNS}'><t:Note>n &amp; m</t:Note></t:Items>"),
    envelope(
        f"<Items xmlns='{TNS}'>\n <Item><Key>a</Key><Count>007</Count><Big>18446744073709551615</Big>"
        "<Visibility>Shared</Visibility><Created>2028-02-29T10:00:00Z</Created><Tags> x  y </Tags><Tags>z</Tags></Item>"
        "<Item xsi:nil='true'></Item><Item><Key><![CDATA[<b>]]></Key><Count xsi:nil='1'/></Item><Note/></Items>",
        SOAP12,
    ),
    envelope(f"<Items xmlns='{TNS}'><Item><Key>b</Key><Count> 12 </Count><Created>2024-02-29T00:00:00</Created></Item></Items>"),
    envelope(f"<Items xmlns='{TNS}'><Item><Key>a<!-- c -->b</Key></Item></Items> "),
]


@pytest.mark.parametrize("text", PLAIN)
def test_plain_responses_are_read_without_a_tree_to_the_tree_paths_value(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    c = codec()
    expected = tree(c, text)
    assert c.stream_response(text, ITEMS) == expected
    assert c.stream_response(text.encode("utf-8"), ITEMS) == expected

    def no_tree(*args: object, **kwargs: object) -> object:
        raise AssertionError("a tree was built")

    monkeypatch.setattr(envelope_module, "parse_xml", no_tree)
    assert c.decode_response(text, ITEMS) == expected


def test_a_nil_item_and_a_nil_optional_field() -> None:
    value = codec().stream_response(PLAIN[2], ITEMS)
    assert value.Item[1] is None and value.Item[2].Count is NIL and value.Item[0].Tags == ["x y", "z"]


OTHERS = [
    # Faults, envelopes that are not plain, and documents that are not XML or not SOAP.
    envelope("<soap:Fault><faultcode>soap:Server</faultcode><faultstring>boom</faultstring></soap:Fault>"),
    envelope(f"<Items xmlns='{TNS}'/>", before="<soap:Header/>"),
    envelope(f"<Items xmlns='{TNS}'/><Items xmlns='{TNS}'/>"),
    envelope(f"<Other xmlns='{TNS}'/>"),
    envelope(f"<Items xmlns='urn:other'/>"),
    envelope(""),
    "<soap:Envelope xmlns:soap='urn:not-soap'><soap:Body/></soap:Envelope>",
    f"<soap:Envelope xmlns:soap='{SOAP11}'/>",
    f"<!DOCTYPE x [<!ENTITY e 'x'>]><soap:Envelope xmlns:soap='{SOAP11}'><soap:Body/></soap:Envelope>",
    envelope(f"<Items xmlns='{TNS}'><Item><Key>a</Key></Item>"),
    # Values the general decoder refuses or reads differently.
    envelope(f"<Items xmlns='{TNS}' xsi:nil='true'/>"),
    envelope(f"<Items xmlns='{TNS}'><Other/></Items>"),
    envelope(f"<Items xmlns='{TNS}'><Note>n</Note><Item><Key>a</Key></Item></Items>"),
    envelope(f"<Items xmlns='{TNS}'><Item><Count>1</Count></Item></Items>"),
    envelope(f"<Items xmlns='{TNS}'>text<Item><Key>a</Key></Item></Items>"),
    envelope(f"<Items xmlns='{TNS}'><Item><Key>a<b/></Key></Item></Items>"),
    envelope(f"<Items xmlns='{TNS}'><Item><Key>a</Key><Count>2147483648</Count></Item></Items>"),
    envelope(f"<Items xmlns='{TNS}'><Item><Key>a</Key><Visibility>Public</Visibility></Item></Items>"),
    envelope(f"<Items xmlns='{TNS}'><Item><Key>a</Key><Created>2026-02-30T00:00:00</Created></Item></Items>"),
    envelope(f"<Items xmlns='{TNS}'><Item><Key xsi:nil='true'/></Item></Items>"),
    envelope(f"<Items xmlns='{TNS}'><Item xsi:nil='false'><Key>a</Key></Item></Items>"),
    envelope(f"<Items xmlns='{TNS}'><Item xsi:nil='true'><Key>a</Key></Item></Items>"),
    envelope(f"<Items xmlns='{TNS}'><Item xsi:type='Item'><Key>a</Key></Item></Items>"),
    envelope(f"<Items xmlns='{TNS}'><Item a='1'><Key>a</Key></Item></Items>"),
    envelope(f"<Items xmlns='{TNS}'><Item><Key>a</Key></Item></Items><!-- after -->") + "<trailing/>",
]


@pytest.mark.parametrize("text", OTHERS)
def test_other_documents_give_up_and_get_the_tree_paths_value_or_error(text: str) -> None:
    c = codec()
    with pytest.raises(GiveUp):
        c.stream_response(text, ITEMS)
    assert outcome(lambda: c.decode_response(text, ITEMS)) == outcome(lambda: tree(c, text))


def test_a_fault_is_the_tree_paths_soap_fault() -> None:
    with pytest.raises(SoapFault) as caught:
        codec().decode_response(OTHERS[0], ITEMS)
    assert caught.value.reason == "boom"


LIMITED = [
    (XmlLimits(max_depth=4), envelope(f"<Items xmlns='{TNS}'><Item><Key>a</Key></Item></Items>")),
    (XmlLimits(max_text_length=3), envelope(f"<Items xmlns='{TNS}'><Item><Key>abcd</Key></Item></Items>")),
    (XmlLimits(max_name_length=4), envelope(f"<Items xmlns='{TNS}'><Item><Key>a</Key></Item></Items>")),
    (XmlLimits(max_name_length=18), envelope(f"<a_long_prefix:Items xmlns:a_long_prefix='{TNS}'/>")),
    (XmlLimits(max_length=100), envelope(f"<Items xmlns='{TNS}'><Item><Key>a</Key></Item></Items>")),
    (XmlLimits(max_attributes=1), envelope(f"<Items xmlns='{TNS}'><Item xsi:nil='true' a='1'/></Items>")),
    (XmlLimits(max_attributes=0), envelope(f"<Items xmlns='{TNS}'><Item xsi:nil='true'/></Items>")),
    (XmlLimits(max_text_length=3), envelope(f"<Items xmlns='{TNS}'/>").replace("<soap:Envelope", "<soap:Envelope a='long'")),
    (XmlLimits(max_attributes=0), envelope(f"<Items xmlns='{TNS}'/>").replace("<soap:Body>", "<soap:Body a='1'>")),
    (XmlLimits(max_namespace_declarations=2), envelope(f"<Items xmlns='{TNS}' xmlns:a='urn:a' xmlns:b='urn:b'/>")),
    (XmlLimits(max_namespaces_in_scope=3), envelope(f"<Items xmlns='{TNS}' xmlns:a='urn:a'/>")),
]


@pytest.mark.parametrize(("limits", "text"), LIMITED)
def test_limits_are_the_tree_paths(limits: XmlLimits, text: str) -> None:
    c = codec()
    with pytest.raises(GiveUp):
        c.stream_response(text, ITEMS, limits)
    expected = outcome(lambda: tree(c, text, limits))
    assert expected[0] == "error" and expected[2] in ("size-limit", "depth-limit")
    assert outcome(lambda: c.decode_response(text, ITEMS, limits=limits)) == expected


def test_declarations_are_counted_per_element() -> None:
    # Two declarations on each of three elements: within a limit of three per element, though six in all.
    text = envelope(f"<Items xmlns='{TNS}' xmlns:a='urn:a'><Item xmlns:b='urn:b' xmlns:c='urn:c'><Key xmlns:d='urn:d' xmlns:e='urn:e'>k</Key></Item></Items>")
    limits = XmlLimits(max_namespace_declarations=3)
    c = codec()
    assert c.stream_response(text, ITEMS, limits) == tree(c, text, limits)


# Counted particles: P two or three times, then R at least twice, then an optional Q.
COUNTED = q("Counted")
COUNTED_SCHEMA = schema(
    {
        q("Counted"): complex_type(
            "Counted",
            element("P", f"{XS}int", min=2, max=3),
            element("R", f"{XS}string", min=2, max=-1),
            element("Q", f"{XS}string", min=0),
        ),
    },
    {COUNTED: ("Counted", q("Counted"))},
)


def counted(content: str) -> str:
    return envelope(f"<Counted xmlns='{TNS}'>{content}</Counted>")


def counted_tree(c: Codec, text: str) -> Any:
    return c.decode_element(COUNTED, decode_envelope(text).body)


@pytest.mark.parametrize(
    "content",
    [
        "<P>1</P><P>2</P><R>a</R><R>b</R>",
        "<P>1</P><P>2</P><P>3</P><R>a</R><R>b</R><R>c</R><R>d</R><Q>q</Q>",
        "<P>1</P><P>2</P><R>a</R><R>b</R><R>c</R><Q>q</Q>",
    ],
)
def test_counted_particles_are_read_in_bounds(content: str) -> None:
    c = Codec(COUNTED_SCHEMA, {}, {})
    text = counted(content)
    assert c.stream_response(text, COUNTED) == counted_tree(c, text)


@pytest.mark.parametrize(
    "content",
    [
        "<P>1</P><R>a</R><R>b</R>",
        "<P>1</P><P>2</P><P>3</P><P>4</P><R>a</R><R>b</R>",
        "<P>1</P><P>2</P><R>a</R>",
        "<P>1</P><P>2</P><R>a</R><Q>q</Q>",
        "<P>1</P><P>2</P><R>a</R><R>b</R><Q>q</Q><R>c</R>",
        "<P>1</P><R>a</R><P>2</P><R>b</R>",
    ],
)
def test_counted_particles_out_of_bounds_give_up(content: str) -> None:
    c = Codec(COUNTED_SCHEMA, {}, {})
    text = counted(content)
    with pytest.raises(GiveUp):
        c.stream_response(text, COUNTED)
    assert outcome(lambda: c.decode_response(text, COUNTED)) == outcome(lambda: counted_tree(c, text))


def test_a_type_whose_states_are_being_built_reads_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    # Another thread may meet a type's table while it is being built (it is registered first, for
    # types that contain themselves): until complete, its start takes no element and no end.
    c = codec()
    seen: list[bool] = []
    slot = StreamPlans.slot

    def watched(self: StreamPlans, p: Any) -> Any:
        # Item's particles are read while Item's table is being built.
        for spec in self._specs.values() if p.name in ("Key", "Count", "Big", "Visibility", "Created", "Tags") else ():
            if spec is not None and spec.cls is CLASSES[q("Item")]:
                seen.append(spec.start.accept or spec.start.get(f"{TNS} Key") is not None)
        return slot(self, p)

    monkeypatch.setattr(StreamPlans, "slot", watched)
    text = PLAIN[3]
    assert c.stream_response(text, ITEMS) == tree(c, text)
    assert seen and not any(seen)
