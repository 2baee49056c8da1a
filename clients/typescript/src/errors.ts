/**
 * Errors raised by the client: verification failures (offline) and refused calls (server).
 */

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

  constructor(code: number, reason: string, message: string, metadata: Record<string, string>) {
    super(reason ? `${reason}: ${message}` : message);
    this.name = "TabulariumError";
    this.code = code;
    this.reason = reason;
    this.metadata = metadata;
  }
}
