"""Decoding tabularium.credentials.v1 actions into domain values."""

from __future__ import annotations

from tabularium.api.convert.identity import parse, type_url
from tabularium.credentials.v1 import credentials_pb2
from tabularium.domains.credentials import model
from tabularium.errors import InvalidArgument
from tabularium.vc.did import DID_DOCUMENT_INVALID, parse_did_document
from tabularium.vc.model import canonicalize, parse_credential_json

ACCREDIT_ISSUER = type_url(credentials_pb2.AccreditIssuer)
WITHDRAW_ACCREDITATION = type_url(credentials_pb2.WithdrawAccreditation)
REGISTER_CREDENTIAL = type_url(credentials_pb2.RegisterCredential)
SET_CREDENTIAL_STATUS = type_url(credentials_pb2.SetCredentialStatus)
REGISTER_DID_DOCUMENT = type_url(credentials_pb2.RegisterDidDocument)

PURPOSE_FROM_PB = {
    credentials_pb2.STATUS_PURPOSE_REVOCATION: "revocation",
    credentials_pb2.STATUS_PURPOSE_SUSPENSION: "suspension",
}


def decode_accredit(value: bytes) -> model.Accreditation:
    pb = parse(credentials_pb2.AccreditIssuer, value)
    return model.Accreditation(pb.issuer, tuple(pb.credential_types), grant=True)


def decode_withdraw(value: bytes) -> model.Accreditation:
    pb = parse(credentials_pb2.WithdrawAccreditation, value)
    return model.Accreditation(pb.issuer, tuple(pb.credential_types), grant=False)


def decode_register(value: bytes) -> model.RegisterCredential:
    pb = parse(credentials_pb2.RegisterCredential, value)
    return model.RegisterCredential(
        bytes(pb.credential_hash), pb.issuer, tuple(pb.credential_types), pb.status_index
    )


def decode_set_status(value: bytes) -> model.SetCredentialStatus:
    pb = parse(credentials_pb2.SetCredentialStatus, value)
    return model.SetCredentialStatus(
        pb.issuer, pb.status_index, PURPOSE_FROM_PB.get(pb.purpose, ""), pb.value, pb.reason
    )


def decode_register_did_document(value: bytes) -> model.RegisterDidDocument:
    pb = parse(credentials_pb2.RegisterDidDocument, value)
    if len(pb.document_json) > model.MAX_DID_DOCUMENT_BYTES:
        raise InvalidArgument(
            DID_DOCUMENT_INVALID,
            f"document_json exceeds {model.MAX_DID_DOCUMENT_BYTES} bytes",
            field="document_json",
        )
    try:
        document = parse_credential_json(pb.document_json)
        did, _ = parse_did_document(document)
    except InvalidArgument as exc:
        raise InvalidArgument(DID_DOCUMENT_INVALID, exc.message, field="document_json") from None
    return model.RegisterDidDocument(pb.issuer, did, canonicalize(document))
