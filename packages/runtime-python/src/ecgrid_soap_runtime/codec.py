"""The XML codec, driven by a schema descriptor (the JSON every ecgrid-codegen SDK carries, the
same the TypeScript runtime uses; a generated Python SDK holds it in its ``schema.py``) and the
model classes bound to its type ids. It decodes strictly
(unknown, misplaced or missing elements, unknown enumeration values and bad numbers fail with
the path of the value) and writes exactly the bytes the TypeScript runtime writes."""

from __future__ import annotations

import enum
import xml.etree.ElementTree as ET
from typing import Any, Mapping

from ._builtins import BUILTINS
from ._array import SoapArrayCodec
from ._complex import ComplexCodec
from ._simple import AnyTypeCodec, AttributePlan, Failure, ParticlePlan, SimpleCodec, Unsupported, is_nil
from ._state import EncodeState
from ._xml import excerpt, split_tag
from .errors import DecodeError, EncodeError, SchemaError
from .values import NIL

__all__ = ["Codec"]

XSD_NS = "http://www.w3.org/2001/XMLSchema"
_ANY_TYPE = "{" + XSD_NS + "}anyType"
_BUILTIN_PREFIX = "{" + XSD_NS + "}"
# Complex values and arrays are decoded and encoded with an explicit stack (decode_nested,
# encode_nested), not one Python call per level; should a RecursionError still come from deep
# inside (a bound class's own code), it is a typed error too.
_TOO_DEEP = "the value is nested too deeply (beyond Python's recursion limit)"

class Codec:
    """A compiled schema: one codec object per type, particles pointing at them directly.

    ``schema`` is the descriptor (``{"types": {...}, "elements": {...}}``, ids in Clark notation
    ``{ns}local``); ``classes`` binds type ids to the dataclasses and ``Enum`` classes values
    decode to (a complex type without a class decodes to a dict); ``renames`` maps, per type id,
    XML names to the Python attribute names that differ from them (``{"from": "from_"}``).
    Raises SchemaError when the descriptor is inconsistent."""

    def __init__(self, schema: Mapping[str, Any], classes: Mapping[str, type], renames: Mapping[str, Mapping[str, str]]) -> None:
        self._schema = schema
        self._types: dict[str, Any] = {}
        self._classes = classes
        self._renames = renames
        pending: list[tuple[str, Mapping[str, Any], ComplexCodec]] = []
        for type_id, descriptor in schema["types"].items():
            if descriptor["kind"] == "complex":
                codec = ComplexCodec(type_id, descriptor["name"], classes.get(type_id))
                self._types[type_id] = codec
                pending.append((type_id, descriptor, codec))
            elif descriptor["kind"] == "soap-array":
                self._types[type_id] = SoapArrayCodec(type_id, descriptor["name"])
        for type_id in schema["types"]:
            self.type(type_id)
        for type_id, descriptor in schema["types"].items():
            if descriptor["kind"] == "soap-array":
                self._types[type_id].item = self.type(descriptor["item"])
        for type_id, descriptor, codec in pending:
            self._fill(type_id, descriptor, codec)
        self._elements: dict[str, tuple[str, str, bool, Any]] = {
            element_id: (e["name"], e["ns"], e["nillable"], self.type(e["type"])) for element_id, e in schema["elements"].items()
        }

    @property
    def schema(self) -> Mapping[str, Any]:
        """The descriptor this codec was compiled from."""
        return self._schema

    def attribute_of(self, type_id: str, name: str) -> str:
        """The Python attribute of a particle or attribute of a complex type."""
        return self._renames.get(type_id, {}).get(name, name)

    def type(self, type_id: str) -> Any:
        """The codec of a type id (builtins included); SchemaError for an unknown id."""
        existing = self._types.get(type_id)
        if existing is not None:
            return existing
        codec: Any = AnyTypeCodec() if type_id == _ANY_TYPE else self._simple(type_id)
        self._types[type_id] = codec
        return codec

    def _simple(self, type_id: str) -> SimpleCodec | Unsupported:
        current, name, values, enum_class = type_id, None, None, None
        bases: list[str] = []
        for _ in range(64):
            if current.startswith(_BUILTIN_PREFIX) and current[len(_BUILTIN_PREFIX) :] in BUILTINS:
                builtin = current[len(_BUILTIN_PREFIX) :]
                return SimpleCodec(type_id, name or builtin, builtin, values, enum_class, tuple(bases))
            bases.append(current)
            descriptor = self._schema["types"].get(current)
            if descriptor is None:
                raise SchemaError(f"type {current} is not defined in the schema")
            if descriptor["kind"] in ("list", "union"):
                return Unsupported(type_id, name or descriptor["name"], f"xs:{descriptor['kind']}")
            if descriptor["kind"] not in ("simple", "enum"):
                raise SchemaError(f"type {current} is {descriptor['kind']} where a simple type is required")
            name = name or descriptor["name"]
            if descriptor["kind"] == "enum" and values is None:
                values = tuple(descriptor["values"])
                bound = self._classes.get(current)
                enum_class = bound if isinstance(bound, type) and issubclass(bound, enum.Enum) else None
            current = descriptor["base"]
        raise SchemaError(f"type {type_id} derives from itself")

    def _fill(self, type_id: str, descriptor: Mapping[str, Any], codec: ComplexCodec) -> None:
        renames = self._renames.get(type_id, {})
        for feature, present in (("simpleContent", "text" in descriptor), ("mixed content", descriptor.get("mixed")), ("abstract types", descriptor.get("abstract"))):
            if present:
                codec.unsupported = feature
        for p in descriptor["content"]:
            attr = renames.get(p["name"], p["name"])
            if p["kind"] == "any":
                codec.particles.append(ParticlePlan("any", p["name"], attr, "", p["min"], p["max"], False, None))
            elif p["kind"] == "element":
                if p.get("substitutes") or "fixed" in p or "default" in p:
                    codec.unsupported = "substitution groups and default/fixed values"
                codec.particles.append(ParticlePlan("element", p["name"], attr, p["ns"], p["min"], p["max"], p["nillable"], self.type(p["type"])))
            else:
                codec.unsupported = f"xs:{p['kind']} groups"
        for a in descriptor.get("attributes", ()):
            simple = self.type(a["type"])
            if not isinstance(simple, (SimpleCodec, Unsupported)):
                raise SchemaError(f"attribute {a['name']} of {descriptor['name']} must have a simple type")
            if "fixed" in a or "default" in a:
                codec.unsupported = "default/fixed values"
            codec.attributes.append(AttributePlan(a["name"], renames.get(a["name"], a["name"]), a["ns"], a["required"], simple))

    def _element(self, element_id: str) -> tuple[str, str, bool, Any]:
        element = self._elements.get(element_id)
        if element is None:
            raise SchemaError(f"element {element_id} is not defined in the schema")
        return element

    def decode_element(self, element_id: str, node: ET.Element, *, namespaces: str = "strict") -> Any:
        """Decodes ``node`` as a global element (its name and namespace are checked)."""
        name, ns, nillable, codec = self._element(element_id)
        strict = namespaces != "ignore"
        root = codec.name if isinstance(codec, ComplexCodec) else name
        try:
            node_ns, local = split_tag(node.tag)
            if local != name:
                raise Failure("unexpected-element", f"expected element <{name}>, found <{excerpt(local)}>")
            if strict and node_ns != ns:
                found = "no namespace" if node_ns == "" else f'namespace "{excerpt(node_ns)}"'
                raise Failure("wrong-namespace", f'element <{excerpt(local)}> is in {found}, expected namespace "{ns}"')
            if node.attrib and is_nil(node):
                if not nillable:
                    raise Failure("nil-not-allowed", f"element <{name}> is not nillable")
                return None
            return codec.decode(node, strict)
        except Failure as failure:
            raise DecodeError(failure.code, failure.path(root), failure.detail) from None
        except RecursionError:
            raise DecodeError("depth-limit", root, _TOO_DEEP) from None

    def decode_type(self, type_id: str, node: ET.Element, *, namespaces: str = "strict") -> Any:
        """Decodes the content of ``node`` as a type; its name is not checked."""
        codec = self.type(type_id)
        try:
            # Nil is honoured as for a nillable element of the type.
            if node.attrib and is_nil(node):
                return None
            return codec.decode(node, namespaces != "ignore")
        except Failure as failure:
            raise DecodeError(failure.code, failure.path(codec.name), failure.detail) from None
        except RecursionError:
            raise DecodeError("depth-limit", codec.name, _TOO_DEEP) from None

    def _encode_root(self, codec: Any, ns: str, local: str, nillable: bool, value: object, options: Mapping[str, Any]) -> str:
        st = EncodeState(options.get("qualified", True), options.get("indent"), options.get("declarations") or {})
        parent_default = (options.get("declarations") or {}).get("", "")
        if value is None or value is NIL:
            if not nillable:
                raise Failure("nil-not-allowed", f"element <{local}> is not nillable; None is not allowed")
            xml = st.nil_element(local, ns, parent_default)
        else:
            xml = codec.encode(value, local, ns, st, parent_default, options.get("depth", 0))
        return st.declare_xsi(xml)

    def encode_element(self, element_id: str, value: object, **options: Any) -> str:
        """Writes a value as a global element. Options: qualified (default True), indent,
        declarations (prefixes the enclosing document declares), depth."""
        name, ns, nillable, codec = self._element(element_id)
        try:
            return self._encode_root(codec, ns, name, nillable, value, options)
        except Failure as failure:
            raise EncodeError(failure.code, failure.path(codec.name if isinstance(codec, ComplexCodec) else name), failure.detail) from None
        except RecursionError:
            raise EncodeError("depth-limit", codec.name if isinstance(codec, ComplexCodec) else name, _TOO_DEEP) from None

    def encode_type(self, type_id: str, ns: str, local: str, value: object, **options: Any) -> str:
        """Writes a value of a type as an element ``{ns}local``; None is written as nil."""
        codec = self.type(type_id)
        try:
            return self._encode_root(codec, ns, local, True, value, options)
        except Failure as failure:
            raise EncodeError(failure.code, failure.path(codec.name), failure.detail) from None
        except RecursionError:
            raise EncodeError("depth-limit", codec.name, _TOO_DEEP) from None
