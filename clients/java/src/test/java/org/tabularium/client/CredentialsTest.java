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
}
