package org.tabularium.client;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Offline verification of W3C credentials and presentations (VC 2.0, eddsa-jcs-2022): the checks
 * and status order of tests/vectors/presentations/README.md. Nothing here calls a server.
 *
 * <p>JSON is parsed strictly (duplicate keys and trailing data are refused) into maps, lists,
 * strings, {@link BigDecimal}, booleans and {@link #NULL}; proofs are checked with JCS (RFC 8785,
 * integers only), SHA-256 and Ed25519 under a {@code did:key}.
 */
public final class Credentials {
  /** The JSON null. */
  public static final Object NULL = new Object();

  private static final String V2 = "https://www.w3.org/ns/credentials/v2";
  private static final List<String> CREDENTIAL_ORDER = List.of("MALFORMED", "INVALID_PROOF",
      "ISSUER_NOT_BOUND", "UNTRUSTED_ISSUER", "REVOKED", "SUSPENDED", "EXPIRED", "NOT_YET_VALID");
  private static final List<String> PRESENTATION_ORDER = List.of("MALFORMED", "INVALID_PROOF",
      "HOLDER_NOT_BOUND", "DOMAIN_MISMATCH", "CHALLENGE_MISMATCH", "HOLDER_NOT_SUBJECT");
  private static final List<String> CREDENTIAL_CHECKS =
      List.of("proof", "issuer_binding", "validity", "status", "trust");
  private static final List<String> PRESENTATION_CHECKS =
      List.of("proof", "holder_binding", "challenge", "domain", "holder_is_subject");
  private static final Pattern DATETIME =
      Pattern.compile("-?\\d{4,}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?(Z|[+-]\\d\\d:\\d\\d)?");
  private static final String ALPHABET =
      "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

  private Credentials() {}

  /** One check behind a verdict: PASSED, FAILED, UNKNOWN or SKIPPED, and what was found. */
  public record Check(String outcome, String detail) {}

  /** What a verification found; {@code credentials} is empty for a credential's own verdict. */
  public record Verdict(String status, Map<String, Check> checks, List<String> reasons,
      List<Verdict> credentials) {
    public boolean ok() {
      return status.equals("VALID");
    }
  }

  // --- strict JSON ------------------------------------------------------------------------

  /** Parses JSON strictly. @throws IllegalArgumentException on bad or duplicate-key JSON. */
  public static Object parse(String text) {
    Parser p = new Parser(text);
    Object value = p.value(0);
    p.ws();
    if (p.at != text.length()) {
      throw p.fail("data after the JSON value");
    }
    return value;
  }

  private static final class Parser {
    private final String s;
    private int at;

    Parser(String s) {
      this.s = s;
    }

    IllegalArgumentException fail(String why) {
      return new IllegalArgumentException(why + " at offset " + at);
    }

    void ws() {
      while (at < s.length() && " \t\n\r".indexOf(s.charAt(at)) >= 0) {
        at++;
      }
    }

    void expect(char c) {
      ws();
      if (at >= s.length() || s.charAt(at) != c) {
        throw fail("'" + c + "' expected");
      }
      at++;
    }

    Object value(int depth) {
      if (depth > 64) {
        throw fail("nested too deeply");
      }
      ws();
      if (at >= s.length()) {
        throw fail("value expected");
      }
      char c = s.charAt(at);
      if (c == '{') {
        at++;
        Map<String, Object> obj = new LinkedHashMap<>();
        ws();
        if (at < s.length() && s.charAt(at) == '}') {
          at++;
          return obj;
        }
        while (true) {
          ws();
          if (at >= s.length() || s.charAt(at) != '"') {
            throw fail("object key expected");
          }
          String key = string();
          if (obj.containsKey(key)) {
            throw fail("duplicate key \"" + key + "\"");
          }
          expect(':');
          obj.put(key, value(depth + 1));
          ws();
          if (at < s.length() && s.charAt(at) == ',') {
            at++;
            continue;
          }
          expect('}');
          return obj;
        }
      }
      if (c == '[') {
        at++;
        List<Object> arr = new ArrayList<>();
        ws();
        if (at < s.length() && s.charAt(at) == ']') {
          at++;
          return arr;
        }
        while (true) {
          arr.add(value(depth + 1));
          ws();
          if (at < s.length() && s.charAt(at) == ',') {
            at++;
            continue;
          }
          expect(']');
          return arr;
        }
      }
      if (c == '"') {
        return string();
      }
      for (String word : new String[] {"true", "false", "null"}) {
        if (s.startsWith(word, at)) {
          at += word.length();
          return word.equals("null") ? NULL : Boolean.valueOf(word);
        }
      }
      var m = Pattern.compile("-?(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?").matcher(s);
      if (m.find(at) && m.start() == at) {
        at = m.end();
        return new BigDecimal(m.group());
      }
      throw fail("JSON value expected");
    }

    String string() {
      at++; // opening quote
      StringBuilder out = new StringBuilder();
      while (true) {
        if (at >= s.length()) {
          throw fail("unterminated string");
        }
        char c = s.charAt(at++);
        if (c == '"') {
          return out.toString();
        }
        if (c < 0x20) {
          throw fail("control character in string");
        }
        if (c != '\\') {
          out.append(c);
          continue;
        }
        if (at >= s.length()) {
          throw fail("unterminated escape");
        }
        char e = s.charAt(at++);
        switch (e) {
          case '"', '\\', '/' -> out.append(e);
          case 'b' -> out.append('\b');
          case 'f' -> out.append('\f');
          case 'n' -> out.append('\n');
          case 'r' -> out.append('\r');
          case 't' -> out.append('\t');
          case 'u' -> {
            if (at + 4 > s.length()) {
              throw fail("bad \\u escape");
            }
            try {
              out.append((char) Integer.parseInt(s.substring(at, at + 4), 16));
            } catch (NumberFormatException ex) {
              throw fail("bad \\u escape");
            }
            at += 4;
          }
          default -> throw fail("bad escape");
        }
      }
    }
  }

  // --- JCS (RFC 8785) ----------------------------------------------------------------------

  /** RFC 8785 form of a parsed value. @throws IllegalArgumentException for non-integers. */
  public static String canonicalize(Object value) {
    StringBuilder b = new StringBuilder();
    jcs(b, value);
    return b.toString();
  }

  private static void jcs(StringBuilder b, Object value) {
    if (value == NULL) {
      b.append("null");
    } else if (value instanceof Boolean v) {
      b.append(v);
    } else if (value instanceof BigDecimal v) {
      BigInteger n;
      try {
        n = v.toBigIntegerExact();
      } catch (ArithmeticException e) {
        throw new IllegalArgumentException("only integer numbers are supported: " + v);
      }
      if (n.bitLength() > 53) {
        throw new IllegalArgumentException("integer out of range: " + v);
      }
      b.append(n);
    } else if (value instanceof String v) {
      quote(b, v);
    } else if (value instanceof List<?> v) {
      b.append('[');
      for (int i = 0; i < v.size(); i++) {
        if (i > 0) {
          b.append(',');
        }
        jcs(b, v.get(i));
      }
      b.append(']');
    } else if (value instanceof Map<?, ?> v) {
      List<String> keys = new ArrayList<>();
      for (Object k : v.keySet()) {
        keys.add((String) k);
      }
      Collections.sort(keys); // String.compareTo compares UTF-16 code units, as RFC 8785 wants
      b.append('{');
      for (int i = 0; i < keys.size(); i++) {
        if (i > 0) {
          b.append(',');
        }
        quote(b, keys.get(i));
        b.append(':');
        jcs(b, v.get(keys.get(i)));
      }
      b.append('}');
    } else {
      throw new IllegalArgumentException("not a JSON value: " + value);
    }
  }

  private static void quote(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\b' -> b.append("\\b");
        case '\f' -> b.append("\\f");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
  }

  // --- helpers -----------------------------------------------------------------------------

  private static byte[] base58(String text) {
    BigInteger n = BigInteger.ZERO;
    for (char c : text.toCharArray()) {
      int d = ALPHABET.indexOf(c);
      if (d < 0) {
        return null;
      }
      n = n.multiply(BigInteger.valueOf(58)).add(BigInteger.valueOf(d));
    }
    byte[] raw = n.signum() == 0 ? new byte[0] : n.toByteArray();
    if (raw.length > 1 && raw[0] == 0) {
      raw = java.util.Arrays.copyOfRange(raw, 1, raw.length);
    }
    int zeros = 0;
    while (zeros < text.length() && text.charAt(zeros) == '1') {
      zeros++;
    }
    byte[] out = new byte[zeros + raw.length];
    System.arraycopy(raw, 0, out, zeros, raw.length);
    return out;
  }

  private record KeyRef(String did, byte[] key) {}

  private static KeyRef didKey(String method) {
    int hash = method.indexOf('#');
    String did = hash < 0 ? method : method.substring(0, hash);
    if (!did.startsWith("did:key:z")) {
      return null;
    }
    String msid = did.substring("did:key:".length());
    if (hash >= 0 && !method.substring(hash + 1).equals(msid)) {
      return null;
    }
    byte[] raw = base58(msid.substring(1));
    if (raw == null || raw.length != 34 || (raw[0] & 0xff) != 0xed || raw[1] != 0x01) {
      return null;
    }
    return new KeyRef(did, java.util.Arrays.copyOfRange(raw, 2, 34));
  }

  private static List<Object> list(Object v) {
    if (v == null || v == NULL) {
      return List.of();
    }
    if (v instanceof List<?> l) {
      return new ArrayList<>(l);
    }
    return List.of(v);
  }

  private static String idOf(Object v) {
    if (v instanceof Map<?, ?> m) {
      v = m.get("id");
    }
    return v instanceof String s ? s : null;
  }

  private static Instant time(Object v) {
    if (!(v instanceof String s) || !DATETIME.matcher(s).matches()) {
      return null;
    }
    if (!s.endsWith("Z") && !Pattern.compile("[+-]\\d\\d:\\d\\d$").matcher(s).find()) {
      s = s + "Z";
    }
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static final class Findings {
    private final Map<String, List<String>> found = new LinkedHashMap<>();

    void add(String status, String reason) {
      found.computeIfAbsent(status, k -> new ArrayList<>()).add(reason);
    }

    String first(List<String> order) {
      return order.stream().filter(found::containsKey).findFirst().orElse(null);
    }

    List<String> reasons(List<String> order) {
      List<String> out = new ArrayList<>();
      for (String s : order) {
        out.addAll(found.getOrDefault(s, List.of()));
      }
      return out;
    }
  }

  private record ProofResult(Check check, KeyRef key) {}

  private static ProofResult proof(Map<String, Object> doc, String purpose) {
    if (!(doc.get("proof") instanceof Map<?, ?> raw)) {
      return new ProofResult(new Check("FAILED", "proof must be one object"), null);
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> proof = (Map<String, Object>) raw;
    for (String name : List.of("verificationMethod", "proofPurpose", "proofValue")) {
      if (!(proof.get(name) instanceof String)) {
        return new ProofResult(new Check("FAILED", "proof." + name + " is missing"), null);
      }
    }
    if (!"DataIntegrityProof".equals(proof.get("type"))
        || !"eddsa-jcs-2022".equals(proof.get("cryptosuite"))) {
      return new ProofResult(
          new Check("FAILED", "proof is not a DataIntegrityProof with eddsa-jcs-2022"), null);
    }
    if (!purpose.equals(proof.get("proofPurpose"))) {
      return new ProofResult(new Check("FAILED",
          "proof.proofPurpose is " + proof.get("proofPurpose") + ", want " + purpose), null);
    }
    if (proof.containsKey("created") && time(proof.get("created")) == null) {
      return new ProofResult(new Check("FAILED", "proof.created is not a dateTime"), null);
    }
    String value = (String) proof.get("proofValue");
    byte[] signature = value.startsWith("z") ? base58(value.substring(1)) : null;
    if (signature == null || signature.length != 64) {
      return new ProofResult(
          new Check("FAILED", "proof.proofValue is not base58btc of 64 bytes"), null);
    }
    String method = (String) proof.get("verificationMethod");
    KeyRef ref = didKey(method);
    if (ref == null) {
      return new ProofResult(new Check("UNKNOWN", "cannot resolve " + method + " offline"), null);
    }
    Map<String, Object> options = new LinkedHashMap<>(proof);
    options.remove("proofValue");
    Map<String, Object> unsecured = new LinkedHashMap<>(doc);
    unsecured.remove("proof");
    if (options.containsKey("@context")) {
      List<Object> want = list(options.get("@context"));
      List<Object> have = list(doc.get("@context"));
      boolean prefix = want.size() <= have.size();
      for (int i = 0; prefix && i < want.size(); i++) {
        prefix = canonicalize(want.get(i)).equals(canonicalize(have.get(i)));
      }
      if (!prefix) {
        return new ProofResult(
            new Check("FAILED", "document @context does not start with the proof's"), ref);
      }
      unsecured.put("@context", options.get("@context"));
    }
    byte[] data;
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] ph = sha.digest(canonicalize(options).getBytes(StandardCharsets.UTF_8));
      byte[] dh = sha.digest(canonicalize(unsecured).getBytes(StandardCharsets.UTF_8));
      data = new byte[64];
      System.arraycopy(ph, 0, data, 0, 32);
      System.arraycopy(dh, 0, data, 32, 32);
    } catch (IllegalArgumentException e) {
      return new ProofResult(new Check("FAILED", e.getMessage()), ref);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    if (!Ed25519.verify(ref.key(), data, signature)) {
      return new ProofResult(
          new Check("FAILED", "signature does not verify under " + method), ref);
    }
    return new ProofResult(
        new Check("PASSED", "eddsa-jcs-2022 signature by " + method + " verifies"), ref);
  }

  private static Check binding(String party, ProofResult proof, Map<String, String> bindings) {
    KeyRef ref = proof.key();
    if (ref == null) {
      return proof.check().outcome().equals("UNKNOWN")
          ? new Check("UNKNOWN", proof.check().detail())
          : new Check("SKIPPED", "the proof is not readable");
    }
    if (party.equals(ref.did())) {
      return new Check("PASSED", party + " controls its did:key");
    }
    String bound = bindings.get(party);
    if (bound != null && bound.split("#", 2)[0].equals(ref.did())) {
      return new Check("PASSED", party + " is bound to " + ref.did() + " by a pinned mapping");
    }
    if (party.startsWith("did:key:")) {
      return new Check("FAILED", "the key belongs to " + ref.did() + ", not " + party);
    }
    return new Check("UNKNOWN", "nothing pinned binds " + party + " to " + ref.did());
  }

  private static Verdict malformed(List<String> names, List<String> reasons) {
    Map<String, Check> checks = new LinkedHashMap<>();
    for (String n : names) {
      checks.put(n, new Check("SKIPPED", "not checked: malformed"));
    }
    return new Verdict("MALFORMED", checks, reasons, List.of());
  }

  private static Object parseOrNull(String text, List<String> problems) {
    try {
      return parse(text);
    } catch (IllegalArgumentException e) {
      problems.add("not valid JSON: " + e.getMessage());
      return null;
    }
  }

  /** Verifies a secured credential (JSON) offline at {@code now}; bindings pin party to DID. */
  public static Verdict verifyCredential(String json, Instant now, Map<String, String> bindings) {
    List<String> problems = new ArrayList<>();
    Object value = parseOrNull(json, problems);
    if (value == null) {
      return malformed(CREDENTIAL_CHECKS, problems);
    }
    return credential(value, now, bindings);
  }

  private static Verdict credential(Object value, Instant now, Map<String, String> bindings) {
    if (!(value instanceof Map<?, ?> raw)) {
      return malformed(CREDENTIAL_CHECKS, List.of("a credential must be a JSON object"));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> doc = (Map<String, Object>) raw;
    List<String> problems = new ArrayList<>();
    List<Object> contexts = list(doc.get("@context"));
    if (contexts.isEmpty() || !V2.equals(contexts.get(0))) {
      problems.add("the first @context must be " + V2);
    }
    if (!list(doc.get("type")).contains("VerifiableCredential")) {
      problems.add("type must include VerifiableCredential");
    }
    String issuer = idOf(doc.get("issuer"));
    if (issuer == null) {
      problems.add("issuer is missing");
    }
    if (list(doc.get("credentialSubject")).isEmpty()) {
      problems.add("credentialSubject is missing");
    }
    for (String name : List.of("validFrom", "validUntil")) {
      if (doc.containsKey(name) && time(doc.get(name)) == null) {
        problems.add(name + " is not a dateTime");
      }
    }
    if (!doc.containsKey("proof")) {
      problems.add("the credential has no proof");
    }
    if (!problems.isEmpty()) {
      return malformed(CREDENTIAL_CHECKS, problems);
    }
    Findings found = new Findings();
    ProofResult proof = proof(doc, "assertionMethod");
    if (proof.check().outcome().equals("FAILED")) {
      found.add("INVALID_PROOF", "proof: " + proof.check().detail());
    }
    Check bind = binding(issuer, proof, bindings);
    if (bind.outcome().equals("FAILED") || bind.outcome().equals("UNKNOWN")) {
      found.add("ISSUER_NOT_BOUND", "issuer binding: " + bind.detail());
    }
    List<String> window = new ArrayList<>();
    Instant start = time(doc.get("validFrom"));
    Instant end = time(doc.get("validUntil"));
    if (start != null && now.isBefore(start)) {
      window.add("not valid before " + doc.get("validFrom"));
      found.add("NOT_YET_VALID", window.get(window.size() - 1));
    }
    if (end != null && now.isAfter(end)) {
      window.add("expired at " + doc.get("validUntil"));
      found.add("EXPIRED", window.get(window.size() - 1));
    }
    Map<String, Check> checks = new LinkedHashMap<>();
    checks.put("proof", proof.check());
    checks.put("issuer_binding", bind);
    checks.put("validity", window.isEmpty()
        ? new Check("PASSED", "in its validity period")
        : new Check("FAILED", String.join("; ", window)));
    checks.put("status", new Check("SKIPPED", "no status lists offline; the node checks status"));
    checks.put("trust", new Check("SKIPPED", "no trust list given"));
    String status = Objects.requireNonNullElse(found.first(CREDENTIAL_ORDER), "VALID");
    return new Verdict(status, checks, found.reasons(CREDENTIAL_ORDER), List.of());
  }

  /** Verifies a presentation (JSON) made for the verifier with challenge and domain. */
  public static Verdict verifyPresentation(String json, String challenge, String domain,
      Instant now, Map<String, String> bindings) {
    List<String> problems = new ArrayList<>();
    Object value = parseOrNull(json, problems);
    if (value == null) {
      return malformed(PRESENTATION_CHECKS, problems);
    }
    if (!(value instanceof Map<?, ?> raw)) {
      return malformed(PRESENTATION_CHECKS, List.of("a presentation must be a JSON object"));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> doc = (Map<String, Object>) raw;
    List<Object> contexts = list(doc.get("@context"));
    if (contexts.isEmpty() || !V2.equals(contexts.get(0))) {
      problems.add("the first @context must be " + V2);
    }
    if (!list(doc.get("type")).contains("VerifiablePresentation")) {
      problems.add("type must include VerifiablePresentation");
    }
    String holder = idOf(doc.get("holder"));
    if (holder == null) {
      problems.add("holder is missing");
    }
    List<Object> credentials = list(doc.get("verifiableCredential"));
    if (credentials.isEmpty() || !credentials.stream().allMatch(c -> c instanceof Map)) {
      problems.add("verifiableCredential must hold credential objects");
    }
    if (!doc.containsKey("proof")) {
      problems.add("the presentation has no proof");
    }
    if (!problems.isEmpty()) {
      return malformed(PRESENTATION_CHECKS, problems);
    }
    Findings found = new Findings();
    ProofResult proof = proof(doc, "authentication");
    if (proof.check().outcome().equals("FAILED")) {
      found.add("INVALID_PROOF", "presentation proof: " + proof.check().detail());
    }
    Check bind = binding(holder, proof, bindings);
    if (bind.outcome().equals("FAILED") || bind.outcome().equals("UNKNOWN")) {
      found.add("HOLDER_NOT_BOUND", "holder binding: " + bind.detail());
    }
    Map<?, ?> rawProof = doc.get("proof") instanceof Map<?, ?> m ? m : Map.of();
    Check challengeCheck = new Check("PASSED", "the proof carries the verifier's challenge");
    if (!challenge.equals(rawProof.get("challenge"))) {
      challengeCheck = new Check("FAILED",
          "the proof's challenge is " + rawProof.get("challenge") + ", not " + challenge);
      found.add("CHALLENGE_MISMATCH", challengeCheck.detail());
    }
    Check domainCheck = new Check("PASSED", "made for " + domain);
    if (!list(rawProof.get("domain")).contains(domain)) {
      domainCheck = new Check("FAILED", "made for " + rawProof.get("domain") + ", not " + domain);
      found.add("DOMAIN_MISMATCH", domainCheck.detail());
    }
    List<Integer> strangers = new ArrayList<>();
    List<Verdict> verdicts = new ArrayList<>();
    for (int n = 0; n < credentials.size(); n++) {
      Map<?, ?> c = (Map<?, ?>) credentials.get(n);
      boolean subject = list(c.get("credentialSubject")).stream()
          .anyMatch(s -> holder.equals(idOf(s)));
      if (!subject) {
        strangers.add(n);
      }
      verdicts.add(credential(c, now, bindings));
    }
    Check subjectCheck = new Check("PASSED", "the holder is the subject of every credential");
    if (!strangers.isEmpty()) {
      subjectCheck = new Check("FAILED",
          "the holder is not the subject of credential(s) " + strangers);
      found.add("HOLDER_NOT_SUBJECT", subjectCheck.detail());
    }
    String status = found.first(PRESENTATION_ORDER);
    if (status == null) {
      status = CREDENTIAL_ORDER.stream()
          .filter(s -> verdicts.stream().anyMatch(v -> v.status().equals(s)))
          .findFirst().orElse("VALID");
    }
    List<String> reasons = found.reasons(PRESENTATION_ORDER);
    for (int n = 0; n < verdicts.size(); n++) {
      for (String r : verdicts.get(n).reasons()) {
        reasons.add("credential " + n + ": " + r);
      }
    }
    Map<String, Check> checks = new LinkedHashMap<>();
    checks.put("proof", proof.check());
    checks.put("holder_binding", bind);
    checks.put("challenge", challengeCheck);
    checks.put("domain", domainCheck);
    checks.put("holder_is_subject", subjectCheck);
    return new Verdict(status, checks, reasons, verdicts);
  }
}
