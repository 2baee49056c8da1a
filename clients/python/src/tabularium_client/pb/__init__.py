"""Generated from proto/ by clients/python/scripts/gen_protos.sh (make protos)."""
