"""Canonical JSON records for domain values: frozen dataclasses encoded with sorted keys and
no spaces, bytes as hex, tuples as lists. The encoding plan of each type is worked out once.
Pure: the standard library only."""

from __future__ import annotations

import dataclasses
import functools
import json
import typing
from collections.abc import Callable
from typing import Any, TypeVar


def canonical(value: object) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


T = TypeVar("T")


Codec = tuple[Callable[[Any], Any], Callable[[Any], Any]]


def _same(value: Any) -> Any:
    return value


@functools.cache
def _codec(kind: Any) -> Codec:
    """(to JSON, from JSON) for a field type, worked out once per type: bytes are hex,
    dataclasses objects, tuples lists; everything else is JSON as it is."""
    if kind is bytes:
        return bytes.hex, bytes.fromhex
    if typing.get_origin(kind) is tuple:
        args = typing.get_args(kind)
        if len(args) == 2 and args[1] is Ellipsis:
            encode_item, decode_item = _codec(args[0])
            return (
                lambda v: [encode_item(i) for i in v],
                lambda v: tuple(decode_item(i) for i in v),
            )
        return list, tuple
    if dataclasses.is_dataclass(kind):
        hints = typing.get_type_hints(kind)
        plan = [(f.name, *_codec(hints[f.name])) for f in dataclasses.fields(kind)]
        names = [(name, enc) for name, enc, _ in plan]
        decoders = {name: dec for name, _, dec in plan}

        def encode(value: Any) -> dict[str, Any]:
            return {name: enc(getattr(value, name)) for name, enc in names}

        def decode(value: dict[str, Any]) -> Any:
            return kind(**{k: decoders[k](v) for k, v in value.items()})  # type: ignore[operator]

        return encode, decode
    return _same, _same


def to_json(value: Any) -> Any:
    """A record (or any field value of one) as JSON-ready data."""
    if isinstance(value, bytes):
        return value.hex()
    kind: Any = type(value)
    return _codec(kind)[0](value)


def from_json(kind: Any, value: Any) -> Any:
    return _codec(kind)[1](value)


class Record:
    """Canonical JSON encoding for a frozen dataclass (mix in as a base class)."""

    def encode(self) -> bytes:
        return canonical(to_json(self))

    @classmethod
    def decode(cls: type[T], raw: bytes) -> T:
        result: T = from_json(cls, json.loads(raw))
        return result


R = TypeVar("R")


@functools.lru_cache(maxsize=8192)
def _decoded(kind: Any, raw: bytes) -> Any:
    return kind.decode(raw)


def decode_cached(kind: type[R], raw: bytes) -> R:
    """``kind.decode(raw)`` (any record class with a ``decode``), remembered for the same
    bytes: for records read on every transaction (settings, parties, batches). Deterministic,
    as decoding is a pure function of the bytes; records are frozen, so sharing one decoded
    value is safe."""
    cls: Any = kind
    value = _decoded(cls, raw)
    assert isinstance(value, kind)
    return value
