"""The one place that turns a DomainError into a google.rpc.Status on the wire."""

from __future__ import annotations

import grpc
from google.protobuf import any_pb2
from google.rpc import code_pb2, error_details_pb2, status_pb2
from grpc_status import rpc_status

from tabularium.errors import CODE_NUMBERS, DomainError

ERROR_DOMAIN = "tabularium"


def to_rpc_status(error: DomainError) -> status_pb2.Status:
    """google.rpc.Status with ErrorInfo, plus BadRequest when a field is named and
    PreconditionFailure when violations are listed."""
    details = []
    info = any_pb2.Any()
    info.Pack(
        error_details_pb2.ErrorInfo(
            reason=error.reason, domain=ERROR_DOMAIN, metadata=error.metadata
        )
    )
    details.append(info)
    if error.field:
        bad = any_pb2.Any()
        bad.Pack(
            error_details_pb2.BadRequest(
                field_violations=[
                    error_details_pb2.BadRequest.FieldViolation(
                        field=error.field, description=error.message
                    )
                ]
            )
        )
        details.append(bad)
    if error.violations:
        failure = any_pb2.Any()
        failure.Pack(
            error_details_pb2.PreconditionFailure(
                violations=[
                    error_details_pb2.PreconditionFailure.Violation(
                        type=kind, subject=subject, description=description
                    )
                    for kind, subject, description in error.violations
                ]
            )
        )
        details.append(failure)
    return status_pb2.Status(
        code=CODE_NUMBERS.get(error.code, code_pb2.INTERNAL),
        message=error.message,
        details=details,
    )


def to_grpc_status(error: DomainError) -> grpc.Status:
    return rpc_status.to_status(to_rpc_status(error))
