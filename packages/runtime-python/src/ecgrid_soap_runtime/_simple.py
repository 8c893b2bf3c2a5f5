"""The codec's building blocks: failures with paths, and the codecs of simple types and
xs:anyType."""

from __future__ import annotations

import enum
import xml.etree.ElementTree as ET
from typing import Any, Callable, Generator

from ._builtins import BUILTINS, BuiltinValueError, collapse_whitespace
from ._state import EncodeState
from .errors import SchemaError
from ._xml import XSI_NS, XmlElement, escape_text, excerpt, resolve_prefix, split_tag

__all__ = [
    "AnyTypeCodec", "AttributePlan", "DecodeSteps", "EncodeState", "Failure", "ParticlePlan", "SimpleCodec", "Unsupported", "check_xsi_type",
    "EncodeSteps", "decode_nested", "encode_nested", "is_nil", "quote",
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


EncodeSteps = Generator[tuple[Any, object, str, str, str, int], str, str]
"""The encoding of a complex or array value as a generator: it yields ``(codec, value, local,
ns, parent_default, depth)`` for each child value that is itself complex or an array, and is
sent its text back (or has its failure thrown in at the yield)."""


def encode_nested(codec: Any, value: object, local: str, ns: str, st: EncodeState, parent_default: str, depth: int) -> str:
    """Encodes a value of any depth with an explicit stack of ``encode_steps`` generators."""

    def nested(request: tuple[Any, object, str, str, str, int]) -> EncodeSteps | None:
        steps = getattr(request[0], "encode_steps", None)
        return None if steps is None else steps(request[1], request[2], request[3], st, request[4], request[5])

    def leaf(request: tuple[Any, object, str, str, str, int]) -> str:
        return str(request[0].encode(request[1], request[2], request[3], st, request[4], request[5]))

    return str(_drive(codec.encode_steps(value, local, ns, st, parent_default, depth), nested, leaf))


def _from_builtin(error: BuiltinValueError, detail: str) -> Failure:
    return Failure(error.code, detail)


_XSI_NIL = "{" + XSI_NS + "}nil"
_XSI_TYPE = "{" + XSI_NS + "}type"


def is_nil(node: ET.Element) -> bool:
    value = node.attrib.get(_XSI_NIL)
    return value is not None and collapse_whitespace(value) in ("true", "1")


def check_xsi_type(node: ET.Element, name: str, accepted: frozenset[str], strict: bool) -> None:
    """An ``xsi:type`` on ``node`` must name its declared type (``accepted``: the type's id, and
    for a simple type the ids it derives from): a type the schema does not know, or a derived
    type (not supported), is a typed failure, never ignored."""
    text = node.attrib.get(_XSI_TYPE)
    if text is None:
        return
    qname = collapse_whitespace(text)
    prefix, colon, local = qname.partition(":")
    if not colon:
        prefix, local = "", qname
    ns = resolve_prefix(node, prefix)
    if ns is None and strict:
        raise Failure("invalid-value", f"xsi:type {quote(qname)} uses an undeclared prefix")
    if ns is not None and ("{" + ns + "}" + local if ns else local) in accepted:
        return
    if not strict and any(split_tag(type_id)[1] == local for type_id in accepted):
        return
    raise Failure("invalid-type", f"xsi:type {quote(qname)} does not name {name} (unknown type, or a derived type, which the Python SDK does not support)")


def _text_content(node: ET.Element) -> str:
    for child in node:
        raise Failure("unexpected-element", f"element <{excerpt(split_tag(child.tag)[1])}> is not allowed in text-only content")
    return node.text or ""


def require_element(value: object) -> ET.Element:
    if not isinstance(value, ET.Element):
        raise Failure("invalid-type", "expected an xml.etree.ElementTree.Element")
    return value


class SimpleCodec:
    """Builtins, their restrictions and enumerations."""

    kind = "simple"

    def __init__(
        self,
        type_id: str,
        name: str,
        builtin: str,
        values: tuple[str, ...] | None,
        enum_class: type[enum.Enum] | None,
        bases: tuple[str, ...] = (),
    ) -> None:
        self.id = type_id
        self.name = name
        #: What an xsi:type may name here: the type, the types it restricts, its builtin.
        self.xsi_types = frozenset((type_id, "{http://www.w3.org/2001/XMLSchema}" + builtin, *bases))
        self.codec = BUILTINS[builtin]
        self.is_string = builtin not in _NOT_STRING
        self.values = values
        self.enum_class = enum_class
        self.expected = ", ".join(values or ())

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
            return self.enum_class(value)
        return value

    def format_value(self, value: object) -> str:
        if isinstance(value, enum.Enum):
            value = value.value
        try:
            text = self.codec.format(value)
        except BuiltinValueError as error:
            raise _from_builtin(error, f"invalid {self.name}: {error.reason}") from None
        if not self._check_enum(value):
            raise Failure("unknown-enum-value", f"value is not one of {self.expected}")
        return text

    def decode(self, node: ET.Element, strict: bool) -> object:
        if node.attrib:
            check_xsi_type(node, self.name, self.xsi_types, strict)
        return self.parse_value(_text_content(node))

    def encode(self, value: object, local: str, ns: str, st: EncodeState, parent_default: str, depth: int) -> str:
        text = self.format_value(value)
        head = st.open_tag(local, ns, parent_default)
        return f"{head}/>" if text == "" else f"{head}>{escape_text(text)}</{local}>"


_NOT_STRING = frozenset(
    ["boolean", "float", "double", "base64Binary", "hexBinary", "integer", "nonPositiveInteger", "negativeInteger",
     "long", "int", "short", "byte", "nonNegativeInteger", "unsignedLong", "unsignedInt", "unsignedShort",
     "unsignedByte", "positiveInteger"]
)


class Unsupported:
    """A type whose XML Schema feature this SDK does not handle yet: using it raises SchemaError
    (the rest of the schema works)."""

    kind = "unsupported"

    def __init__(self, type_id: str, name: str, feature: str) -> None:
        self.id = type_id
        self.name = name
        self.feature = feature

    def fail(self) -> SchemaError:
        return SchemaError(f"type {self.name} uses {self.feature}, which the Python SDK does not support yet")

    def decode(self, node: ET.Element, strict: bool) -> object:
        raise self.fail()

    def encode(self, value: object, local: str, ns: str, st: EncodeState, parent_default: str, depth: int) -> str:
        raise self.fail()

    def parse_value(self, lexical: str) -> object:
        raise self.fail()

    def format_value(self, value: object) -> str:
        raise self.fail()


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
    def __init__(self, kind: str, name: str, attr: str, ns: str, min: int, max: int, nillable: bool, type: Any) -> None:
        self.kind = kind
        self.name = name
        self.attr = attr
        self.ns = ns
        self.min = min
        self.max = max
        # xs:any content is always a list of kept elements, as the models declare it.
        self.many = kind == "any" or max != 1
        self.nillable = nillable
        self.type = type


class AttributePlan:
    def __init__(self, name: str, attr: str, ns: str, required: bool, type: SimpleCodec | Unsupported) -> None:
        self.name = name
        self.attr = attr
        self.ns = ns
        self.required = required
        self.type = type
