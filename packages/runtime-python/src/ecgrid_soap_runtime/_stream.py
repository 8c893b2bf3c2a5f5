"""A response decoded straight from the XML parser's events, without a tree of the document: the
fast path of :func:`decode_response` for the common shape of a SOAP response (an Envelope with a
Body and no Header, the expected element in it, plain sequences of elements with simple values,
no attributes but ``xsi:nil``), with the per-type tables of ``_fast``.

Per event, little is left to do in Python: the reader's state is a step of its type's table,
built once (the elements that may come next, by name, and whether the content may end there),
so an element costs one dictionary lookup and no counting; expat hands text straight to a list
(no Python call), judged at the next tag; the depth limit is checked once per complex element
(one too deep for its children gives up, whatever it holds), and declarations are counted per
element by the parser's offset, in their own rare handler.

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


# Elements of one particle counted one by one up to this many (a larger bounded maxOccurs, or
# minOccurs, makes its type the tree path's).
_COUNTED = 64


class _Step:
    """One element read in order, the n-th of its particle: how it is read, a simple value
    (``parse``, or its text as it is when ``plain``) or a complex one (``spec``), and the reader's
    state after it: the steps of the elements that may come next, by expat name (``get``), and
    whether the content may end there (``accept``). ``fresh``: the first of a repeated particle
    (its list begins)."""

    __slots__ = ("attr", "many", "fresh", "nillable", "nil", "parse", "plain", "spec", "get", "accept")

    def __init__(self, p: ParticlePlan | None = None) -> None:
        self.attr = p.attr if p is not None else ""
        self.many = p.many if p is not None else False
        self.fresh = False
        self.nillable = p.nillable if p is not None else False
        self.nil = _nil_of(p) if p is not None else None
        self.parse: Callable[[str], object] | None = None
        self.plain = False
        self.spec: _Spec | None = None
        #: Alone (a global element): nothing after it, and it may end there.
        self.get: Callable[[str], _Step | None] = _NOTHING.get
        self.accept = True

    def then(self, index: dict[str, _Step], accept: bool) -> None:
        self.get = index.get
        self.accept = accept

    def copy(self, fresh: bool) -> _Step:
        step = _Step()
        for name in self.__slots__:
            setattr(step, name, getattr(self, name))
        step.fresh = fresh
        # Nothing after it, and no end, until its type's states are built (``then``).
        step.get = _NOTHING.get
        step.accept = False
        return step


_NOTHING: dict[str, _Step] = {}


class _Spec:
    """A complex type's content: the reader's state before its first element (``start``), its
    class, the value's fields in particle order (None until read), and the fields of repeated
    particles (an empty list when none was read)."""

    __slots__ = ("start", "cls", "empty", "lists")

    def __init__(self, cls: type | None) -> None:
        # Nothing read until the states are built: another thread may meet the type first.
        self.start = _Step()
        self.start.accept = False
        self.cls = cls
        self.empty: dict[str, object] = {}
        self.lists: list[str] = []


def _expat_name(p: ParticlePlan) -> str:
    return p.ns + " " + p.name if p.ns else p.name


def _counts(p: ParticlePlan) -> int:
    """How many states count the elements of ``p``: up to its maxOccurs, or, unbounded, one past
    its minOccurs (and past the first), which then stands for any more."""
    return p.max if p.max != -1 else max(p.min, 1) + 1


class StreamPlans:
    """The streaming tables of one compiled schema, built on first use."""

    def __init__(self) -> None:
        self._specs: dict[int, _Spec | None] = {}
        #: The longest local name the tables read (the Envelope's included), for the name limit.
        self.longest = len("Envelope")

    def slot(self, p: ParticlePlan) -> _Step | None:
        """How an element of ``p`` is read, alone (as the Body's element); None: not here."""
        if not _eligible_particle(p):
            return None
        codec = p.type
        kind = getattr(codec, "kind", None)
        step = _Step(p)
        self.longest = max(self.longest, len(p.name))
        if kind == "simple" and isinstance(codec, SimpleValueCodec):
            step.parse = _parser(codec) or codec.parse_value
            step.plain = isinstance(codec, SimpleCodec) and codec.values is None and codec.builtin in _PRESERVED
            return step
        if kind == "complex" and _eligible_complex(codec):
            spec = self._spec(codec)
            if spec is None:
                return None
            step.spec = spec
            return step
        return None

    def _spec(self, codec: Any) -> _Spec | None:
        """The states of a plain sequence: after the n-th element of particle i, another of i while
        under its maxOccurs, and once i has its minOccurs, any later particle with only optional
        ones between; the content may end once no required particle is left."""
        if id(codec) in self._specs:
            return self._specs[id(codec)]
        particles: list[ParticlePlan] = list(codec.particles)
        if any(_counts(p) > _COUNTED or p.min > _COUNTED for p in particles):
            self._specs[id(codec)] = None
            return None
        spec = self._specs[id(codec)] = _Spec(codec.cls)
        for p in particles:
            spec.empty[p.attr] = None
            if p.many:
                spec.lists.append(p.attr)
        # The steps of each particle read here (filled after registering: types may contain themselves).
        steps: list[list[_Step]] = []
        for p in particles:
            alone = self.slot(p)
            steps.append([] if alone is None else [alone.copy(p.many and n == 1) for n in range(1, _counts(p) + 1)])

        def following(i: int, n: int) -> tuple[dict[str, _Step], bool]:
            """The state after the n-th element of particle i (i = -1: before the first element)."""
            index: dict[str, _Step] = {}
            if i >= 0:
                p = particles[i]
                if steps[i] and (p.max == -1 or n < p.max):
                    index[_expat_name(p)] = steps[i][min(n + 1, len(steps[i])) - 1]
                if n < p.min:
                    return index, False
            k = i + 1
            while k < len(particles):
                # A particle the fast path does not read has no steps: its element gives up.
                if steps[k]:
                    index[_expat_name(particles[k])] = steps[k][0]
                if particles[k].min > 0:
                    return index, False
                k += 1
            return index, True

        for i, counted in enumerate(steps):
            for n, step in enumerate(counted, 1):
                step.then(*following(i, n))
        # The way in last, once every state it leads to is complete.
        spec.start.then(*following(-1, 0))
        return spec


def decode_stream(text: str | bytes, plan: ParticlePlan, slot: _Step | None, limits: XmlLimits, longest: int) -> object:
    """The value of the Body's element ``plan`` in the envelope ``text``; raises GiveUp for
    anything but the plain shape (see the module). ``slot``: how the element is read;
    ``longest``: the longest local name read."""
    if slot is None or slot.many or len(text) > limits.max_length or longest > limits.max_name_length or limits.max_depth < 4:
        raise GiveUp
    max_text = limits.max_text_length
    max_attributes = limits.max_attributes
    max_name = limits.max_name_length
    max_declarations = limits.max_namespace_declarations
    max_in_scope = limits.max_namespaces_in_scope
    # Complex elements open (the Body's element is the first) beyond which their children would
    # pass the depth limit (the Envelope is at depth 1): a complex element that deep gives up,
    # whatever it holds, so that no element inside one needs counting.
    deepest = limits.max_depth - 4
    xsi_nil = XSI_NS + " nil"
    # In the Body: one element, ``plan``'s.
    body = _Step()
    body.then({_expat_name(plan): slot}, False)

    # Names come as ``uri local`` (or ``local``), without their prefix: every name read is at
    # most ``longest`` long, and every prefix declared is checked against the name limit with it.
    # Where the reader is: 0 before the Envelope, 1 in it, 3 after the Body, 4 in the Body or a
    # complex element, 5 in a simple element, 7 in a nil element (its content must be empty).
    where = 0
    envelope_ns = ""
    # The complex element being read (its spec, fields, the list its repeated particle fills, and
    # the step reached in it), and those around it. In the Body: no spec, the result in ``out``.
    spec: _Spec | None = None
    out: dict[str, object] = {}
    values: list[object] = []
    state = body
    outer: list[tuple[Any, ...]] = []
    # Text read since the last tag (expat appends it here).
    pieces: list[str] = []
    # Namespace declarations on the element being declared (by its offset), and all in scope.
    declaring = -1
    pending = 0
    in_scope = 0

    def loose(element_only: bool) -> None:
        """The text between two tags: within the length limit, and only whitespace in
        element-only content (other text is the general decoder's to judge)."""
        joined = "".join(pieces)
        pieces.clear()
        if len(joined) > max_text or (element_only and joined.strip(_WS)):
            raise GiveUp

    def start(name: str, attrs: dict[str, str]) -> None:
        nonlocal where, envelope_ns, spec, out, values, state
        if where != 4:
            if pieces:
                loose(False)
            if where == 0:
                # Attributes on the Envelope or the Body: the tree path checks their limits and ignores them.
                if name not in _ENVELOPES or attrs:
                    raise GiveUp
                envelope_ns = name[: name.index(" ")]
                where = 1
                return
            if where == 1 and name == envelope_ns + " Body" and not attrs:
                where = 4
                return
            raise GiveUp
        # An element out of order, unknown, or one too many: no step.
        step = state.get(name)
        if step is None:
            raise GiveUp
        if pieces:
            loose(True)
        state = step
        if step.fresh:
            values = []
            out[step.attr] = values
        if attrs:
            # Only xsi:nil="true" (or "1") alone, on a nillable element, is read here.
            if len(attrs) != 1 or max_attributes < 1 or not step.nillable:
                raise GiveUp
            key, value = next(iter(attrs.items()))
            if value not in _NIL_TRUE or key != xsi_nil:
                raise GiveUp
            if step.many:
                values.append(step.nil)
            else:
                out[step.attr] = step.nil
            where = 7
        elif step.spec is None:
            where = 5
        else:
            if len(outer) > deepest:
                raise GiveUp
            outer.append((spec, out, values, step))
            spec = step.spec
            out = spec.empty.copy()
            state = spec.start

    def end(name: str) -> None:
        nonlocal where, spec, out, values, state
        if where == 5:
            joined = "".join(pieces)
            pieces.clear()
            if len(joined) > max_text:
                raise GiveUp
            leaf = state
            if leaf.plain:
                value: object = joined
            else:
                parse = leaf.parse
                assert parse is not None
                value = parse(joined)
            if leaf.many:
                values.append(value)
            else:
                out[leaf.attr] = value
            where = 4
        elif where == 4:
            if pieces:
                loose(True)
            # Not a required particle left.
            if not state.accept:
                raise GiveUp
            if spec is None:
                # The Body's end, its element read.
                where = 3
                return
            for attr in spec.lists:
                if out[attr] is None:
                    out[attr] = []
            cls = spec.cls
            value = cls(**out) if cls is not None else out
            spec, out, values, state = outer.pop()
            if state.many:
                values.append(value)
            else:
                out[state.attr] = value
        elif where == 7:
            if pieces:
                loose(True)
            where = 4
        elif pieces:
            loose(False)

    def start_namespace(prefix: str | None, uri: str | None) -> None:
        nonlocal in_scope, pending, declaring
        # The declarations of one element are announced at its offset, before it starts.
        at = parser.CurrentByteIndex
        if at != declaring:
            declaring = at
            pending = 0
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

    parser = expat.ParserCreate(namespace_separator=" ")
    parser.buffer_text = True
    parser.buffer_size = 65536
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = pieces.append
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
            if pieces:
                loose(False)
    except Exception:
        # Not well-formed, a limit near, a value or a class refusing: the general path decides.
        raise GiveUp from None
    if where != 3:
        raise GiveUp
    return out[slot.attr]
