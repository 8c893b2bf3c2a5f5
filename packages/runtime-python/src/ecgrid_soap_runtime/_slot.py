"""One element occurrence, on top of its type's codec: ``xsi:nil``, ``xsi:type`` (derived types)
and ``fixed``/``default`` values, as the TypeScript runtime's ``slot.ts`` does it. Element
particles, global elements and SOAP array items all go through here.

``default``/``fixed`` (XSD rules): an absent element stays absent (defaults are not filled in, so
round trips stay exact); an element present but empty (no text, no child elements) takes the
default (or the fixed value), so ``<Count/>`` with default 5 decodes to 5 and is written back as
``<Count>5</Count>``. A fixed value is compared as a value (``canonical``): ``1`` and ``true``
are the same boolean, ``1.0`` and ``1.00`` the same decimal."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any, Generator

from ._simple import EncodeSteps, Failure, ParticlePlan, is_empty, is_nil, quote
from ._state import EncodeState
from ._xml import split_tag
from .values import NIL, Substitute

__all__ = ["decode_occurrence", "encode_occurrence", "value_codec_of"]

# Kinds of codecs whose values are decoded and encoded as steps of their own (values that nest).
NESTED = frozenset(("complex", "soap-array"))

OccurrenceSteps = Generator[tuple[Any, ET.Element], object, object]


def value_codec_of(codec: Any) -> Any:
    """The codec ``default``/``fixed`` apply to: the simple type, or a simpleContent's text type."""
    if codec.kind == "simple":
        return codec
    if codec.kind == "complex":
        return codec.text
    return None


def _fixed_mismatch(p: ParticlePlan, codec: Any, value: object) -> bool:
    return bool(codec.canonical(value) != codec.canonical(codec.parse_value(p.fixed)))


def decode_occurrence(p: ParticlePlan, child: ET.Element, strict: bool) -> OccurrenceSteps:
    """Decodes ``child``, matched to ``p``; complex and array values are yielded as steps. A nil
    element is None, or NIL where the particle may also be absent (optional, not repeated). A
    member of ``p``'s substitution group is a ``Substitute`` naming it."""
    if p.members is not None:
        member = p.member_of(*split_tag(child.tag), strict)
        if member is not None and member is not p:
            value = yield from _decode_as(member, child, strict)
            return Substitute(member.id, None if value is NIL else value)
    return (yield from _decode_as(p, child, strict))


def _decode_as(p: ParticlePlan, child: ET.Element, strict: bool) -> OccurrenceSteps:
    if child.attrib and is_nil(child):
        if not p.nillable:
            raise Failure("nil-not-allowed", f"element <{p.name}> is not nillable")
        return NIL if not p.many and p.min == 0 else None
    codec = p.registry.resolve(p.type, child, strict)
    constrained = p.fixed is not None or p.default is not None
    lexical = (p.default if p.default is not None else p.fixed) if constrained and is_empty(child) else None
    value: object
    if codec.kind == "complex":
        if codec.text is not None:
            value, text = codec.decode_simple_content(child, strict, lexical)
            if p.fixed is not None and _fixed_mismatch(p, codec.text, text):
                raise Failure("invalid-value", f"element <{p.name}> must have the fixed value {quote(p.fixed)}")
        else:
            value = yield codec, child
        if codec is not p.type and isinstance(value, dict):
            value["$type"] = codec.id
        return value
    if codec.kind in NESTED:
        return (yield codec, child)
    if lexical is not None:
        value = codec.parse_value(lexical)
    else:
        value = codec.decode(child, strict)
    if p.fixed is not None and codec.kind == "simple" and _fixed_mismatch(p, codec, value):
        raise Failure("invalid-value", f"element <{p.name}> must have the fixed value {quote(p.fixed)}")
    return value


def encode_occurrence(p: ParticlePlan, v: object, st: EncodeState, default: str, depth: int) -> EncodeSteps:
    """Writes one occurrence of ``p``: nil for None/NIL (when nillable), the value's own type
    (``xsi:type``) for a derived complex value, fixed values checked."""
    if p.members is not None and isinstance(v, Substitute):
        member = next((m for m in p.members if m.id == v.element and not m.abstract), None)
        if member is None:
            raise Failure("invalid-value", f"the element of a Substitute must name a member of the substitution group of <{p.name}>", ".element")
        try:
            return (yield from _encode_as(member, v.value, st, default, depth))
        except Failure as failure:
            failure.segments.append(".value")
            raise
    if p.abstract:
        raise Failure("invalid-type", f"element <{p.name}> is abstract: the value must be a Substitute naming a member of its substitution group")
    if isinstance(v, Substitute):
        raise Failure("invalid-type", f"element <{p.name}> has no substitution group: a Substitute is not allowed here")
    return (yield from _encode_as(p, v, st, default, depth))


def _encode_as(p: ParticlePlan, v: object, st: EncodeState, default: str, depth: int) -> EncodeSteps:
    if v is None or v is NIL:
        if not p.nillable:
            raise Failure("nil-not-allowed", f"element <{p.name}> is not nillable; None is not allowed")
        return st.nil_element(p.name, p.ns, default)
    codec, xsi_type = p.registry.encoding(p.type, v)
    if p.fixed is not None:
        if codec.kind == "complex":
            if codec.text is not None:
                text = codec.text_of(v)
                if text is not None and _fixed_mismatch(p, codec.text, text):
                    raise Failure("invalid-value", f"element <{p.name}> must have the fixed value {quote(p.fixed)}", ".$value")
        elif codec.kind == "simple" and _fixed_mismatch(p, codec, v):
            raise Failure("invalid-value", f"element <{p.name}> must have the fixed value {quote(p.fixed)}")
    if codec.kind in NESTED:
        return (yield codec, v, p.name, p.ns, default, depth, xsi_type)
    return str(codec.encode(v, p.name, p.ns, st, default, depth))
