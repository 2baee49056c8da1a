/**
 * Errors raised by the client: verification failures (offline) and refused calls (server).
 */
import type { ConnectError } from "@connectrpc/connect";
import { BinaryReader, WireType } from "@bufbuild/protobuf/wire";

/** gRPC status code names, indexed by code (google.rpc.Code). */
const CODE_NAMES = [
  "OK",
  "CANCELLED",
  "UNKNOWN",
  "INVALID_ARGUMENT",
  "DEADLINE_EXCEEDED",
  "NOT_FOUND",
  "ALREADY_EXISTS",
  "PERMISSION_DENIED",
  "RESOURCE_EXHAUSTED",
  "FAILED_PRECONDITION",
  "ABORTED",
  "OUT_OF_RANGE",
  "UNIMPLEMENTED",
  "INTERNAL",
  "UNAVAILABLE",
  "DATA_LOSS",
  "UNAUTHENTICATED",
] as const;

/** The gRPC name of a status code, e.g. 7 -> "PERMISSION_DENIED". */
export function grpcCodeName(code: number): string {
  return CODE_NAMES[code] ?? `CODE_${code}`;
}

/** Why an offline check failed; the reason is an UPPER_SNAKE_CASE code, like the server's. */
export class VerificationError extends Error {
  readonly reason: string;

  constructor(reason: string, message: string) {
    super(`${reason}: ${message}`);
    this.name = "VerificationError";
    this.reason = reason;
  }
}

/** A gRPC call that failed, with the server's google.rpc.ErrorInfo reason and metadata. */
export class TabulariumError extends Error {
  /** google.rpc.Code value (e.g. 3 INVALID_ARGUMENT, 14 UNAVAILABLE). */
  readonly code: number;
  /** ErrorInfo reason, e.g. "NONCE_REUSED"; "" when the server sent none. */
  readonly reason: string;
  /** ErrorInfo metadata, e.g. { entry_index: "12" } for a logged refusal. */
  readonly metadata: Readonly<Record<string, string>>;
  /** The status message as the server sent it. */
  readonly details: string;

  constructor(code: number, reason: string, message: string, metadata: Record<string, string>) {
    super(reason ? `${reason}: ${message}` : message);
    this.name = "TabulariumError";
    this.code = code;
    this.details = message;
    this.reason = reason;
    this.metadata = metadata;
  }

  /** The gRPC name of the status code, e.g. "PERMISSION_DENIED". */
  get codeName(): string {
    return grpcCodeName(this.code);
  }
}

/** Converts a failed call to a TabulariumError with the ErrorInfo reason and metadata. */
export function toTabulariumError(err: ConnectError): TabulariumError {
  for (const detail of err.details) {
    if ("type" in detail && detail.type === "google.rpc.ErrorInfo") {
      const info = decodeErrorInfo(detail.value);
      return new TabulariumError(err.code, info.reason, err.rawMessage, info.metadata);
    }
  }
  return new TabulariumError(err.code, "", err.rawMessage, {});
}

/** google.rpc.ErrorInfo { string reason = 1; string domain = 2; map<string,string> metadata = 3; } */
function decodeErrorInfo(bytes: Uint8Array): { reason: string; metadata: Record<string, string> } {
  const reader = new BinaryReader(bytes);
  let reason = "";
  const metadata: Record<string, string> = {};
  while (reader.pos < reader.len) {
    const [field, wireType] = reader.tag();
    if (field === 1 && wireType === WireType.LengthDelimited) {
      reason = reader.string();
    } else if (field === 3 && wireType === WireType.LengthDelimited) {
      const entry = new BinaryReader(reader.bytes());
      let key = "";
      let value = "";
      while (entry.pos < entry.len) {
        const [f, w] = entry.tag();
        if (f === 1 && w === WireType.LengthDelimited) key = entry.string();
        else if (f === 2 && w === WireType.LengthDelimited) value = entry.string();
        else entry.skip(w, f);
      }
      metadata[key] = value;
    } else {
      reader.skip(wireType, field);
    }
  }
  return { reason, metadata };
}
