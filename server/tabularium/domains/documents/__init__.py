"""Document notarization: register a SHA-256 digest once; anyone can verify it later."""

NAMESPACE = "documents"
