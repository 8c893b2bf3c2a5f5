"""XML text in and out: parsing with the standard library's expat (a DOCTYPE is refused where
the parser meets it, so no entity is ever declared or expanded), the reader's limits, the
escaping of the wire format, and writing kept XML back."""

from __future__ import annotations

import dataclasses
import gc
import re
import xml.etree.ElementTree as ET
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator, Mapping
from xml.parsers import expat

__all__ = [
    "DEFAULT_MAX_ATTRIBUTES",
    "DEFAULT_MAX_DEPTH",
    "DEFAULT_MAX_LENGTH",
    "DEFAULT_MAX_NAME_LENGTH",
    "DEFAULT_MAX_NAMESPACE_DECLARATIONS",
    "DEFAULT_MAX_NAMESPACES_IN_SCOPE",
    "DEFAULT_MAX_TEXT_LENGTH",
    "DEFAULT_XML_LIMITS",
    "EXCERPT_LENGTH",
    "NamespaceScope",
    "XmlElement",
    "XmlLimits",
    "escape_attribute",
    "escape_text",
    "excerpt",
    "parse_xml",
    "resolve_prefix",
    "serialize_element",
    "split_tag",
]

DEFAULT_MAX_DEPTH = 1024
"""Elements nested deeper than this are refused (``depth-limit``)."""
DEFAULT_MAX_LENGTH = 256 * 1024 * 1024
"""Documents longer than this (characters, or bytes when given bytes) are refused (``size-limit``)."""
DEFAULT_MAX_TEXT_LENGTH = 64 * 1024 * 1024
"""A text node, CDATA section or attribute value longer than this (characters) is refused (``size-limit``)."""
DEFAULT_MAX_ATTRIBUTES = 256
"""An element with more attributes than this is refused (``size-limit``)."""
DEFAULT_MAX_NAME_LENGTH = 1024
"""An element or attribute name (prefix included) longer than this is refused (``size-limit``)."""
DEFAULT_MAX_NAMESPACE_DECLARATIONS = 128
"""An element declaring more namespace prefixes than this is refused (``size-limit``)."""
DEFAULT_MAX_NAMESPACES_IN_SCOPE = 1024
"""More namespace declarations than this on the open elements together are refused (``size-limit``)."""

EXCERPT_LENGTH = 100
"""Names and values quoted in an error message are cut to this many characters (then ``…``)."""


def excerpt(text: str, limit: int = EXCERPT_LENGTH) -> str:
    """``text`` cut to ``limit`` characters, with ``…`` when it was longer: for error messages."""
    return text if len(text) <= limit else text[:limit] + "…"


@dataclass(frozen=True)
class XmlLimits:
    """The XML reader's limits; every field has the default the other ecgrid-codegen runtimes
    use. Change one with ``XmlLimits(max_depth=64)`` or ``dataclasses.replace(limits, ...)``."""

    max_depth: int = DEFAULT_MAX_DEPTH
    max_text_length: int = DEFAULT_MAX_TEXT_LENGTH
    max_attributes: int = DEFAULT_MAX_ATTRIBUTES
    max_name_length: int = DEFAULT_MAX_NAME_LENGTH
    max_namespace_declarations: int = DEFAULT_MAX_NAMESPACE_DECLARATIONS
    max_namespaces_in_scope: int = DEFAULT_MAX_NAMESPACES_IN_SCOPE
    max_length: int = DEFAULT_MAX_LENGTH


DEFAULT_XML_LIMITS = XmlLimits()

XML_NS = "http://www.w3.org/XML/1998/namespace"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"

_TEXT_SPECIALS = re.compile(r"[&<>\r]")
_ATTRIBUTE_SPECIALS = re.compile(r'[&<>"\t\n\r]')
_REPLACEMENTS = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\t": "&#9;", "\n": "&#10;", "\r": "&#13;"}


def _replace(match: re.Match[str]) -> str:
    return _REPLACEMENTS[match.group(0)]


def escape_text(text: str) -> str:
    """Character data: ``& < >`` and CR (which a parser would turn into LF) as references."""
    if "&" not in text and "<" not in text and ">" not in text and "\r" not in text:
        return text
    return _TEXT_SPECIALS.sub(_replace, text)


def escape_attribute(value: str) -> str:
    """An attribute value in double quotes; TAB, LF and CR survive attribute normalisation."""
    return _ATTRIBUTE_SPECIALS.sub(_replace, value)


class NamespaceScope:
    """The prefixes declared on one element ("" = the default namespace), chained to the scope
    of the element around it. One scope per declaring element, shared by everything inside it:
    never a copy of the parent's bindings, so declarations cost memory once, not per element."""

    __slots__ = ("parent", "bindings")

    def __init__(self, parent: NamespaceScope | None, bindings: dict[str, str]) -> None:
        self.parent = parent
        self.bindings = bindings

    def lookup(self, prefix: str) -> str | None:
        """The namespace bound to ``prefix`` ("" when undeclared with ``xmlns=""``), or None."""
        scope: NamespaceScope | None = self
        while scope is not None:
            uri = scope.bindings.get(prefix)
            if uri is not None:
                return uri
            scope = scope.parent
        return XML_NS if prefix == "xml" else None


class XmlElement(ET.Element):
    """An ElementTree element that also remembers the prefix it was written with, the namespace
    declarations made on it and the namespace scope in effect inside it (for QName values), so
    kept XML is written back as it came. Slots, not an instance dictionary: the reader makes one
    per element of a document."""

    __slots__ = ("_prefix", "_declarations", "_scope")

    @property
    def prefix(self) -> str:
        """The prefix the element's name was written with ("" for none or the default namespace)."""
        try:
            return self._prefix
        except AttributeError:
            return ""

    @prefix.setter
    def prefix(self, value: str) -> None:
        self._prefix = value

    @property
    def declarations(self) -> dict[str, str]:
        """The namespace declarations made on the element ("" = the default namespace)."""
        try:
            return self._declarations
        except AttributeError:
            return {}

    @declarations.setter
    def declarations(self, value: dict[str, str]) -> None:
        self._declarations = value

    @property
    def scope(self) -> NamespaceScope | None:
        """The namespace declarations in effect inside the element, or None when it knows none."""
        try:
            return self._scope
        except AttributeError:
            return None

    @scope.setter
    def scope(self, value: NamespaceScope | None) -> None:
        self._scope = value


def resolve_prefix(element: ET.Element, prefix: str) -> str | None:
    """The namespace ``prefix`` is bound to where ``element`` is, or None when unbound (always
    None for a plain ElementTree element, which does not know its declarations; "xml" aside)."""
    scope = element.scope if isinstance(element, XmlElement) else None
    if scope is not None:
        return scope.lookup(prefix)
    return XML_NS if prefix == "xml" else ("" if prefix == "" else None)


def split_tag(tag: str) -> tuple[str, str]:
    """``{ns}local`` -> (ns, local); a tag without namespace -> ("", tag)."""
    if tag.startswith("{"):
        end = tag.index("}")
        return tag[1:end], tag[end + 1 :]
    return "", tag


@contextmanager
def gc_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused while a document's tree or values are built:
    they are many new objects and no garbage cycles, and the collections their allocations would
    set off (each walking the growing tree) cost a fifth of a large decode. Resumed after, unless
    it was off before."""
    enabled = gc.isenabled()
    if enabled:
        gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class _Stop(Exception):
    """Raised inside a parser callback: a refusal with its position."""

    def __init__(self, code: str, detail: str, line: int, column: int) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail
        self.line = line
        self.column = column


_CHUNK = 1 << 20


def _declaration_start(source: str | bytes, byte_index: int, line: int, column: int) -> tuple[int, int]:
    """The line and column (from 1) of the ``<!DOCTYPE`` that ends near the parser's position.
    A DOCTYPE comes before the root element, so the text searched is the document's start; a
    UTF-16 document keeps the parser's own position."""
    if isinstance(source, bytes):
        end = byte_index + 1
        start = source.rfind(b"<!DOCTYPE", 0, end)
        if start < 0:
            return line, column
        return source.count(b"\n", 0, start) + 1, start - (source.rfind(b"\n", 0, start) + 1) + 1
    at = 0
    for _ in range(line - 1):
        at = source.find("\n", at) + 1
    start = source.rfind("<!DOCTYPE", 0, at + column)
    if start < 0:
        return line, column
    return source.count("\n", 0, start) + 1, start - (source.rfind("\n", 0, start) + 1) + 1


class _Reader:
    """Builds the tree from expat's callbacks, enforcing the limits as the events come; the
    namespace scope is a chain (pushed on a declaring element, popped at its end).

    The element, end and text handlers are closures over local state (no attribute lookups per
    event), and each distinct name is split and length-checked once per document."""

    def __init__(self, limits: XmlLimits) -> None:
        self.limits = limits
        parser = expat.ParserCreate(namespace_separator=" ")
        parser.namespace_prefixes = True
        parser.buffer_text = True
        parser.buffer_size = 65536
        parser.StartNamespaceDeclHandler = self.start_namespace
        parser.StartDoctypeDeclHandler = self.doctype
        parser.EntityDeclHandler = self.entity
        self.parser = parser
        self.root: XmlElement | None = None
        self.scope: NamespaceScope | None = None
        self.in_scope = 0
        self.pending: dict[str, str] | None = None
        self.source: str | bytes = ""
        self._handlers()

    def _handlers(self) -> None:
        limits = self.limits
        max_depth = limits.max_depth
        max_text = limits.max_text_length
        max_attributes = limits.max_attributes
        stop = self.stop
        name_of = self._name
        element_names: dict[str, tuple[str, str]] = {}
        attribute_names: dict[str, str] = {}
        # Open elements, and how many namespace declarations each made (popped with it).
        stack: list[XmlElement] = []
        declared: list[int] = []
        push, pop = stack.append, stack.pop
        push_declared, pop_declared = declared.append, declared.pop
        # The pieces of the text being read, their length, and the element it belongs to (as its
        # text, or as its tail when ``tail``).
        text: list[str] = []
        text_length = 0
        owner: XmlElement | None = None
        tail = False
        new_element = XmlElement
        reader = self

        def flush() -> None:
            nonlocal text_length
            if owner is not None:
                joined = text[0] if len(text) == 1 else "".join(text)
                if tail:
                    owner.tail = joined
                else:
                    owner.text = joined
            text.clear()
            text_length = 0

        def start(name: str, attrs: dict[str, str]) -> None:
            nonlocal owner, tail
            if len(stack) >= max_depth:
                raise stop("depth-limit", f"elements are nested more than {max_depth} levels deep")
            if text:
                flush()
            known = element_names.get(name)
            if known is None:
                known = element_names[name] = name_of(name, "element")
            tag, prefix = known
            if attrs:
                if len(attrs) > max_attributes:
                    raise stop("size-limit", f"an element has {len(attrs)} attributes, more than the limit of {max_attributes}")
                attrib: dict[str, str] = {}
                for key, value in attrs.items():
                    if len(value) > max_text:
                        raise stop("size-limit", f"an attribute value of {len(value)} characters is longer than the limit of {max_text}")
                    clark = attribute_names.get(key)
                    if clark is None:
                        clark = attribute_names[key] = name_of(key, "attribute")[0]
                    attrib[clark] = value
                element = new_element(tag, attrib)
            else:
                element = new_element(tag)
            pending = reader.pending
            if pending:
                reader.scope = NamespaceScope(reader.scope, pending)
                element._declarations = pending
                push_declared(len(pending))
                reader.pending = None
            else:
                push_declared(0)
            if prefix:
                element._prefix = prefix
            scope = reader.scope
            if scope is not None:
                element._scope = scope
            if stack:
                stack[-1].append(element)
            else:
                reader.root = element
            push(element)
            owner, tail = element, False

        def end(name: str) -> None:
            nonlocal owner, tail
            if text:
                flush()
            element = pop()
            count = pop_declared()
            if count:
                reader.in_scope -= count
                assert reader.scope is not None
                reader.scope = reader.scope.parent
            if stack:
                owner, tail = element, True
            else:
                owner, tail = None, False

        def data(piece: str) -> None:
            # Expat may deliver one text node in several pieces: they count together.
            nonlocal text_length
            text_length += len(piece)
            if text_length > max_text:
                raise stop("size-limit", f"a text is longer than the limit of {max_text} characters")
            text.append(piece)

        parser = self.parser
        parser.StartElementHandler = start
        parser.EndElementHandler = end
        parser.CharacterDataHandler = data

    def stop(self, code: str, detail: str) -> _Stop:
        return _Stop(code, detail, self.parser.CurrentLineNumber, self.parser.CurrentColumnNumber + 1)

    def doctype(self, name: str, system_id: str | None, public_id: str | None, has_internal_subset: int) -> None:
        stop = self.stop("doctype-refused", "DOCTYPE and entity declarations are not accepted")
        # Expat calls this at the end of the declaration's head: report where "<!DOCTYPE" starts.
        stop.line, stop.column = _declaration_start(self.source, self.parser.CurrentByteIndex, stop.line, stop.column)
        raise stop

    def entity(self, *args: object) -> None:
        raise self.stop("doctype-refused", "DOCTYPE and entity declarations are not accepted")

    def start_namespace(self, prefix: str | None, uri: str | None) -> None:
        limits = self.limits
        if self.pending is None:
            self.pending = {}
        self.pending[prefix or ""] = uri or ""
        if len(self.pending) > limits.max_namespace_declarations:
            raise self.stop("size-limit", f"an element declares more than {limits.max_namespace_declarations} namespace prefixes")
        self.in_scope += 1
        if self.in_scope > limits.max_namespaces_in_scope:
            raise self.stop("size-limit", f"more than {limits.max_namespaces_in_scope} namespace declarations are in scope")
        if prefix is not None and len(prefix) + 6 > limits.max_name_length:
            raise self.stop("size-limit", f"an attribute name of {len(prefix) + 6} characters is longer than the limit of {limits.max_name_length}")
        if uri is not None and len(uri) > limits.max_text_length:
            raise self.stop("size-limit", f"an attribute value of {len(uri)} characters is longer than the limit of {limits.max_text_length}")

    def _name(self, name: str, what: str) -> tuple[str, str]:
        """Expat's ``uri local prefix`` triplet -> (``{uri}local``, prefix), length checked."""
        parts = name.split(" ")
        if len(parts) == 1:
            tag, prefix, length = name, "", len(name)
        else:
            prefix = parts[2] if len(parts) > 2 else ""
            tag = "{" + parts[0] + "}" + parts[1]
            length = len(parts[1]) + (len(prefix) + 1 if prefix else 0)
        if length > self.limits.max_name_length:
            raise self.stop("size-limit", f"an {what} name of {length} characters is longer than the limit of {self.limits.max_name_length}")
        return tag, prefix

    def feed(self, text: str | bytes) -> XmlElement:
        self.source = text
        parse = self.parser.Parse
        for at in range(0, len(text), _CHUNK):
            parse(text[at : at + _CHUNK], False)
        parse(b"" if isinstance(text, bytes) else "", True)
        assert self.root is not None
        return self.root


def _prefix_in(scope: Mapping[str, str], ns: str, *, element: bool) -> str:
    """The prefix a name in ``ns`` was written with: the default namespace when it is ``ns``
    (elements only), else the last prefix bound to it."""
    if element and scope.get("", "") == ns:
        return ""
    for prefix in reversed(list(scope)):
        if prefix != "" and scope[prefix] == ns:
            return prefix
    return ""


def parse_xml(text: str | bytes, *, limits: XmlLimits | None = None, **changes: int) -> XmlElement:
    """Parses a document and returns its root element.

    ``limits`` (default :class:`XmlLimits`), with ``changes`` applied to it
    (``parse_xml(text, max_depth=64)``), bounds the document: its length, the depth, each text and
    attribute value, the attributes per element, name lengths and namespace declarations
    (``size-limit``, ``depth-limit``). A DOCTYPE is refused where the parser meets it
    (``doctype-refused``, with its line and column), so no entity is ever declared or expanded
    and no external resource is read. Raises XmlParseError, nothing else."""
    from .errors import XmlParseError

    limits = limits or DEFAULT_XML_LIMITS
    if changes:
        limits = dataclasses.replace(limits, **changes)
    if len(text) > limits.max_length:
        unit = "bytes" if isinstance(text, bytes) else "characters"
        raise XmlParseError("size-limit", f"document is {len(text)} {unit} long, more than the limit of {limits.max_length}")
    reader = _Reader(limits)
    try:
        with gc_paused():
            return reader.feed(text)
    except _Stop as stop:
        raise XmlParseError(stop.code, f"{stop.detail} (line {stop.line}, column {stop.column})", line=stop.line, column=stop.column) from None
    except expat.ExpatError as error:
        line, column = error.lineno, error.offset + 1
        raise XmlParseError("not-well-formed", f"{expat.ErrorString(error.code)} (line {line}, column {column})", line=line, column=column) from None
    except RecursionError:
        raise XmlParseError("depth-limit", "the document is nested too deeply") from None
    except MemoryError:
        raise XmlParseError("size-limit", "the document does not fit in memory") from None


def _declared(element: ET.Element) -> Mapping[str, str]:
    return element.declarations if isinstance(element, XmlElement) else {}


def _prefix_of(element: ET.Element, ns: str, bindings: Mapping[str, str]) -> str:
    """A parsed element keeps its prefix; a plain ElementTree element uses a bound one."""
    return element.prefix if isinstance(element, XmlElement) else _prefix_in(bindings, ns, element=True)


def serialize_element(element: ET.Element, context: Mapping[str, str] | None = None) -> str:
    """Writes kept XML. ``context`` holds the prefix bindings in effect where the text goes
    ("" = default namespace); declarations made in the source are kept, and a namespace that is
    used but not bound is declared on the element that uses it."""
    bindings = {"xml": XML_NS}
    if context is not None:
        bindings.update(context)
    return _write(element, bindings, 0)


def _write(root: ET.Element, inherited: dict[str, str], depth: int) -> str:
    """Writes an element and its content with an explicit stack, so kept XML as deep as the
    reader allows never runs into Python's recursion limit."""
    out: list[str] = []
    # Open elements: their remaining children, name, bindings, depth and the tail written after them.
    stack: list[tuple[Iterator[ET.Element], str, dict[str, str], int, str]] = []

    def open_element(element: ET.Element, bindings: dict[str, str], level: int, tail: str) -> None:
        start, name, scope = _start_tag(element, bindings, level)
        children = list(element)
        if not element.text and not children:
            out.append(f"{start}/>{tail}")
            return
        out.append(f"{start}>{escape_text(element.text or '')}")
        stack.append((iter(children), name, scope, level, tail))

    open_element(root, inherited, depth, "")
    while stack:
        children, name, scope, level, tail = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            out.append(f"</{name}>{tail}")
        else:
            open_element(child, scope, level + 1, escape_text(child.tail or ""))
    return "".join(out)


def _start_tag(element: ET.Element, inherited: dict[str, str], depth: int) -> tuple[str, str, dict[str, str]]:
    """An element's start tag without its closing ``>``, its qualified name, and the bindings in
    effect inside it (the inherited ones plus the declarations it makes)."""
    bindings = inherited
    head: list[str] = []
    ns, local = split_tag(element.tag)

    def bind(prefix: str, uri: str) -> None:
        nonlocal bindings
        if bindings is inherited:
            bindings = dict(inherited)
        bindings[prefix] = uri
        head.append(f' xmlns="{escape_attribute(uri)}"' if prefix == "" else f' xmlns:{prefix}="{escape_attribute(uri)}"')

    prefix = _prefix_of(element, ns, inherited)
    for declared, uri in _declared(element).items():
        if declared == "" and prefix == "" and uri != ns:
            continue
        if depth == 0 and bindings.get(declared, "") == uri:
            continue
        bind(declared, uri)
    if bindings.get(prefix, "") != ns:
        bind(prefix, ns)
    name = f"{prefix}:{local}" if prefix else local
    attributes: list[str] = []
    for key, value in element.attrib.items():
        a_ns, a_local = split_tag(key)
        if a_ns == "":
            attributes.append(f' {a_local}="{escape_attribute(value)}"')
            continue
        a_prefix = _prefix_in(bindings, a_ns, element=False)
        if a_prefix == "":
            a_prefix = f"ns{len(bindings)}"
            bind(a_prefix, a_ns)
        attributes.append(f' {a_prefix}:{a_local}="{escape_attribute(value)}"')
    return f"<{name}{''.join(head)}{''.join(attributes)}", name, bindings
