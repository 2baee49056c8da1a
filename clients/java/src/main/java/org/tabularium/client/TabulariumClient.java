package org.tabularium.client;

import com.google.protobuf.ByteString;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import java.time.Duration;
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

/**
 * A client for one Tabularium node: submit signed transactions, notarize documents, fetch
 * checkpoints and proofs. Every call has a deadline; a call answered UNAVAILABLE is retried with
 * exponential backoff, which is safe because the node treats identical bytes as one transaction.
 * Failed calls throw {@link TabulariumException}. Close it when done.
 */
public final class TabulariumClient implements AutoCloseable {
  /** Largest response accepted: SubmitTransactions answers up to 10,000 receipts at once. */
  private static final int MAX_MESSAGE_BYTES = 64 << 20;

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
