"""The decoder's fast path: per-type decoding functions built once per compiled schema, for the
common shape of a response (elements of plain sequences, simple values, no attributes), walking
the tree with a dictionary lookup per child instead of interpreting the particles per value.

It never decides an error: the moment a value leaves that shape, or anything fails (an unknown,
misplaced, missing or surplus element, stray text, an attribute such as ``xsi:nil`` or
``xsi:type``, a bad value, nesting beyond Python's recursion limit), it gives up and the general
decoder decodes the element from the start, so values and errors are the general decoder's."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import fields, is_dataclass
from typing import Any, Callable

from ._builtins import _NON_XML_CHAR, DATED_PATTERNS, INTEGER_BOUNDS, valid_day
from ._simple import ParticlePlan, SimpleCodec, SimpleValueCodec, is_nil
from ._state import EncodeState
from ._xml import escape_attribute, escape_text
from .values import NIL, Substitute

__all__ = ["FastDecoders", "FastEncoders", "GiveUp"]

Decoder = Callable[[ET.Element], object]
_WS = " \t\n\r"


class GiveUp(Exception):
    """The fast path does not decide this value: the general decoder takes over."""


def _give_up(node: ET.Element) -> object:
    raise GiveUp


def _nil_of(p: ParticlePlan) -> object:
    """What a nil element of ``p`` decodes to (as ``_slot._decode_as``)."""
    return NIL if not p.many and p.min == 0 else None


# Builtins whose value is the text as it is (whiteSpace="preserve", no pattern).
_PRESERVED = frozenset(("string", "anySimpleType"))
# Fast integer conversion is taken up to this many digits (any bound beyond is then checked by the builtin).
_SHORT_INTEGER = 18


def _parser(codec: SimpleValueCodec) -> Callable[[str], object] | None:
    """A quicker ``codec.parse_value`` for the common simple types, giving the same value for the
    text it takes and deferring any other text to ``parse_value`` itself; None: none quicker."""
    if not isinstance(codec, SimpleCodec):
        return None
    parse = codec.parse_value
    if codec.values is not None:
        # An enumeration: its values, parsed once.
        known: dict[str, object] = {}
        for lexical in codec.values:
            try:
                known[lexical] = parse(lexical)
            except Exception:
                continue
        get = known.get

        def enumerated(text: str) -> object:
            value = get(text)
            return parse(text) if value is None else value

        return enumerated
    if codec.builtin in _PRESERVED:
        return lambda text: text
    bounds = INTEGER_BOUNDS.get(codec.builtin)
    if bounds is not None:
        low = -(10**_SHORT_INTEGER) if bounds[0] is None else bounds[0]
        high = 10**_SHORT_INTEGER if bounds[1] is None else bounds[1]

        def integer(text: str) -> object:
            # Plain ASCII digits in range: what the builtin makes of them, without its checks.
            if text.isdigit() and text.isascii() and len(text) <= _SHORT_INTEGER:
                n = int(text)
                if low <= n <= high:
                    return n
            return parse(text)

        return integer
    pattern = DATED_PATTERNS.get(codec.builtin)
    if pattern is not None:
        matches = pattern.fullmatch

        def dated(text: str) -> object:
            # A date without whitespace that the pattern takes and whose day is in its month is itself.
            if matches(text) is not None and (text[4:5] == "-" and text[8:10] <= "28" or valid_day(text, True)):
                return text
            return parse(text)

        return dated
    return None


def _simple_decoder(p: ParticlePlan, codec: SimpleValueCodec) -> Decoder:
    parse = _parser(codec) or codec.parse_value
    nillable = p.nillable
    nil = _nil_of(p)

    def decode(node: ET.Element) -> object:
        if node.attrib:
            # Nil (whatever else the element holds) as the general decoder; other attributes are its own.
            if nillable and is_nil(node):
                return nil
            raise GiveUp
        if len(node):
            raise GiveUp
        try:
            return parse(node.text or "")
        except Exception:
            raise GiveUp from None

    return decode


def _tag(p: ParticlePlan) -> str:
    return "{" + p.ns + "}" + p.name if p.ns else p.name


def _eligible_particle(p: Any) -> bool:
    return (
        isinstance(p, ParticlePlan)
        and p.kind == "element"
        and p.members is None
        and not p.abstract
        and not p.twin
        and p.fixed is None
        and p.default is None
        and p.max != 0
    )


def _eligible_complex(codec: Any) -> bool:
    return (
        codec.text is None
        and codec.flat
        and not codec.all
        and codec.mixed_attr is None
        and codec.kept_attr is None
        and not codec.attributes
        and not codec.abstract
        and all(_eligible_particle(p) for p in codec.particles)
        and len({_tag(p) for p in codec.particles}) == len(codec.particles)
    )


class FastDecoders:
    """The fast decoding functions of one compiled schema (strict namespaces), built on first use."""

    def __init__(self) -> None:
        self._complex: dict[int, Decoder] = {}

    def for_plan(self, p: ParticlePlan) -> Decoder:
        """The decoder of an element of particle ``p`` (attributes on it give up: nil, xsi:type)."""
        if not _eligible_particle(p):
            return _give_up
        codec = p.type
        kind = getattr(codec, "kind", None)
        if kind == "simple" and isinstance(codec, SimpleValueCodec):
            return _simple_decoder(p, codec)
        if kind == "complex" and _eligible_complex(codec):
            body = self._complex_decoder(codec)
            nillable = p.nillable
            nil = _nil_of(p)

            def decode(node: ET.Element) -> object:
                if node.attrib:
                    if nillable and is_nil(node):
                        return nil
                    raise GiveUp
                return body(node)

            return decode
        return _give_up

    def _complex_decoder(self, codec: Any) -> Decoder:
        """The content of a complex element (its attributes are checked by the particle's decoder)."""
        existing = self._complex.get(id(codec))
        if existing is not None:
            return existing
        particles: list[ParticlePlan] = list(codec.particles)
        n = len(particles)
        index = {_tag(p): i for i, p in enumerate(particles)}
        # Filled below, after this decoder is registered (types may contain themselves).
        subs: list[Decoder] = []
        mins = [p.min for p in particles]
        maxs = [p.max for p in particles]
        many = [p.many for p in particles]
        attrs = [p.attr for p in particles]
        # The fields as no element read them: None, and each repeated one's list (an empty one
        # if it stays None) from its first element on.
        empty: dict[str, object] = dict.fromkeys(attrs)
        lists = [p.attr for p in particles if p.many]
        # How many particles before each one (and before the end) are required: particles
        # between two read ones are skipped when as many are required before both.
        required_before = [sum(1 for q in particles[:i] if q.min > 0) for i in range(n + 1)]
        cls = codec.cls

        def decode(node: ET.Element) -> object:
            text = node.text
            if text and text.strip(_WS):
                raise GiveUp
            out = empty.copy()
            pi = 0
            count = 0
            values: list[object] = []
            if many[0]:
                out[attrs[0]] = values
            for child in node:
                i = index.get(child.tag)
                if i is None:
                    raise GiveUp
                if i != pi:
                    # Particle pi left for a later one, with enough elements, and none required between.
                    if i < pi or count < mins[pi] or required_before[i] != required_before[pi + 1]:
                        raise GiveUp
                    pi, count = i, 0
                    if many[i]:
                        values = []
                        out[attrs[i]] = values
                elif maxs[pi] != -1 and count >= maxs[pi]:
                    raise GiveUp
                value = subs[i](child)
                if many[i]:
                    values.append(value)
                else:
                    out[attrs[i]] = value
                count += 1
                tail = child.tail
                if tail and tail.strip(_WS):
                    raise GiveUp
            # The end: as for a particle after the last.
            if count < mins[pi] or required_before[n] != required_before[pi + 1]:
                raise GiveUp
            for attr in lists:
                if out[attr] is None:
                    out[attr] = []
            return cls(**out) if cls is not None else out

        def decode_empty(node: ET.Element) -> object:
            # No particles: an element with nothing in it.
            if len(node):
                raise GiveUp
            text = node.text
            if text and text.strip(_WS):
                raise GiveUp
            return cls() if cls is not None else {}

        chosen = decode if n else decode_empty
        self._complex[id(codec)] = chosen
        subs.extend(self.for_plan(p) for p in particles)
        return chosen


# -- encoding ----------------------------------------------------------------------------------

Encoder = Callable[[object, EncodeState, str, int], str]
"""Writes one element of a particle: ``(value, state, parent_default, depth)`` -> its XML."""


def _formatter(codec: SimpleCodec) -> Callable[[object], str]:
    """A quicker ``codec.format_value`` for strings, string enumerations and integers, writing the
    same text for the values it takes and deferring any other value to ``format_value``."""
    general = codec.format_value
    if codec.values is not None:
        if not codec.is_string:
            return general
        # A string enumeration: its members and lexical values, written once.
        known: dict[object, str] = {}
        candidates: list[object] = list(codec.values)
        if codec.enum_class is not None:
            candidates.extend(codec.enum_class)
        for value in candidates:
            try:
                known[value] = general(value)
            except Exception:
                continue

        def enumerated(value: object) -> str:
            try:
                text = known.get(value)
            except TypeError:
                text = None
            return general(value) if text is None else text

        return enumerated
    if codec.builtin in _PRESERVED:
        search = _NON_XML_CHAR.search

        def string(value: object) -> str:
            if type(value) is str and search(value) is None:
                return value
            return general(value)

        return string
    bounds = INTEGER_BOUNDS.get(codec.builtin)
    if bounds is not None:
        low = -(10**_SHORT_INTEGER) if bounds[0] is None else bounds[0]
        high = 10**_SHORT_INTEGER if bounds[1] is None else bounds[1]

        def integer(value: object) -> str:
            if type(value) is int and low <= value <= high:
                return str(value)
            return general(value)

        return integer
    return general


class FastEncoders:
    """The fast encoding functions of one compiled schema, built on first use: plain sequences of
    elements with simple values, of the bound dataclasses, written without ``xsi:type``. Anything
    else (a value of another class, None where an element is required, NIL, a Substitute, a
    value the type refuses) gives up, and the general encoder writes the value or the error."""

    def __init__(self) -> None:
        self._contents: dict[int, Callable[[object, EncodeState, str, int], list[str]]] = {}

    def for_plan(self, p: ParticlePlan) -> Encoder | None:
        if not _eligible_particle(p):
            return None
        codec = p.type
        kind = getattr(codec, "kind", None)
        name, ns = p.name, p.ns
        open_qualified = f'<{name} xmlns="{escape_attribute(ns)}"'
        open_plain = f"<{name}"
        close = f"</{name}>"
        if kind == "simple" and isinstance(codec, SimpleCodec):
            fmt = _formatter(codec)

            def simple(value: object, st: EncodeState, parent_default: str, depth: int) -> str:
                text = fmt(value)
                head = open_qualified if st.qualified and ns != parent_default else open_plain
                return head + "/>" if text == "" else head + ">" + escape_text(text) + close

            return simple
        if kind == "complex" and self._eligible_class(p, codec):
            content = self._content(codec)
            cls = codec.cls

            def complex_(value: object, st: EncodeState, parent_default: str, depth: int) -> str:
                if type(value) is not cls:
                    raise GiveUp
                qualified = st.qualified
                head = open_qualified if qualified and ns != parent_default else open_plain
                parts = content(value, st, ns if qualified else parent_default, depth)
                if not parts:
                    return head + "/>"
                return head + ">" + "".join(parts) + (st.line(depth) if st.pretty else "") + close

            return complex_
        return None

    @staticmethod
    def _eligible_class(p: ParticlePlan, codec: Any) -> bool:
        """A dataclass bound to this type alone, with a field for every particle."""
        cls = codec.cls
        if cls is None or not is_dataclass(cls) or not _eligible_complex(codec):
            return False
        class_ids = getattr(p.registry, "_class_ids", None)
        if class_ids is None or class_ids.get(cls) != codec.id:
            return False
        names = {f.name for f in fields(cls)}
        return all(q.attr in names for q in codec.particles)

    def _content(self, codec: Any) -> Callable[[object, EncodeState, str, int], list[str]]:
        existing = self._contents.get(id(codec))
        if existing is not None:
            return existing
        entries: list[tuple[str, bool, int, int, Encoder | None]] = []

        def content(value: object, st: EncodeState, default: str, depth: int) -> list[str]:
            line = st.line(depth + 1) if st.pretty else ""
            inner = depth + 1
            parts: list[str] = []
            for attr, many, minimum, maximum, child in entries:
                v = getattr(value, attr)
                if many:
                    if v is None:
                        if minimum > 0:
                            raise GiveUp
                        continue
                    if type(v) is not list and type(v) is not tuple:
                        raise GiveUp
                    if len(v) < minimum or (maximum != -1 and len(v) > maximum):
                        raise GiveUp
                    if v and child is None:
                        raise GiveUp
                    for item in v:
                        if item is None or item is NIL or isinstance(item, Substitute):
                            raise GiveUp
                        assert child is not None
                        parts.append(line + child(item, st, default, inner))
                else:
                    if v is None:
                        if minimum > 0:
                            raise GiveUp
                        continue
                    if child is None or v is NIL or isinstance(v, Substitute):
                        raise GiveUp
                    parts.append(line + child(v, st, default, inner))
            return parts

        self._contents[id(codec)] = content
        for q in codec.particles:
            entries.append((q.attr, q.many, q.min, q.max, self.for_plan(q)))
        return content
