package org.tabularium.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Signed-note checkpoints: notes signed here the way the server signs them (see
 * server/tabularium/chain/checkpoint.py) are accepted; every corruption is rejected.
 */
class CheckpointsTest {
  private static final SigningKey KEY = SigningKey.generate();
  private static final String NAME = "test-chain-node";
  private static final String ORIGIN = "tabularium.example/test-chain";
  private static final byte[] ROOT = Merkle.sha256("root".getBytes(StandardCharsets.UTF_8));
  private static final String ROOT64 = Base64.getEncoder().encodeToString(ROOT);
  private static final String BODY = ORIGIN + "\n42\n" + ROOT64 + "\n";
  private static final String NOTE = sign(BODY, NAME, KEY);

  private static String sign(String body, String name, SigningKey signer) {
    byte[] hash = NoteVerifier.keyHash(name, signer.publicKey());
    byte[] sig = signer.sign(body.getBytes(StandardCharsets.UTF_8));
    byte[] blob = new byte[68];
    System.arraycopy(hash, 0, blob, 0, 4);
    System.arraycopy(sig, 0, blob, 4, 64);
    return body + "\n\u2014 " + name + " " + Base64.getEncoder().encodeToString(blob) + "\n";
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String reason(Executable call) {
    return assertThrows(VerificationException.class, call).reason();
  }

  private final NoteVerifier verifier = newVerifier();

  private static NoteVerifier newVerifier() {
    try {
      return new NoteVerifier(NAME, KEY.publicKey());
    } catch (VerificationException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void acceptsANoteSignedByThePinnedKey() throws Exception {
    Checkpoint cp = Checkpoints.verify(utf8(NOTE), verifier, Optional.of(ORIGIN));
    assertEquals(ORIGIN, cp.origin());
    assertEquals(42, cp.size());
    assertArrayEquals(ROOT, cp.root());
    assertArrayEquals(utf8(BODY), cp.body());
  }

  @Test
  void findsThePinnedKeyAmongOtherSignatures() throws Exception {
    String cosigned = sign(BODY, "witness", SigningKey.generate())
        + NOTE.substring(BODY.length() + 1);
    Checkpoints.verify(utf8(cosigned), verifier);
  }

  @Test
  void roundTripsTheVerifierKeyString() throws Exception {
    String text = verifier.encode();
    assertTrue(text.matches("test-chain-node\\+[0-9a-f]{8}\\+[A-Za-z0-9+/]+=*"), text);
    NoteVerifier parsed = NoteVerifier.parse(text + "\n");
    assertEquals(NAME, parsed.name());
    assertArrayEquals(KEY.publicKey(), parsed.publicKey());
  }

  @Test
  void rejectsMalformedVerifierKeys() {
    String[] parts = verifier.encode().split("\\+", 3);
    assertEquals("VERIFIER_KEY_INVALID",
        reason(() -> NoteVerifier.parse(parts[0] + "+" + parts[1])));
    assertEquals("VERIFIER_KEY_INVALID",
        reason(() -> NoteVerifier.parse(parts[0] + "+00000000+" + parts[2])));
    assertEquals("VERIFIER_KEY_INVALID",
        reason(() -> NoteVerifier.parse("other+" + parts[1] + "+" + parts[2])));
    assertEquals("VERIFIER_KEY_INVALID",
        reason(() -> NoteVerifier.parse(parts[0] + "+" + parts[1] + "+" + parts[2] + "!")));
  }

  @Test
  void rejectsAChangedBodySignatureKeyOrOrigin() {
    String otherRoot = Base64.getEncoder().encodeToString(Merkle.sha256(ROOT));
    String[][] cases = {
      {"size", NOTE.replace("\n42\n", "\n43\n"), "BAD_CHECKPOINT_SIGNATURE"},
      {"root", NOTE.replace(ROOT64, otherRoot), "BAD_CHECKPOINT_SIGNATURE"},
      {"origin", NOTE.replace(ORIGIN, ORIGIN + "x"), "CHECKPOINT_WRONG_ORIGIN"},
      {"key name", sign(BODY, "someone-else", KEY), "BAD_CHECKPOINT_SIGNATURE"},
      {"signer", sign(BODY, NAME, SigningKey.generate()), "BAD_CHECKPOINT_SIGNATURE"},
      {"no signature", BODY + "\n", "CHECKPOINT_MALFORMED"},
      {"no blank line", NOTE.replace(BODY + "\n", BODY), "CHECKPOINT_MALFORMED"},
      {"no em dash", NOTE.replace("\u2014", "-"), "CHECKPOINT_MALFORMED"},
      {"leading zero", sign(BODY.replace("\n42\n", "\n042\n"), NAME, KEY), "CHECKPOINT_MALFORMED"},
      {"short root", sign(ORIGIN + "\n42\nAAAA\n", NAME, KEY), "CHECKPOINT_MALFORMED"},
      {"two lines", sign(ORIGIN + "\n42\n", NAME, KEY), "CHECKPOINT_MALFORMED"},
    };
    for (String[] c : cases) {
      assertEquals(c[2],
          reason(() -> Checkpoints.verify(utf8(c[1]), verifier, Optional.of(ORIGIN))),
          c[0]);
    }
    String sig = NOTE.substring(NOTE.lastIndexOf(' ') + 1, NOTE.length() - 1);
    byte[] raw = Base64.getDecoder().decode(sig);
    raw[10] ^= 1;
    String flipped = NOTE.replace(sig, Base64.getEncoder().encodeToString(raw));
    assertEquals("BAD_CHECKPOINT_SIGNATURE",
        reason(() -> Checkpoints.verify(utf8(flipped), verifier)));
  }

  @Test
  void parsesWithoutAKey() throws Exception {
    assertEquals(42, Checkpoints.parse(utf8(NOTE)).size());
    assertEquals("CHECKPOINT_MALFORMED",
        reason(() -> Checkpoints.parse(new byte[] {(byte) 0xff, 0x0a, 0x0a})));
  }
}
