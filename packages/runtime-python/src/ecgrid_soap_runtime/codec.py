"""The XML codec, driven by a schema descriptor (the JSON every ecgrid-codegen SDK carries, the
same the TypeScript runtime uses; a generated Python SDK holds it in its ``schema.py``) and the
model classes bound to its type ids. It decodes strictly
(unknown, misplaced or missing elements, unknown enumeration values and bad numbers fail with
the path of the value) and writes exactly the bytes the TypeScript runtime writes."""

from __future__ import annotations

import builtins
import enum
import xml.etree.ElementTree as ET
from typing import Any, Mapping

from ._builtins import BUILTINS
from ._array import SoapArrayCodec
from ._complex import ComplexCodec
from ._derive import Registry
from ._fast import FastDecoders, FastEncoders, GiveUp
from ._stream import StreamPlans, decode_stream
from ._groups import GroupPlan, Plan
from ._simple import (
    AnyTypeCodec,
    AttributePlan,
    Failure,
    ListCodec,
    ParticlePlan,
    RestrictedCodec,
    SimpleCodec,
    SimpleValueCodec,
    UnionCodec,
    _drive,
)
from ._slot import decode_occurrence, encode_occurrence, value_codec_of
from ._state import EncodeState
from ._xml import DEFAULT_XML_LIMITS, XmlLimits, excerpt, gc_paused, split_tag
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
    XML names to the Python attribute names that differ from them (``{"from": "from_"}``);
    ``groups`` binds, per type id and group name, the classes of a repeated group's occurrences
    (one per option of a choice, one for a sequence; mappings where none is bound).
    Raises SchemaError when the descriptor is inconsistent."""

    def __init__(
        self,
        schema: Mapping[str, Any],
        classes: Mapping[str, type],
        renames: Mapping[str, Mapping[str, str]],
        groups: Mapping[str, Mapping[str, tuple[type, ...]]] | None = None,
    ) -> None:
        self._schema = schema
        self._groups = groups or {}
        self._types: dict[str, Any] = {}
        self._creating: set[str] = set()
        self._classes = classes
        self._renames = renames
        class_ids = {cls: type_id for type_id, cls in classes.items() if schema["types"].get(type_id, {}).get("kind") == "complex"}
        self._registry = Registry(schema["types"], self.type, class_ids)
        self._plans: list[ParticlePlan] = []
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
                array = self._types[type_id]
                array.item = self.type(descriptor["item"])
                array.item_plan = self._plan("element", "item", "item", "", 1, 1, True, array.item)
        self._elements: dict[str, ParticlePlan] = {}
        for element_id, e in schema["elements"].items():
            plan = self._plan("element", e["name"], e["name"], e["ns"], 1, 1, e["nillable"], self.type(e["type"]))
            plan.id = element_id
            plan.abstract = e.get("abstract") is True
            self._elements[element_id] = plan
        # Members of a head: every element whose substitutionGroup chain reaches it, in schema order.
        for element_id, e in schema["elements"].items():
            head = e.get("substitutionGroup")
            for _ in range(64):
                if head is None:
                    break
                head_plan = self._element(head)
                head_plan.members = [*(head_plan.members or []), self._elements[element_id]]
                head = schema["elements"].get(head, {}).get("substitutionGroup")
        for plan in self._elements.values():
            if plan.abstract and plan.members is None:
                plan.members = []
        for type_id, descriptor, codec in pending:
            self._fill(type_id, descriptor, codec)
        # fixed/default apply where the type has a simple value (a simple type or simple content).
        for plan in self._plans:
            if value_codec_of(plan.type) is None:
                plan.fixed = plan.default = None
        self._fast = FastDecoders()
        #: The fast decoder of each global element, built on first use.
        self._fast_elements: dict[str, Any] = {}
        self._stream = StreamPlans()
        self._fast_encoders = FastEncoders()
        #: The fast encoder of each global element (None: the general encoder only).
        self._fast_encoding: dict[int, Any] = {}
        #: The streaming table of each global element read as a response (None: not streamed).
        self._stream_slots: dict[str, Any] = {}

    def _plan(self, kind: str, name: str, attr: str, ns: str, min: int, max: int, nillable: bool, type: Any, fixed: str | None = None, default: str | None = None) -> ParticlePlan:
        plan = ParticlePlan(kind, name, attr, ns, min, max, nillable, type, self._registry, fixed, default)
        self._plans.append(plan)
        return plan

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
        if type_id in self._creating:
            raise SchemaError(f"type {type_id} derives from itself")
        self._creating.add(type_id)
        codec: Any = AnyTypeCodec() if type_id == _ANY_TYPE else self._simple(type_id)
        self._creating.discard(type_id)
        self._types[type_id] = codec
        return codec

    def _simple(self, type_id: str) -> SimpleValueCodec:
        """Builtins, restrictions and enumerations (down to their builtin), lists and unions."""
        if type_id.startswith(_BUILTIN_PREFIX) and type_id[len(_BUILTIN_PREFIX) :] in BUILTINS:
            builtin = type_id[len(_BUILTIN_PREFIX) :]
            return SimpleCodec(type_id, builtin, builtin, None, None)
        descriptor = self._schema["types"].get(type_id)
        if descriptor is None:
            raise SchemaError(f"type {type_id} is not defined in the schema")
        kind = descriptor["kind"]
        if kind == "list":
            return ListCodec(type_id, descriptor["name"], self._simple_of(descriptor["item"], f"the items of list {type_id}"))
        if kind == "union":
            return UnionCodec(type_id, descriptor["name"], [self._simple_of(m, f"a member of union {type_id}") for m in descriptor["members"]])
        if kind not in ("simple", "enum"):
            raise SchemaError(f"type {type_id} is {kind} where a simple type is required")
        base = self._simple_of(descriptor["base"], f"the restriction {type_id}")
        values = tuple(descriptor["values"]) if kind == "enum" else None
        if isinstance(base, SimpleCodec):
            bound = self._classes.get(type_id)
            enum_class = bound if kind == "enum" and isinstance(bound, type) and issubclass(bound, enum.Enum) else None
            # The most derived enumeration wins; a restriction without one keeps its base's.
            if values is None:
                values, enum_class = base.values, base.enum_class
            return SimpleCodec(type_id, descriptor["name"], base.builtin, values, enum_class)
        return RestrictedCodec(type_id, descriptor["name"], base, values)

    def _simple_of(self, type_id: str, where: str) -> SimpleValueCodec:
        codec = self.type(type_id)
        if not isinstance(codec, SimpleValueCodec):
            raise SchemaError(f"{where} must have a simple type ({type_id} is not one)")
        return codec

    def _group_classes(self, type_id: str, name: str) -> tuple[builtins.type, ...]:
        """The classes of a repeated group: bound on the type, or on the base it comes from."""
        current: str | None = type_id
        for _ in range(64):
            if current is None:
                break
            found = self._groups.get(current, {}).get(name)
            if found is not None:
                return tuple(found)
            descriptor = self._schema["types"].get(current)
            current = descriptor.get("base") if descriptor is not None else None
        return ()

    def _particles(self, type_id: str, content: Any, renames: Mapping[str, str], known: set[str], elements: list[ParticlePlan]) -> list[Plan]:
        out: list[Plan] = []
        for p in content:
            attr = renames.get(p["name"], p["name"])
            if p["kind"] == "any":
                known.add(attr)
                out.append(ParticlePlan("any", p["name"], attr, "", p["min"], p["max"], False, None))
            elif p["kind"] == "element":
                # The same element declared twice in one content model (``a, b, a``, valid XML Schema): one attribute.
                codec = self.type(p["type"])
                twin = attr in known and any(e.name == p["name"] and e.ns == p["ns"] and e.type is codec for e in elements)
                known.add(attr)
                plan = self._plan("element", p["name"], attr, p["ns"], p["min"], p["max"], p["nillable"], codec, p.get("fixed"), p.get("default"))
                plan.twin = twin
                if p.get("substitutes") is not None:
                    # Only a reference to a global element has substitutes: the head's own declaration says if it is abstract.
                    head = self._elements.get("{" + p["ns"] + "}" + p["name"] if p["ns"] else p["name"])
                    plan.abstract = head is not None and head.abstract
                    members = [self._element(m) for m in p["substitutes"]]
                    plan.members = members if members or plan.abstract else None
                elements.append(plan)
                out.append(plan)
            elif p["kind"] in ("choice", "sequence"):
                # A choice that occurs once is one field when its options have classes (a value of
                # one of them); else, like a sequence that occurs once, it lends its fields.
                classes = self._group_classes(type_id, p["name"]) if p["max"] != 1 or p["kind"] == "choice" else ()
                own_field = p["max"] != 1 or bool(classes)
                inner: set[str] = set() if own_field else known
                if own_field:
                    known.add(attr)
                children = self._particles(type_id, p["options"] if p["kind"] == "choice" else p["content"], renames, inner, elements)
                if p["kind"] == "choice" and not children:
                    raise SchemaError(f"choice {p['name']} of type {type_id} has no options")
                out.append(GroupPlan(p["kind"], p["name"], attr, p["min"], p["max"], children, classes, frozenset(inner)))
            else:
                raise SchemaError(f"type {type_id} has a particle of unknown kind {p['kind']}")
        return out

    def _fill(self, type_id: str, descriptor: Mapping[str, Any], codec: ComplexCodec) -> None:
        renames = self._renames.get(type_id, {})
        codec.abstract = descriptor.get("abstract") is True
        codec.all = descriptor.get("all") is True
        known: set[str] = set()
        if "text" in descriptor:
            codec.text = self._simple_of(descriptor["text"], f"the simple content of {type_id}")
            codec.value_attr = renames.get("$value", "$value")
            known.add(codec.value_attr)
        if descriptor.get("mixed") is True:
            codec.mixed_attr = renames.get("$text", "$text")
            known.add(codec.mixed_attr)
        if descriptor.get("anyAttribute") is True:
            codec.kept_attr = renames.get("$attributes", "$attributes")
            known.add(codec.kept_attr)
        codec.particles = self._particles(type_id, descriptor["content"], renames, known, codec.elements)
        for a in descriptor.get("attributes", ()):
            simple = self._simple_of(a["type"], f"attribute {a['name']} of {descriptor['name']}")
            attr = renames.get(a["name"], a["name"])
            known.add(attr)
            codec.attributes.append(AttributePlan(a["name"], attr, a["ns"], a["required"], simple, a.get("fixed")))
        codec.known = frozenset(known)
        codec.flat = not codec.all and codec.mixed_attr is None and codec.text is None and all(p.kind in ("element", "any") for p in codec.particles)

    def _element(self, element_id: str) -> ParticlePlan:
        element = self._elements.get(element_id)
        if element is None:
            raise SchemaError(f"element {element_id} is not defined in the schema")
        return element

    def _decode(self, plan: ParticlePlan, node: ET.Element, strict: bool) -> object:
        steps = decode_occurrence(plan, node, strict)

        def nested(request: tuple[Any, ET.Element]) -> Any:
            return getattr(request[0], "decode_steps", None) and request[0].decode_steps(request[1], strict)

        return _drive(steps, nested, lambda request: request[0].decode(request[1], strict))

    @staticmethod
    def _root_name(plan: ParticlePlan) -> str:
        return str(plan.type.name) if isinstance(plan.type, ComplexCodec) else plan.name

    def decode_element(self, element_id: str, node: ET.Element, *, namespaces: str = "strict") -> Any:
        """Decodes ``node`` as a global element (its name and namespace are checked)."""
        plan = self._element(element_id)
        name, ns = plan.name, plan.ns
        strict = namespaces != "ignore"
        root = self._root_name(plan)
        try:
            node_ns, local = split_tag(node.tag)
            if local != name:
                raise Failure("unexpected-element", f"expected element <{name}>, found <{excerpt(local)}>")
            if strict and node_ns != ns:
                found = "no namespace" if node_ns == "" else f'namespace "{excerpt(node_ns)}"'
                raise Failure("wrong-namespace", f'element <{excerpt(local)}> is in {found}, expected namespace "{ns}"')
            if strict:
                fast = self._fast_elements.get(element_id)
                if fast is None:
                    fast = self._fast_elements[element_id] = self._fast.for_plan(plan)
                try:
                    with gc_paused():
                        return fast(node)
                except (GiveUp, RecursionError):
                    # The general decoder decides: the value, or the error with its path.
                    pass
            value = self._decode(plan, node, strict)
            # A global element is never "absent": nil is None.
            return None if value is NIL else value
        except Failure as failure:
            raise DecodeError(failure.code, failure.path(root), failure.detail) from None
        except RecursionError:
            raise DecodeError("depth-limit", root, _TOO_DEEP) from None

    def stream_response(self, text: str | bytes, element_id: str, limits: XmlLimits | None = None) -> Any:
        """The value of ``element_id`` as the first element of the Body of the SOAP envelope
        ``text``, read straight from the parser's events (no tree), when the response has the
        common shape (no Header, no Fault, plain sequences of elements with simple values, no
        attributes but ``xsi:nil``, well within ``limits``); raises ``GiveUp`` otherwise, and
        never another error: then :func:`decode_envelope` and :meth:`decode_element` decide."""
        plan = self._element(element_id)
        if element_id not in self._stream_slots:
            self._stream_slots[element_id] = self._stream.slot(plan)
        value = decode_stream(text, plan, self._stream_slots[element_id], limits or DEFAULT_XML_LIMITS, self._stream.longest)
        # A global element is never "absent": nil is None.
        return None if value is NIL else value

    def decode_response(self, text: str | bytes, element_id: str, *, limits: XmlLimits | None = None) -> Any:
        """The value of ``element_id`` as the first element of the Body of the SOAP envelope
        ``text``: what ``decode_element(element_id, decode_envelope(text, limits=limits).body)``
        gives, value and errors alike (SoapFault, EnvelopeError, XmlParseError, DecodeError),
        read straight from the parser when the response has the common shape
        (:meth:`stream_response`)."""
        try:
            return self.stream_response(text, element_id, limits)
        except GiveUp:
            pass
        from .envelope import decode_envelope

        return self.decode_element(element_id, decode_envelope(text, limits=limits).body)

    def _type_plan(self, type_id: str, ns: str = "", local: str | None = None) -> ParticlePlan:
        """A nillable element for values of a type outside any element declaration."""
        codec = self.type(type_id)
        return ParticlePlan("element", local or codec.name, local or codec.name, ns, 1, 1, True, codec, self._registry)

    def decode_type(self, type_id: str, node: ET.Element, *, namespaces: str = "strict") -> Any:
        """Decodes the content of ``node`` as a type; its name is not checked."""
        plan = self._type_plan(type_id)
        try:
            # Nil is honoured as for a nillable element of the type.
            return self._decode(plan, node, namespaces != "ignore")
        except Failure as failure:
            raise DecodeError(failure.code, failure.path(plan.type.name), failure.detail) from None
        except RecursionError:
            raise DecodeError("depth-limit", plan.type.name, _TOO_DEEP) from None

    def _encode_root(self, plan: ParticlePlan, value: object, options: Mapping[str, Any]) -> str:
        st = EncodeState(options.get("qualified", True), options.get("indent"), options.get("declarations") or {}, options.get("xsi_types", False))
        parent_default = (options.get("declarations") or {}).get("", "")
        if (value is None or value is NIL) and not plan.nillable:
            raise Failure("nil-not-allowed", f"element <{plan.name}> is not nillable; None is not allowed")
        if not st.xsi_types and value is not None and value is not NIL:
            if id(plan) not in self._fast_encoding:
                self._fast_encoding[id(plan)] = self._fast_encoders.for_plan(plan)
            fast = self._fast_encoding[id(plan)]
            if fast is not None:
                try:
                    return st.declare_xsi(fast(value, st, parent_default, options.get("depth", 0)))
                except Exception:
                    # GiveUp, or a failure: the general encoder writes the value or says what is wrong.
                    pass
        steps = encode_occurrence(plan, value, st, parent_default, options.get("depth", 0))

        def nested(request: tuple[Any, object, str, str, str, int, Any]) -> Any:
            codec = request[0]
            return getattr(codec, "encode_steps", None) and codec.encode_steps(request[1], request[2], request[3], st, request[4], request[5], request[6])

        def leaf(request: tuple[Any, object, str, str, str, int, Any]) -> str:
            return str(request[0].encode(request[1], request[2], request[3], st, request[4], request[5]))

        xml = str(_drive(steps, nested, leaf))
        return st.declare_xsi(xml)

    def encode_element(self, element_id: str, value: object, **options: Any) -> str:
        """Writes a value as a global element. Options: qualified (default True), indent,
        declarations (prefixes the enclosing document declares), depth, xsi_types (rpc/encoded:
        ``xsi:type`` on every simple-typed element, ``xsd:int`` or ``t:Color``)."""
        plan = self._element(element_id)
        try:
            return self._encode_root(plan, value, options)
        except Failure as failure:
            raise EncodeError(failure.code, failure.path(self._root_name(plan)), failure.detail) from None
        except RecursionError:
            raise EncodeError("depth-limit", self._root_name(plan), _TOO_DEEP) from None

    def encode_type(self, type_id: str, ns: str, local: str, value: object, **options: Any) -> str:
        """Writes a value of a type as an element ``{ns}local``; None is written as nil."""
        plan = self._type_plan(type_id, ns, local)
        try:
            return self._encode_root(plan, value, options)
        except Failure as failure:
            raise EncodeError(failure.code, failure.path(plan.type.name), failure.detail) from None
        except RecursionError:
            raise EncodeError("depth-limit", plan.type.name, _TOO_DEEP) from None
