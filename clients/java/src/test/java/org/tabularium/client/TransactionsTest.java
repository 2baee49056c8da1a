package org.tabularium.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tabularium.documents.v1.RegisterDocument;
import org.tabularium.ledger.v1.SignedTransaction;
import org.tabularium.ledger.v1.TransactionBody;

/** Transactions are built and signed as DESIGN §2 says. */
class TransactionsTest {
  private static final byte[] DIGEST = Merkle.sha256("a document".getBytes(StandardCharsets.UTF_8));

  @Test
  void signsContextZeroBodyAndCarriesTheBodyBytesUnchanged() throws Exception {
    List<SigningKey> keys = List.of(SigningKey.generate(), SigningKey.generate());
    ByteString body = Transactions.buildBody("chain", Transactions.registerDocument(DIGEST, "t"),
        keys.stream().map(SigningKey::publicKey).toList(), BodyOptions.defaults());
    ByteString tx = Transactions.sign(body, keys);
    SignedTransaction signed = SignedTransaction.parseFrom(tx);
    assertEquals(body, signed.getBody());
    byte[] message = Transactions.signingMessage(body);
    assertArrayEquals("tabularium/tx/v1\0".getBytes(StandardCharsets.US_ASCII),
        Arrays.copyOf(message, 17));
    assertEquals(2, signed.getSignaturesCount());
    for (int i = 0; i < 2; i++) {
      var s = signed.getSignatures(i);
      assertArrayEquals(keys.get(i).publicKey(), s.getPublicKey().toByteArray());
      NoteVerifier check = new NoteVerifier("k", s.getPublicKey().toByteArray());
      assertTrue(check.verifies(message, s.getSignature().toByteArray()));
    }
    assertArrayEquals(Merkle.sha256(tx.toByteArray()), Transactions.txHash(tx));
  }

  @Test
  void fillsChainIdNonceWindowSignersAndAction() throws Exception {
    SigningKey key = SigningKey.generate();
    Instant now = Instant.parse("2030-01-02T03:04:05Z");
    ByteString tx = Transactions.buildSigned("chain-x",
        Transactions.registerDocument(DIGEST, "title"), List.of(key),
        BodyOptions.defaults().withNow(now).withWindow(Duration.ofSeconds(300)).withMemo("memo"));
    TransactionBody body = TransactionBody.parseFrom(SignedTransaction.parseFrom(tx).getBody());
    assertEquals("chain-x", body.getChainId());
    assertEquals(16, body.getNonce().size());
    assertEquals(now.getEpochSecond() - 60, body.getNotBefore().getSeconds());
    assertEquals(now.getEpochSecond() - 60 + 300, body.getNotAfter().getSeconds());
    assertEquals(List.of(ByteString.copyFrom(key.publicKey())), body.getSignersList());
    assertEquals("memo", body.getMemo());
    assertEquals("type.googleapis.com/tabularium.documents.v1.RegisterDocument",
        body.getAction().getTypeUrl());
    RegisterDocument action = body.getAction().unpack(RegisterDocument.class);
    assertArrayEquals(DIGEST, action.getSha256().toByteArray());
    assertEquals("title", action.getTitle());
    ByteString again = Transactions.buildSigned("chain-x",
        Transactions.registerDocument(DIGEST, "title"), List.of(key),
        BodyOptions.defaults().withNow(now));
    assertFalse(TransactionBody.parseFrom(SignedTransaction.parseFrom(again).getBody()).getNonce()
        .equals(body.getNonce()));
  }

  @Test
  void refusesBadNoncesDigestsAndNoSigner() {
    var action = Transactions.registerDocument(DIGEST, "");
    List<byte[]> signer = List.of(SigningKey.generate().publicKey());
    assertThrows(IllegalArgumentException.class, () -> Transactions.buildBody(
        "c", action, signer, BodyOptions.defaults().withNonce(new byte[15])));
    assertThrows(IllegalArgumentException.class, () -> Transactions.buildBody(
        "c", action, signer, BodyOptions.defaults().withNonce(new byte[33])));
    assertThrows(IllegalArgumentException.class,
        () -> Transactions.buildBody("c", action, List.of(), BodyOptions.defaults()));
    assertThrows(IllegalArgumentException.class,
        () -> Transactions.registerDocument(new byte[31], ""));
  }

  @Test
  void loadsPemPkcs8KeysAndRefusesOtherKeyTypes() throws Exception {
    SigningKey key = SigningKey.generate();
    String pem = key.toPem();
    assertTrue(pem.startsWith("-----BEGIN PRIVATE KEY-----\n"), pem);
    SigningKey again = SigningKey.fromPem(pem);
    assertArrayEquals(key.publicKey(), again.publicKey());
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    ec.initialize(new ECGenParameterSpec("secp256r1"));
    String ecPem = "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getEncoder().encodeToString(ec.generateKeyPair().getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
    assertThrows(GeneralSecurityException.class, () -> SigningKey.fromPem(ecPem));
  }

  @Test
  void derivesThePublicKeyOfAKnownSeed() throws Exception {
    // RFC 8032 §7.1, TEST 1: secret key 9d61...7f60, public key d75a...511a.
    byte[] pkcs8 = java.util.HexFormat.of().parseHex("302e020100300506032b657004220420"
        + "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
    SigningKey key = SigningKey.fromPem("-----BEGIN PRIVATE KEY-----\n"
        + Base64.getEncoder().encodeToString(pkcs8) + "\n-----END PRIVATE KEY-----\n");
    assertEquals("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
        java.util.HexFormat.of().formatHex(key.publicKey()));
  }

  @Test
  void checksItsOwnTransactionsOfflineAndNamesWhatIsWrongWithOthers() throws Exception {
    SigningKey a = SigningKey.generate();
    SigningKey b = SigningKey.generate();
    ByteString body = Transactions.buildBody("c", Transactions.registerDocument(DIGEST, ""),
        List.of(a.publicKey(), b.publicKey()), BodyOptions.defaults());
    Transactions.CheckedTransaction checked =
        Transactions.verify(Transactions.sign(body, List.of(a, b)));
    assertEquals(body, checked.bodyBytes());
    assertEquals(List.of(ByteString.copyFrom(a.publicKey()), ByteString.copyFrom(b.publicKey())),
        checked.signers());
    assertEquals("SIGNATURE_MISSING", reason(Transactions.sign(body, List.of(a))));
    assertEquals("SIGNATURE_DUPLICATED", reason(Transactions.sign(body, List.of(a, b, a))));
    assertEquals("SIGNER_NOT_LISTED",
        reason(Transactions.sign(body, List.of(a, b, SigningKey.generate()))));
    assertEquals("TX_MALFORMED", reason(ByteString.copyFrom(new byte[] {0x0a, 0x05, 0x01})));
  }

  private static String reason(ByteString tx) {
    return assertThrows(VerificationException.class, () -> Transactions.verify(tx)).reason();
  }
}
