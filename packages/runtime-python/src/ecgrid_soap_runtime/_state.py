"""The encoder's per-call state, as the TypeScript runtime keeps it: default-namespace
switching, nil, indentation, and namespace prefixes declared on the element that needs them
(``xsi`` and ``xsd`` on the fragment's root, others where they are used)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Mapping

from ._xml import XML_NS, XSI_NS, escape_attribute, serialize_element, split_tag

__all__ = ["Declared", "EncodeState", "SOAP_ENCODING_NS", "XSD_NS"]

XSD_NS = "http://www.w3.org/2001/XMLSchema"
SOAP_ENCODING_NS = "http://schemas.xmlsoap.org/soap/encoding/"
_NAME_END = re.compile(r"[\s/>]")


class Declared:
    """Prefixes declared on one element being written; ``text`` goes into its start tag."""

    def __init__(self) -> None:
        self.text = ""
        self.added: dict[str, str] = {}


def _declared_prefix(declarations: Mapping[str, str], ns: str, fallback: str) -> tuple[str, bool]:
    for prefix, uri in declarations.items():
        if prefix != "" and uri == ns:
            return prefix, True
    return fallback, False


class EncodeState:
    def __init__(self, qualified: bool, indent: str | None, declarations: Mapping[str, str], xsi_types: bool = False) -> None:
        self.qualified = qualified
        #: rpc/encoded: every simple-typed element carries ``xsi:type`` naming its type.
        self.xsi_types = xsi_types
        self.indent = indent
        self.pretty = indent is not None
        #: Prefix bindings in effect: the context's, then those declared by enclosing elements.
        self.scope: dict[str, str] = dict(declarations)
        self.xsi_prefix, self.xsi_declared = _declared_prefix(declarations, XSI_NS, "xsi")
        self.xsd_prefix, self.xsd_declared = _declared_prefix(declarations, XSD_NS, "xsd")
        self.xsi_used = False
        self.xsd_used = False

    def line(self, depth: int) -> str:
        return "" if self.indent is None else "\n" + self.indent * depth

    def open_tag(self, local: str, ns: str, parent_default: str) -> str:
        """``<local`` plus ``xmlns="ns"`` where the default namespace changes (qualified output)."""
        return f'<{local} xmlns="{escape_attribute(ns)}"' if self.qualified and ns != parent_default else f"<{local}"

    def default_inside(self, ns: str, parent_default: str) -> str:
        return ns if self.qualified else parent_default

    def nil_element(self, local: str, ns: str, parent_default: str) -> str:
        self.xsi_used = True
        return f'{self.open_tag(local, ns, parent_default)} {self.xsi_prefix}:nil="true"/>'

    def declare_xsi(self, xml: str) -> str:
        """Declares ``xsi``/``xsd`` on the fragment's root when used and not declared by the context."""
        declarations = ""
        if self.xsi_used and not self.xsi_declared:
            declarations += f' xmlns:{self.xsi_prefix}="{XSI_NS}"'
        if self.xsd_used and not self.xsd_declared:
            declarations += f' xmlns:{self.xsd_prefix}="{XSD_NS}"'
        if not declarations:
            return xml
        match = _NAME_END.search(xml)
        at = match.start() if match else len(xml)
        return xml[:at] + declarations + xml[at:]

    def _bound(self, d: Declared, prefix: str) -> bool:
        return prefix in (self.xsi_prefix, self.xsd_prefix, "xml", "xmlns") or prefix in self.scope or prefix in d.added

    def prefix_for(self, ns: str, d: Declared) -> str:
        """The prefix of ``ns``: one in scope, ``xsi``/``xsd``, or a new one declared on this
        element (``t``, ``t2``... ``soapenc`` for the SOAP encoding namespace)."""
        if ns == XSI_NS:
            self.xsi_used = True
            return self.xsi_prefix
        if ns == XSD_NS:
            self.xsd_used = True
            return self.xsd_prefix
        if ns == XML_NS:
            return "xml"
        for prefix, uri in d.added.items():
            if uri == ns:
                return prefix
        for prefix, uri in self.scope.items():
            if prefix != "" and uri == ns:
                return prefix
        stem = "soapenc" if ns == SOAP_ENCODING_NS else "t"
        prefix, n = stem, 2
        while self._bound(d, prefix):
            prefix, n = f"{stem}{n}", n + 1
        d.added[prefix] = ns
        d.text += f' xmlns:{prefix}="{escape_attribute(ns)}"'
        return prefix

    def enter_scope(self, d: Declared) -> dict[str, str]:
        """Makes the prefixes declared on an element visible to its content; returns the old scope."""
        saved = self.scope
        if d.added:
            self.scope = {**saved, **d.added}
        return saved

    def qname_value(self, type_id: str, d: Declared, element_default: str) -> str:
        """A type id as a QName value written on the element (``arrayType``)."""
        from ._simple import Failure

        ns, local = split_tag(type_id)
        if ns != "":
            return f"{self.prefix_for(ns, d)}:{local}"
        if element_default != "":
            raise Failure("invalid-type", "a type in no namespace cannot be named under a default namespace")
        return local

    def write_kept(self, element: ET.Element, parent_default: str) -> str:
        context = dict(self.scope)
        context[""] = parent_default
        return serialize_element(element, context)
