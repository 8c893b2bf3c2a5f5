"""Complex types: attributes, then child elements matched against the particles in schema
order, into and out of the model dataclasses. Strict like the TypeScript runtime: unknown,
misplaced or surplus elements and stray text fail with the path of the offending value.

Absent and nil are kept apart: an optional field is ``None`` when its element is absent; a
required nillable field is ``None`` when nil; a field both optional and nillable is ``NIL`` when
nil. Lists are ``[]`` when absent, and a nil item is ``None``."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from dataclasses import fields, is_dataclass
from typing import Any, Mapping, cast

from ._simple import (
    AttributePlan,
    DecodeSteps,
    EncodeSteps,
    Failure,
    ParticlePlan,
    SimpleValueCodec,
    _text_content,
    decode_nested,
    encode_nested,
    quote,
    require_element,
)
from ._builtins import BUILTINS, BuiltinValueError
from ._groups import Plan, decode_general, encode_particles, interleave
from ._slot import decode_occurrence, encode_occurrence
from ._state import Declared, EncodeState
from ._xml import XSI_NS, escape_attribute, escape_text, excerpt, split_tag
from .values import NIL

__all__ = ["ComplexCodec"]

_WHITESPACE = frozenset(" \t\n\r")
_CLARK = re.compile(r"\{([^}]*)\}(.*)", re.DOTALL)
_XMLNS_NS = "http://www.w3.org/2000/xmlns/"


def _is_ncname(name: str) -> bool:
    try:
        return BUILTINS["NCName"].parse(name) == name
    except BuiltinValueError:
        return False


def _blank(text: str | None) -> bool:
    return text is None or all(c in _WHITESPACE for c in text)


def _matches(p: ParticlePlan, ns: str, local: str, strict: bool) -> bool:
    return p.matches(ns, local, strict)


def _matches_at(particles: list[ParticlePlan], i: int, ns: str, local: str, strict: bool) -> bool:
    """An xs:any particle takes any element that no later element particle would take."""
    p = particles[i]
    if p.kind == "element":
        return _matches(p, ns, local, strict)
    return not any(q.kind == "element" and _matches(q, ns, local, strict) for q in particles[i + 1 :])


def _describe_count(minimum: int, name: str) -> str:
    return f"missing required element <{name}>" if minimum == 1 else f"expected at least {minimum} <{name}> elements"


class ComplexCodec:
    kind = "complex"

    def __init__(self, type_id: str, name: str, cls: type | None) -> None:
        self.id = type_id
        self.name = name
        self.cls = cls
        #: The content model; the fast path (``flat``) when it is a plain sequence of elements.
        self.particles: list[Plan] = []
        self.flat = True
        #: Every element particle, nested groups' included (for messages).
        self.elements: list[ParticlePlan] = []
        #: ``xs:all``: children in any order.
        self.all = False
        #: Mixed content: where the text segments go (None: element-only content).
        self.mixed_attr: str | None = None
        #: ``xs:anyAttribute``: where undeclared attributes are kept (None: they are not).
        self.kept_attr: str | None = None
        self.attributes: list[AttributePlan] = []
        #: Abstract: an element of this type needs an xsi:type naming a concrete derived type.
        self.abstract = False
        #: simpleContent: the codec of the element's text, kept in ``value_attr``.
        self.text: SimpleValueCodec | None = None
        self.value_attr = "$value"
        #: The attribute and mapping keys a value may have.
        self.known: frozenset[str] = frozenset()

    # -- decoding ------------------------------------------------------------------------------

    def decode(self, node: ET.Element, strict: bool) -> object:
        return decode_nested(self, node, strict)

    def _build(self, out: dict[str, object]) -> object:
        return self.cls(**out) if self.cls is not None else out

    def _keep_attributes(self, node: ET.Element, strict: bool, out: dict[str, object]) -> None:
        """``xs:anyAttribute``: the attributes no declared attribute takes (``xsi:`` ones aside), by
        Clark name in document order; None when there are none."""
        kept: dict[str, str] = {}
        for key, text in node.attrib.items():
            ns, local = split_tag(key)
            if ns == XSI_NS or any(local == a.name and (not strict or ns == a.ns) for a in self.attributes):
                continue
            kept[key] = text
        out[str(self.kept_attr)] = kept or None

    def _decode_attributes(self, node: ET.Element, strict: bool, out: dict[str, object]) -> None:
        if self.kept_attr is not None:
            self._keep_attributes(node, strict, out)
        for a in self.attributes:
            lexical = None
            for key, text in node.attrib.items():
                ns, local = split_tag(key)
                if local == a.name and (not strict or ns == a.ns):
                    lexical = text
                    break
            if lexical is None:
                if a.required:
                    raise Failure("missing-attribute", f'missing required attribute "{a.name}"', f".{a.name}")
                out[a.attr] = None
                continue
            try:
                value = a.type.parse_value(lexical)
                if a.fixed is not None and a.type.canonical(value) != a.type.canonical(a.type.parse_value(a.fixed)):
                    raise Failure("invalid-value", f'attribute "{a.name}" must have the fixed value {quote(a.fixed)}')
                out[a.attr] = value
            except Failure as failure:
                failure.segments.append(f".{a.name}")
                raise

    def decode_simple_content(self, node: ET.Element, strict: bool, lexical: str | None = None) -> tuple[object, object]:
        """simpleContent: the value and its text value (``lexical`` stands for an empty element's
        text: a default or fixed value)."""
        assert self.text is not None
        out: dict[str, object] = {}
        try:
            text = self.text.parse_value(_text_content(node) if lexical is None else lexical)
        except Failure as failure:
            failure.segments.append(".$value")
            raise
        out[self.value_attr] = text
        if self.attributes or self.kept_attr is not None:
            self._decode_attributes(node, strict, out)
        return self._build(out), text

    def text_of(self, value: object) -> object:
        """The text value of a simpleContent value (None when it has none)."""
        if isinstance(value, Mapping):
            return value.get(self.value_attr)
        return getattr(value, self.value_attr, None)

    def decode_steps(self, node: ET.Element, strict: bool) -> DecodeSteps:
        """The decoding as steps (see ``decode_nested``): complex and array children are yielded."""
        if self.text is not None:
            return self.decode_simple_content(node, strict)[0]
        out: dict[str, object] = {}
        if self.attributes or self.kept_attr is not None:
            self._decode_attributes(node, strict, out)
        if not self.flat:
            yield from decode_general(self.particles, self.elements, node, strict, out, self.mixed_attr, self.all)
            return self._build(out)
        particles = cast("list[ParticlePlan]", self.particles)
        if not _blank(node.text):
            raise Failure("unexpected-text", "text is not allowed here (element-only content)")
        n = len(particles)
        pi = 0
        count = 0
        values: list[object] = []

        def leave() -> None:
            nonlocal pi, count, values
            p = particles[pi]
            if count < p.min:
                raise Failure("missing-element", _describe_count(p.min, p.name), f".{p.name}")
            if p.many:
                out[p.attr] = values
            elif count == 0 and not p.twin:
                out[p.attr] = None
            pi, count, values = pi + 1, 0, []

        for child in node:
            ns, local = split_tag(child.tag)
            current = particles[pi] if pi < n else None
            if current is None or (current.max != -1 and count >= current.max) or not _matches_at(particles, pi, ns, local, strict):
                j = pi + 1
                while j < n and not _matches_at(particles, j, ns, local, strict):
                    j += 1
                if j >= n:
                    self._reject(pi, count, ns, local, strict)
                while pi < j:
                    leave()
            p = particles[pi]
            if p.kind == "any":
                value: object = child
            else:
                try:
                    value = yield from decode_occurrence(p, child, strict)
                except Failure as failure:
                    failure.segments.append(f".{p.name}[{count}]" if p.many else f".{p.name}")
                    raise
            if p.many:
                values.append(value)
            else:
                out[p.attr] = value
            count += 1
            if not _blank(child.tail):
                raise Failure("unexpected-text", "text is not allowed here (element-only content)")
        while pi < n:
            leave()
        return self._build(out)

    def _reject(self, pi: int, count: int, ns: str, local: str, strict: bool) -> None:
        """Explains why no particle at or after ``pi`` takes the element (its name and namespace
        quoted short: they come from the document)."""
        particles = cast("list[ParticlePlan]", self.particles)
        shown_local, shown_ns = excerpt(local), excerpt(ns)
        if pi < len(particles) and _matches_at(particles, pi, ns, local, strict):
            current = particles[pi]
            raise Failure("too-many-elements", f"at most {current.max} <{shown_local}> element(s) allowed", f".{current.name}")
        segment = f".{shown_local}"
        if strict:
            for p in particles:
                if p.kind == "element" and p.name == local and p.ns != ns:
                    found = "no namespace" if ns == "" else f'namespace "{shown_ns}"'
                    wanted = "no namespace" if p.ns == "" else f'namespace "{p.ns}"'
                    raise Failure("wrong-namespace", f"element <{shown_local}> is in {found}, expected {wanted}", segment)
        for j in range(pi):
            if _matches_at(particles, j, ns, local, strict):
                raise Failure("unexpected-element", f"element <{shown_local}> is out of schema order", segment)
        expected: list[str] = []
        for j in range(pi, len(particles)):
            p = particles[j]
            if j == pi and p.max != -1 and count >= p.max:
                continue
            expected.append("any element" if p.kind == "any" else f"<{p.name}>")
            if p.min > (count if j == pi else 0):
                break
        hint = "no more elements expected" if not expected else f"expected {' or '.join(expected)}"
        raise Failure("unexpected-element", f"unexpected element <{shown_local}> ({hint})", segment)

    # -- encoding ------------------------------------------------------------------------------

    def _fields(self, value: object) -> Mapping[str, Any]:
        """The value's fields by attribute name: a model instance, or a mapping with the same keys."""
        if self.cls is not None and isinstance(value, self.cls):
            return {f.name: getattr(value, f.name) for f in fields(value)} if is_dataclass(value) else vars(value)
        if isinstance(value, Mapping):
            for key in value:
                if key not in self.known and key != "$type":
                    raise Failure("unknown-property", f'unknown property "{key}"', f".{key}")
            return value
        expected = self.cls.__name__ if self.cls is not None else "a mapping"
        raise Failure("invalid-type", f"expected {expected}")

    def _encode_attributes(self, values: Mapping[str, Any], st: EncodeState, d: Declared) -> str:
        out: list[str] = []
        for a in self.attributes:
            v = values.get(a.attr)
            if v is None or v is NIL:
                if a.required:
                    raise Failure("missing-attribute", f'missing required attribute "{a.name}"', f".{a.name}")
                continue
            try:
                text = a.type.format_value(v)
                if a.fixed is not None and a.type.canonical(v) != a.type.canonical(a.type.parse_value(a.fixed)):
                    raise Failure("invalid-value", f'attribute "{a.name}" must have the fixed value {quote(a.fixed)}')
            except Failure as failure:
                failure.segments.append(f".{a.name}")
                raise
            name = a.name if a.ns == "" else f"{st.prefix_for(a.ns, d)}:{a.name}"
            out.append(f' {name}="{escape_attribute(text)}"')
        return "".join(out)

    def _encode_kept(self, kept: object, st: EncodeState, d: Declared) -> str:
        """``xs:anyAttribute``: the kept attributes (Clark name -> string), after the declared ones; a
        namespace gets a prefix in scope or a declared one. A declared attribute's name, an ``xsi:``
        or ``xmlns`` name, or a name that is no NCName is refused."""
        if not isinstance(kept, Mapping):
            raise Failure("invalid-type", "expected a mapping of attribute values by name", ".$attributes")
        out: list[str] = []
        for key, v in kept.items():
            segment = f".$attributes[{json.dumps(key)}]"
            if not isinstance(v, str):
                raise Failure("invalid-type", "expected a string", segment)
            if not isinstance(key, str):
                raise Failure("invalid-value", "an attribute name is a string", segment)
            clark = _CLARK.fullmatch(key)
            ns, local = (clark.group(1), clark.group(2)) if clark else ("", key)
            if not _is_ncname(local) or (clark is not None and ns == ""):
                raise Failure("invalid-value", quote(key) + " is not an attribute name ({namespace}local or local)", segment)
            if ns in (XSI_NS, _XMLNS_NS) or (ns == "" and local == "xmlns"):
                raise Failure("invalid-value", f"{quote(key)} cannot be written as a kept attribute", segment)
            if any(a.name == local and a.ns == ns for a in self.attributes):
                raise Failure("invalid-value", f"{quote(key)} is a declared attribute: set its field instead", segment)
            out.append(f' {local if ns == "" else f"{st.prefix_for(ns, d)}:{local}"}="{escape_attribute(v)}"')
        return "".join(out)

    def encode(self, value: object, local: str, ns: str, st: EncodeState, parent_default: str, depth: int) -> str:
        return encode_nested(self, value, local, ns, st, parent_default, depth)

    def encode_steps(self, value: object, local: str, ns: str, st: EncodeState, parent_default: str, depth: int, xsi_type: Any = None) -> EncodeSteps:
        """The encoding as steps (see ``encode_nested``): complex and array children are yielded.
        ``xsi_type``: the codec of the derived type the value is of, named in ``xsi:type``."""
        values = self._fields(value)
        default = st.default_inside(ns, parent_default)
        d = Declared()
        attributes = ""
        if xsi_type is not None:
            st.xsi_used = True
            attributes = f' {st.xsi_prefix}:type="{st.qname_value(xsi_type.id, d, default)}"'
        if self.attributes:
            attributes += self._encode_attributes(values, st, d)
        if self.kept_attr is not None and values.get(self.kept_attr) is not None:
            attributes += self._encode_kept(values.get(self.kept_attr), st, d)
        head = st.open_tag(local, ns, parent_default) + d.text + attributes
        if self.text is not None:
            v = values.get(self.value_attr)
            if v is None:
                raise Failure("missing-element", "missing the text value ($value)", ".$value")
            try:
                lexical = self.text.format_value(v)
            except Failure as failure:
                failure.segments.append(".$value")
                raise
            return f"{head}/>" if lexical == "" else f"{head}>{escape_text(lexical)}</{local}>"
        saved = st.enter_scope(d)
        if not self.flat:
            if self.mixed_attr is not None:
                parts: list[str] = []
                yield from encode_particles(self.particles, values, st, default, depth + 1, "", parts)
                text = interleave(values.get(self.mixed_attr), parts)
            else:
                text = yield from encode_particles(self.particles, values, st, default, depth + 1, st.line(depth + 1) if st.pretty else "", None)
            st.scope = saved
            if text == "":
                return f"{head}/>"
            return f"{head}>{text}{st.line(depth) if st.pretty and self.mixed_attr is None else ''}</{local}>"
        line = st.line(depth + 1) if st.pretty else ""
        body: list[str] = []
        for p in cast("list[ParticlePlan]", self.particles):
            if p.twin:
                continue
            v = values.get(p.attr)
            if p.many:
                items = [] if v is None else v
                if not isinstance(items, (list, tuple)):
                    raise Failure("invalid-type", "expected a list", f".{p.name}")
                if len(items) < p.min:
                    detail = f"expected at least {p.min} element(s)" if p.kind == "any" else f"missing required element <{p.name}>"
                    if items:
                        detail = f"expected at least {p.min} <{p.name}> element(s), got {len(items)}"
                    raise Failure("missing-element", detail, f".{p.name}")
                if p.max != -1 and len(items) > p.max:
                    raise Failure("too-many-elements", f"at most {p.max} <{p.name}> element(s) allowed, got {len(items)}", f".{p.name}")
                for i, item in enumerate(items):
                    try:
                        piece = st.write_kept(require_element(item), default) if p.kind == "any" else (yield from encode_occurrence(p, item, st, default, depth + 1))
                    except Failure as failure:
                        failure.segments.append(f".{p.name}[{i}]")
                        raise
                    body.append(line + piece)
            else:
                if v is None and not (p.nillable and p.min > 0):
                    if p.min > 0:
                        raise Failure("missing-element", f"missing required element <{p.name}>", f".{p.name}")
                    continue
                try:
                    body.append(line + (yield from encode_occurrence(p, v, st, default, depth + 1)))
                except Failure as failure:
                    failure.segments.append(f".{p.name}")
                    raise
        st.scope = saved
        if not body:
            return f"{head}/>"
        return f"{head}>{''.join(body)}{st.line(depth) if st.pretty else ''}</{local}>"
