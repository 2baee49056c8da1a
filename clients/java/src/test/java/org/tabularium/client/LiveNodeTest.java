package org.tabularium.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.protobuf.ByteString;
import io.grpc.Status;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.tabularium.documents.v1.VerifyDocumentResponse;
import org.tabularium.ledger.v1.GetLogInfoResponse;
import org.tabularium.ledger.v1.Receipt;
import org.tabularium.ledger.v1.SubmitResult;
import org.tabularium.ledger.v1.TransactionStatus;

/** The client against a real node: submit, notarize, verify offline, errors, retries, the CLI. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveNodeTest {
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private LiveNode node;
  private TabulariumClient client;
  private SigningKey admin;
  private NoteVerifier verifier;
  private String origin;

  /** A fresh digest per call, so registrations never collide across tests. */
  private static byte[] newDigest() {
    return Merkle.sha256(("java doc " + ProcessHandle.current().pid() + " "
        + COUNTER.incrementAndGet()).getBytes(StandardCharsets.UTF_8));
  }

  @BeforeAll
  void startNode() throws Exception {
    node = LiveNode.start("java-test-chain");
    client = new TabulariumClient(node.address());
    admin = SigningKey.fromFile(node.adminKey);
    GetLogInfoResponse info = client.logInfo();
    assertEquals(node.chainId, info.getChainId());
    verifier = NoteVerifier.parse(info.getVerifierKey());
    origin = info.getOrigin();
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

  private ByteString notarizeTx(byte[] digest) {
    return Transactions.buildSigned(node.chainId, Transactions.registerDocument(digest, ""),
        List.of(admin), BodyOptions.defaults());
  }

  @Test
  void notarizesADocumentAndVerifiesTheReceiptOffline() throws Exception {
    byte[] digest = newDigest();
    Receipt receipt = client.notarize(admin, digest, "contract");
    assertEquals(TransactionStatus.TRANSACTION_STATUS_ACCEPTED, receipt.getResult().getStatus());
    Checkpoint checkpoint = Receipts.verify(receipt, verifier, Optional.of(origin));
    assertTrue(checkpoint.size() > receipt.getEntryIndex());
    VerifyDocumentResponse found = client.verifyDocument(digest);
    assertTrue(found.getRegistered());
    assertEquals("contract", found.getTitle());
    assertEquals(receipt.getEntryIndex(), found.getEntryIndex());
    Receipts.verify(found.getReceipt(), verifier, Optional.of(origin));
  }

  @Test
  void rejectsAReceiptWhoseTransactionProofIndexOrCheckpointChanged() throws Exception {
    Receipt receipt = client.notarize(admin, newDigest(), "");
    List<Receipt> bad = new ArrayList<>();
    Consumer<Consumer<Receipt.Builder>> change = edit -> {
      Receipt.Builder b = receipt.toBuilder();
      edit.accept(b);
      bad.add(b.build());
    };
    change.accept(b -> b.setTransaction(flip(b.getTransaction(), 5)));
    change.accept(b -> b.setTxHash(flip(b.getTxHash(), 0)));
    change.accept(b -> b.setEntryIndex(b.getEntryIndex() + 1));
    change.accept(b -> b.setCheckpoint(flip(b.getCheckpoint(), 3)));
    if (receipt.getInclusionProofCount() > 0) {
      change.accept(b -> b.setInclusionProof(0, flip(b.getInclusionProof(0), 0)));
    }
    for (Receipt r : bad) {
      assertThrows(VerificationException.class, () -> Receipts.verify(r, verifier));
    }
    NoteVerifier stranger = new NoteVerifier(verifier.name(), SigningKey.generate().publicKey());
    assertThrows(VerificationException.class, () -> Receipts.verify(receipt, stranger));
    assertEquals("CHECKPOINT_WRONG_ORIGIN", assertThrows(VerificationException.class,
        () -> Receipts.verify(receipt, verifier, Optional.of("elsewhere"))).reason());
  }

  private static ByteString flip(ByteString b, int i) {
    byte[] c = b.toByteArray();
    c[i] ^= 1;
    return ByteString.copyFrom(c);
  }

  @Test
  void returnsTheOriginalReceiptForIdenticalBytes() {
    ByteString tx = notarizeTx(newDigest());
    Receipt first = client.submit(tx);
    Receipt again = client.submit(tx);
    assertEquals(first.getEntryIndex(), again.getEntryIndex());
    assertArrayEquals(Transactions.txHash(tx), again.getTxHash().toByteArray());
  }

  @Test
  void submitsManyTransactionsEachWithItsOwnResult() throws Exception {
    byte[] digest = newDigest();
    List<SubmitResult> results = client.submitMany(
        List.of(notarizeTx(digest), notarizeTx(newDigest()), notarizeTx(digest)));
    assertEquals(3, results.size());
    Receipts.verify(results.get(0).getReceipt(), verifier);
    Receipts.verify(results.get(1).getReceipt(), verifier);
    assertEquals("DOCUMENT_ALREADY_REGISTERED", results.get(2).getError().getReason());
  }

  @Test
  void mapsRefusalsToTabulariumExceptionWithReasonAndMetadata() {
    byte[] digest = newDigest();
    Receipt first = client.notarize(admin, digest, "");
    TabulariumException duplicate =
        assertThrows(TabulariumException.class, () -> client.notarize(admin, digest, ""));
    assertEquals(Status.Code.ALREADY_EXISTS, duplicate.code());
    assertEquals("DOCUMENT_ALREADY_REGISTERED", duplicate.reason());
    assertEquals(Long.toString(first.getEntryIndex()),
        duplicate.metadata().get("original_entry_index"));
    TabulariumException unknown = assertThrows(TabulariumException.class,
        () -> client.notarize(SigningKey.generate(), newDigest(), ""));
    assertEquals(Status.Code.PERMISSION_DENIED, unknown.code());
    assertEquals("UNKNOWN_SIGNER", unknown.reason());
    TabulariumException wrongChain = assertThrows(TabulariumException.class,
        () -> client.notarize(admin, newDigest(), "", "another-chain", BodyOptions.defaults()));
    assertEquals(Status.Code.INVALID_ARGUMENT, wrongChain.code());
  }

  @Test
  void provesThatALaterCheckpointExtendsAnEarlierOne() throws Exception {
    Checkpoint older = Checkpoints.verify(client.checkpoint(0), verifier, Optional.of(origin));
    client.notarize(admin, newDigest(), "");
    client.notarize(admin, newDigest(), "");
    Checkpoint newer = Checkpoints.verify(client.checkpoint(0), verifier, Optional.of(origin));
    assertTrue(newer.size() > older.size());
    List<ByteString> proof = client.consistencyProof(older.size(), newer.size());
    Receipts.verifyConsistency(older, newer, proof);
    Checkpoint forged = new Checkpoint(older.origin(), older.size(),
        Merkle.sha256(older.root()), older.body(), older.note());
    assertThrows(VerificationException.class,
        () -> Receipts.verifyConsistency(forged, newer, proof));
  }

  @Test
  void retriesOnUnavailableUntilTheNodeIsBack() throws Exception {
    ByteString tx = notarizeTx(newDigest());
    int port = node.port;
    node.stop();
    List<Integer> retries = Collections.synchronizedList(new ArrayList<>());
    CompletableFuture<Void> seenDown = new CompletableFuture<>();
    TabulariumClient.Options options = TabulariumClient.Options.defaults()
        .withRetries(30, Duration.ofMillis(100), Duration.ofMillis(500))
        .withOnRetry((attempt, error) -> {
          retries.add(attempt);
          seenDown.complete(null);
        });
    try (TabulariumClient patient = new TabulariumClient("127.0.0.1:" + port, options)) {
      CompletableFuture<Receipt> pending = CompletableFuture.supplyAsync(() -> patient.submit(tx));
      seenDown.get(60, TimeUnit.SECONDS);
      node.serve(port);
      Receipt receipt = pending.get(120, TimeUnit.SECONDS);
      assertTrue(retries.size() >= 1);
      assertArrayEquals(Transactions.txHash(tx), receipt.getTxHash().toByteArray());
      Receipts.verify(receipt, verifier, Optional.of(origin));
    }
    client.close();
    client = new TabulariumClient(node.address());
  }

  @Test
  void givesUpAfterMaxAttemptsWhenTheNodeStaysDown() {
    List<Integer> retries = new ArrayList<>();
    TabulariumClient.Options options = TabulariumClient.Options.defaults()
        .withRetries(3, Duration.ofMillis(1), Duration.ofMillis(5))
        .withOnRetry((attempt, error) -> retries.add(attempt));
    try (TabulariumClient closed = new TabulariumClient("127.0.0.1:1", options)) {
      TabulariumException e = assertThrows(TabulariumException.class, closed::logInfo);
      assertEquals(Status.Code.UNAVAILABLE, e.code());
      assertEquals(List.of(1, 2), retries);
    }
  }

  private static int cli(ByteArrayOutputStream out, ByteArrayOutputStream err, String... args) {
    return Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void cliNotarizesAndVerifiesAndRefusesAChangedReceipt(@TempDir Path work) throws Exception {
    Path receiptPath = work.resolve("receipt.json");
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    assertEquals(0, cli(out, err, "notarize", "--server", node.address(), "--key",
        node.adminKey.toString(), "--chain-id", node.chainId, "--sha256",
        HexFormat.of().formatHex(newDigest()), "--out", receiptPath.toString()), err.toString());
    Path keyFile = work.resolve("log.key");
    Files.writeString(keyFile, verifier.encode() + "\n");
    for (String logKey : List.of(verifier.encode(), keyFile.toString())) {
      err.reset();
      assertEquals(0, cli(out, err, "verify-receipt", "--log-key", logKey, "--receipt",
          receiptPath.toString(), "--origin", origin), err.toString());
    }
    Receipt receipt = Receipts.fromJson(Files.readString(receiptPath));
    Path badPath = work.resolve("bad.json");
    Files.writeString(badPath, Receipts.toJson(
        receipt.toBuilder().setEntryIndex(receipt.getEntryIndex() + 1).build()));
    err.reset();
    assertEquals(1, cli(out, err, "verify-receipt", "--log-key", verifier.encode(), "--receipt",
        badPath.toString()));
    assertTrue(err.toString().contains("INCLUSION_PROOF_INVALID"), err.toString());
    err.reset();
    assertEquals(1, cli(out, err, "verify-receipt", "--log-key", verifier.encode(), "--receipt",
        receiptPath.toString(), "--origin", "x"));
    assertTrue(err.toString().contains("CHECKPOINT_WRONG_ORIGIN"), err.toString());
    err.reset();
    assertEquals(2, cli(out, err, "verify-receipt", "--receipt", receiptPath.toString()));
  }

  @Test
  void pythonCliVerifiesAReceiptTheJavaCliWrote(@TempDir Path work) throws Exception {
    Path receiptPath = work.resolve("for-python.json");
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    assertEquals(0, cli(out, err, "notarize", "--server", node.address(), "--key",
        node.adminKey.toString(), "--chain-id", node.chainId, "--sha256",
        HexFormat.of().formatHex(newDigest()), "--out", receiptPath.toString()), err.toString());
    Process python = new ProcessBuilder(LiveNode.PYTHON, "-m", "tabularium", "receipt", "verify",
        receiptPath.toString(), "--log-key", verifier.encode()).redirectErrorStream(true).start();
    String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(python.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, python.exitValue(), output);
  }

  @Test
  void cliLandCommandsPrintARefusalAsOneJsonLine(@TempDir Path work) {
    Path receiptPath = work.resolve("consent.json");
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    assertEquals(1, cli(out, err, "land-consent", "--server", node.address(), "--key",
        node.adminKey.toString(), "--chain-id", node.chainId, "--transfer", "00".repeat(16),
        "--deed", "11".repeat(32), "--out", receiptPath.toString()), err.toString());
    JsonObject line =
        JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();
    assertEquals("TRANSFER_NOT_FOUND", line.get("reason").getAsString());
    assertTrue(line.get("error").getAsString().startsWith("NOT_FOUND: "), line.toString());
    assertFalse(Files.exists(receiptPath));
    out.reset();
    assertEquals(1, cli(out, err, "land-rights", "--server", node.address(), "--parcel",
        "NL-NOWHERE-1"), err.toString());
    line = JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();
    assertEquals("PARCEL_NOT_FOUND", line.get("reason").getAsString());
    assertTrue(line.get("error").getAsString().startsWith("NOT_FOUND: "), line.toString());
    assertEquals(2, cli(out, err, "land-rights", "--server", node.address(), "--parcel", "p",
        "--at-height", "-1"));
    assertEquals(2, cli(out, err, "land-consent", "--server", node.address(), "--key",
        node.adminKey.toString(), "--chain-id", node.chainId, "--transfer", "00", "--deed",
        "11".repeat(32), "--out", receiptPath.toString()));
  }
}
