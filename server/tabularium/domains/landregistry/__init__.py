"""Land registry on LADM (ISO 19152-1:2024): parties, parcels, rights and exact shares,
transfers consented by holders and approved by registrars, with full history."""

NAMESPACE = "landregistry"
