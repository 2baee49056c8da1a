"""Decoding tabularium.documents.v1 actions into domain values, and query answers back."""

from __future__ import annotations

from tabularium.chain.actions import TYPE_URL_PREFIX
from tabularium.documents.v1 import documents_pb2
from tabularium.domains.documents.model import RegisterDocument

REGISTER_DOCUMENT_TYPE_URL = TYPE_URL_PREFIX + documents_pb2.RegisterDocument.DESCRIPTOR.full_name


def decode_register_document(value: bytes) -> RegisterDocument:
    """Action bytes -> RegisterDocument. Raises DecodeError or InvalidArgument."""
    message = documents_pb2.RegisterDocument()
    message.ParseFromString(value)
    return RegisterDocument(sha256=bytes(message.sha256), title=message.title)
