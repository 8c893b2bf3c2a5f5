"""SOAP-encoded arrays (SOAP 1.1 section 5.4.2): the value is a list; on the wire the array
element holds one child per item, of any name (written ``<item>``, unqualified), and carries
``soapenc:arrayType="xsd:string[n]"``. Items may be nil (None). Partially transmitted
(``soapenc:offset``) and sparse (``soapenc:position``) arrays and multi-reference items
(``href``) are refused rather than misread."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

from ._simple import DecodeSteps, EncodeSteps, Failure, ParticlePlan, decode_nested, encode_nested
from ._slot import decode_occurrence, encode_occurrence
from ._state import SOAP_ENCODING_NS, XSD_NS, Declared, EncodeState
from ._xml import escape_attribute, split_tag

__all__ = ["SoapArrayCodec"]

_NCNAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")
_OFFSET = "{" + SOAP_ENCODING_NS + "}offset"
_POSITION = "{" + SOAP_ENCODING_NS + "}position"


def _blank(text: str | None) -> bool:
    return text is None or text.strip(" \t\n\r") == ""


class SoapArrayCodec:
    kind = "soap-array"

    def __init__(self, type_id: str, name: str) -> None:
        self.id = type_id
        self.name = name
        #: The items' codec, set once every type has one (types may refer to each other).
        self.item: Any = None
        #: The items' element (``<item>``, nillable), set with ``item``.
        self.item_plan: ParticlePlan | None = None

    def _item_type_name(self, codec: Any, st: EncodeState, d: Declared, default: str) -> str:
        if isinstance(codec, SoapArrayCodec):
            return self._item_type_name(codec.item, st, d, default) + "[]"
        # Generated ids of anonymous types are not QNames; their items are declared as xsd:anyType.
        type_id = codec.id if _NCNAME.fullmatch(split_tag(codec.id)[1]) else "{" + XSD_NS + "}anyType"
        return st.qname_value(type_id, d, default)

    def decode(self, node: ET.Element, strict: bool) -> object:
        return decode_nested(self, node, strict)

    def decode_steps(self, node: ET.Element, strict: bool) -> DecodeSteps:
        """The decoding as steps (see ``decode_nested``): complex and array items are yielded."""
        plan = self.item_plan
        assert plan is not None
        if _OFFSET in node.attrib:
            raise Failure("invalid-value", "partially transmitted SOAP arrays (soapenc:offset) are not supported")
        if not _blank(node.text):
            raise Failure("unexpected-text", "text is not allowed here (element-only content)")
        out: list[object] = []
        for child in node:
            try:
                if _POSITION in child.attrib:
                    raise Failure("invalid-value", "sparse SOAP arrays (soapenc:position) are not supported")
                if "href" in child.attrib:
                    raise Failure("invalid-value", "multi-reference values (href) are not supported")
                out.append((yield from decode_occurrence(plan, child, strict)))
            except Failure as failure:
                failure.segments.append(f"[{len(out)}]")
                raise
            if not _blank(child.tail):
                raise Failure("unexpected-text", "text is not allowed here (element-only content)")
        return out

    def encode(self, value: object, local: str, ns: str, st: EncodeState, parent_default: str, depth: int) -> str:
        return encode_nested(self, value, local, ns, st, parent_default, depth)

    def encode_steps(self, value: object, local: str, ns: str, st: EncodeState, parent_default: str, depth: int, xsi_type: Any = None) -> EncodeSteps:
        """The encoding as steps (see ``encode_nested``): complex and array items are yielded."""
        plan = self.item_plan
        assert plan is not None
        if not isinstance(value, (list, tuple)):
            raise Failure("invalid-type", "expected a list (a SOAP-encoded array)")
        default = st.default_inside(ns, parent_default)
        d = Declared()
        enc = st.prefix_for(SOAP_ENCODING_NS, d)
        array_type = f"{self._item_type_name(self.item, st, d, default)}[{len(value)}]"
        head = f'{st.open_tag(local, ns, parent_default)}{d.text} {enc}:arrayType="{escape_attribute(array_type)}"'
        saved = st.enter_scope(d)
        line = st.line(depth + 1) if st.pretty else ""
        body: list[str] = []
        for i, item in enumerate(value):
            try:
                piece = yield from encode_occurrence(plan, item, st, default, depth + 1)
            except Failure as failure:
                failure.segments.append(f"[{i}]")
                raise
            body.append(line + piece)
        st.scope = saved
        if not body:
            return f"{head}/>"
        return f"{head}>{''.join(body)}{st.line(depth) if st.pretty else ''}</{local}>"
