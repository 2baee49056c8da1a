"""Tax accounts, invoice clearance, payments and enforcement (DESIGN §4): pure rules."""

NAMESPACE = "tax"
