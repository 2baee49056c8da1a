package org.tabularium.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The offline credential and presentation verifier agrees with every case of
 * tests/vectors/presentations (format and checks in its README.md).
 */
class CredentialsTest {
  private static final Path FOLDER = LiveNode.REPO_ROOT.resolve("tests/vectors/presentations");

  private static JsonObject outcomes(Credentials.Verdict v, boolean presentation) {
    JsonObject got = new JsonObject();
    got.addProperty("status", v.status());
    JsonObject checks = new JsonObject();
    v.checks().forEach((name, check) -> checks.addProperty(name, check.outcome()));
    got.add("checks", checks);
    if (presentation) {
      com.google.gson.JsonArray creds = new com.google.gson.JsonArray();
      v.credentials().forEach(c -> creds.add(outcomes(c, false)));
      got.add("credentials", creds);
    }
    return got;
  }

  @TestFactory
  Stream<DynamicTest> everyCase() throws IOException {
    JsonObject file = JsonParser.parseString(Files.readString(FOLDER.resolve("cases.json")))
        .getAsJsonObject();
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonElement element : file.getAsJsonArray("cases")) {
      JsonObject c = element.getAsJsonObject();
      tests.add(DynamicTest.dynamicTest(c.get("name").getAsString(), () -> {
        String json = Files.readString(FOLDER.resolve(c.get("file").getAsString()));
        Instant now = OffsetDateTime.parse(c.get("now").getAsString()).toInstant();
        Map<String, String> bindings = new LinkedHashMap<>();
        if (c.has("bindings")) {
          c.getAsJsonObject("bindings").entrySet()
              .forEach(e -> bindings.put(e.getKey(), e.getValue().getAsString()));
        }
        boolean presentation = c.get("kind").getAsString().equals("presentation");
        Credentials.Verdict v = presentation
            ? Credentials.verifyPresentation(json, c.get("challenge").getAsString(),
                c.get("domain").getAsString(), now, bindings)
            : Credentials.verifyCredential(json, now, bindings);
        assertEquals(c.getAsJsonObject("want"), outcomes(v, presentation),
            String.join("; ", v.reasons()));
      }));
    }
    assertTrue(tests.size() >= 10);
    return tests.stream();
  }

  @Test
  void malformedInputIsAVerdict() {
    for (String raw : List.of("{", "[]", "{\"a\":1,\"a\":2}", "{\"a\":1} x")) {
      assertEquals("MALFORMED",
          Credentials.verifyPresentation(raw, "c", "d", Instant.now(), Map.of()).status(), raw);
      assertEquals("MALFORMED",
          Credentials.verifyCredential(raw, Instant.now(), Map.of()).status(), raw);
    }
  }

  @Test
  void canonicalizesAsRfc8785() {
    Object value = Credentials.parse(
        "{\"\\u20ac\":1,\"\\r\":2,\"\\ufb33\":3,\"1\":4,\"\\ud83d\\ude00\":5,\"\\u0080\":6}");
    assertEquals("{\"\\r\":2,\"1\":4,\"\u0080\":6,\"\u20ac\":1,\"\ud83d\ude00\":5,\"\ufb33\":3}",
        Credentials.canonicalize(value));
    assertEquals("\"\\u001f\\t\\\"\\\\/\u2028\"",
        Credentials.canonicalize("\u001f\t\"\\/\u2028"));
    assertThrows(IllegalArgumentException.class,
        () -> Credentials.canonicalize(new BigDecimal("1.5")));
  }

  @Test
  void refusesWhatJcsCannotRepresent() {
    for (String raw : List.of("[9007199254740992]", "[-9007199254740992]", "[\"\\ud800\"]",
        "[1.5]", "[1e400]")) {
      assertThrows(IllegalArgumentException.class,
          () -> Credentials.canonicalize(Credentials.parse(raw)), raw);
    }
    assertEquals("[9007199254740991,-9007199254740991,100,1,0,100000000000000000000]",
        Credentials.canonicalize(Credentials.parse(
            "[9007199254740991, -9007199254740991, 1E2, 1.0, -0.0, 1e20]")));
  }

  // --- edge cases of the reference verifier (server/tabularium/vc), beyond the vectors ------

  private static final Instant NOW = Instant.parse("2026-12-06T10:05:00Z");

  private static JsonObject permit() throws IOException {
    return JsonParser.parseString(Files.readString(FOLDER.resolve("permit.json")))
        .getAsJsonObject();
  }

  private static List<String> outcomes(JsonObject credential, Map<String, String> bindings) {
    Credentials.Verdict v = Credentials.verifyCredential(credential.toString(), NOW, bindings);
    return List.of(v.status(), v.checks().get("proof").outcome(),
        v.checks().get("issuer_binding").outcome());
  }

  @Test
  void malformedDidKeyFailsTheProofOtherMethodsAreUnknown() throws IOException {
    String vm = permit().getAsJsonObject("proof").get("verificationMethod").getAsString();
    for (String bad : List.of("did:key:zBadKey", vm + "#x", vm.split("#")[0] + "#", "did:key:",
        vm.split("#")[0] + "/path")) {
      JsonObject doc = permit();
      doc.getAsJsonObject("proof").addProperty("verificationMethod", bad);
      assertEquals(List.of("INVALID_PROOF", "FAILED", "SKIPPED"), outcomes(doc, Map.of()), bad);
    }
    for (String other : List.of("did:web:issuer.example#key-1", "https://issuer.example/k")) {
      JsonObject doc = permit();
      doc.getAsJsonObject("proof").addProperty("verificationMethod", other);
      assertEquals(List.of("ISSUER_NOT_BOUND", "UNKNOWN", "UNKNOWN"), outcomes(doc, Map.of()));
    }
    JsonObject bare = permit(); // the DID without a fragment is its method too
    bare.getAsJsonObject("proof").addProperty("verificationMethod", vm.split("#")[0]);
    assertEquals(List.of("INVALID_PROOF", "FAILED", "PASSED"), outcomes(bare, Map.of()));
  }

  @Test
  void refusesMalformedStructureAndDates() throws IOException {
    List<java.util.function.Consumer<JsonObject>> mutations = List.of(
        d -> d.addProperty("validFrom", "2026-02-30T09:00:00Z"), // no such day
        d -> d.addProperty("validFrom", "2026-03-01T09:00:00"), // no time zone
        d -> d.addProperty("validFrom", "2026-03-01T24:30:00Z"),
        d -> d.addProperty("validFrom", "0000-03-01T09:00:00Z"),
        d -> d.addProperty("validFrom", "2026-03-01T09:00:00+14:01"),
        d -> d.addProperty("validUntil", "2026-01-01T00:00:00Z"), // before validFrom
        d -> d.addProperty("issuer", "not a url"),
        d -> d.addProperty("id", "no url"),
        d -> d.addProperty("@context", "https://www.w3.org/ns/credentials/v2"),
        d -> d.add("credentialSubject", new JsonObject()),
        d -> d.addProperty("issuanceDate", "2026-03-01T09:00:00Z"),
        d -> d.getAsJsonArray("credentialStatus").get(0).getAsJsonObject()
            .addProperty("statusListIndex", "x"),
        d -> d.getAsJsonArray("credentialStatus").get(0).getAsJsonObject()
            .addProperty("statusSize", 2),
        d -> d.add("evidence", new JsonObject()),
        d -> d.remove("proof"));
    for (var mutate : mutations) {
      JsonObject doc = permit();
      mutate.accept(doc);
      assertEquals("MALFORMED",
          Credentials.verifyCredential(doc.toString(), NOW, Map.of()).status(), doc.toString());
    }
    String big = permit().toString().replace("\"permit\":{", "\"permit\":{\"n\":12345678901234567890,");
    assertTrue(big.contains("12345678901234567890"));
    assertEquals("MALFORMED", Credentials.verifyCredential(big, NOW, Map.of()).status());
    byte[] notUtf8 = {'{', (byte) 0xff, '}'};
    assertEquals("MALFORMED", Credentials.verifyCredential(notUtf8, NOW, Map.of()).status());
  }

  @Test
  void acceptsWhatTheReferenceAccepts() throws IOException {
    // 24:00:00 is the next day; offsets count; times are compared to the microsecond.
    Map<String, String> until = Map.of("2026-12-06T24:00:00+14:00", "EXPIRED",
        "2026-12-05T24:00:00-11:00", "VALID", "2026-12-06T10:05:00.0000005Z", "VALID",
        "2026-12-06T10:04:59.999999Z", "EXPIRED");
    until.forEach((when, want) -> {
      JsonObject doc;
      try {
        doc = permit();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      doc.addProperty("validUntil", when);
      Credentials.Verdict v =
          Credentials.verifyCredential(doc.toString(), NOW.plusNanos(900), Map.of());
      assertEquals(want.equals("VALID") ? "PASSED" : "FAILED",
          v.checks().get("validity").outcome(), when);
    });
    byte[] text = permit().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] bom = new byte[text.length + 3];
    bom[0] = (byte) 0xef;
    bom[1] = (byte) 0xbb;
    bom[2] = (byte) 0xbf;
    System.arraycopy(text, 0, bom, 3, text.length);
    assertEquals("VALID", Credentials.verifyCredential(bom, NOW, Map.of()).status());
  }

  @Test
  void checksTheProofsExpiryAndRefusesProofChains() throws IOException {
    JsonObject expired = permit();
    expired.getAsJsonObject("proof").addProperty("expires", "2026-06-01T00:00:00Z");
    assertEquals(List.of("INVALID_PROOF", "FAILED", "SKIPPED"), outcomes(expired, Map.of()));
    JsonObject chained = permit();
    chained.getAsJsonObject("proof").addProperty("previousProof", "urn:uuid:1");
    assertEquals(List.of("INVALID_PROOF", "FAILED", "SKIPPED"), outcomes(chained, Map.of()));
  }

  @Test
  void bindsAPartyOnlyToTheExactDidOrMethod() throws IOException {
    JsonObject vc = JsonParser.parseString(Files.readString(FOLDER.resolve("https-issuer.json")))
        .getAsJsonObject().getAsJsonArray("verifiableCredential").get(0).getAsJsonObject();
    String issuer = vc.get("issuer").getAsString();
    String vm = vc.getAsJsonObject("proof").get("verificationMethod").getAsString();
    String did = vm.split("#")[0];
    assertEquals("PASSED", outcomes(vc, Map.of(issuer, did)).get(2));
    assertEquals("PASSED", outcomes(vc, Map.of(issuer, vm)).get(2));
    assertEquals("UNKNOWN", outcomes(vc, Map.of(issuer, did + "#other")).get(2));
    assertEquals("UNKNOWN", outcomes(vc, Map.of()).get(2));
  }

  @Test
  void aMalformedPresentationHasNoCredentialVerdicts() throws IOException {
    JsonObject vp = JsonParser.parseString(Files.readString(FOLDER.resolve("valid.json")))
        .getAsJsonObject();
    vp.addProperty("holder", "no url");
    Credentials.Verdict v = Credentials.verifyPresentation(vp.toString(), "c", "d", NOW, Map.of());
    assertEquals("MALFORMED", v.status());
    assertEquals(List.of(), v.credentials());
  }
}
