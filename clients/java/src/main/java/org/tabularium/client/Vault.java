package org.tabularium.client;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.tabularium.ledger.v1.Receipt;
import org.tabularium.vault.v1.AccessDocument;
import org.tabularium.vault.v1.Permission;
import org.tabularium.vault.v1.PutDocumentResponse;
import org.tabularium.vault.v1.ReadHeader;
import org.tabularium.vault.v1.StoreDocument;
import org.tabularium.vault.v1.VaultServiceGrpc;

/**
 * The document vault's client-side rules: content commitments, the StoreDocument and
 * AccessDocument actions, and what {@link TabulariumClient#putDocument} and
 * {@link TabulariumClient#readDocument} take and return.
 */
public final class Vault {
  /** Domain separation prefix of a content commitment (followed by 0x00). */
  public static final String COMMITMENT_CONTEXT = "tabularium/vault/commitment/v1";
  /** Size of the content pieces PutDocument sends (the node accepts up to 4 MiB). */
  public static final int CHUNK_BYTES = 1 << 20;
  /** Salt size of a commitment. */
  public static final int SALT_BYTES = 32;
  /** Document and grant ids: the first 16 bytes of the creating transaction's hash. */
  public static final int ID_BYTES = 16;
  /** Validity window of an access transaction (the node refuses windows over 300 s). */
  public static final Duration ACCESS_WINDOW = Duration.ofSeconds(120);
  /** Full gRPC method name of ReadDocument, as signed in its request metadata. */
  public static final String READ_METHOD =
      "/" + VaultServiceGrpc.getReadDocumentMethod().getFullMethodName();

  private Vault() {}

  /** SHA-256("tabularium/vault/commitment/v1" 0x00 salt SHA-256(content)). */
  public static byte[] commitment(byte[] salt, byte[] contentSha256) {
    if (salt.length != SALT_BYTES) {
      throw new IllegalArgumentException("salt has " + salt.length + " bytes, want 32");
    }
    if (contentSha256.length != 32) {
      throw new IllegalArgumentException(
          "content SHA-256 has " + contentSha256.length + " bytes, want 32");
    }
    return Merkle.sha256(COMMITMENT_CONTEXT.getBytes(StandardCharsets.US_ASCII), new byte[] {0},
        salt, contentSha256);
  }

  /** The id a transaction creates (document or grant): its hash's first 16 bytes. */
  public static byte[] createdId(ByteString tx) {
    return Arrays.copyOf(Transactions.txHash(tx), ID_BYTES);
  }

  /**
   * What to store: the owner and media type, and for a new document optionally a folder, data
   * subjects and a retention end; for a new version the document id and the latest version.
   * Start from {@link #of}.
   */
  public record DocumentSpec(
      String owner,
      String mediaType,
      byte[] documentId,
      int previousVersion,
      String folder,
      List<String> subjects,
      Optional<Instant> retainUntil) {
    public DocumentSpec {
      documentId = documentId.clone();
      subjects = List.copyOf(subjects);
    }

    /** A new document of {@code owner} (a DID). */
    public static DocumentSpec of(String owner, String mediaType) {
      return new DocumentSpec(owner, mediaType, new byte[0], 0, "", List.of(), Optional.empty());
    }

    @Override
    public byte[] documentId() {
      return documentId.clone();
    }

    /** A new version of {@code id}, whose latest version is {@code latest}. */
    public DocumentSpec asVersionOf(byte[] id, int latest) {
      return new DocumentSpec(owner, mediaType, id, latest, folder, subjects, retainUntil);
    }

    public DocumentSpec withFolder(String value) {
      return new DocumentSpec(owner, mediaType, documentId, previousVersion, value, subjects,
          retainUntil);
    }

    public DocumentSpec withSubjects(List<String> value) {
      return new DocumentSpec(owner, mediaType, documentId, previousVersion, folder, value,
          retainUntil);
    }

    public DocumentSpec withRetainUntil(Instant value) {
      return new DocumentSpec(owner, mediaType, documentId, previousVersion, folder, subjects,
          Optional.of(value));
    }
  }

  /** The StoreDocument action for content of {@code size} bytes committed to by the salt. */
  public static Any storeDocument(DocumentSpec spec, byte[] commitment, long size) {
    StoreDocument.Builder action = StoreDocument.newBuilder()
        .setOwner(spec.owner())
        .setDocumentId(ByteString.copyFrom(spec.documentId()))
        .setPreviousVersion(spec.previousVersion())
        .setCommitment(ByteString.copyFrom(commitment))
        .setSize(size)
        .setMediaType(spec.mediaType())
        .setFolder(spec.folder())
        .addAllSubjects(spec.subjects());
    spec.retainUntil().ifPresent(t -> action.setRetainUntil(
        Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano())));
    return Any.pack(action.build());
  }

  /**
   * One read or export of a document version (0: the latest) under a grant, for a purpose
   * (required, on the public log: no personal data). Start from {@link #read} or
   * {@link #export}.
   */
  public record Access(
      byte[] documentId, int version, Permission permission, byte[] grantId, String purpose) {
    public Access {
      documentId = documentId.clone();
      grantId = grantId.clone();
      if (permission != Permission.PERMISSION_READ && permission != Permission.PERMISSION_EXPORT) {
        throw new IllegalArgumentException("ReadDocument takes READ or EXPORT, not " + permission);
      }
    }

    /** Read the latest version's plaintext under {@code grantId}. */
    public static Access read(byte[] documentId, byte[] grantId, String purpose) {
      return new Access(documentId, 0, Permission.PERMISSION_READ, grantId, purpose);
    }

    /** Export the latest version: the plaintext and the commitment's salt. */
    public static Access export(byte[] documentId, byte[] grantId, String purpose) {
      return new Access(documentId, 0, Permission.PERMISSION_EXPORT, grantId, purpose);
    }

    public Access withVersion(int value) {
      return new Access(documentId, value, permission, grantId, purpose);
    }

    @Override
    public byte[] documentId() {
      return documentId.clone();
    }

    @Override
    public byte[] grantId() {
      return grantId.clone();
    }

    boolean isExport() {
      return permission == Permission.PERMISSION_EXPORT;
    }
  }

  /** The AccessDocument action of {@code access}. */
  public static Any accessDocument(Access access) {
    return Any.pack(AccessDocument.newBuilder()
        .setDocumentId(ByteString.copyFrom(access.documentId()))
        .setVersion(access.version())
        .setPermission(access.permission())
        .setGrantId(ByteString.copyFrom(access.grantId()))
        .setPurpose(access.purpose())
        .build());
  }

  /**
   * A stored version: the node's answer (document id, version, receipt of the StoreDocument
   * transaction), with the commitment's salt and the content's SHA-256, which the uploader keeps
   * to prove a copy later.
   */
  public record Stored(PutDocumentResponse response, byte[] salt, byte[] sha256) {
    public Stored {
      salt = salt.clone();
      sha256 = sha256.clone();
    }

    public byte[] documentId() {
      return response.getDocumentId().toByteArray();
    }

    public int version() {
      return response.getVersion();
    }

    public Receipt receipt() {
      return response.getReceipt();
    }

    @Override
    public byte[] salt() {
      return salt.clone();
    }

    @Override
    public byte[] sha256() {
      return sha256.clone();
    }
  }

  /**
   * A completed read: the header (receipt of the logged access event, the version record, the
   * salt on export), the number of plaintext bytes received and their SHA-256.
   */
  public record Read(ReadHeader header, long size, byte[] sha256) {
    public Read {
      sha256 = sha256.clone();
    }

    public Receipt accessReceipt() {
      return header.getAccessReceipt();
    }

    @Override
    public byte[] sha256() {
      return sha256.clone();
    }
  }
}
