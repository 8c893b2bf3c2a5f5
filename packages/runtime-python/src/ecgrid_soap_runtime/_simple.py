"""The codec's building blocks: failures with paths, and the codecs of simple types and
xs:anyType."""

from __future__ import annotations

import enum
import sys
import xml.etree.ElementTree as ET
from typing import Any, Callable, Generator

from ._builtins import BUILTINS, BuiltinValueError, collapse_whitespace
from ._state import Declared, EncodeState
from ._xml import XSI_NS, XmlElement, escape_text, excerpt, split_tag

__all__ = [
    "XSI_TYPE", "AnyTypeCodec", "AttributePlan", "DecodeSteps", "EncodeState", "EncodeSteps", "Failure", "ListCodec", "ParticlePlan",
    "RestrictedCodec", "SimpleCodec", "SimpleValueCodec", "UnionCodec", "canonical_decimal", "decode_nested", "encode_nested", "is_empty",
    "is_nil", "quote", "require_element",
]


class Failure(Exception):
    """A codec failure on its way out: segments are added while it passes through parents."""

    def __init__(self, code: str, detail: str, segment: str | None = None) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail
        self.segments: list[str] = [] if segment is None else [segment]

    def path(self, root: str) -> str:
        return root + "".join(reversed(self.segments))


def quote(text: str) -> str:
    shown = excerpt(text, 64)
    return '"' + shown.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t") + '"'


DecodeSteps = Generator[tuple[Any, ET.Element], object, object]
"""The decoding of a complex or array value as a generator: it yields ``(codec, child)`` for each
child value that is itself complex or an array, and is sent that value back (or has the child's
failure thrown in at the yield, where it adds its path segment as a recursive call would)."""


def _drive(first: Generator[Any, Any, Any], nested: Callable[[Any], Generator[Any, Any, Any] | None], leaf: Callable[[Any], object]) -> Any:
    """Runs ``first`` and the generators it asks for on an explicit stack, so no Python call is
    made per level of nesting. Each request a generator yields is either a nested value
    (``nested(request)`` gives its generator, pushed) or a leaf (``leaf(request)`` gives its result,
    sent back); a failure is thrown into the generator that asked, where it adds its path segment
    as a recursive call would."""
    stack: list[Generator[Any, Any, Any]] = [first]
    sent: object = None
    error: BaseException | None = None
    while True:
        top = stack[-1]
        try:
            if error is None:
                request = top.send(sent)
            else:
                thrown, error = error, None
                request = top.throw(thrown)
        except StopIteration as done:
            stack.pop()
            if not stack:
                return done.value
            sent = done.value
            continue
        except Exception as failure:
            stack.pop()
            if not stack:
                raise
            error = failure
            continue
        steps = nested(request)
        if steps is not None:
            stack.append(steps)
            sent = None
        else:
            try:
                sent = leaf(request)
            except Exception as failure:
                error = failure


def decode_nested(codec: Any, node: ET.Element, strict: bool) -> object:
    """Decodes a value of any depth with an explicit stack of ``decode_steps`` generators, so a
    value nested as deep as the XML reader allows never runs into Python's recursion limit."""

    def nested(request: tuple[Any, ET.Element]) -> DecodeSteps | None:
        steps = getattr(request[0], "decode_steps", None)
        return None if steps is None else steps(request[1], strict)

    return _drive(codec.decode_steps(node, strict), nested, lambda request: request[0].decode(request[1], strict))


EncodeSteps = Generator[tuple[Any, object, str, str, str, int, Any], str, str]
"""The encoding of a complex or array value as a generator: it yields ``(codec, value, local,
ns, parent_default, depth, xsi_type)`` for each child value that is itself complex or an array
(``xsi_type``: the derived type's codec to name in ``xsi:type``, or None), and is sent its text
back (or has its failure thrown in at the yield)."""


def encode_nested(codec: Any, value: object, local: str, ns: str, st: EncodeState, parent_default: str, depth: int, xsi_type: Any = None) -> str:
    """Encodes a value of any depth with an explicit stack of ``encode_steps`` generators."""

    def nested(request: tuple[Any, object, str, str, str, int, Any]) -> EncodeSteps | None:
        steps = getattr(request[0], "encode_steps", None)
        return None if steps is None else steps(request[1], request[2], request[3], st, request[4], request[5], request[6])

    def leaf(request: tuple[Any, object, str, str, str, int, Any]) -> str:
        return str(request[0].encode(request[1], request[2], request[3], st, request[4], request[5]))

    return str(_drive(codec.encode_steps(value, local, ns, st, parent_default, depth, xsi_type), nested, leaf))


def _from_builtin(error: BuiltinValueError, detail: str) -> Failure:
    return Failure(error.code, detail)


_XSI_NIL = "{" + XSI_NS + "}nil"
XSI_TYPE = "{" + XSI_NS + "}type"


def is_nil(node: ET.Element) -> bool:
    value = node.attrib.get(_XSI_NIL)
    return value is not None and collapse_whitespace(value) in ("true", "1")


def is_empty(node: ET.Element) -> bool:
    """No text and no child elements (comments and processing instructions do not count)."""
    return not node.text and len(node) == 0


def _text_content(node: ET.Element) -> str:
    for child in node:
        raise Failure("unexpected-element", f"element <{excerpt(split_tag(child.tag)[1])}> is not allowed in text-only content")
    return node.text or ""


def require_element(value: object) -> ET.Element:
    if not isinstance(value, ET.Element):
        raise Failure("invalid-type", "expected an xml.etree.ElementTree.Element")
    return value


def canonical_decimal(text: str) -> str:
    """The canonical form of a valid decimal lexical form: no ``+``, no leading or trailing zeros, ``0`` unsigned."""
    negative = text.startswith("-")
    unsigned = text[1:] if negative or text.startswith("+") else text
    integer, dot, fraction = unsigned.partition(".")
    integer = integer.lstrip("0") or "0"
    fraction = fraction.rstrip("0") if dot else ""
    magnitude = integer if fraction == "" else f"{integer}.{fraction}"
    return f"-{magnitude}" if negative and magnitude != "0" else magnitude


class SimpleValueCodec:
    """What every simple type's codec does with elements, given its lexical conversions: builtins,
    their restrictions and enumerations, lists and unions."""

    kind = "simple"
    id: str
    name: str

    def parse_value(self, lexical: str) -> object:
        raise NotImplementedError

    def format_value(self, value: object) -> str:
        raise NotImplementedError

    def canonical(self, value: object) -> str:
        """The canonical lexical form, to compare values (fixed values): ``1`` and ``true`` are one boolean."""
        return self.format_value(value)

    def decode(self, node: ET.Element, strict: bool) -> object:
        return self.parse_value(_text_content(node))

    def encode(self, value: object, local: str, ns: str, st: EncodeState, parent_default: str, depth: int) -> str:
        text = self.format_value(value)
        head = st.open_tag(local, ns, parent_default)
        if st.xsi_types:
            # rpc/encoded: the type named; one in no namespace under a default namespace cannot be, and is left out.
            type_ns, type_local = split_tag(self.id)
            if type_ns != "" or st.default_inside(ns, parent_default) == "":
                d = Declared()
                name = type_local if type_ns == "" else f"{st.prefix_for(type_ns, d)}:{type_local}"
                st.xsi_used = True
                head += f'{d.text} {st.xsi_prefix}:type="{name}"'
        return f"{head}/>" if text == "" else f"{head}>{escape_text(text)}</{local}>"


class SimpleCodec(SimpleValueCodec):
    """Builtins, their restrictions and enumerations."""

    def __init__(self, type_id: str, name: str, builtin: str, values: tuple[str, ...] | None, enum_class: type[enum.Enum] | None) -> None:
        self.id = type_id
        self.name = name
        self.builtin = builtin
        self.codec = BUILTINS[builtin]
        self.is_string = builtin not in _NOT_STRING
        self.decimal = builtin == "decimal"
        self.values = values
        self.enum_class = enum_class
        self.expected = ", ".join(values or ())
        # The members of an enumeration of numbers (or booleans) by the canonical form of their value.
        self._members: dict[str, enum.Enum] = {}
        if enum_class is not None and not self.is_string:
            for member in enum_class:
                try:
                    self._members[self.codec.format(self.codec.parse(str(member.value)))] = member
                except BuiltinValueError:
                    continue

    def _check_enum(self, value: object) -> bool:
        if self.values is None:
            return True
        return (value if self.is_string else self.codec.format(value)) in self.values

    def parse_value(self, lexical: str) -> object:
        try:
            value = self.codec.parse(lexical)
        except BuiltinValueError as error:
            raise _from_builtin(error, f"invalid {self.name} value {quote(lexical)} ({error.reason})") from None
        if not self._check_enum(value):
            raise Failure("unknown-enum-value", f"unknown enumeration value {quote(lexical)} (expected one of {self.expected})")
        if self.enum_class is not None:
            if self.is_string:
                return self.enum_class(value)
            member = self._members.get(self.codec.format(value))
            return value if member is None else member
        return value

    def format_value(self, value: object) -> str:
        if isinstance(value, enum.Enum):
            value = value.value
        # An enumeration's members are str-valued Enums: a number's (or boolean's) lexical value is parsed.
        if self.values is not None and not self.is_string and isinstance(value, str) and value in self.values:
            try:
                value = self.codec.parse(value)
            except BuiltinValueError as error:
                raise _from_builtin(error, f"invalid {self.name}: {error.reason}") from None
        try:
            text = self.codec.format(value)
        except BuiltinValueError as error:
            raise _from_builtin(error, f"invalid {self.name}: {error.reason}") from None
        if not self._check_enum(value):
            raise Failure("unknown-enum-value", f"value is not one of {self.expected}")
        return text

    def canonical(self, value: object) -> str:
        text = self.format_value(value)
        return canonical_decimal(text) if self.decimal else text


class RestrictedCodec(SimpleValueCodec):
    """A restriction (with or without enumeration) of a list or union type: the base's values,
    the enumeration compared on the lexical form the base writes."""

    def __init__(self, type_id: str, name: str, base: SimpleValueCodec, values: tuple[str, ...] | None) -> None:
        self.id = type_id
        self.name = name
        self.base = base
        self.values = None if values is None else frozenset(values)
        self.expected = ", ".join(values or ())

    def parse_value(self, lexical: str) -> object:
        value = self.base.parse_value(lexical)
        if self.values is not None and self.base.format_value(value) not in self.values:
            raise Failure("unknown-enum-value", f"unknown enumeration value {quote(lexical)} (expected one of {self.expected})")
        return value

    def format_value(self, value: object) -> str:
        text = self.base.format_value(value)
        if self.values is not None and text not in self.values:
            raise Failure("unknown-enum-value", f"value is not one of {self.expected}")
        return text

    def canonical(self, value: object) -> str:
        return self.base.canonical(value)


_WHITESPACE_CHARS = frozenset(" \t\n\r")


class ListCodec(SimpleValueCodec):
    """``xs:list``: whitespace-separated items; the value is a ``list``."""

    def __init__(self, type_id: str, name: str, item: SimpleValueCodec) -> None:
        self.id = type_id
        self.name = name
        self.item = item

    def parse_value(self, lexical: str) -> object:
        collapsed = collapse_whitespace(lexical)
        if collapsed == "":
            return []
        out: list[object] = []
        for i, part in enumerate(collapsed.split(" ")):
            try:
                out.append(self.item.parse_value(part))
            except Failure as failure:
                failure.segments.append(f"[{i}]")
                raise
        return out

    def _each(self, value: object, convert: Callable[[object], str]) -> list[str]:
        if not isinstance(value, (list, tuple)):
            raise Failure("invalid-type", f"expected a list ({self.name} is a list)")
        out: list[str] = []
        for i, item in enumerate(value):
            try:
                out.append(convert(item))
            except Failure as failure:
                failure.segments.append(f"[{i}]")
                raise
        return out

    def _format_item(self, item: object) -> str:
        text = self.item.format_value(item)
        if text == "" or any(c in _WHITESPACE_CHARS for c in text):
            raise Failure("invalid-value", "a list item cannot be empty or contain whitespace")
        return text

    def format_value(self, value: object) -> str:
        return " ".join(self._each(value, self._format_item))

    def canonical(self, value: object) -> str:
        return " ".join(self._each(value, self.item.canonical))


class UnionCodec(SimpleValueCodec):
    """``xs:union``: decoding takes the first member that parses the text, encoding the first
    member that accepts the value."""

    def __init__(self, type_id: str, name: str, members: list[SimpleValueCodec]) -> None:
        self.id = type_id
        self.name = name
        self.members = members
        self.names = ", ".join(m.name for m in members)

    def parse_value(self, lexical: str) -> object:
        for member in self.members:
            try:
                return member.parse_value(lexical)
            except Failure:
                continue
        raise Failure("invalid-value", f"invalid {self.name} value {quote(lexical)} (no member type accepts it: {self.names})")

    def _formatting(self, value: object) -> tuple[SimpleValueCodec, str]:
        for member in self.members:
            try:
                return member, member.format_value(value)
            except Failure:
                continue
        raise Failure("invalid-value", f"value is not valid for any member of {self.name} ({self.names})")

    def format_value(self, value: object) -> str:
        return self._formatting(value)[1]

    def canonical(self, value: object) -> str:
        return self._formatting(value)[0].canonical(value)


_NOT_STRING = frozenset(
    ["boolean", "float", "double", "base64Binary", "hexBinary", "integer", "nonPositiveInteger", "negativeInteger",
     "long", "int", "short", "byte", "nonNegativeInteger", "unsignedLong", "unsignedInt", "unsignedShort",
     "unsignedByte", "positiveInteger"]
)


class AnyTypeCodec:
    """xs:anyType: the element kept as XML and written back under the particle's name."""

    kind = "anyType"
    name = "anyType"
    id = "{http://www.w3.org/2001/XMLSchema}anyType"

    def decode(self, node: ET.Element, strict: bool) -> object:
        return node

    def encode(self, value: object, local: str, ns: str, st: EncodeState, parent_default: str, depth: int) -> str:
        element = require_element(value)
        # Written under the particle's name; its attributes, content and declarations are kept.
        renamed_ns = ns if st.qualified else parent_default
        renamed = XmlElement("{" + renamed_ns + "}" + local if renamed_ns else local, dict(element.attrib))
        renamed.text = element.text
        renamed.extend(list(element))
        renamed.declarations = dict(element.declarations) if isinstance(element, XmlElement) else {}
        return st.write_kept(renamed, parent_default)


class ParticlePlan:
    """An element or xs:any particle of a complex type (also a global element, with min = max = 1)."""

    def __init__(
        self,
        kind: str,
        name: str,
        attr: str,
        ns: str,
        min: int,
        max: int,
        nillable: bool,
        type: Any,
        registry: Any = None,
        fixed: str | None = None,
        default: str | None = None,
    ) -> None:
        self.kind = kind
        self.name = name
        # Interned, as the field names of the classes are: a keyword argument then matches its
        # parameter by identity (building a value from its fields takes about half the time).
        self.attr = sys.intern(attr)
        self.ns = ns
        self.min = min
        self.max = max
        # xs:any content is always a list of kept elements, as the models declare it.
        self.many = kind == "any" or max != 1
        self.emptiable = min == 0
        self.nillable = nillable
        self.type = type
        #: The schema's derivation relation (``_derive.Registry``), for xsi:type.
        self.registry = registry
        #: ``fixed``/``default`` lexical values; kept only where the type has a simple value.
        self.fixed = fixed
        self.default = default
        #: A global element's id (substitution group members are named by it).
        self.id = ""
        #: The same element as an earlier particle of the type (``a, b, a``): it decodes into that
        #: particle's attribute and is never encoded, so the value is written once, at the first place.
        self.twin = False
        #: Abstract element: only its substitution group's members may stand in its place.
        self.abstract = False
        #: The non-abstract and abstract members of its substitution group, in schema order (None: no group).
        self.members: list[ParticlePlan] | None = None

    def member_of(self, ns: str, local: str, strict: bool) -> ParticlePlan | None:
        """The element ``{ns}local`` stands as here: this one, one of its members, or None."""
        if not self.abstract and local == self.name and (not strict or ns == self.ns):
            return self
        for m in self.members or ():
            if not m.abstract and local == m.name and (not strict or ns == m.ns):
                return m
        return None

    def matches(self, ns: str, local: str, strict: bool) -> bool:
        """Whether the element ``{ns}local`` may stand here (by name, or as a substitution group member)."""
        if self.members is None:
            return local == self.name and (not strict or ns == self.ns)
        return self.member_of(ns, local, strict) is not None


class AttributePlan:
    def __init__(self, name: str, attr: str, ns: str, required: bool, type: SimpleValueCodec, fixed: str | None = None) -> None:
        self.name = name
        self.attr = sys.intern(attr)
        self.ns = ns
        self.required = required
        self.type = type
        self.fixed = fixed
