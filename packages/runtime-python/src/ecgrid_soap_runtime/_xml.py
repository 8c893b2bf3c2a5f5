"""XML text in and out: parsing with xml.etree (DOCTYPE and entity declarations refused before
anything is expanded), the escaping of the wire format, and writing kept XML back."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Iterator, Mapping

__all__ = [
    "DEFAULT_MAX_DEPTH",
    "DEFAULT_MAX_LENGTH",
    "DEFAULT_MAX_TEXT_LENGTH",
    "XmlElement",
    "escape_attribute",
    "escape_text",
    "parse_xml",
    "serialize_element",
    "split_tag",
]

DEFAULT_MAX_DEPTH = 1024
"""Elements nested deeper than this are refused (``depth-limit``), as by the TypeScript runtime."""
DEFAULT_MAX_LENGTH = 256 * 1024 * 1024
"""Documents longer than this (characters, or bytes when given bytes) are refused (``size-limit``)."""
DEFAULT_MAX_TEXT_LENGTH = 64 * 1024 * 1024
"""A text node or attribute value longer than this is refused (``size-limit``)."""

XML_NS = "http://www.w3.org/XML/1998/namespace"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"

_TEXT_SPECIALS = re.compile(r"[&<>\r]")
_ATTRIBUTE_SPECIALS = re.compile(r'[&<>"\t\n\r]')
_REPLACEMENTS = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\t": "&#9;", "\n": "&#10;", "\r": "&#13;"}


def _replace(match: re.Match[str]) -> str:
    return _REPLACEMENTS[match.group(0)]


def escape_text(text: str) -> str:
    """Character data: ``& < >`` and CR (which a parser would turn into LF) as references."""
    return _TEXT_SPECIALS.sub(_replace, text)


def escape_attribute(value: str) -> str:
    """An attribute value in double quotes; TAB, LF and CR survive attribute normalisation."""
    return _ATTRIBUTE_SPECIALS.sub(_replace, value)


class XmlElement(ET.Element):
    """An ElementTree element that also remembers the prefix it was written with and the
    namespace declarations made on it, so kept XML is written back as it came."""

    prefix: str = ""
    declarations: dict[str, str] = {}


def split_tag(tag: str) -> tuple[str, str]:
    """``{ns}local`` -> (ns, local); a tag without namespace -> ("", tag)."""
    if tag.startswith("{"):
        end = tag.index("}")
        return tag[1:end], tag[end + 1 :]
    return "", tag


class _Builder:
    """The parser's target: a TreeBuilder of XmlElement that records declarations and prefixes
    and refuses a DOCTYPE before its internal subset is read."""

    def __init__(self, max_depth: int, max_text: int) -> None:
        self._tree = ET.TreeBuilder(element_factory=XmlElement)
        self._pending: dict[str, str] = {}
        self._scopes: list[dict[str, str]] = [{"xml": XML_NS}]
        self._max_depth = max_depth
        self._max_text = max_text
        self._text = 0

    def doctype(self, name: str, pubid: str | None, system: str | None) -> None:
        raise _Refused()

    def start_ns(self, prefix: str, uri: str) -> None:
        self._pending[prefix or ""] = uri

    def start(self, tag: str, attrs: dict[str, str]) -> ET.Element:
        if len(self._scopes) > self._max_depth:
            raise _Limit("depth-limit", f"elements are nested more than {self._max_depth} levels deep")
        for value in attrs.values():
            if len(value) > self._max_text:
                raise _Limit("size-limit", f"an attribute value of {len(value)} characters is longer than the limit of {self._max_text}")
        self._text = 0
        scope = dict(self._scopes[-1])
        scope.update(self._pending)
        self._scopes.append(scope)
        element = self._tree.start(tag, attrs)
        assert isinstance(element, XmlElement)
        element.declarations = self._pending
        element.prefix = _prefix_in(scope, split_tag(tag)[0], element=True)
        self._pending = {}
        return element

    def end(self, tag: str) -> ET.Element:
        self._text = 0
        self._scopes.pop()
        return self._tree.end(tag)

    def data(self, data: str) -> None:
        # expat may deliver one text node in several pieces: count them together.
        self._text += len(data)
        if self._text > self._max_text:
            raise _Limit("size-limit", f"a text is longer than the limit of {self._max_text} characters")
        self._tree.data(data)

    def close(self) -> ET.Element:
        return self._tree.close()


class _Refused(Exception):
    pass


class _Limit(Exception):
    def __init__(self, code: str, detail: str) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail


def _prefix_in(scope: Mapping[str, str], ns: str, *, element: bool) -> str:
    """The prefix a name in ``ns`` was written with: the default namespace when it is ``ns``
    (elements only), else the last prefix bound to it."""
    if element and scope.get("", "") == ns:
        return ""
    for prefix in reversed(list(scope)):
        if prefix != "" and scope[prefix] == ns:
            return prefix
    return ""


def parse_xml(
    text: str | bytes,
    *,
    max_depth: int = DEFAULT_MAX_DEPTH,
    max_length: int = DEFAULT_MAX_LENGTH,
    max_text_length: int = DEFAULT_MAX_TEXT_LENGTH,
) -> XmlElement:
    """Parses a document and returns its root element.

    A DOCTYPE or entity declaration is refused before anything is parsed (``doctype-refused``),
    so no entity is ever expanded and no external resource is read; so are documents longer than
    ``max_length``, elements nested deeper than ``max_depth`` and text or attribute values longer
    than ``max_text_length`` (``size-limit``, ``depth-limit``). Raises XmlParseError."""
    from .errors import XmlParseError

    if len(text) > max_length:
        unit = "bytes" if isinstance(text, bytes) else "characters"
        raise XmlParseError("size-limit", f"document is {len(text)} {unit} long, more than the limit of {max_length}")
    refused = (b"<!DOCTYPE" in text or b"<!ENTITY" in text) if isinstance(text, bytes) else ("<!DOCTYPE" in text or "<!ENTITY" in text)
    if refused:
        raise XmlParseError("doctype-refused", "DOCTYPE and entity declarations are not accepted")
    parser = ET.XMLParser(target=_Builder(max_depth, max_text_length))
    try:
        parser.feed(text)
        root = parser.close()
    except _Refused:
        raise XmlParseError("doctype-refused", "DOCTYPE and entity declarations are not accepted") from None
    except _Limit as limit:
        raise XmlParseError(limit.code, limit.detail) from None
    except ET.ParseError as error:
        raise XmlParseError("not-well-formed", str(error)) from None
    assert isinstance(root, XmlElement)
    return root


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
