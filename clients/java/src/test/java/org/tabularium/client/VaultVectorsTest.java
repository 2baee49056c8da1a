package org.tabularium.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Signed requests and vault commitments against tests/vectors/vault/vectors.json (Ed25519 is
 * deterministic, so the metadata must match exactly).
 */
class VaultVectorsTest {
  private static final Path VECTORS = LiveNode.REPO_ROOT.resolve("tests/vectors/vault");
  private static final HexFormat HEX = HexFormat.of();

  private static List<JsonObject> cases(String section) throws IOException {
    JsonObject all = JsonParser.parseString(Files.readString(VECTORS.resolve("vectors.json")))
        .getAsJsonObject();
    List<JsonObject> out = new ArrayList<>();
    for (JsonElement c : all.getAsJsonObject(section).getAsJsonArray("cases")) {
      out.add(c.getAsJsonObject());
    }
    assertFalse(out.isEmpty(), "no " + section + " vectors");
    return out;
  }

  @TestFactory
  Stream<DynamicTest> signedRequestsMatchTheVectors() throws IOException {
    List<JsonObject> cases = cases("signed_requests");
    return cases.stream().map(c -> DynamicTest.dynamicTest(
        c.get("method").getAsString() + " at " + c.get("time_ms").getAsString(), () -> {
          SigningKey key = SigningKey.fromFile(VECTORS.resolve(c.get("key_file").getAsString()));
          String method = c.get("method").getAsString();
          byte[] request = HEX.parseHex(c.get("request_hex").getAsString());
          long timeMs = c.get("time_ms").getAsLong();
          byte[] nonce = HEX.parseHex(c.get("nonce_hex").getAsString());
          assertEquals(c.get("signed_message_hex").getAsString(),
              HEX.formatHex(SignedRequests.signingMessage(method, request, timeMs, nonce)));
          Map<String, String> want = new LinkedHashMap<>();
          c.getAsJsonObject("metadata").entrySet()
              .forEach(e -> want.put(e.getKey(), e.getValue().getAsString()));
          Map<String, String> got = SignedRequests.sign(key, method, request, timeMs, nonce);
          assertEquals(want, got);
          assertEquals(List.of(SignedRequests.KEY_HEADER, SignedRequests.TIME_HEADER,
              SignedRequests.NONCE_HEADER, SignedRequests.SIGNATURE_HEADER),
              List.copyOf(got.keySet()));
        }));
  }

  @Test
  void freshSignaturesUseANewNonceAndVerify() throws Exception {
    SigningKey key = SigningKey.generate();
    byte[] request = {1, 2, 3};
    Map<String, String> first = SignedRequests.sign(key, Vault.READ_METHOD, request);
    Map<String, String> second = SignedRequests.sign(key, Vault.READ_METHOD, request);
    assertFalse(first.get(SignedRequests.NONCE_HEADER)
        .equals(second.get(SignedRequests.NONCE_HEADER)));
    byte[] message = SignedRequests.signingMessage(Vault.READ_METHOD, request,
        Long.parseLong(first.get(SignedRequests.TIME_HEADER)),
        HEX.parseHex(first.get(SignedRequests.NONCE_HEADER)));
    assertTrue(Ed25519.verify(key.publicKey(), message,
        HEX.parseHex(first.get(SignedRequests.SIGNATURE_HEADER))));
    assertEquals("/tabularium.vault.v1.VaultService/ReadDocument", Vault.READ_METHOD);
    assertThrows(IllegalArgumentException.class,
        () -> SignedRequests.sign(key, Vault.READ_METHOD, request, 0, new byte[15]));
    assertThrows(IllegalArgumentException.class,
        () -> SignedRequests.sign(key, Vault.READ_METHOD, request, 0, new byte[33]));
  }

  @TestFactory
  Stream<DynamicTest> commitmentsMatchTheVectors() throws IOException {
    return cases("commitments").stream().map(c -> DynamicTest.dynamicTest(
        c.get("content_size").getAsString() + " bytes", () -> {
          byte[] content = content(c);
          byte[] sha = Merkle.sha256(content);
          assertEquals(c.get("content_size").getAsLong(), content.length);
          assertEquals(c.get("content_sha256_hex").getAsString(), HEX.formatHex(sha));
          assertEquals(c.get("commitment_hex").getAsString(), HEX.formatHex(
              Vault.commitment(HEX.parseHex(c.get("salt_hex").getAsString()), sha)));
        }));
  }

  /** The content as given in hex, or built by its rule. */
  private static byte[] content(JsonObject c) {
    JsonElement hex = c.get("content_hex");
    if (hex != null && !hex.isJsonNull()) {
      return HEX.parseHex(hex.getAsString());
    }
    String rule = c.get("content_rule").getAsString();
    assertEquals("bytes 0..255 repeated 4096 times", rule, "unknown content rule");
    byte[] out = new byte[256 * 4096];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) i;
    }
    return out;
  }

  @Test
  void commitmentRefusesAWrongSizeSalt() {
    assertThrows(IllegalArgumentException.class,
        () -> Vault.commitment(new byte[31], new byte[32]));
    assertThrows(IllegalArgumentException.class,
        () -> Vault.commitment(new byte[32], new byte[20]));
  }
}
