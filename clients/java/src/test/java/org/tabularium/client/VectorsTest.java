package org.tabularium.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;
import org.tabularium.documents.v1.RegisterDocument;
import org.tabularium.ledger.v1.Receipt;
import org.tabularium.ledger.v1.TransactionBody;

/**
 * The cross-language vectors in tests/vectors/clients (format in its README.md): every valid case
 * is accepted with the values it names, every corrupted one is rejected with its category.
 */
class VectorsTest {
  private static final Path VECTORS = LiveNode.REPO_ROOT.resolve("tests/vectors/clients");
  private static final HexFormat HEX = HexFormat.of();

  /** One vector file. */
  private record Case(String file, String desc, JsonObject input, JsonObject want, String wantErr) {
    Optional<String> origin() {
      JsonElement origin = input.get("origin");
      return origin == null || origin.isJsonNull() ? Optional.empty()
          : Optional.of(origin.getAsString());
    }

    String in(String name) {
      return input.get(name).getAsString();
    }
  }

  private static List<Case> cases(String kind) throws IOException {
    List<Case> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(VECTORS.resolve(kind))) {
      for (Path path : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        JsonObject c = JsonParser.parseString(Files.readString(path)).getAsJsonObject();
        JsonElement want = c.get("want");
        JsonElement wantErr = c.get("want_err");
        out.add(new Case(VECTORS.relativize(path).toString(), c.get("desc").getAsString(),
            c.getAsJsonObject("input"), want.isJsonNull() ? null : want.getAsJsonObject(),
            wantErr.isJsonNull() ? null : wantErr.getAsString()));
      }
    }
    assertFalse(out.isEmpty(), "no vectors under " + kind);
    return out;
  }

  /** Valid cases must pass {@code check}; corrupted ones must fail it with their want_err. */
  private static Stream<DynamicTest> run(String kind, CaseCheck check) throws IOException {
    return cases(kind).stream().map(c -> DynamicTest.dynamicTest(c.file(), () -> {
      Executable call = () -> check.run(c);
      if (c.wantErr() == null) {
        call.execute();
      } else {
        VerificationException e = assertThrows(VerificationException.class, call,
            c.file() + " (" + c.desc() + ") was accepted");
        assertEquals(c.wantErr(), e.reason(), c.file() + " (" + c.desc() + "): " + e.getMessage());
      }
    }));
  }

  @FunctionalInterface
  private interface CaseCheck {
    void run(Case c) throws Exception;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @TestFactory
  Stream<DynamicTest> receipts() throws IOException {
    return run("receipts", c -> {
      NoteVerifier verifier = NoteVerifier.parse(c.in("log_key"));
      Receipt receipt = Receipts.fromJson(c.input().get("receipt").toString());
      Checkpoint checkpoint = Receipts.verify(receipt, verifier, c.origin());
      JsonObject want = c.want();
      assertEquals(want.get("tx_hash").getAsString(),
          HEX.formatHex(receipt.getTxHash().toByteArray()));
      assertEquals(want.get("leaf_hash").getAsString(),
          HEX.formatHex(Merkle.leafHash(receipt.getTransaction().toByteArray())));
      assertEquals(want.get("entry_index").getAsLong(), receipt.getEntryIndex());
      assertEquals(want.get("tree_size").getAsLong(), checkpoint.size());
      assertEquals(want.get("root").getAsString(), HEX.formatHex(checkpoint.root()));
      assertEquals(want.get("origin").getAsString(), checkpoint.origin());
    });
  }

  @TestFactory
  Stream<DynamicTest> checkpoints() throws IOException {
    return run("checkpoints", c -> {
      NoteVerifier verifier = NoteVerifier.parse(c.in("log_key"));
      Checkpoint checkpoint = Checkpoints.verify(utf8(c.in("checkpoint")), verifier, c.origin());
      JsonObject want = c.want();
      assertEquals(want.get("origin").getAsString(), checkpoint.origin());
      assertEquals(want.get("tree_size").getAsLong(), checkpoint.size());
      assertEquals(want.get("root").getAsString(), HEX.formatHex(checkpoint.root()));
      assertArrayEquals(utf8(want.get("body").getAsString()), checkpoint.body());
      assertEquals(want.get("key_name").getAsString(), verifier.name());
      assertEquals(want.get("key_hash").getAsString(), HEX.formatHex(verifier.keyHash()));
    });
  }

  @TestFactory
  Stream<DynamicTest> consistencyProofs() throws IOException {
    return run("consistency", c -> {
      NoteVerifier verifier = NoteVerifier.parse(c.in("log_key"));
      Checkpoint older = Checkpoints.verify(utf8(c.in("old_checkpoint")), verifier, c.origin());
      Checkpoint newer = Checkpoints.verify(utf8(c.in("new_checkpoint")), verifier, c.origin());
      List<ByteString> proof = new ArrayList<>();
      c.input().getAsJsonArray("proof")
          .forEach(h -> proof.add(ByteString.copyFrom(HEX.parseHex(h.getAsString()))));
      Receipts.verifyConsistency(older, newer, proof);
      JsonObject want = c.want();
      assertEquals(want.get("old_size").getAsLong(), older.size());
      assertEquals(want.get("new_size").getAsLong(), newer.size());
      assertEquals(want.get("old_root").getAsString(), HEX.formatHex(older.root()));
      assertEquals(want.get("new_root").getAsString(), HEX.formatHex(newer.root()));
    });
  }

  @TestFactory
  Stream<DynamicTest> signedTransactionsCheckedOffline() throws IOException {
    return run("transactions", c -> {
      ByteString tx = ByteString.copyFrom(Base64.getDecoder().decode(c.in("transaction")));
      Transactions.CheckedTransaction checked = Transactions.verify(tx);
      JsonObject want = c.want();
      assertEquals(want.get("tx_hash").getAsString(), HEX.formatHex(Transactions.txHash(tx)));
      assertEquals(want.get("leaf_hash").getAsString(),
          HEX.formatHex(Merkle.leafHash(tx.toByteArray())));
      assertEquals(want.get("body").getAsString(),
          HEX.formatHex(checked.bodyBytes().toByteArray()));
      assertEquals(want.get("signing_message").getAsString(),
          HEX.formatHex(Transactions.signingMessage(checked.bodyBytes())));
    });
  }

  @TestFactory
  Stream<DynamicTest> signedTransactionsReproducedByThisClient() throws IOException {
    return cases("transactions").stream().filter(c -> c.wantErr() == null)
        .map(c -> DynamicTest.dynamicTest(c.file(), () -> reproduce(c)));
  }

  /** Same keys, same body: the same signatures and the same transaction bytes. */
  private static void reproduce(Case c) throws Exception {
    JsonObject want = c.want();
    List<SigningKey> keys = new ArrayList<>();
    for (JsonElement file : want.getAsJsonArray("signer_keys")) {
      keys.add(SigningKey.fromFile(VECTORS.resolve(file.getAsString())));
    }
    ByteString body = ByteString.copyFrom(HEX.parseHex(want.get("body").getAsString()));
    ByteString tx = Transactions.sign(body, keys);
    assertEquals(c.in("transaction"), Base64.getEncoder().encodeToString(tx.toByteArray()));
    var signatures = want.getAsJsonArray("signatures");
    byte[] message = HEX.parseHex(want.get("signing_message").getAsString());
    for (int i = 0; i < keys.size(); i++) {
      JsonObject s = signatures.get(i).getAsJsonObject();
      assertEquals(s.get("public_key").getAsString(), HEX.formatHex(keys.get(i).publicKey()));
      assertEquals(s.get("signature").getAsString(), HEX.formatHex(keys.get(i).sign(message)));
    }
    JsonObject f = want.getAsJsonObject("body_fields");
    JsonObject doc = f.getAsJsonObject("register_document");
    ByteString action = RegisterDocument.newBuilder()
        .setSha256(ByteString.copyFrom(HEX.parseHex(doc.get("sha256").getAsString())))
        .setTitle(doc.get("title").getAsString())
        .build().toByteString();
    assertEquals(f.get("action_value").getAsString(), HEX.formatHex(action.toByteArray()));
    TransactionBody.Builder built = TransactionBody.newBuilder()
        .setChainId(f.get("chain_id").getAsString())
        .setNonce(ByteString.copyFrom(HEX.parseHex(f.get("nonce").getAsString())))
        .setNotBefore(timestamp(f.getAsJsonObject("not_before")))
        .setNotAfter(timestamp(f.getAsJsonObject("not_after")))
        .setAction(Any.newBuilder()
            .setTypeUrl(f.get("action_type_url").getAsString()).setValue(action))
        .setMemo(f.get("memo").getAsString());
    for (JsonElement signer : f.getAsJsonArray("signers")) {
      built.addSigners(ByteString.copyFrom(HEX.parseHex(signer.getAsString())));
    }
    assertEquals(want.get("body").getAsString(),
        HEX.formatHex(built.build().toByteString().toByteArray()));
  }

  private static Timestamp timestamp(JsonObject t) {
    return Timestamp.newBuilder()
        .setSeconds(t.get("seconds").getAsLong()).setNanos(t.get("nanos").getAsInt()).build();
  }
}
