package org.tabularium.client;

/**
 * What the log committed to at {@code size}: a parsed checkpoint note. Returned verified by
 * {@link Checkpoints#verify}; {@link Checkpoints#parse} does not check signatures.
 *
 * @param origin the log's origin line, "tabularium.example/&lt;chain id&gt;"
 * @param size the tree size
 * @param root the 32-byte RFC 9162 root hash
 * @param body the signed body: the first three lines with their newlines
 * @param note the whole note
 */
public record Checkpoint(String origin, long size, byte[] root, byte[] body, byte[] note) {}
