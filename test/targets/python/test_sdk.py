"""Behaviour of the generated Python SDK (the contract package): value fidelity, strictness and
errors like the TypeScript runtime. Run by python.test.ts with ``python3 -m unittest``; the
package is on PYTHONPATH, the repository root in ECGRID_ROOT."""

from __future__ import annotations

import os
import unittest
from pathlib import Path
from typing import cast

import ecgrid_soap_runtime
import ecgridos
from ecgridos import (
    DecodeError,
    ECGridOSService,
    EncodeError,
    KeyIDInfo,
    KeySet,
    KeyVisibility,
    XmlParseError,
    decode,
    encode,
)

ROOT = Path(os.environ["ECGRID_ROOT"])
PRINTED = (ROOT / "wsdl" / "examples" / "KeyIDInfo.xml").read_text(encoding="utf-8")
TNS = "https://os.ecgrid.io/"


class PageExample(unittest.TestCase):
    def test_decodes_the_printed_example_to_typed_values(self) -> None:
        info = decode(KeyIDInfo, PRINTED, namespaces="ignore")
        self.assertEqual(info, KeyIDInfo(KeyID=1043, UserID=5001, Key="xyz987uvw654rst321opq098nml765kj",
                                         Visibility=KeyVisibility.Shared, Created="2026-05-07T10:00:00"))
        self.assertIs(info.Visibility, KeyVisibility.Shared)

    def test_encodes_qualified_by_default_and_unqualified_on_request(self) -> None:
        info = decode(KeyIDInfo, PRINTED, namespaces="ignore")
        self.assertTrue(encode(KeyIDInfo, info).startswith(f'<KeyIDInfo xmlns="{TNS}"><KeyID>1043</KeyID>'))
        self.assertEqual(encode("KeyIDInfo", info, qualified=False, indent="  ").split("\n")[1], "  <KeyID>1043</KeyID>")

    def test_keeps_date_times_exactly(self) -> None:
        for created in ("2026-05-07T10:00:00", "2026-05-07T10:00:00Z", "2026-05-07T10:00:00.125+02:00"):
            info = decode(KeyIDInfo, PRINTED.replace("2026-05-07T10:00:00", created), namespaces="ignore")
            self.assertEqual(info.Created, created)
            self.assertIn(f"<Created>{created}</Created>", encode(KeyIDInfo, info))


class Strictness(unittest.TestCase):
    def assert_decode_error(self, xml: str, code: str, path: str) -> None:
        with self.assertRaises(DecodeError) as caught:
            decode(KeyIDInfo, xml, namespaces="ignore")
        self.assertEqual((caught.exception.code, caught.exception.path), (code, path))

    def test_unknown_enumeration_value(self) -> None:
        self.assert_decode_error(PRINTED.replace("Shared", "Shard"), "unknown-enum-value", "KeyIDInfo.Visibility")

    def test_bad_number_and_out_of_range(self) -> None:
        self.assert_decode_error(PRINTED.replace("1043", "1043.5"), "invalid-value", "KeyIDInfo.KeyID")
        self.assert_decode_error(PRINTED.replace("1043", "2147483648"), "out-of-range", "KeyIDInfo.KeyID")

    def test_missing_required_and_unexpected_elements(self) -> None:
        self.assert_decode_error(PRINTED.replace("<Key>xyz987uvw654rst321opq098nml765kj</Key>\n", ""), "missing-element", "KeyIDInfo.Key")
        self.assert_decode_error(PRINTED.replace("<KeyID>", "<Extra/><KeyID>"), "unexpected-element", "KeyIDInfo.Extra")

    def test_namespaces_are_checked_unless_ignored(self) -> None:
        with self.assertRaises(DecodeError) as caught:
            decode(KeyIDInfo, PRINTED)
        self.assertEqual(caught.exception.code, "wrong-namespace")

    def test_doctype_and_entities_are_refused(self) -> None:
        for text in (f'<!DOCTYPE KeyIDInfo [<!ENTITY x "y">]>\n{PRINTED}', f"<!DOCTYPE KeyIDInfo>{PRINTED}"):
            forms: list[str | bytes] = [text, text.encode("utf-8"), text.encode("utf-16")]
            for data in forms:
                with self.assertRaises(XmlParseError) as caught:
                    decode(KeyIDInfo, data, namespaces="ignore")
                self.assertEqual(caught.exception.code, "doctype-refused")
        with self.assertRaises(XmlParseError) as not_xml:
            decode(KeyIDInfo, "<KeyIDInfo>", namespaces="ignore")
        self.assertEqual(not_xml.exception.code, "not-well-formed")

    def test_encoding_checks_values_and_names_the_path_not_the_value(self) -> None:
        with self.assertRaises(EncodeError) as caught:
            encode(KeySet, KeySet(SessionID="secret", UserID=2**31, Visibility=KeyVisibility.Public))
        self.assertEqual((caught.exception.code, caught.exception.path), ("out-of-range", "KeySet.UserID"))
        self.assertNotIn("secret", str(caught.exception))
        with self.assertRaises(EncodeError) as boolean:
            encode(KeySet, KeySet(UserID=True, Visibility=KeyVisibility.Public))
        self.assertEqual(boolean.exception.code, "invalid-type")
        with self.assertRaises(EncodeError) as unknown:
            encode(KeySet, KeySet(UserID=1, Visibility="Shard"))  # type: ignore[arg-type]
        self.assertEqual((unknown.exception.code, unknown.exception.path), ("unknown-enum-value", "KeySet.Visibility"))
        self.assertIn("<Visibility>Public</Visibility>", encode(KeySet, KeySet(UserID=1, Visibility="Public")))  # type: ignore[arg-type]

    def test_enumeration_parameters_take_the_enum_or_its_literal_strings(self) -> None:
        sent: list[object] = []

        class Capture:
            def call(self, name: str, request: object, timeout: float | None) -> object:
                sent.append(request)
                return None

        service = ECGridOSService(cast(ecgrid_soap_runtime.SoapTransport, Capture()))
        service.KeySet(UserID=1, Visibility="Shared")
        service.KeySet(UserID=1, Visibility=KeyVisibility.Shared)
        first, second = (encode(KeySet, request) for request in sent)
        self.assertEqual(first, second)
        self.assertIn("<Visibility>Shared</Visibility>", first)
        service.KeySet(UserID=1, Visibility="Shard")  # type: ignore[arg-type]
        with self.assertRaises(EncodeError) as unknown:
            encode(KeySet, sent[-1])
        self.assertEqual(unknown.exception.code, "unknown-enum-value")


class ThinPackage(unittest.TestCase):
    def test_the_runtime_classes_are_the_runtime_librarys_own(self) -> None:
        # Re-exported, not copied: one except clause catches the errors of every SDK.
        self.assertIs(ecgridos.SoapFault, ecgrid_soap_runtime.SoapFault)
        self.assertIs(ecgridos.DecodeError, ecgrid_soap_runtime.DecodeError)
        self.assertIs(ecgridos.NIL, ecgrid_soap_runtime.NIL)
        self.assertIsInstance(ecgridos.schema.CODEC, ecgrid_soap_runtime.Codec)
        self.assertIsInstance(ecgridos.ECGridOS(endpoint="http://127.0.0.1:9/").transport, ecgrid_soap_runtime.SoapTransport)


if __name__ == "__main__":
    unittest.main()
