package org.tabularium.client;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * C2SP signed-note checkpoints (tlog-checkpoint), as the server signs them:
 *
 * <pre>
 * &lt;origin&gt;\n&lt;tree size&gt;\n&lt;base64 root hash&gt;\n
 * \n
 * — &lt;key name&gt; &lt;base64(key hash || signature)&gt;\n
 * </pre>
 *
 * <p>The key hash is the first 4 bytes of SHA-256(key name || 0x0A || 0x01 || public key); the
 * Ed25519 signature covers the note body (the first three lines with their newlines).
 */
public final class Checkpoints {
  private static final String SIGNATURE_PREFIX = "\u2014 "; // em dash and space
  private static final Pattern DECIMAL = Pattern.compile("0|[1-9][0-9]*");

  private Checkpoints() {}

  /**
   * Parses a checkpoint note without checking its signatures.
   *
   * @throws VerificationException CHECKPOINT_MALFORMED if it is not well formed
   */
  public static Checkpoint parse(byte[] note) throws VerificationException {
    String text = utf8(note);
    int split = text.indexOf("\n\n");
    if (split < 0) {
      throw malformed("note has no blank line before its signatures");
    }
    String[] lines = text.substring(0, split).split("\n", -1);
    if (lines.length < 3) {
      throw malformed("note body has " + lines.length + " lines, want at least 3");
    }
    String origin = lines[0];
    if (origin.isEmpty()) {
      throw malformed("origin line is empty");
    }
    if (!DECIMAL.matcher(lines[1]).matches()) {
      throw malformed("tree size \"" + lines[1] + "\" is not a decimal number");
    }
    long size;
    try {
      size = Long.parseLong(lines[1]);
    } catch (NumberFormatException e) {
      throw malformed("tree size " + lines[1] + " is too large");
    }
    byte[] root = Base64Strict.decode(lines[2]);
    if (root == null) {
      throw malformed("root hash is not base64");
    }
    if (root.length != 32) {
      throw malformed("root hash has " + root.length + " bytes, want 32");
    }
    byte[] body = text.substring(0, split + 1).getBytes(StandardCharsets.UTF_8);
    return new Checkpoint(origin, size, root, body, note.clone());
  }

  /**
   * Parses a checkpoint and checks that {@code verifier} signed it and, if given, its origin.
   *
   * @throws VerificationException CHECKPOINT_MALFORMED, CHECKPOINT_WRONG_ORIGIN or
   *     BAD_CHECKPOINT_SIGNATURE
   */
  public static Checkpoint verify(byte[] note, NoteVerifier verifier, Optional<String> origin)
      throws VerificationException {
    Checkpoint checkpoint = parse(note);
    if (origin.isPresent() && !checkpoint.origin().equals(origin.get())) {
      throw new VerificationException("CHECKPOINT_WRONG_ORIGIN",
          "checkpoint origin is \"" + checkpoint.origin() + "\", want \"" + origin.get() + "\"");
    }
    String text = utf8(note);
    String signatures = text.substring(text.indexOf("\n\n") + 2);
    if (!signatures.endsWith("\n")) {
      throw malformed("signature block does not end with a newline");
    }
    for (String line : signatures.substring(0, signatures.length() - 1).split("\n", -1)) {
      if (!line.startsWith(SIGNATURE_PREFIX)) {
        throw malformed("signature line \"" + line + "\" does not start with an em dash");
      }
      String rest = line.substring(SIGNATURE_PREFIX.length());
      int space = rest.lastIndexOf(' ');
      String name = space < 0 ? "" : rest.substring(0, space);
      if (!name.equals(verifier.name())) {
        continue;
      }
      byte[] raw = Base64Strict.decode(rest.substring(space + 1));
      if (raw == null) {
        throw malformed("signature is not base64");
      }
      if (raw.length != 68
          || !MessageDigest.isEqual(Arrays.copyOf(raw, 4), verifier.keyHash())) {
        continue;
      }
      if (!verifier.verifies(checkpoint.body(), Arrays.copyOfRange(raw, 4, 68))) {
        throw new VerificationException("BAD_CHECKPOINT_SIGNATURE",
            "checkpoint signature by " + verifier.name() + " is invalid");
      }
      return checkpoint;
    }
    throw new VerificationException("BAD_CHECKPOINT_SIGNATURE",
        "checkpoint has no signature by key \"" + verifier.name() + "\"");
  }

  /** {@link #verify(byte[], NoteVerifier, Optional)} without an origin check. */
  public static Checkpoint verify(byte[] note, NoteVerifier verifier)
      throws VerificationException {
    return verify(note, verifier, Optional.empty());
  }

  private static String utf8(byte[] note) throws VerificationException {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(note))
          .toString();
    } catch (CharacterCodingException e) {
      throw malformed("note is not UTF-8");
    }
  }

  private static VerificationException malformed(String why) {
    return new VerificationException("CHECKPOINT_MALFORMED", "checkpoint is malformed: " + why);
  }
}
