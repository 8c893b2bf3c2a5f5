"""Tiny factories for schema and service descriptors, and a small hand-built schema (a KeySet
look-alike in its own namespace) that the codec and transport tests share."""

from __future__ import annotations

import dataclasses
import enum
from typing import Any

from ecgrid_soap_runtime import Codec

XS = "{http://www.w3.org/2001/XMLSchema}"
TNS = "urn:test"


def q(local: str, ns: str = TNS) -> str:
    """A Clark-notation id: ``{ns}local``."""
    return f"{{{ns}}}{local}" if ns else local


def element(name: str, type_: str, *, ns: str = TNS, min: int = 1, max: int = 1, nillable: bool = False, **extra: Any) -> dict[str, Any]:
    """An element particle."""
    return {"kind": "element", "name": name, "ns": ns, "type": type_, "min": min, "max": max, "nillable": nillable, **extra}


def complex_type(name: str, *content: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"kind": "complex", "name": name, "content": list(content), **extra}


def schema(types: dict[str, dict[str, Any]], elements: dict[str, tuple[str, str]] | None = None) -> dict[str, Any]:
    """A schema descriptor; ``elements`` maps an element id to (its name, its type id), in TNS."""
    return {
        "types": types,
        "elements": {eid: {"name": name, "ns": TNS, "type": type_, "nillable": False} for eid, (name, type_) in (elements or {}).items()},
    }


class Visibility(str, enum.Enum):
    Private = "Private"
    Shared = "Shared"


@dataclasses.dataclass(kw_only=True)
class Request:
    SessionID: str | None = None
    UserID: int
    Visibility: Visibility


@dataclasses.dataclass(kw_only=True)
class Info:
    KeyID: int
    Key: str
    Visibility: Visibility
    Created: str


@dataclasses.dataclass(kw_only=True)
class Response:
    Result: Info | None = None


KEYS_SCHEMA = schema(
    {
        q("Visibility"): {"kind": "enum", "name": "Visibility", "base": f"{XS}string", "values": ["Private", "Shared"]},
        q("Request"): complex_type(
            "Request",
            element("SessionID", f"{XS}string", min=0),
            element("UserID", f"{XS}int"),
            element("Visibility", q("Visibility")),
        ),
        q("Info"): complex_type(
            "Info",
            element("KeyID", f"{XS}int"),
            element("Key", f"{XS}string"),
            element("Visibility", q("Visibility")),
            element("Created", f"{XS}dateTime"),
        ),
        q("Response"): complex_type("Response", element("Result", q("Info"), min=0)),
    },
    {q("Request"): ("Request", q("Request")), q("Response"): ("Response", q("Response"))},
)
KEYS_CLASSES: dict[str, type] = {q("Visibility"): Visibility, q("Request"): Request, q("Info"): Info, q("Response"): Response}


def keys_codec() -> Codec:
    return Codec(KEYS_SCHEMA, KEYS_CLASSES, {})


KEYS_SERVICE: dict[str, Any] = {
    "name": "Keys",
    "endpoints": {"soap11": "http://127.0.0.1:9/keys.asmx"},
    "operations": {
        "Set": {"name": "Set", "soapAction": "urn:test/Set", "input": q("Request"), "output": q("Response"), "wrapped": True},
        "Forget": {"name": "Forget", "soapAction": "urn:test/Forget", "input": q("Request"), "wrapped": True},
    },
}

INFO_XML = (
    f'<Response xmlns="{TNS}"><Result><KeyID>1043</KeyID><Key>xyz</Key>'
    "<Visibility>Shared</Visibility><Created>2026-05-07T10:00:00</Created></Result></Response>"
)
