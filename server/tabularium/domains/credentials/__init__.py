"""The credentials domain: issuer accreditation, credential registrations and status lists."""

NAMESPACE = "credentials"
