"""Public procurement (DESIGN §4): frozen tender terms, sealed bids opened by a threshold of the
evaluation committee, scoring as published code. Pure rules."""

NAMESPACE = "procurement"
