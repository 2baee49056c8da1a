"""Domain state machines. Each is pure and deterministic, and knows no protobuf or gRPC."""
