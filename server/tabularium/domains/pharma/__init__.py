"""Pharmaceutical supply chain: serialised packs, decommissioning, trading, recalls (pure rules)."""

NAMESPACE = "pharma"
