package org.tabularium.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.grpc.Status;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.tabularium.vault.v1.GrantAccess;
import org.tabularium.vault.v1.Permission;

/** Vault uploads and logged reads against a real node, through the library and the CLI. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VaultLiveTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  private LiveNode node;
  private TabulariumClient client;
  private SigningKey admin;
  private String adminDid;
  private NoteVerifier verifier;

  @BeforeAll
  void startNode() throws Exception {
    node = LiveNode.start("java-vault-chain");
    client = new TabulariumClient(node.address());
    admin = SigningKey.fromFile(node.adminKey);
    adminDid = didKey(admin.publicKey());
    verifier = NoteVerifier.parse(client.logInfo().getVerifierKey());
  }

  @AfterAll
  void stopNode() throws Exception {
    if (client != null) {
      client.close();
    }
    if (node != null) {
      node.close();
    }
  }

  /** did:key of an Ed25519 key: "z" + base58btc(0xed 0x01 || key). */
  private static String didKey(byte[] publicKey) {
    String alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    byte[] data = new byte[2 + publicKey.length];
    data[0] = (byte) 0xed;
    data[1] = 0x01;
    System.arraycopy(publicKey, 0, data, 2, publicKey.length);
    StringBuilder out = new StringBuilder();
    BigInteger n = new BigInteger(1, data);
    BigInteger base = BigInteger.valueOf(58);
    while (n.signum() > 0) {
      BigInteger[] qr = n.divideAndRemainder(base);
      out.append(alphabet.charAt(qr[1].intValue()));
      n = qr[0];
    }
    return "did:key:z" + out.reverse(); // the prefix byte 0xed is never zero: no leading "1"s
  }

  /** Grants the admin itself READ and EXPORT on a document; returns the grant id. */
  private byte[] grant(byte[] documentId) {
    Instant expires = Instant.now().plus(Duration.ofHours(1));
    ByteString tx = Transactions.buildSigned(node.chainId, Any.pack(GrantAccess.newBuilder()
        .setOwner(adminDid)
        .setDocumentId(ByteString.copyFrom(documentId))
        .setGrantee(adminDid)
        .addPermissions(Permission.PERMISSION_READ)
        .addPermissions(Permission.PERMISSION_EXPORT)
        .setExpiresAt(Timestamp.newBuilder().setSeconds(expires.getEpochSecond()))
        .setPurpose("java client test")
        .build()), List.of(admin), BodyOptions.defaults());
    client.submit(tx);
    return Vault.createdId(tx);
  }

  @Test
  void storesInChunksThenReadsAndExportsWithLoggedAccess() throws Exception {
    byte[] content = new byte[Vault.CHUNK_BYTES * 2 + 12345];
    new Random(7).nextBytes(content);
    Vault.Stored stored = client.putDocument(List.of(admin), node.chainId,
        Vault.DocumentSpec.of(adminDid, "application/octet-stream").withFolder("tests/java"),
        new ByteArrayInputStream(content), TIMEOUT);
    assertEquals(1, stored.version());
    assertEquals(Vault.ID_BYTES, stored.documentId().length);
    assertArrayEquals(Merkle.sha256(content), stored.sha256());
    Receipts.verify(stored.receipt(), verifier);
    byte[] grantId = grant(stored.documentId());

    var plain = new ByteArrayOutputStream();
    Vault.Read read = client.readDocument(admin, node.chainId,
        Vault.Access.read(stored.documentId(), grantId, "java read"), plain, TIMEOUT);
    assertArrayEquals(content, plain.toByteArray());
    assertEquals(content.length, read.size());
    assertArrayEquals(stored.sha256(), read.sha256());
    assertTrue(read.header().getSalt().isEmpty(), "a plain read carries no salt");
    Receipts.verify(read.accessReceipt(), verifier);

    var exported = new ByteArrayOutputStream();
    Vault.Read export = client.readDocument(admin, node.chainId,
        Vault.Access.export(stored.documentId(), grantId, "java export"), exported, TIMEOUT);
    assertArrayEquals(content, exported.toByteArray());
    assertArrayEquals(stored.salt(), export.header().getSalt().toByteArray());
    assertTrue(export.accessReceipt().getEntryIndex() > read.accessReceipt().getEntryIndex());
  }

  @Test
  void storesAnEmptyDocumentAndReadsItBack() throws Exception {
    Vault.Stored stored = client.putDocument(List.of(admin), node.chainId,
        Vault.DocumentSpec.of(adminDid, "text/plain"), new ByteArrayInputStream(new byte[0]),
        TIMEOUT);
    var out = new ByteArrayOutputStream();
    Vault.Read read = client.readDocument(admin, node.chainId,
        Vault.Access.export(stored.documentId(), grant(stored.documentId()), "empty"), out,
        TIMEOUT);
    assertEquals(0, read.size());
    assertEquals(0, out.size());
  }

  @Test
  void refusalsCarryTheirReason() throws Exception {
    TabulariumException notOrg = assertThrows(TabulariumException.class,
        () -> client.putDocument(List.of(admin), node.chainId,
            Vault.DocumentSpec.of(didKey(SigningKey.generate().publicKey()), "text/plain"),
            new ByteArrayInputStream("x".getBytes(StandardCharsets.UTF_8)), TIMEOUT));
    // The policy check of the owner comes first: nobody holds a role in an unknown owner.
    assertEquals(Status.Code.PERMISSION_DENIED, notOrg.code());
    assertEquals("NOT_AUTHORIZED", notOrg.reason(), notOrg.getMessage());
    Vault.Stored stored = client.putDocument(List.of(admin), node.chainId,
        Vault.DocumentSpec.of(adminDid, "text/plain"),
        new ByteArrayInputStream("secret".getBytes(StandardCharsets.UTF_8)), TIMEOUT);
    var out = new ByteArrayOutputStream();
    TabulariumException noGrant = assertThrows(TabulariumException.class,
        () -> client.readDocument(admin, node.chainId,
            Vault.Access.read(stored.documentId(), new byte[Vault.ID_BYTES], "no grant"), out,
            TIMEOUT));
    assertEquals(Status.Code.NOT_FOUND, noGrant.code());
    assertEquals("GRANT_NOT_FOUND", noGrant.reason());
    assertEquals(0, out.size(), "no byte before the access is logged");
  }

  private static int cli(ByteArrayOutputStream out, String... args) {
    var err = new ByteArrayOutputStream();
    int status = Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertTrue(status == 0 || err.size() == 0, err.toString(StandardCharsets.UTF_8));
    return status;
  }

  @Test
  void cliPutsAndExportsAndPrintsRefusalsAsJson(@TempDir Path work) throws Exception {
    Path file = work.resolve("letter.txt");
    Files.writeString(file, "discharge letter", StandardCharsets.UTF_8);
    Path result = work.resolve("result.json");
    var out = new ByteArrayOutputStream();
    assertEquals(0, cli(out, "vault-put", "--server", node.address(), "--key",
        node.adminKey.toString(), "--chain-id", node.chainId, "--owner", adminDid, "--file",
        file.toString(), "--media-type", "text/plain", "--out", result.toString()));
    JsonObject put = JsonParser.parseString(Files.readString(result)).getAsJsonObject();
    assertEquals(1, put.get("version").getAsInt());
    assertEquals(HEX.formatHex(Merkle.sha256(Files.readAllBytes(file))),
        put.get("sha256").getAsString());
    assertEquals(64, put.get("salt").getAsString().length());
    assertTrue(put.get("entry_index").getAsJsonPrimitive().isNumber());
    byte[] documentId = HEX.parseHex(put.get("document_id").getAsString());
    String grantHex = HEX.formatHex(grant(documentId));

    Path copy = work.resolve("copy.txt");
    assertEquals(0, cli(out, "vault-get", "--server", node.address(), "--key",
        node.adminKey.toString(), "--chain-id", node.chainId, "--document",
        HEX.formatHex(documentId), "--grant", grantHex, "--purpose", "cli test", "--out",
        copy.toString(), "--export"));
    JsonObject got = JsonParser.parseString(out.toString(StandardCharsets.UTF_8).strip())
        .getAsJsonObject();
    assertEquals("discharge letter", Files.readString(copy, StandardCharsets.UTF_8));
    assertEquals(16, got.get("size").getAsLong());
    assertEquals(put.get("sha256").getAsString(), got.get("sha256").getAsString());
    assertEquals(64, got.get("tx_hash").getAsString().length());
    assertTrue(got.get("entry_index").getAsLong() > put.get("entry_index").getAsLong());

    out.reset();
    Path refused = work.resolve("refused.txt");
    assertEquals(1, cli(out, "vault-get", "--server", node.address(), "--key",
        node.adminKey.toString(), "--chain-id", node.chainId, "--document",
        HEX.formatHex(documentId), "--grant", "00".repeat(Vault.ID_BYTES), "--purpose", "x",
        "--out", refused.toString()));
    JsonObject error = JsonParser.parseString(out.toString(StandardCharsets.UTF_8).strip())
        .getAsJsonObject();
    assertEquals("GRANT_NOT_FOUND", error.get("reason").getAsString());
    assertTrue(error.get("error").getAsString().startsWith("NOT_FOUND: "), error.toString());
    assertFalse(Files.exists(refused));
    try (var left = Files.list(work)) {
      assertTrue(left.noneMatch(p -> p.getFileName().toString().endsWith(".part")));
    }
  }
}
