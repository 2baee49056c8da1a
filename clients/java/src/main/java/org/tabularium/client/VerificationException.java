package org.tabularium.client;

/**
 * An offline check failed: a receipt, checkpoint, proof or verifier key is not what it claims.
 * {@link #reason()} is an UPPER_SNAKE_CASE code like the server's (PROOF_INVALID,
 * SIGNATURE_INVALID, CHECKPOINT_MALFORMED, CHECKPOINT_WRONG_ORIGIN, TX_HASH_MISMATCH,
 * VERIFIER_KEY_INVALID).
 */
public final class VerificationException extends Exception {
  private static final long serialVersionUID = 1L;
  private final String reason;

  public VerificationException(String reason, String message) {
    super(reason + ": " + message);
    this.reason = reason;
  }

  /** The UPPER_SNAKE_CASE reason. */
  public String reason() {
    return reason;
  }
}
