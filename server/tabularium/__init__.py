"""Tabularium: a permissioned, verifiable ledger for public institutions."""

__version__ = "0.1.0"
