"""Input checks several domains share."""

from __future__ import annotations

from tabularium.errors import InvalidArgument


def check_text_bytes(value: str, name: str, limit: int) -> str:
    """``value`` unless its UTF-8 is over ``limit`` bytes (INVALID_ARGUMENT TEXT_TOO_LONG)."""
    if len(value.encode()) > limit:
        raise InvalidArgument("TEXT_TOO_LONG", f"{name} is over {limit} bytes of UTF-8", field=name)
    return value
