package org.tabularium.client;

/**
 * An offline check failed: a receipt, checkpoint, proof or verifier key is not what it claims.
 * {@link #reason()} is the category the cross-language vectors name (tests/vectors/clients):
 * VERIFIER_KEY_INVALID, TX_HASH_MISMATCH, CHECKPOINT_MALFORMED, CHECKPOINT_WRONG_ORIGIN,
 * BAD_CHECKPOINT_SIGNATURE, INCLUSION_PROOF_INVALID, CONSISTENCY_PROOF_INVALID, and for
 * transactions TX_MALFORMED, SIGNATURE_MALFORMED, SIGNER_NOT_LISTED, SIGNATURE_DUPLICATED,
 * SIGNATURE_MISSING, BAD_SIGNATURE (the node's own reasons).
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
