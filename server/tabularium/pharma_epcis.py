"""Client side of EPCIS capture: from an EPCIS 2.0 document to the CaptureEpcis action the
log keeps (event hashes, pack keys of the identifiers, batches of transformations), without
any serial in clear. Used by the CLI and the tests; the node checks the result against the
document (PharmaService.CaptureEpcis)."""

from __future__ import annotations

import urllib.parse
from collections.abc import Mapping

from tabularium import epcis, gs1
from tabularium.errors import InvalidArgument
from tabularium.pharma.v1 import pharma_pb2 as pb

_DL = "https://id.gs1.org/"


def _parts(identifier: str) -> list[str]:
    link = epcis.normalise_identifier(identifier)
    if not link.startswith(_DL):
        raise InvalidArgument(
            "UNSUPPORTED_IDENTIFIER",
            f"{identifier!r} is not a GS1 identifier (EPC URI or GS1 Digital Link)",
            field="document",
        )
    return [urllib.parse.unquote(p) for p in link.removeprefix(_DL).split("/")]


class KeyRing:
    """Product keys by GTIN (for packs) and the organisation's case secret (for SSCCs)."""

    def __init__(self, product_keys: Mapping[str, bytes], case_secret: bytes = b"") -> None:
        self.product_keys = dict(product_keys)
        self.case_secret = case_secret

    def unit_key(self, identifier: str) -> bytes:
        parts = _parts(identifier)
        if len(parts) == 4 and parts[0] == "01" and parts[2] == "21":
            gtin, serial = parts[1], parts[3]
            if gtin not in self.product_keys:
                raise InvalidArgument(
                    "PRODUCT_KEY_MISSING",
                    f"no product key for GTIN {gtin} (identifier {identifier})",
                    field="product_keys",
                )
            return gs1.pack_key(self.product_keys[gtin], gtin, serial)
        if len(parts) == 2 and parts[0] == "00":
            if not self.case_secret:
                raise InvalidArgument(
                    "CASE_SECRET_MISSING", f"no case secret for SSCC {parts[1]}", field="secret"
                )
            return gs1.case_key(self.case_secret, parts[1])
        raise InvalidArgument(
            "UNSUPPORTED_IDENTIFIER",
            f"{identifier!r}: instance identifiers are SGTINs (01+21) or SSCCs (00)",
            field="document",
        )


def batches(elements: tuple[epcis.QuantityElement, ...]) -> list[str]:
    """Class-level batch identifiers (LGTIN) of quantity elements, as "<GTIN-14>/<batch>"."""
    out = []
    for element in elements:
        parts = epcis.normalise_identifier(element.epc_class).removeprefix(_DL).split("/")
        if len(parts) == 4 and parts[0] == "01" and parts[2] == "10":
            out.append(f"{parts[1]}/{urllib.parse.unquote(parts[3])}")
    return sorted(set(out))


def capture_action(
    document: epcis.EpcisDocument, organisation: str, document_id: bytes, keys: KeyRing
) -> pb.CaptureEpcis:
    """The CaptureEpcis action for a validated document stored as vault ``document_id``."""
    events = []
    for event in document.events:
        identifiers = (
            *event.epc_list,
            *event.child_epcs,
            *event.input_epc_list,
            *event.output_epc_list,
        )
        declared = event.error_declaration
        events.append(
            pb.CapturedEvent(
                event_hash=event.hash,
                type=event.type,
                event_id=event.event_id or "",
                action=event.action or "",
                biz_step=event.biz_step or "",
                disposition=event.disposition or "",
                pack_keys=b"".join(keys.unit_key(i) for i in identifiers),
                parent_key=(
                    keys.unit_key(event.parent_id)
                    if event.type == "AggregationEvent" and event.parent_id
                    else b""
                ),
                input_batches=batches(event.input_quantity_list),
                output_batches=batches(event.output_quantity_list),
                error_declaration=declared is not None,
                corrective_event_ids=declared.corrective_event_ids if declared else (),
            )
        )
    return pb.CaptureEpcis(organisation=organisation, document=document_id, events=events)
