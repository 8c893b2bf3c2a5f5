"""Nested model groups (``xs:choice``, nested ``xs:sequence``), ``xs:all`` and mixed content: the
general path of complex types, as the TypeScript runtime's ``decode.ts``/``encode.ts``/``groups.ts``
take it. Plain sequences of elements take the fast path in ``_complex.py``.

Values: a sequence that occurs once lends its fields to the enclosing value; a choice that occurs
once is one field holding an instance of the class of the option taken (without bound classes:
its options are fields of which at most one is given); a repeated group is a list with one value
per occurrence: an instance of the option's class for a choice, of the sequence's class for a
sequence (a mapping where no class is bound). Matching is deterministic with one element of lookahead (XSD's Unique
Particle Attribution rule): a group is entered when the next element can start it, a choice takes
the first option (xs:any options last) that can start with the element."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import fields, is_dataclass
from typing import Any, Generator, Mapping, Union

from ._simple import EncodeSteps, Failure, ParticlePlan, require_element
from ._slot import decode_occurrence, encode_occurrence
from ._state import EncodeState
from ._xml import escape_text, excerpt, split_tag
from .values import NIL

__all__ = ["GroupPlan", "Plan", "decode_general", "encode_particles", "interleave", "starts"]

_WHITESPACE = frozenset(" \t\n\r")


class GroupPlan:
    """A choice or a nested sequence, with its occurrence bounds. ``classes``: for a choice, the
    class of each option's values (a choice that occurs once is then one field holding one of
    them); for a repeated sequence, the class of its occurrences."""

    def __init__(self, kind: str, name: str, attr: str, min: int, max: int, children: list[Plan], classes: tuple[type, ...], props: frozenset[str]) -> None:
        self.kind = kind
        self.name = name
        self.attr = attr
        self.min = min
        self.max = max
        self.many = max != 1
        self.children = children
        self.inner_emptiable: bool = any(c.emptiable for c in children) if kind == "choice" else all(c.emptiable for c in children)
        self.emptiable: bool = min == 0 or self.inner_emptiable
        # xs:any options come last, so one is only reached when no other option starts.
        self.try_order = [c for c in children if c.kind != "any"] + [c for c in children if c.kind == "any"]
        self.classes = classes
        #: The attributes an occurrence of a repeated group may have.
        self.props = props


Plan = Union[ParticlePlan, GroupPlan]
DecodeGen = Generator[tuple[Any, ET.Element], object, Any]


def _blank(text: str | None) -> bool:
    return text is None or all(c in _WHITESPACE for c in text)


def _matches(p: ParticlePlan, child: ET.Element, strict: bool) -> bool:
    ns, local = split_tag(child.tag)
    return p.matches(ns, local, strict)


def starts(p: Plan, child: ET.Element, strict: bool) -> bool:
    """Whether ``p`` can begin with ``child`` (its first set contains it)."""
    if isinstance(p, ParticlePlan):
        return True if p.kind == "any" else _matches(p, child, strict)
    if p.kind == "choice":
        return any(starts(o, child, strict) for o in p.children)
    for c in p.children:
        if starts(c, child, strict):
            return True
        if not c.emptiable:
            return False
    return False


def _matches_at(particles: list[Plan], i: int, child: ET.Element, strict: bool) -> bool:
    """An xs:any particle takes any element that no later particle would take."""
    p = particles[i]
    if p.kind == "element":
        return _matches(p, child, strict)  # type: ignore[arg-type]
    if p.kind != "any":
        return starts(p, child, strict)
    return not any(q.kind != "any" and starts(q, child, strict) for q in particles[i + 1 :])


def describe_first(p: Plan) -> str:
    if p.kind == "element":
        return f"<{p.name}>"
    if p.kind == "any":
        return "any element"
    assert isinstance(p, GroupPlan)
    if p.kind == "choice":
        return " or ".join(describe_first(o) for o in p.children)
    return "nothing" if not p.children else describe_first(p.children[0])


def _describe_count(minimum: int, name: str) -> str:
    return f"missing required element <{name}>" if minimum == 1 else f"expected at least {minimum} <{name}> elements"


# -- decoding ----------------------------------------------------------------------------------


class Walk:
    """The general path's cursor over the element children."""

    def __init__(self, elems: list[ET.Element], strict: bool, elements: list[ParticlePlan]) -> None:
        self.elems = elems
        self.pos = 0
        self.strict = strict
        #: Every element particle of the type, for messages.
        self.elements = elements


def wrong_namespace(particles: list[ParticlePlan], child: ET.Element, strict: bool) -> None:
    """In strict mode, an element whose local name a particle has in another namespace."""
    if not strict:
        return
    ns, local = split_tag(child.tag)
    for p in particles:
        if p.kind == "element" and p.name == local and p.ns != ns:
            found = "no namespace" if ns == "" else f'namespace "{excerpt(ns)}"'
            wanted = "no namespace" if p.ns == "" else f'namespace "{p.ns}"'
            raise Failure("wrong-namespace", f"element <{excerpt(local)}> is in {found}, expected {wanted}", f".{excerpt(local)}")


def _fail_missing(w: Walk, detail: str, segment: str) -> Failure:
    if w.pos < len(w.elems):
        wrong_namespace(w.elements, w.elems[w.pos], w.strict)
    return Failure("missing-element", detail, segment)


def _decode_sequence(content: list[Plan], w: Walk, out: dict[str, object]) -> DecodeGen:
    for i in range(len(content)):
        yield from _decode_particle(content, i, w, out)


def _decode_particle(lst: list[Plan], i: int, w: Walk, out: dict[str, object]) -> DecodeGen:
    p = lst[i]
    elems = w.elems

    def within(count: int) -> bool:
        return w.pos < len(elems) and (p.max == -1 or count < p.max)

    if isinstance(p, ParticlePlan) and p.kind == "element":
        count = 0
        items: list[object] | None = None
        while within(count):
            child = elems[w.pos]
            if not _matches(p, child, w.strict):
                break
            try:
                value = yield from decode_occurrence(p, child, w.strict)
            except Failure as failure:
                failure.segments.append(f".{p.name}[{count}]" if p.many else f".{p.name}")
                raise
            if not p.many:
                out[p.attr] = value
            else:
                if items is None:
                    items = []
                    out[p.attr] = items
                items.append(value)
            w.pos += 1
            count += 1
        if count < p.min:
            raise _fail_missing(w, _describe_count(p.min, p.name), f".{p.name}")
        if count == 0 and p.many:
            out[p.attr] = []
        return
    if isinstance(p, ParticlePlan):
        kept: list[object] = []
        while within(len(kept)) and _matches_at(lst, i, elems[w.pos], w.strict):
            kept.append(elems[w.pos])
            w.pos += 1
        if len(kept) < p.min:
            raise _fail_missing(w, f"expected at least {p.min} element(s)", f".{p.name}")
        out[p.attr] = kept
        return
    if p.kind == "choice":
        if not p.many and p.classes:
            # One field: an instance of the class of the option taken (None when none is).
            occurrence: dict[str, object] = {}
            try:
                index = yield from _decode_choice_once(p, w, occurrence)
            except Failure as failure:
                failure.segments.append(f".{p.name}")
                raise
            if index is None and p.min > 0 and not p.inner_emptiable:
                raise _fail_missing(w, f"missing choice {p.name}: expected {describe_first(p)}", f".{p.name}")
            out[p.attr] = None if index is None else _occurrence_value(p, index, occurrence)
            return
        if not p.many:
            taken = yield from _decode_choice_once(p, w, out)
            if taken is None and p.min > 0 and not p.inner_emptiable:
                raise _fail_missing(w, f"missing choice {p.name}: expected {describe_first(p)}", f".{p.name}")
            return
        yield from _decode_repeated(p, w, out)
        return
    if not p.many:
        # An optional sequence is there when the next element can start it.
        if p.min == 0 and (w.pos >= len(elems) or not starts(p, elems[w.pos], w.strict)):
            return
        yield from _decode_sequence(p.children, w, out)
        return
    yield from _decode_repeated(p, w, out)


def _occurrence_value(p: GroupPlan, option: int, occurrence: dict[str, object]) -> object:
    if not p.classes:
        return occurrence
    return p.classes[option if p.kind == "choice" else 0](**occurrence)


def _decode_repeated(p: GroupPlan, w: Walk, out: dict[str, object]) -> DecodeGen:
    """A repeated group: one value per occurrence under the attribute ``p.attr``."""
    items: list[object] = []
    while w.pos < len(w.elems) and (p.max == -1 or len(items) < p.max):
        before = w.pos
        occurrence: dict[str, object] = {}
        try:
            if p.kind == "choice":
                taken = yield from _decode_choice_once(p, w, occurrence)
            elif starts(p, w.elems[w.pos], w.strict):
                yield from _decode_sequence(p.children, w, occurrence)
                taken = 0
            else:
                taken = None
        except Failure as failure:
            failure.segments.append(f".{p.name}[{len(items)}]")
            raise
        if taken is None:
            break
        items.append(_occurrence_value(p, taken, occurrence))
        if w.pos == before:
            break
    if len(items) < p.min and not p.inner_emptiable:
        detail = f"missing {p.kind} {p.name}" if p.min == 1 else f"expected at least {p.min} occurrences of {p.kind} {p.name}"
        raise _fail_missing(w, f"{detail}: expected {describe_first(p)}", f".{p.name}")
    out[p.attr] = items


def _decode_choice_once(p: GroupPlan, w: Walk, out: dict[str, object]) -> DecodeGen:
    """Takes the option that starts with the next element: its index, or None when none does."""
    if w.pos >= len(w.elems):
        return None
    child = w.elems[w.pos]
    options = p.try_order
    for j, option in enumerate(options):
        if starts(option, child, w.strict):
            yield from _decode_particle(options, j, w, out)
            return p.children.index(option)
    return None


def _reject(w: Walk) -> Failure:
    """Explains why the element at the cursor is left over."""
    child = w.elems[w.pos]
    previous = w.elems[w.pos - 1] if w.pos > 0 else None
    local = excerpt(split_tag(child.tag)[1])
    for p in w.elements:
        if previous is not None and _matches(p, child, w.strict) and _matches(p, previous, w.strict):
            return Failure("too-many-elements", f"at most {p.max} <{local}> element(s) allowed here", f".{p.name}")
    wrong_namespace(w.elements, child, w.strict)
    for p in w.elements:
        if _matches(p, child, w.strict):
            return Failure("unexpected-element", f"element <{local}> is out of schema order", f".{local}")
    return Failure("unexpected-element", f"unexpected element <{local}>", f".{local}")


def _decode_all(particles: list[Plan], w: Walk, out: dict[str, object]) -> DecodeGen:
    """``xs:all``: each element at most once, in any order; decoded in schema order."""
    plans = [p for p in particles if isinstance(p, ParticlePlan)]
    found: list[ET.Element | None] = [None] * len(plans)
    while w.pos < len(w.elems):
        child = w.elems[w.pos]
        j = next((k for k, p in enumerate(plans) if _matches(p, child, w.strict)), -1)
        if j < 0:
            raise _reject(w)
        if found[j] is not None:
            raise Failure("too-many-elements", f"element <{plans[j].name}> may appear only once", f".{plans[j].name}")
        found[j] = child
        w.pos += 1
    for p, match in zip(plans, found):
        if match is None:
            if p.min > 0:
                raise Failure("missing-element", _describe_count(p.min, p.name), f".{p.name}")
            continue
        try:
            out[p.attr] = yield from decode_occurrence(p, match, w.strict)
        except Failure as failure:
            failure.segments.append(f".{p.name}")
            raise


def decode_general(particles: list[Plan], elements: list[ParticlePlan], node: ET.Element, strict: bool, out: dict[str, object], mixed_attr: str | None, is_all: bool) -> DecodeGen:
    """Nested groups, xs:all, mixed content (``mixed_attr``: where the text segments go)."""
    elems = list(node)
    if mixed_attr is not None:
        out[mixed_attr] = [node.text or ""] + [child.tail or "" for child in elems]
    else:
        if not _blank(node.text) or not all(_blank(child.tail) for child in elems):
            raise Failure("unexpected-text", "text is not allowed here (element-only content)")
    w = Walk(elems, strict, elements)
    if is_all:
        yield from _decode_all(particles, w, out)
    else:
        yield from _decode_sequence(particles, w, out)
    if w.pos < len(elems):
        raise _reject(w)


# -- encoding ----------------------------------------------------------------------------------


def _non_empty(v: object) -> bool:
    return v is not None and not (isinstance(v, (list, tuple)) and len(v) == 0)


def given(p: Plan, values: Mapping[str, Any]) -> bool:
    """Whether ``values`` gives anything for ``p``: a field that would write at least one element
    (NIL: a nil element, where nillable). None and empty lists give nothing."""
    if isinstance(p, ParticlePlan):
        v = values.get(p.attr)
        if v is NIL:
            return p.nillable
        return _non_empty(v)
    if p.many or (p.kind == "choice" and p.classes):
        return _non_empty(values.get(p.attr))
    return any(given(c, values) for c in p.children)


def _first_given_name(p: Plan, values: Mapping[str, Any]) -> str:
    if isinstance(p, ParticlePlan) or p.many or p.classes:
        return p.name
    for c in p.children:
        if given(c, values):
            return _first_given_name(c, values)
    return p.name


def chosen_option(p: GroupPlan, values: Mapping[str, Any], required: bool) -> Plan | None:
    """The option of a choice ``values`` gives: None when none (a failure when one is required and
    no option may be empty), a failure when more than one."""
    chosen: Plan | None = None
    for o in p.children:
        if not given(o, values):
            continue
        if chosen is not None:
            raise Failure(
                "unexpected-element",
                f"only one option of choice {p.name} may be given (found {describe_first(chosen)} and {describe_first(o)})",
                f".{_first_given_name(o, values)}",
            )
        chosen = o
    if chosen is None and required and not p.inner_emptiable:
        raise Failure("missing-element", f"missing choice {p.name}: expected {describe_first(p)}", f".{p.name}")
    return chosen


def _put(xml: str, line: str, parts: list[str] | None) -> str:
    if parts is None:
        return line + xml
    parts.append(xml)
    return ""


def encode_particles(particles: list[Plan], values: Mapping[str, Any], st: EncodeState, default: str, depth: int, line: str, parts: list[str] | None) -> EncodeSteps:
    """Writes the particles of ``values`` in schema order; ``depth`` is the children's level.
    For mixed content ``parts`` collects the child elements one by one instead."""
    body = ""
    for p in particles:
        body += yield from _encode_particle(p, values, st, default, depth, line, parts)
    return body


def _encode_particle(p: Plan, values: Mapping[str, Any], st: EncodeState, default: str, depth: int, line: str, parts: list[str] | None) -> EncodeSteps:
    if isinstance(p, ParticlePlan):
        if p.twin:
            return ""
        v = values.get(p.attr)
        if p.many:
            kept = p.kind == "any"
            if v is None:
                if p.min > 0:
                    raise Failure("missing-element", f"expected at least {p.min} element(s)" if kept else f"missing required element <{p.name}>", f".{p.name}")
                return ""
            if not isinstance(v, (list, tuple)):
                raise Failure("invalid-type", "expected a list", f".{p.name}")
            if len(v) < p.min:
                raise Failure("missing-element", f"expected at least {p.min} <{p.name}> element(s), got {len(v)}", f".{p.name}")
            if p.max != -1 and len(v) > p.max:
                raise Failure("too-many-elements", f"at most {p.max} <{p.name}> element(s) allowed, got {len(v)}", f".{p.name}")
            body = ""
            for i, item in enumerate(v):
                try:
                    piece = st.write_kept(require_element(item), default) if kept else (yield from encode_occurrence(p, item, st, default, depth))
                except Failure as failure:
                    failure.segments.append(f".{p.name}[{i}]")
                    raise
                body += _put(piece, line, parts)
            return body
        if v is None and not (p.nillable and p.min > 0):
            if p.min > 0:
                raise Failure("missing-element", f"missing required element <{p.name}>", f".{p.name}")
            return ""
        try:
            piece = yield from encode_occurrence(p, v, st, default, depth)
        except Failure as failure:
            failure.segments.append(f".{p.name}")
            raise
        return _put(piece, line, parts)
    if p.kind == "choice" and not p.many and p.classes:
        v = values.get(p.attr)
        if v is None:
            if p.min > 0 and not p.inner_emptiable:
                raise Failure("missing-element", f"missing choice {p.name}: expected {describe_first(p)}", f".{p.name}")
            return ""
        try:
            occurrence, index = _occurrence_fields(p, v)
            chosen = p.children[index] if index is not None else chosen_option(p, occurrence, p.min > 0)
            return "" if chosen is None else (yield from _encode_particle(chosen, occurrence, st, default, depth, line, parts))
        except Failure as failure:
            failure.segments.append(f".{p.name}")
            raise
    if p.kind == "choice" and not p.many:
        option = chosen_option(p, values, p.min > 0)
        return "" if option is None else (yield from _encode_particle(option, values, st, default, depth, line, parts))
    if not p.many:
        if p.min == 0 and not given(p, values):
            return ""
        return (yield from encode_particles(p.children, values, st, default, depth, line, parts))
    return (yield from _encode_repeated(p, values, st, default, depth, line, parts))


def _occurrence_fields(p: GroupPlan, item: object) -> tuple[Mapping[str, Any], int | None]:
    """An occurrence's fields, and the option its class names (None: found from its fields)."""
    for i, cls in enumerate(p.classes):
        if type(item) is cls:
            return ({f.name: getattr(item, f.name) for f in fields(item)} if is_dataclass(item) else vars(item)), i
    if isinstance(item, Mapping):
        for key in item:
            if key not in p.props:
                raise Failure("unknown-property", f'unknown property "{key}"', f".{key}")
        return item, None
    raise Failure("invalid-type", "expected an object" if not p.classes else f"expected one of {', '.join(c.__name__ for c in p.classes)}")


def _encode_repeated(p: GroupPlan, values: Mapping[str, Any], st: EncodeState, default: str, depth: int, line: str, parts: list[str] | None) -> EncodeSteps:
    v = values.get(p.attr)
    segment = f".{p.name}"
    if v is None:
        if p.min > 0 and not p.inner_emptiable:
            raise Failure("missing-element", f"missing required {p.kind} {p.name}", segment)
        return ""
    if not isinstance(v, (list, tuple)):
        raise Failure("invalid-type", "expected a list", segment)
    if len(v) < p.min and not p.inner_emptiable:
        raise Failure("missing-element", f"expected at least {p.min} occurrence(s) of {p.kind} {p.name}, got {len(v)}", segment)
    if p.max != -1 and len(v) > p.max:
        raise Failure("too-many-elements", f"at most {p.max} occurrence(s) of {p.kind} {p.name} allowed, got {len(v)}", segment)
    body = ""
    for i, item in enumerate(v):
        try:
            occurrence, index = _occurrence_fields(p, item)
            if p.kind == "choice":
                option = p.children[index] if index is not None else chosen_option(p, occurrence, True)
                if option is not None:
                    body += yield from _encode_particle(option, occurrence, st, default, depth, line, parts)
            else:
                body += yield from encode_particles(p.children, occurrence, st, default, depth, line, parts)
        except Failure as failure:
            failure.segments.append(f"{segment}[{i}]")
            raise
    return body


def interleave(texts: object, parts: list[str]) -> str:
    """Mixed content: the text segments around the child elements."""
    if texts is None:
        return "".join(parts)
    if not isinstance(texts, (list, tuple)) or len(texts) != len(parts) + 1 or not all(isinstance(t, str) for t in texts):
        raise Failure("invalid-value", f"$text must be a list of {len(parts) + 1} strings (the text around {len(parts)} child element(s))", ".$text")
    body = escape_text(texts[0])
    for part, text in zip(parts, texts[1:]):
        body += part + escape_text(text)
    return body
