package org.tabularium.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.tabularium.pharma.v1.ScannedPack;

/**
 * Pack keys and scanner strings agree with the server's reference on every case of
 * tests/vectors/pharma/scans.json; the pharma CLI commands refuse what they cannot read (exit 2).
 */
class PharmaTest {
  private static final Path VECTORS = LiveNode.REPO_ROOT.resolve("tests/vectors/pharma/scans.json");
  private static final HexFormat HEX = HexFormat.of();
  private static final String GTIN = "09506000134352";

  @TestFactory
  Stream<DynamicTest> scanVectors() throws IOException {
    JsonObject vectors = JsonParser.parseString(Files.readString(VECTORS)).getAsJsonObject();
    byte[] productKey = HEX.parseHex(vectors.get("product_key").getAsString());
    int year = vectors.get("reference_year").getAsInt();
    JsonArray cases = vectors.getAsJsonArray("cases");
    assertTrue(cases.size() >= 20);
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonElement element : cases) {
      JsonObject c = element.getAsJsonObject();
      String scan = c.get("scan").getAsString();
      tests.add(DynamicTest.dynamicTest(c.get("desc").getAsString(), () -> {
        if (!c.get("want_err").isJsonNull()) {
          JsonObject wantErr = c.getAsJsonObject("want_err");
          Pharma.ScanException e =
              assertThrows(Pharma.ScanException.class, () -> Pharma.parseScan(scan, year));
          assertEquals(wantErr.get("reason").getAsString(), e.reason(), e.getMessage());
          assertEquals(wantErr.get("ai").getAsString(), e.ai(), e.getMessage());
          return;
        }
        JsonObject want = c.getAsJsonObject("want");
        Pharma.Scan parsed = Pharma.parseScan(scan, year);
        assertEquals(new Pharma.Scan(want.get("gtin").getAsString(),
            want.get("serial").getAsString(), want.get("batch").getAsString(),
            want.get("expiry").getAsString()), parsed);
        String key = want.get("pack_key").getAsString();
        assertEquals(key, HEX.formatHex(Pharma.packKey(productKey, parsed.gtin(), parsed.serial())));
        ScannedPack pack = parsed.scannedPack(productKey);
        assertEquals(key, HEX.formatHex(pack.getPackKey().toByteArray()));
        assertEquals(List.of(parsed.gtin(), parsed.batch(), parsed.expiry()),
            List.of(pack.getGtin(), pack.getBatch(), pack.getExpiry()));
      }));
    }
    return tests.stream();
  }

  @Test
  void packKeyRefusesABadProductKeyGtinOrSerial() {
    assertThrows(IllegalArgumentException.class, () -> Pharma.packKey(new byte[31], GTIN, "S1"));
    assertEquals("01", assertThrows(Pharma.ScanException.class,
        () -> Pharma.packKey(new byte[32], "09506000134353", "S1")).ai());
    assertEquals("21", assertThrows(Pharma.ScanException.class,
        () -> Pharma.packKey(new byte[32], GTIN, "")).ai());
  }

  @Test
  void cliExits2OnAScanProductKeyOrReasonItCannotUse(@TempDir Path work) throws IOException {
    Path key = work.resolve("product.key");
    Files.write(key, new byte[32]);
    String good = "]d201" + GTIN + "1729123110B1\u001d21S1";
    var err = new ByteArrayOutputStream();
    assertEquals(2, cli(err, "pharma-verify", key, "01" + GTIN + "17291231"));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("MISSING_AI (AI 21)"), err::toString);
    assertEquals(2, cli(err, "pharma-decommission", key, good));
    assertEquals(2, cli(err, "pharma-decommission", key, good, "--reason", "lost"));
    Files.write(key, new byte[16]);
    err.reset();
    assertEquals(2, cli(err, "pharma-verify", key, good));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("32"), err::toString);
  }

  private static int cli(ByteArrayOutputStream err, String command, Path productKey, String scan,
      String... extra) {
    List<String> args = new ArrayList<>(List.of(command, "--server", "127.0.0.1:1", "--key",
        "absent.pem", "--chain-id", "x", "--organisation", "did:web:pharmacy.example", "--site",
        "0000000000031", "--product-key", productKey.toString(), "--scan", scan));
    args.addAll(List.of(extra));
    return Cli.run(args.toArray(String[]::new), new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }
}
