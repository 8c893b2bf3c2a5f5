"""Derived types: which type an ``xsi:type`` names for a declared type (on decoding), and which
type a value is of and the ``xsi:type`` it is written with (on encoding), as the TypeScript
runtime resolves them (``packages/runtime/src/codec/compile.ts``, ``slot.ts``).

A complex value of a type derived from the declared one (complexContent extension or
restriction) decodes to that type's class and is written with ``xsi:type``; its class says which
type it is (a mapping says it with a ``"$type"`` key). Simple values never carry their type: an
``xsi:type`` naming the declared simple type, one of its bases or a union member is accepted, one
naming a restriction of it is decoded with that restriction's (stricter) codec."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any, Callable, Mapping

from ._builtins import BUILTINS, collapse_whitespace
from ._simple import XSI_TYPE, Failure, quote
from ._state import SOAP_ENCODING_NS, XSD_NS
from ._xml import resolve_prefix

__all__ = ["Registry"]

_SOAP_ARRAY = "{" + SOAP_ENCODING_NS + "}Array"
_SOAPENC_PREFIX = "{" + SOAP_ENCODING_NS + "}"


def _clark(ns: str, local: str) -> str:
    return "{" + ns + "}" + local if ns else local


class Registry:
    """The derivation relation of one compiled schema: ``types`` are its type descriptors,
    ``codec_of`` gives the codec of a type id, ``class_ids`` the type id of each bound class."""

    def __init__(self, types: Mapping[str, Any], codec_of: Callable[[str], Any], class_ids: Mapping[type, str]) -> None:
        self._types = types
        self._codec_of = codec_of
        self._class_ids = class_ids
        self._by_local: dict[str, list[str]] | None = None

    def _base_of(self, type_id: str) -> str | None:
        d = self._types.get(type_id)
        if d is not None and d["kind"] in ("complex", "simple", "enum"):
            base = d.get("base")
            return base if isinstance(base, str) else None
        return None

    def derives_from(self, type_id: str, ancestor: str) -> bool:
        """True when ``type_id`` derives from ``ancestor`` through one or more bases."""
        current = self._base_of(type_id)
        for _ in range(64):
            if current is None:
                return False
            if current == ancestor:
                return True
            current = self._base_of(current)
        return False

    def _kind(self, type_id: str) -> str | None:
        d = self._types.get(type_id)
        return None if d is None else str(d["kind"])

    def _target(self, declared: Any, type_id: str) -> Any:
        if type_id == declared.id:
            return declared
        kind = declared.kind
        if kind == "soap-array":
            return declared if type_id == _SOAP_ARRAY else None
        if kind == "complex":
            return self._codec_of(type_id) if self._kind(type_id) == "complex" and self.derives_from(type_id, declared.id) else None
        if kind == "simple":
            # A base of the declared type (its builtin included) names a wider type: decoded as declared.
            if self.derives_from(declared.id, type_id):
                return declared
            # soapenc:int and the like stand for the builtins.
            if type_id.startswith(_SOAPENC_PREFIX):
                local = type_id[len(_SOAPENC_PREFIX) :]
                builtin = "{" + XSD_NS + "}" + local
                if local in BUILTINS and (builtin == declared.id or self.derives_from(declared.id, builtin)):
                    return declared
            if self._kind(type_id) in ("simple", "enum") and self.derives_from(type_id, declared.id):
                return self._codec_of(type_id)
            own = self._types.get(declared.id)
            if own is not None and own["kind"] == "union" and type_id in own["members"]:
                return self._codec_of(type_id)
        return None

    def _ids_with_local(self, local: str) -> list[str]:
        if self._by_local is None:
            self._by_local = {}
            for type_id in self._types:
                key = type_id[type_id.index("}") + 1 :] if type_id.startswith("{") else type_id
                self._by_local.setdefault(key, []).append(type_id)
        return [*self._by_local.get(local, []), "{" + XSD_NS + "}" + local, _SOAPENC_PREFIX + local]

    def xsi_target(self, declared: Any, ns: str, local: str, strict: bool) -> Any:
        """The codec an ``xsi:type`` naming ``{ns}local`` selects for ``declared``, or None."""
        if strict:
            return self._target(declared, _clark(ns, local))
        for type_id in self._ids_with_local(local):
            target = self._target(declared, type_id)
            if target is not None:
                return target
        return None

    def resolve(self, declared: Any, node: ET.Element, strict: bool) -> Any:
        """The codec to decode ``node`` with: ``declared``, or the type its ``xsi:type`` names
        (xs:anyType keeps the element as it is, ``xsi:type`` included). An abstract complex type
        is refused: the element needs an ``xsi:type`` naming a concrete derived type."""
        codec = declared
        text = node.attrib.get(XSI_TYPE)
        if text is not None and declared.kind != "anyType":
            qname = collapse_whitespace(text)
            prefix, colon, local = qname.partition(":")
            if not colon:
                prefix, local = "", qname
            ns = resolve_prefix(node, prefix)
            if ns is None and prefix != "" and strict:
                raise Failure("invalid-value", f"xsi:type {quote(qname)} uses an undeclared prefix")
            codec = self.xsi_target(declared, ns or "", local, strict)
            if codec is None:
                raise Failure("invalid-type", f"xsi:type {quote(qname)} does not name {declared.name} or a type derived from it")
        if codec.kind == "complex" and codec.abstract:
            raise Failure("invalid-type", f"type {codec.name} is abstract: the element needs an xsi:type naming a concrete derived type")
        return codec

    def derived(self, declared: Any, type_id: str) -> Any:
        """The codec of ``type_id`` when it is ``declared`` or a complex type derived from it, else None."""
        if type_id == declared.id:
            return declared
        if self._kind(type_id) != "complex" or not self.derives_from(type_id, declared.id):
            return None
        return self._codec_of(type_id)

    def encoding(self, declared: Any, value: object) -> tuple[Any, Any]:
        """The codec to write ``value`` with, and the type to name in ``xsi:type`` (None when the
        value is of the declared type): a bound class says its type, a mapping its ``"$type"``."""
        if declared.kind != "complex":
            return declared, None
        target = declared
        if isinstance(value, Mapping):
            named = value.get("$type")
            if named is not None:
                target = self.derived(declared, named) if isinstance(named, str) else None
                if target is None:
                    raise Failure("invalid-type", f"$type must name {declared.name} or a type derived from it", ".$type")
        else:
            type_id = self._class_ids.get(type(value))
            if type_id is not None and type_id != declared.id:
                target = self.derived(declared, type_id)
                if target is None:
                    raise Failure("invalid-type", f"expected {declared.name} or a type derived from it, got {type(value).__name__}")
        if target.abstract:
            raise Failure("invalid-type", f"type {target.name} is abstract: the value must be of a concrete derived type")
        return target, (None if target is declared else target)
