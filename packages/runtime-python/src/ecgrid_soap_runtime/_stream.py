"""A response decoded straight from the XML parser's events, without a tree of the document: the
fast path of :func:`decode_response` for the common shape of a SOAP response (an Envelope with a
Body and no Header, the expected element in it, plain sequences of elements with simple values,
no attributes but ``xsi:nil``), with the per-type tables of ``_fast``.

It never decides an error: the moment the document leaves that shape, comes near a limit of
:class:`XmlLimits`, is not well-formed or holds a value that does not parse, it gives up, and the
response is parsed into a tree and decoded by the general decoder, which decides the value or the
error. So the limits, DOCTYPE refusal, values and errors are always the general path's."""

from __future__ import annotations

from typing import Any, Callable
from xml.parsers import expat

from ._fast import _PRESERVED, GiveUp, _eligible_complex, _eligible_particle, _nil_of, _parser
from ._simple import ParticlePlan, SimpleCodec, SimpleValueCodec
from ._xml import _CHUNK, XSI_NS, XmlLimits, gc_paused

__all__ = ["decode_stream"]

_WS = " \t\n\r"
_ENVELOPES = frozenset(("http://schemas.xmlsoap.org/soap/envelope/ Envelope", "http://www.w3.org/2003/05/soap-envelope Envelope"))
_NIL_TRUE = frozenset(("true", "1"))


class _Slot:
    """How one particle's elements are read: a simple value (``parse``) or a complex one (``spec``);
    neither: the fast path gives up on it."""

    __slots__ = ("i", "attr", "many", "nillable", "nil", "parse", "plain", "spec", "min", "max")

    def __init__(self, p: ParticlePlan, i: int = 0) -> None:
        self.i = i
        self.attr = p.attr
        self.many = p.many
        self.nillable = p.nillable
        self.nil = _nil_of(p)
        self.min = p.min
        self.max = p.max
        self.parse: Callable[[str], object] | None = None
        #: A simple value that is its text as it is (xs:string): no conversion called.
        self.plain = False
        self.spec: _Spec | None = None


class _Spec:
    """A complex type's content: its particles by expat name (``uri local`` or ``local``), the
    value's fields in particle order (None until read), and how many particles before each one
    are required (so that skipping particles is checked with one comparison)."""

    __slots__ = ("index", "slots", "cls", "empty", "required_before", "lists")

    def __init__(self, cls: type | None) -> None:
        self.index: dict[str, _Slot] = {}
        self.slots: list[_Slot] = []
        self.cls = cls
        self.empty: dict[str, object] = {}
        self.required_before: list[int] = []
        #: The attributes of repeated particles (an empty list when none was read).
        self.lists: list[str] = []


def _expat_name(p: ParticlePlan) -> str:
    return p.ns + " " + p.name if p.ns else p.name


class StreamPlans:
    """The streaming tables of one compiled schema, built on first use."""

    def __init__(self) -> None:
        self._specs: dict[int, _Spec] = {}
        #: The longest local name the tables read (the Envelope's included), for the name limit.
        self.longest = len("Envelope")

    def slot(self, p: ParticlePlan, i: int = 0) -> _Slot | None:
        if not _eligible_particle(p):
            return None
        codec = p.type
        kind = getattr(codec, "kind", None)
        slot = _Slot(p, i)
        self.longest = max(self.longest, len(p.name))
        if kind == "simple" and isinstance(codec, SimpleValueCodec):
            slot.parse = _parser(codec) or codec.parse_value
            slot.plain = isinstance(codec, SimpleCodec) and codec.values is None and codec.builtin in _PRESERVED
            return slot
        if kind == "complex" and _eligible_complex(codec):
            slot.spec = self._spec(codec)
            return slot
        return None

    def _spec(self, codec: Any) -> _Spec:
        existing = self._specs.get(id(codec))
        if existing is not None:
            return existing
        spec = self._specs[id(codec)] = _Spec(codec.cls)
        required = 0
        for i, p in enumerate(codec.particles):
            slot = self.slot(p, i)
            spec.slots.append(slot if slot is not None else _Slot(p, i))
            # A particle the fast path does not read is not in the index: its element gives up.
            if slot is not None:
                spec.index[_expat_name(p)] = slot
            spec.empty[p.attr] = None
            if p.many:
                spec.lists.append(p.attr)
            spec.required_before.append(required)
            required += 1 if p.min > 0 else 0
        spec.required_before.append(required)
        return spec


def _finish(spec: _Spec, out: dict[str, object], pi: int, count: int) -> object:
    """The value of a complex element at its end: the particles after the one reached must be optional."""
    if spec.slots:
        if count < spec.slots[pi].min or spec.required_before[-1] != spec.required_before[pi + 1]:
            raise GiveUp
        for attr in spec.lists:
            if out[attr] is None:
                out[attr] = []
    cls = spec.cls
    return cls(**out) if cls is not None else out


def decode_stream(text: str | bytes, plan: ParticlePlan, slot: _Slot | None, limits: XmlLimits, longest: int) -> object:
    """The value of the Body's element ``plan`` in the envelope ``text``; raises GiveUp for
    anything but the plain shape (see the module). ``longest``: the longest local name read."""
    if slot is None or len(text) > limits.max_length or longest > limits.max_name_length:
        raise GiveUp
    max_depth = limits.max_depth
    max_text = limits.max_text_length
    max_attributes = limits.max_attributes
    max_name = limits.max_name_length
    max_declarations = limits.max_namespace_declarations
    max_in_scope = limits.max_namespaces_in_scope
    body_name = _expat_name(plan)
    xsi_nil = XSI_NS + " nil"

    # Names come as ``uri local`` (or ``local``), without their prefix: every name read is at
    # most ``longest`` long, and every prefix declared is checked against the name limit with it.
    # Where the reader is: 0 before the Envelope, 1 in it, 2 in the Body, 3 after the Body's
    # element began (outside it, or in a nil element), 4 in a complex element, 5 in a simple one.
    where = 0
    depth = 0
    envelope_ns = ""
    # The complex element being read (its spec, fields, particle reached, how many elements that
    # particle took, the list it fills, and its own slot), and those around it.
    spec: _Spec | None = None
    out: dict[str, object] = {}
    pi = 0
    count = 0
    values: list[object] = []
    own: _Slot | None = None
    outer: list[tuple[Any, ...]] = []
    # The simple element being read, and its text.
    leaf: _Slot | None = None
    first: str | None = None
    pieces: list[str] = []
    text_length = 0
    # A nil element's depth while it is skipped (its content must be empty).
    nil_depth = 0
    result: list[object] = []
    # Namespace declarations announced for the next element, and all in scope.
    pending = 0
    in_scope = 0

    def give(slot: _Slot, value: object) -> None:
        """A value read for ``slot`` of the current complex element (or the Body's element)."""
        if spec is None:
            result.append(value)
        elif slot.many:
            values.append(value)
        else:
            out[slot.attr] = value

    def start(name: str, attrs: dict[str, str]) -> None:
        nonlocal depth, where, leaf, text_length, nil_depth, pending, envelope_ns
        nonlocal spec, out, pi, count, values, own
        depth += 1
        if depth > max_depth:
            raise GiveUp
        text_length = 0
        pending = 0
        if where == 4:
            assert spec is not None
            slot = spec.index.get(name)
            if slot is None:
                raise GiveUp
            i = slot.i
            if i == pi:
                if slot.max != -1 and count >= slot.max:
                    raise GiveUp
                count += 1
            else:
                # Leaving particle pi for i: in order, pi had enough, the ones between are optional.
                if count < spec.slots[pi].min or (i != pi + 1 and (i < pi or spec.required_before[i] != spec.required_before[pi + 1])):
                    raise GiveUp
                pi, count = i, 1
                if slot.many:
                    values = []
                    out[slot.attr] = values
        elif where == 2:
            if name != body_name:
                raise GiveUp
            slot = root_slot
            where = 3
        elif where == 0:
            # Attributes on the Envelope or the Body: the tree path checks their limits and ignores them.
            if name not in _ENVELOPES or attrs:
                raise GiveUp
            envelope_ns = name[: name.index(" ")]
            where = 1
            return
        elif where == 1 and depth == 2 and name == envelope_ns + " Body" and not attrs:
            where = 2
            return
        else:
            raise GiveUp
        if attrs:
            # Only xsi:nil="true" (or "1") alone, on a nillable element, is read here.
            if len(attrs) != 1 or max_attributes < 1 or not slot.nillable:
                raise GiveUp
            key, value = next(iter(attrs.items()))
            if value not in _NIL_TRUE or key != xsi_nil:
                raise GiveUp
            give(slot, slot.nil)
            nil_depth = depth
            outer.append((where, spec, out, pi, count, values, own))
            where = 3
            return
        if slot.parse is not None:
            leaf = slot
            where = 5
        else:
            outer.append((where, spec, out, pi, count, values, own))
            spec = slot.spec
            assert spec is not None
            out = spec.empty.copy()
            pi = count = 0
            values = []
            if spec.slots and spec.slots[0].many:
                out[spec.slots[0].attr] = values
            own = slot
            where = 4

    def end(name: str) -> None:
        nonlocal depth, where, leaf, text_length, nil_depth, first
        nonlocal spec, out, pi, count, values, own
        text_length = 0
        if where == 5:
            assert leaf is not None
            if first is None:
                joined = ""
            elif pieces:
                joined = first + "".join(pieces)
                pieces.clear()
            else:
                joined = first
            first = None
            if leaf.plain:
                value: object = joined
            else:
                parse = leaf.parse
                assert parse is not None
                try:
                    value = parse(joined)
                except Exception:
                    raise GiveUp from None
            if spec is None:
                result.append(value)
                where = 3
            else:
                if leaf.many:
                    values.append(value)
                else:
                    out[leaf.attr] = value
                where = 4
            leaf = None
        elif where == 4:
            assert spec is not None and own is not None
            value = _finish(spec, out, pi, count)
            slot = own
            where, spec, out, pi, count, values, own = outer.pop()
            give(slot, value)
            if spec is None:
                where = 3
        elif nil_depth == depth:
            nil_depth = 0
            where, spec, out, pi, count, values, own = outer.pop()
            if spec is None:
                where = 3
        depth -= 1

    def data(piece: str) -> None:
        nonlocal text_length, first
        text_length += len(piece)
        if text_length > max_text:
            raise GiveUp
        if where == 5:
            if first is None:
                first = piece
            else:
                pieces.append(piece)
        elif (where == 4 or nil_depth) and piece.strip(_WS):
            # Text in element-only content, or in a nil element: the general decoder's to judge.
            raise GiveUp

    def start_namespace(prefix: str | None, uri: str | None) -> None:
        nonlocal in_scope, pending
        pending += 1
        in_scope += 1
        if (
            pending >= max_declarations
            or in_scope >= max_in_scope
            or (prefix is not None and (len(prefix) + 6 > max_name or len(prefix) + 1 + longest > max_name))
            or (uri is not None and len(uri) > max_text)
        ):
            raise GiveUp

    def end_namespace(prefix: str | None) -> None:
        nonlocal in_scope
        in_scope -= 1

    def refuse(*args: object) -> None:
        raise GiveUp

    root_slot = slot
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.buffer_text = True
    parser.buffer_size = 65536
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = data
    parser.StartNamespaceDeclHandler = start_namespace
    parser.EndNamespaceDeclHandler = end_namespace
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parse = parser.Parse
    try:
        with gc_paused():
            for at in range(0, len(text), _CHUNK):
                parse(text[at : at + _CHUNK], False)
            parse(b"" if isinstance(text, bytes) else "", True)
    except Exception:
        # Not well-formed, a limit near, a value or a class refusing: the general path decides.
        raise GiveUp from None
    if len(result) != 1 or where != 3 or depth != 0:
        raise GiveUp
    return result[0]
