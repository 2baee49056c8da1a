package org.tabularium.client;

import com.google.protobuf.ByteString;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.stub.BlockingClientCall;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.tabularium.documents.v1.DocumentsServiceGrpc;
import org.tabularium.documents.v1.VerifyDocumentRequest;
import org.tabularium.documents.v1.VerifyDocumentResponse;
import org.tabularium.landregistry.v1.GetRightsRequest;
import org.tabularium.landregistry.v1.GetRightsResponse;
import org.tabularium.landregistry.v1.LandRegistryServiceGrpc;
import org.tabularium.ledger.v1.GetCheckpointRequest;
import org.tabularium.ledger.v1.GetConsistencyProofRequest;
import org.tabularium.ledger.v1.GetLogInfoRequest;
import org.tabularium.ledger.v1.GetLogInfoResponse;
import org.tabularium.ledger.v1.GetReceiptRequest;
import org.tabularium.ledger.v1.LedgerServiceGrpc;
import org.tabularium.ledger.v1.Receipt;
import org.tabularium.ledger.v1.SubmitResult;
import org.tabularium.ledger.v1.SubmitTransactionRequest;
import org.tabularium.ledger.v1.SubmitTransactionsRequest;
import org.tabularium.pharma.v1.PharmaServiceGrpc;
import org.tabularium.pharma.v1.ScanResult;
import org.tabularium.pharma.v1.SubmitScansRequest;
import org.tabularium.vault.v1.PutDocumentFinish;
import org.tabularium.vault.v1.PutDocumentRequest;
import org.tabularium.vault.v1.PutDocumentResponse;
import org.tabularium.vault.v1.ReadDocumentRequest;
import org.tabularium.vault.v1.ReadDocumentResponse;
import org.tabularium.vault.v1.ReadHeader;
import org.tabularium.vault.v1.VaultServiceGrpc;

/**
 * A client for one Tabularium node: submit signed transactions, notarize documents, fetch
 * checkpoints and proofs. Every call has a deadline; a call answered UNAVAILABLE is retried with
 * exponential backoff, which is safe because the node treats identical bytes as one transaction.
 * Failed calls throw {@link TabulariumException}. Close it when done.
 */
public final class TabulariumClient implements AutoCloseable {
  /** Largest response accepted: SubmitTransactions answers up to 10,000 receipts at once. */
  private static final int MAX_MESSAGE_BYTES = 64 << 20;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final ManagedChannel channel;
  private final Options options;
  private volatile String chainId;

  /**
   * Call settings.
   *
   * @param deadline deadline of each call attempt
   * @param maxAttempts attempts per call while the node answers UNAVAILABLE
   * @param initialBackoff first retry delay; doubles per attempt up to maxBackoff, with jitter
   * @param maxBackoff longest retry delay
   * @param tls connect with TLS (system trust store) instead of plaintext
   * @param onRetry called before each retry with the attempt number and the error
   */
  public record Options(
      Duration deadline,
      int maxAttempts,
      Duration initialBackoff,
      Duration maxBackoff,
      boolean tls,
      BiConsumer<Integer, StatusRuntimeException> onRetry) {
    public static Options defaults() {
      return new Options(Duration.ofSeconds(30), 5, Duration.ofMillis(100), Duration.ofSeconds(3),
          false, (attempt, error) -> { });
    }

    public Options withDeadline(Duration value) {
      return new Options(value, maxAttempts, initialBackoff, maxBackoff, tls, onRetry);
    }

    public Options withRetries(int attempts, Duration initial, Duration max) {
      return new Options(deadline, attempts, initial, max, tls, onRetry);
    }

    public Options withTls(boolean value) {
      return new Options(deadline, maxAttempts, initialBackoff, maxBackoff, value, onRetry);
    }

    public Options withOnRetry(BiConsumer<Integer, StatusRuntimeException> value) {
      return new Options(deadline, maxAttempts, initialBackoff, maxBackoff, tls, value);
    }
  }

  /** Connects to {@code address} (host:port) with the default options. */
  public TabulariumClient(String address) {
    this(address, Options.defaults());
  }

  public TabulariumClient(String address, Options options) {
    this.options = options;
    this.channel = Grpc.newChannelBuilder(address,
        options.tls() ? TlsChannelCredentials.create() : InsecureChannelCredentials.create())
        .maxInboundMessageSize(MAX_MESSAGE_BYTES)
        .build();
  }

  /** The generated blocking stub, for calls this class does not wrap (no retries added). */
  public LedgerServiceGrpc.LedgerServiceBlockingStub ledger() {
    return LedgerServiceGrpc.newBlockingStub(channel)
        .withDeadlineAfter(options.deadline().toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The generated blocking stub of the documents service (no retries added). */
  public DocumentsServiceGrpc.DocumentsServiceBlockingStub documents() {
    return DocumentsServiceGrpc.newBlockingStub(channel)
        .withDeadlineAfter(options.deadline().toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The generated blocking stub of the vault service's unary queries (no retries added). */
  public VaultServiceGrpc.VaultServiceBlockingStub vault() {
    return VaultServiceGrpc.newBlockingStub(channel)
        .withDeadlineAfter(options.deadline().toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The generated blocking stub of the land registry's queries (no retries added). */
  public LandRegistryServiceGrpc.LandRegistryServiceBlockingStub land() {
    return LandRegistryServiceGrpc.newBlockingStub(channel)
        .withDeadlineAfter(options.deadline().toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The generated blocking stub of the pharma service (no retries added). */
  public PharmaServiceGrpc.PharmaServiceBlockingStub pharma() {
    return PharmaServiceGrpc.newBlockingStub(channel)
        .withDeadlineAfter(options.deadline().toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Submits signed VerifyPack, DecommissionPack or UndoDecommission transactions through
   * PharmaService.SubmitScans: one ScanResult per item, in order (a refusal is a result with its
   * code and reason, not an exception). Throws TabulariumException if the call itself fails.
   */
  public List<ScanResult> submitScans(List<ByteString> txs) {
    return call(() -> pharma().submitScans(
        SubmitScansRequest.newBuilder().addAllTransactions(txs).build())).getResultsList();
  }

  /** What a verifier pins (origin, verifier key) and the chain id transactions must carry. */
  public GetLogInfoResponse logInfo() {
    GetLogInfoResponse info =
        call(() -> ledger().getLogInfo(GetLogInfoRequest.getDefaultInstance()));
    chainId = info.getChainId();
    return info;
  }

  /** Submits one encoded SignedTransaction; returns its receipt once durably committed. */
  public Receipt submit(ByteString tx) {
    return call(() -> ledger().submitTransaction(
        SubmitTransactionRequest.newBuilder().setTransaction(tx).build())).getReceipt();
  }

  /** Submits many transactions in one call; one result (receipt or error) per item, in order. */
  public List<SubmitResult> submitMany(List<ByteString> txs) {
    return call(() -> ledger().submitTransactions(
        SubmitTransactionsRequest.newBuilder().addAllTransactions(txs).build())).getResultsList();
  }

  /**
   * Registers a document's SHA-256 digest, signed by {@code key}, for the node's chain (asked
   * once with GetLogInfo); returns the receipt.
   */
  public Receipt notarize(SigningKey key, byte[] sha256, String title) {
    String chain = chainId != null ? chainId : logInfo().getChainId();
    return notarize(key, sha256, title, chain, BodyOptions.defaults());
  }

  /** Registers a document's digest for {@code chainId} with the given body options. */
  public Receipt notarize(
      SigningKey key, byte[] sha256, String title, String chainId, BodyOptions body) {
    ByteString tx = Transactions.buildSigned(
        chainId, Transactions.registerDocument(sha256, title), List.of(key), body);
    return submit(tx);
  }

  /** Whether a digest is registered, with the receipt of its registration. */
  public VerifyDocumentResponse verifyDocument(byte[] sha256) {
    return call(() -> documents().verifyDocument(
        VerifyDocumentRequest.newBuilder().setSha256(ByteString.copyFrom(sha256)).build()));
  }

  /**
   * Rights, restrictions and responsibilities in force on a parcel at {@code atHeight} (0: the
   * latest block). An unknown parcel throws NOT_FOUND PARCEL_NOT_FOUND.
   */
  public GetRightsResponse rights(String parcelId, long atHeight) {
    return call(() -> land().getRights(GetRightsRequest.newBuilder()
        .setParcelId(parcelId).setAtHeight(atHeight).build()));
  }

  /** The signed checkpoint note for {@code treeSize} (0: the latest). */
  public byte[] checkpoint(long treeSize) {
    return call(() -> ledger().getCheckpoint(
        GetCheckpointRequest.newBuilder().setTreeSize(treeSize).build()))
        .getCheckpoint().toByteArray();
  }

  /** A receipt for a logged transaction against the checkpoint of {@code treeSize} (0: latest). */
  public Receipt receipt(byte[] txHash, long treeSize) {
    return call(() -> ledger().getReceipt(GetReceiptRequest.newBuilder()
        .setTxHash(ByteString.copyFrom(txHash)).setTreeSize(treeSize).build())).getReceipt();
  }

  /** RFC 9162 consistency proof between two tree sizes. */
  public List<ByteString> consistencyProof(long firstSize, long secondSize) {
    return call(() -> ledger().getConsistencyProof(GetConsistencyProofRequest.newBuilder()
        .setFirstSize(firstSize).setSecondSize(secondSize).build())).getHashesList();
  }

  /**
   * Stores {@code content} in the vault as {@code spec} says: streams it to PutDocument in
   * pieces of {@link Vault#CHUNK_BYTES}, hashing on the way (constant memory whatever the size),
   * then sends the StoreDocument transaction signed by {@code keys} for {@code chainId}, which
   * commits to the content with a fresh random salt. Not retried (the stream is consumed); the
   * node keeps nothing unless the transaction is committed, so a failed call can be repeated.
   *
   * @param timeout deadline of the whole upload
   * @throws TabulariumException if the node refuses or the call fails
   * @throws IOException if reading {@code content} fails (the call is cancelled)
   */
  public Vault.Stored putDocument(List<SigningKey> keys, String chainId, Vault.DocumentSpec spec,
      InputStream content, Duration timeout) throws IOException {
    byte[] salt = new byte[Vault.SALT_BYTES];
    RANDOM.nextBytes(salt);
    MessageDigest hasher = sha256();
    BlockingClientCall<PutDocumentRequest, PutDocumentResponse> call =
        VaultServiceGrpc.newBlockingV2Stub(channel)
            .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
            .putDocument();
    boolean done = false;
    try {
      byte[] buffer = new byte[Vault.CHUNK_BYTES];
      long size = 0;
      boolean open = true;
      int n;
      while (open && (n = content.readNBytes(buffer, 0, buffer.length)) > 0) {
        hasher.update(buffer, 0, n);
        size += n;
        // write() waits while the transport is not ready (flow control), so at most a few
        // chunks are ever buffered; false means the node already closed the call.
        open = call.write(PutDocumentRequest.newBuilder()
            .setChunk(ByteString.copyFrom(buffer, 0, n)).build());
      }
      byte[] digest = hasher.digest();
      if (open) {
        ByteString tx = Transactions.buildSigned(chainId,
            Vault.storeDocument(spec, Vault.commitment(salt, digest), size), keys,
            BodyOptions.defaults());
        call.write(PutDocumentRequest.newBuilder().setFinish(PutDocumentFinish.newBuilder()
            .setTransaction(tx).setSalt(ByteString.copyFrom(salt))).build());
        call.halfClose();
      }
      PutDocumentResponse response = call.read();
      if (response == null) {
        throw new TabulariumException(Status.Code.INTERNAL, "",
            "PutDocument ended without an answer", Map.of(), null);
      }
      done = true;
      return new Vault.Stored(response, salt, digest);
    } catch (StatusException e) {
      done = true;
      throw TabulariumException.from(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TabulariumException(Status.Code.CANCELLED, "", "interrupted", Map.of(), e);
    } finally {
      if (!done) {
        call.cancel("upload abandoned", null);
      }
    }
  }

  /**
   * Reads a document from the vault: signs an AccessDocument for {@code access} with
   * {@code key} (window {@link Vault#ACCESS_WINDOW}), and calls ReadDocument with request
   * metadata signed by the same key. The node logs the access before it returns any byte; the
   * plaintext is written to {@code sink} as it arrives. Checks the total size against the
   * version record and, on export, that the content and salt open the logged commitment.
   *
   * @param timeout deadline of the whole download
   * @throws TabulariumException if the node refuses or the call fails (before any byte if the
   *     access is refused or could not be logged)
   * @throws VerificationException SIZE_MISMATCH or CONTENT_MISMATCH (the bytes already written
   *     to {@code sink} must then be discarded), or HEADER_MISSING
   * @throws IOException if writing to {@code sink} fails (the call is cancelled)
   */
  public Vault.Read readDocument(SigningKey key, String chainId, Vault.Access access,
      OutputStream sink, Duration timeout) throws IOException, VerificationException {
    ByteString tx = Transactions.buildSigned(chainId, Vault.accessDocument(access),
        List.of(key), BodyOptions.defaults().withWindow(Vault.ACCESS_WINDOW));
    ReadDocumentRequest request = ReadDocumentRequest.newBuilder()
        .setAccessTransaction(tx).build();
    // The node hashes the bytes it receives: sign the serialization of the very message sent.
    var auth = SignedRequests.sign(key, Vault.READ_METHOD, request.toByteArray());
    BlockingClientCall<?, ReadDocumentResponse> call = VaultServiceGrpc.newBlockingV2Stub(channel)
        .withInterceptors(SignedRequests.interceptor(auth))
        .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .readDocument(request);
    boolean done = false;
    try {
      ReadDocumentResponse first = call.read();
      if (first == null || !first.hasHeader()) {
        throw new VerificationException("HEADER_MISSING",
            "ReadDocument did not start with a header");
      }
      ReadHeader header = first.getHeader();
      MessageDigest hasher = sha256();
      long size = 0;
      ReadDocumentResponse part;
      while ((part = call.read()) != null) {
        ByteString chunk = part.getChunk();
        hasher.update(chunk.asReadOnlyByteBuffer());
        size += chunk.size();
        chunk.writeTo(sink);
      }
      done = true;
      byte[] digest = hasher.digest();
      long want = header.getVersion().getSize();
      if (size != want) {
        throw new VerificationException("SIZE_MISMATCH",
            "got " + size + " bytes, the version record says " + want);
      }
      if (access.isExport() && (header.getSalt().size() != Vault.SALT_BYTES
          || !Arrays.equals(Vault.commitment(header.getSalt().toByteArray(), digest),
              header.getVersion().getCommitment().toByteArray()))) {
        throw new VerificationException("CONTENT_MISMATCH", "the content (SHA-256 "
            + HexFormat.of().formatHex(digest) + ") does not open the logged commitment");
      }
      return new Vault.Read(header, size, digest);
    } catch (StatusException e) {
      done = true;
      throw TabulariumException.from(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TabulariumException(Status.Code.CANCELLED, "", "interrupted", Map.of(), e);
    } finally {
      if (!done) {
        call.cancel("download abandoned", null);
      }
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /** The chain id learned from the node, if logInfo() or notarize() asked it. */
  public Optional<String> chainId() {
    return Optional.ofNullable(chainId);
  }

  /** Runs one unary call, each attempt with the default deadline, retrying on UNAVAILABLE. */
  public <T> T call(Supplier<T> rpc) {
    for (int attempt = 1; ; attempt++) {
      try {
        return rpc.get();
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() != Status.Code.UNAVAILABLE
            || attempt >= options.maxAttempts()) {
          throw TabulariumException.from(e);
        }
        options.onRetry().accept(attempt, e);
        sleep(backoff(attempt));
      }
    }
  }

  private Duration backoff(int attempt) {
    long ceiling = Math.min(options.maxBackoff().toMillis(),
        options.initialBackoff().toMillis() << Math.min(attempt - 1, 20));
    return Duration.ofMillis(ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1));
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TabulariumException(Status.Code.CANCELLED, "", "interrupted while retrying",
          Map.of(), e);
    }
  }

  /** Closes the channel, waiting briefly for calls in flight. */
  @Override
  public void close() {
    channel.shutdown();
    try {
      if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
        channel.shutdownNow();
      }
    } catch (InterruptedException e) {
      channel.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
