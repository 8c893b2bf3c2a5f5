"""Value types of the models: lexical forms kept as strings, kept XML, and the nil marker.

Dates, times, durations and decimals are kept exactly as received (``2026-05-07T10:00:00``
stays without a zone, ``-12.50`` keeps its digits), so a value read from XML goes back out
unchanged. The aliases below only document which lexical form a field holds.
"""

from __future__ import annotations

import dataclasses
import enum
from typing import Final, Generic, Literal, TypeVar

from ._xml import XmlElement

__all__ = [
    "NIL",
    "Element",
    "Nil",
    "Substitute",
    "XmlElement",
    "XsdDate",
    "XsdDateTime",
    "XsdDecimal",
    "XsdDuration",
    "XsdTime",
]

XsdDateTime = str
"""``xs:dateTime`` lexical form, e.g. ``2026-05-07T10:00:00`` or ``2026-05-07T10:00:00.5+02:00``."""
XsdDate = str
"""``xs:date`` lexical form, e.g. ``2026-05-07`` or ``2026-05-07Z``."""
XsdTime = str
"""``xs:time`` lexical form, e.g. ``10:00:00``."""
XsdDuration = str
"""``xs:duration`` lexical form, e.g. ``P1DT2H``."""
XsdDecimal = str
"""``xs:decimal`` lexical form, exact: ``-12.50`` stays ``-12.50``."""

Element = XmlElement
"""Kept XML (``xs:any`` content and ``xs:anyType``): an ``xml.etree.ElementTree.Element``."""


class Nil(enum.Enum):
    """The type of :data:`NIL`."""

    NIL = "nil"

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "NIL"


NIL: Final = Nil.NIL
"""``xsi:nil="true"`` in a field that may also be absent (optional and nillable).

Such a field is ``None`` when the element is absent and ``NIL`` when it is present and nil. A
field that is nillable but required, or an item of a nillable list, is ``None`` when nil (it
cannot be absent); an optional field that is not nillable is ``None`` when absent.
"""


_T_co = TypeVar("_T_co", covariant=True)


@dataclasses.dataclass(frozen=True)
class Substitute(Generic[_T_co]):
    """A member of a substitution group standing where its head element is declared:
    ``element`` is the member element's id (``{namespace}local``), ``value`` the member's value
    (its type's class, a simple value, or None when the member is nil).

    A field whose element heads a substitution group holds the head's own value, or a
    ``Substitute``; when the head is abstract, only a ``Substitute``."""

    element: str
    value: _T_co
