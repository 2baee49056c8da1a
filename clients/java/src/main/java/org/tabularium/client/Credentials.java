package org.tabularium.client;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Offline verification of W3C credentials and presentations (VC 2.0, eddsa-jcs-2022): the checks
 * and status order of tests/vectors/presentations/README.md. Nothing here calls a server.
 *
 * <p>JSON is parsed strictly (duplicate keys and trailing data are refused) into maps, lists,
 * strings, numbers ({@link BigInteger} for integer literals, {@link BigDecimal} for the others),
 * booleans and {@link #NULL}; proofs are checked with JCS (RFC 8785: integers within
 * +-(2**53 - 1), and other numbers only when their double value is an integer), SHA-256 and
 * Ed25519 under a {@code did:key}. A document the reference verifier would refuse as malformed
 * (server/tabularium/vc/model.py, presentation.py) is {@code MALFORMED} here too.
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
  // As in the reference (Python str patterns), \d and \s are Unicode classes.
  private static final Pattern DATETIME = Pattern.compile(
      "(-?\\d{4,})-(\\d{2})-(\\d{2})T(\\d{2}):(\\d{2}):(\\d{2})(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})?",
      Pattern.UNICODE_CHARACTER_CLASS);
  private static final Pattern URL = Pattern.compile(
      "[A-Za-z][A-Za-z0-9+.-]*:[^\\s\\x1c-\\x1f]+", Pattern.UNICODE_CHARACTER_CLASS);
  private static final int MAX_CREDENTIALS = 16;
  private static final int MAX_STATUS_SIZE = 16;
  private static final Pattern NUMBER =
      Pattern.compile("-?(?:0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?");
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
      var m = NUMBER.matcher(s);
      if (m.find(at) && m.start() == at) {
        at = m.end();
        if (m.group().length() > 4300) {
          throw fail("number too long"); // Python's int() refuses such numbers too
        }
        try {
          return m.group(1) == null && m.group(2) == null
              ? new BigInteger(m.group()) : new BigDecimal(m.group());
        } catch (NumberFormatException e) {
          throw fail("number out of range");
        }
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

  /**
   * RFC 8785 form of a parsed value.
   *
   * @throws IllegalArgumentException an integer outside +-(2**53 - 1), a non-integer number, a
   *     lone surrogate or a value that is not JSON
   */
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
    } else if (value instanceof BigInteger n) {
      // An integer literal is an exact integer (Python int): JCS refuses what a double can't hold.
      if (n.abs().bitLength() > 53) {
        throw new IllegalArgumentException("integer " + n + " is outside +-(2**53 - 1)");
      }
      b.append(n);
    } else if (value instanceof BigDecimal v) {
      // A literal with a fraction or exponent is a double, as in JavaScript and Python.
      double d = v.doubleValue();
      if (Double.isInfinite(d)) {
        throw new IllegalArgumentException("number " + v + " is out of range");
      }
      if (d != Math.rint(d) || Math.abs(d) >= 1e21) {
        throw new IllegalArgumentException(
            "non-integer numbers are not supported (JCS number formatting): " + v);
      }
      b.append(new BigDecimal(d).toBigIntegerExact()); // -0.0 becomes 0
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
          if (Character.isSurrogate(c)) {
            boolean paired = Character.isHighSurrogate(c) && i + 1 < s.length()
                && Character.isLowSurrogate(s.charAt(i + 1));
            if (!paired) {
              throw new IllegalArgumentException("string has a lone surrogate");
            }
            b.append(c).append(s.charAt(++i));
          } else if (c < 0x20) {
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
      raw = Arrays.copyOfRange(raw, 1, raw.length);
    }
    int zeros = 0;
    while (zeros < text.length() && text.charAt(zeros) == '1') {
      zeros++;
    }
    byte[] out = new byte[zeros + raw.length];
    System.arraycopy(raw, 0, out, zeros, raw.length);
    return out;
  }

  /** A resolved verification method: its id, its controller DID and its Ed25519 key. */
  private record KeyRef(String id, String did, byte[] key) {}

  /** The key of a did:key method, or why it is not one (DID_INVALID in the reference). */
  private static KeyRef didKey(String method, List<String> why) {
    int hash = method.indexOf('#');
    String msid = method.substring("did:key:".length(), hash < 0 ? method.length() : hash);
    if (msid.contains("/") || msid.contains("?")) {
      why.add(method + " is not an Ed25519 did:key: paths and queries are not supported");
    } else if (!msid.startsWith("z")) {
      why.add(method + " is not an Ed25519 did:key: the method-specific id must start with 'z'");
    } else {
      byte[] raw = base58(msid.substring(1));
      if (raw == null) {
        why.add(method + " is not an Ed25519 did:key: not base58btc");
      } else if (raw.length < 2 || (raw[0] & 0xff) != 0xed || raw[1] != 0x01) {
        why.add(method + " is not an Ed25519 did:key: multicodec is not 0xed01");
      } else if (raw.length != 34) {
        why.add(method + " is not an Ed25519 did:key: the key is not 32 bytes");
      } else if (hash >= 0 && !method.substring(hash + 1).equals(msid)) {
        why.add(method + " is not an Ed25519 did:key: the fragment is not the key's method");
      } else {
        // Canonical by construction: 0xed leads, so the text has no leading '1'.
        return new KeyRef(method, "did:key:" + msid, Arrays.copyOfRange(raw, 2, 34));
      }
    }
    return null;
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

  private static boolean isUrl(Object v) {
    return v instanceof String s && URL.matcher(s).matches();
  }

  /**
   * An XML Schema dateTime (a dateTimeStamp when {@code zoned}) as the reference reads it: year
   * 0001..9999, 24:00:00 is the next day, fractions truncated to microseconds, no zone = UTC;
   * null if it is not one.
   */
  private static Instant time(Object v, boolean zoned) {
    if (!(v instanceof String s)) {
      return null;
    }
    Matcher m = DATETIME.matcher(s);
    if (!m.matches() || m.group(1).length() != 4 || (m.group(8) == null && zoned)) {
      return null;
    }
    try {
      int year = Integer.parseInt(m.group(1));
      int hour = Integer.parseInt(m.group(4));
      int minute = Integer.parseInt(m.group(5));
      int second = Integer.parseInt(m.group(6));
      String frac = m.group(7) == null ? "0" : m.group(7).substring(1);
      int micro = Integer.parseInt((frac.length() > 6 ? frac.substring(0, 6) : frac + "000000")
          .substring(0, 6));
      ZoneOffset zone = ZoneOffset.UTC;
      String tz = m.group(8);
      if (tz != null && !tz.equals("Z")) {
        int hours = Integer.parseInt(tz.substring(1, 3));
        int minutes = Integer.parseInt(tz.substring(4, 6));
        if (minutes > 59 || hours * 60 + minutes > 14 * 60) {
          return null;
        }
        zone = ZoneOffset.ofTotalSeconds((tz.charAt(0) == '-' ? -60 : 60) * (hours * 60 + minutes));
      }
      boolean endOfDay = hour == 24;
      if (year < 1 || (endOfDay && (minute != 0 || second != 0 || micro != 0))) {
        return null;
      }
      LocalDateTime local = LocalDateTime.of(year, Integer.parseInt(m.group(2)),
          Integer.parseInt(m.group(3)), endOfDay ? 0 : hour, minute, second, micro * 1000);
      return local.plusDays(endOfDay ? 1 : 0).toInstant(zone);
    } catch (NumberFormatException | DateTimeException e) {
      return null;
    }
  }

  /** JSON equality as the reference's Python {@code ==} sees it (numbers by value). */
  private static boolean same(Object a, Object b) {
    if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
      return x.keySet().equals(y.keySet())
          && x.keySet().stream().allMatch(k -> same(x.get(k), y.get(k)));
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (int i = 0; i < x.size(); i++) {
        if (!same(x.get(i), y.get(i))) {
          return false;
        }
      }
      return true;
    }
    BigDecimal p = number(a);
    BigDecimal q = number(b);
    if (p != null && q != null) {
      return p.compareTo(q) == 0;
    }
    return a.equals(b);
  }

  private static BigDecimal number(Object v) {
    if (v instanceof Boolean flag) {
      return flag ? BigDecimal.ONE : BigDecimal.ZERO;
    }
    if (v instanceof BigInteger n) {
      return new BigDecimal(n);
    }
    if (v instanceof BigDecimal d && Double.isFinite(d.doubleValue())) {
      return new BigDecimal(d.doubleValue());
    }
    return null;
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

  // --- structure ---------------------------------------------------------------------------

  /** Why a credential is not a well-formed VC 2.0 credential (the reference's checks). */
  private static List<String> credentialProblems(Map<String, Object> doc) {
    List<String> problems = new ArrayList<>();
    try {
      canonicalize(doc);
    } catch (IllegalArgumentException e) {
      problems.add("cannot canonicalize (JCS): " + e.getMessage());
    }
    if (!(doc.get("@context") instanceof List<?> contexts) || contexts.isEmpty()) {
      problems.add("@context must be a list starting with " + V2);
    } else {
      if (!V2.equals(contexts.get(0))) {
        problems.add("the first @context must be " + V2);
      }
      for (int i = 0; i < contexts.size(); i++) {
        if (!isUrl(contexts.get(i)) && !(contexts.get(i) instanceof Map)) {
          problems.add("@context[" + i + "] is neither a URL nor an object");
        }
      }
    }
    if (doc.containsKey("id") && !isUrl(doc.get("id"))) {
      problems.add("id is not a URL");
    }
    List<Object> types = list(doc.get("type"));
    if (!types.stream().allMatch(t -> t instanceof String)) {
      problems.add("type values must be strings");
    }
    if (!types.contains("VerifiableCredential")) {
      problems.add("type must include VerifiableCredential");
    }
    Object issuer = doc.get("issuer");
    if (issuer == null || issuer == NULL) {
      problems.add("issuer is missing");
    } else if (!isUrl(issuer instanceof Map<?, ?> m ? m.get("id") : issuer)) {
      problems.add("issuer (or issuer.id) is not a URL");
    }
    List<Object> subjects = list(doc.get("credentialSubject"));
    if (subjects.isEmpty()) {
      problems.add("credentialSubject is missing or empty");
    }
    for (Object subject : subjects) {
      if (!(subject instanceof Map<?, ?> m) || m.isEmpty()) {
        problems.add("credentialSubject must be a non-empty object");
      } else if (m.containsKey("id") && !isUrl(m.get("id"))) {
        problems.add("credentialSubject.id is not a URL");
      }
    }
    Map<String, Instant> times = new LinkedHashMap<>();
    for (String name : List.of("validFrom", "validUntil")) {
      if (doc.containsKey(name)) {
        Instant when = time(doc.get(name), true);
        if (when == null) {
          problems.add(name + " is not an XML Schema dateTimeStamp (with a time zone)");
        } else {
          times.put(name, when);
        }
      }
    }
    if (times.size() == 2 && times.get("validFrom").isAfter(times.get("validUntil"))) {
      problems.add("validFrom is later than validUntil");
    }
    for (String old : List.of("issuanceDate", "expirationDate")) {
      if (doc.containsKey(old)) {
        problems.add(old + " is a VC 1.1 property; VC 2.0 uses validFrom/validUntil");
      }
    }
    if (doc.containsKey("credentialStatus")) {
      List<Object> entries = list(doc.get("credentialStatus"));
      if (entries.isEmpty()) {
        problems.add("credentialStatus is empty");
      }
      for (Object entry : entries) {
        if (entry instanceof Map<?, ?> m) {
          statusEntryProblems(m, problems);
        } else {
          problems.add("credentialStatus entries must be objects");
        }
      }
    }
    for (String name : List.of("credentialSchema", "evidence", "termsOfUse", "refreshService")) {
      if (doc.containsKey(name)) {
        List<Object> items = list(doc.get(name));
        if (items.isEmpty()) {
          problems.add(name + " is empty");
        }
        for (Object item : items) {
          if (!(item instanceof Map<?, ?> m)) {
            problems.add(name + " items must be objects");
          } else if (!(m.get("type") instanceof String || m.get("type") instanceof List)
              || list(m.get("type")).isEmpty()) {
            problems.add(name + " item has no type");
          } else if (m.containsKey("id") && !isUrl(m.get("id"))) {
            problems.add(name + " item id is not a URL");
          }
        }
      }
    }
    if (!doc.containsKey("proof")) {
      problems.add("the credential has no proof (it is not secured)");
    }
    return problems;
  }

  private static void statusEntryProblems(Map<?, ?> entry, List<String> problems) {
    if (entry.containsKey("id") && !isUrl(entry.get("id"))) {
      problems.add("credentialStatus id is not a URL");
    }
    List<Object> types = list(entry.get("type"));
    if (types.isEmpty() || !types.stream().allMatch(t -> t instanceof String)) {
      problems.add("credentialStatus entry has no type");
      return;
    }
    if (!types.contains("BitstringStatusListEntry")) {
      return; // another status mechanism: its rules are not ours to check
    }
    if (!(entry.get("statusPurpose") instanceof String purpose) || purpose.isEmpty()) {
      problems.add("statusPurpose is missing or not a string");
    }
    if (!(entry.get("statusListIndex") instanceof String index) || !index.matches("[0-9]+")) {
      problems.add("statusListIndex is not a base-10 integer string");
    }
    Object url = entry.get("statusListCredential");
    if (!isUrl(url)) {
      problems.add("statusListCredential is not a URL");
    } else if (url.equals(entry.get("id"))) {
      problems.add("the status entry's id must not be the status list's URL");
    }
    Object size = entry.containsKey("statusSize") ? entry.get("statusSize") : BigInteger.ONE;
    if (!(size instanceof BigInteger n) || n.signum() < 1) {
      problems.add("statusSize is not an integer > 0");
    } else if (n.compareTo(BigInteger.valueOf(MAX_STATUS_SIZE)) > 0) {
      problems.add("statusSize is above " + MAX_STATUS_SIZE + " (not supported)");
    } else if (n.intValue() > 1 || entry.containsKey("statusMessage")) {
      if (!(entry.get("statusMessage") instanceof List<?> messages)
          || messages.size() != 1 << n.intValue()) {
        problems.add("statusMessage must be a list of " + (1 << n.intValue()) + " entries");
      } else if (!messages.stream().allMatch(msg -> msg instanceof Map<?, ?> m
          && m.get("status") instanceof String && m.containsKey("message"))) {
        problems.add("statusMessage entries need 'status' and 'message'");
      }
    }
  }

  /** Why a presentation is not well formed (the reference's checks). */
  private static List<String> presentationProblems(Map<String, Object> doc) {
    List<String> problems = new ArrayList<>();
    List<Object> contexts = list(doc.get("@context"));
    if (contexts.isEmpty() || !V2.equals(contexts.get(0))) {
      problems.add("the first @context must be " + V2);
    }
    if (!list(doc.get("type")).contains("VerifiablePresentation")) {
      problems.add("type must include VerifiablePresentation");
    }
    String holder = idOf(doc.get("holder"));
    if (holder == null) {
      problems.add("holder is missing: a presentation must say who presents it");
    } else if (!isUrl(holder)) {
      problems.add("holder is not a URL");
    }
    List<Object> credentials = list(doc.get("verifiableCredential"));
    if (credentials.isEmpty()) {
      problems.add("verifiableCredential is missing: nothing is presented");
    } else if (credentials.size() > MAX_CREDENTIALS) {
      problems.add("more than " + MAX_CREDENTIALS + " credentials in one presentation");
    }
    for (int n = 0; n < credentials.size(); n++) {
      if (!(credentials.get(n) instanceof Map<?, ?> c)) {
        problems.add("verifiableCredential[" + n + "] is not an object");
      } else if (list(c.get("type")).contains("EnvelopedVerifiableCredential")) {
        problems.add("verifiableCredential[" + n + "] is enveloped; only embedded Data "
            + "Integrity credentials are supported");
      }
    }
    if (!doc.containsKey("proof")) {
      problems.add("the presentation has no proof (it is not signed by the holder)");
    }
    return problems;
  }

  // --- proofs ------------------------------------------------------------------------------

  /** The proof check and, when the method resolved, its key (for the binding check). */
  private record ProofResult(Check check, KeyRef key) {}

  private static ProofResult failed(String why, KeyRef key) {
    return new ProofResult(new Check("FAILED", why), key);
  }

  private static ProofResult proof(Map<String, Object> doc, String purpose, Instant now) {
    Object raw = doc.get("proof");
    if (raw == null || raw == NULL) {
      return failed("document has no proof", null);
    }
    if (raw instanceof List) {
      return failed("proof sets and chains (a list of proofs) are not supported", null);
    }
    if (!(raw instanceof Map)) {
      return failed("proof must be one object", null);
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> proof = (Map<String, Object>) raw;
    for (String name : List.of("type", "verificationMethod", "proofPurpose", "proofValue")) {
      if (!(proof.get(name) instanceof String)) {
        return failed("proof." + name + " is missing or not a string", null);
      }
    }
    if (!"DataIntegrityProof".equals(proof.get("type"))) {
      return failed("proof.type is " + proof.get("type") + ", want DataIntegrityProof", null);
    }
    if (!"eddsa-jcs-2022".equals(proof.get("cryptosuite"))) {
      return failed("proof.cryptosuite is not eddsa-jcs-2022 (the only one checked offline)",
          null);
    }
    if (!purpose.equals(proof.get("proofPurpose"))) {
      return failed("proof.proofPurpose is " + proof.get("proofPurpose") + ", want " + purpose,
          null);
    }
    if (proof.containsKey("previousProof")) {
      return failed("proof chains (previousProof) are not supported", null);
    }
    for (String name : List.of("created", "expires")) {
      if (proof.containsKey(name)) {
        Instant when = time(proof.get(name), false);
        if (when == null) {
          return failed("proof." + name + " is not an XML Schema dateTime", null);
        }
        if (name.equals("expires") && !now.isBefore(when)) {
          return failed("proof expired at " + proof.get(name), null);
        }
      }
    }
    String value = (String) proof.get("proofValue");
    byte[] signature = value.startsWith("z") ? base58(value.substring(1)) : null;
    if (signature == null || signature.length != 64) {
      return failed("proof.proofValue is not base58btc ('z') of 64 bytes", null);
    }
    String method = (String) proof.get("verificationMethod");
    if (!method.startsWith("did:key:")) {
      // Not a did:key: a DID document would say whose key it is; none is held offline.
      return new ProofResult(new Check("UNKNOWN", "cannot resolve " + method + " offline: "
          + "only did:key methods resolve without a DID document"), null);
    }
    List<String> why = new ArrayList<>();
    KeyRef ref = didKey(method, why);
    if (ref == null) {
      return failed(why.get(0), null);
    }
    Map<String, Object> options = new LinkedHashMap<>(proof);
    options.remove("proofValue");
    Map<String, Object> unsecured = new LinkedHashMap<>(doc);
    unsecured.remove("proof");
    if (options.containsKey("@context")) {
      List<Object> want = list(options.get("@context"));
      List<Object> have = list(doc.get("@context"));
      if (want.size() > have.size() || !same(want, have.subList(0, want.size()))) {
        return failed("document @context does not start with the proof's @context", ref);
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
      return failed("cannot canonicalize (JCS): " + e.getMessage(), ref);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    if (!Ed25519.verify(ref.key(), data, signature)) {
      return failed("signature does not verify under " + method
          + " (document or proof changed, or wrong key)", ref);
    }
    return new ProofResult(
        new Check("PASSED", "eddsa-jcs-2022 signature by " + method + " verifies"), ref);
  }

  /** Whether {@code party} (issuer or holder) controls the key that made the proof. */
  private static Check binding(String party, ProofResult proof, Map<String, String> bindings) {
    KeyRef ref = proof.key();
    if (ref == null) {
      return proof.check().outcome().equals("UNKNOWN")
          ? new Check("UNKNOWN", "the proof could not be checked: " + proof.check().detail())
          : new Check("SKIPPED", "not checked: the proof is not readable");
    }
    if (party.equals(ref.did())) {
      return new Check("PASSED", party + " controls " + ref.id() + " (did:key)");
    }
    String bound = bindings.get(party);
    if (bound != null && (bound.equals(ref.did()) || bound.equals(ref.id()))) {
      return new Check("PASSED", party + " is bound to " + bound + " by a pinned mapping");
    }
    if (party.startsWith("did:key:")) {
      return new Check("FAILED", "the proof's key " + ref.id() + " is controlled by "
          + ref.did() + ", not " + party);
    }
    return new Check("UNKNOWN", "cannot tell offline whether " + party + " controls "
        + ref.id() + ": no pinned mapping binds it (--bind " + party + "=" + ref.did() + ")");
  }

  // --- verdicts ----------------------------------------------------------------------------

  private static Verdict malformed(List<String> names, List<String> reasons) {
    Map<String, Check> checks = new LinkedHashMap<>();
    for (String n : names) {
      checks.put(n, new Check("SKIPPED", "not checked: malformed"));
    }
    return new Verdict("MALFORMED", checks, reasons, List.of());
  }

  /** Strict UTF-8 (a leading byte order mark is allowed, as Python's json.loads allows it). */
  private static String utf8(byte[] json) throws CharacterCodingException {
    int skip = json.length >= 3 && (json[0] & 0xff) == 0xef && (json[1] & 0xff) == 0xbb
        && (json[2] & 0xff) == 0xbf ? 3 : 0;
    return StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(json, skip, json.length - skip)).toString();
  }

  private static Object parseOrNull(String text, List<String> problems) {
    try {
      return parse(text);
    } catch (IllegalArgumentException e) {
      problems.add("not valid JSON: " + e.getMessage());
      return null;
    }
  }

  /** Verifies a secured credential (UTF-8 JSON) offline at {@code now}. */
  public static Verdict verifyCredential(byte[] json, Instant now, Map<String, String> bindings) {
    try {
      return verifyCredential(utf8(json), now, bindings);
    } catch (CharacterCodingException e) {
      return malformed(CREDENTIAL_CHECKS, List.of("not valid JSON: not UTF-8"));
    }
  }

  /**
   * Verifies a secured credential (JSON) offline at {@code now}; {@code bindings} pin a party
   * (issuer or holder id) to the DID or verification method that speaks for it.
   */
  public static Verdict verifyCredential(String json, Instant now, Map<String, String> bindings) {
    List<String> problems = new ArrayList<>();
    Object value = parseOrNull(json, problems);
    if (value == null) {
      return malformed(CREDENTIAL_CHECKS, problems);
    }
    return credential(value, now.truncatedTo(ChronoUnit.MICROS), bindings);
  }

  private static Verdict credential(Object value, Instant now, Map<String, String> bindings) {
    if (!(value instanceof Map<?, ?> raw)) {
      return malformed(CREDENTIAL_CHECKS, List.of("a credential must be a JSON object"));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> doc = (Map<String, Object>) raw;
    List<String> problems = credentialProblems(doc);
    if (!problems.isEmpty()) {
      return malformed(CREDENTIAL_CHECKS, problems);
    }
    String issuer = idOf(doc.get("issuer"));
    Findings found = new Findings();
    ProofResult proof = proof(doc, "assertionMethod", now);
    if (proof.check().outcome().equals("FAILED")) {
      found.add("INVALID_PROOF", "proof: " + proof.check().detail());
    }
    Check bind = binding(issuer, proof, bindings);
    if (bind.outcome().equals("FAILED") || bind.outcome().equals("UNKNOWN")) {
      found.add("ISSUER_NOT_BOUND", "issuer binding: " + bind.detail());
    }
    List<String> window = new ArrayList<>();
    Instant start = time(doc.get("validFrom"), true);
    Instant end = time(doc.get("validUntil"), true);
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
        ? new Check("PASSED", "valid at " + now)
        : new Check("FAILED", String.join("; ", window)));
    checks.put("status", proof.check().outcome().equals("PASSED")
        ? new Check("SKIPPED", "no status lists offline; the node checks status")
        : new Check("SKIPPED", "not checked: the credential's proof is not verified"));
    checks.put("trust", new Check("SKIPPED", "no trust list given"));
    String status = Objects.requireNonNullElse(found.first(CREDENTIAL_ORDER), "VALID");
    return new Verdict(status, checks, found.reasons(CREDENTIAL_ORDER), List.of());
  }

  /** Verifies a presentation (UTF-8 JSON) made for the verifier with challenge and domain. */
  public static Verdict verifyPresentation(byte[] json, String challenge, String domain,
      Instant now, Map<String, String> bindings) {
    try {
      return verifyPresentation(utf8(json), challenge, domain, now, bindings);
    } catch (CharacterCodingException e) {
      return malformed(PRESENTATION_CHECKS, List.of("not valid JSON: not UTF-8"));
    }
  }

  /**
   * Verifies a presentation (JSON) made for the verifier with {@code challenge} and {@code
   * domain}, and each credential in it, offline at {@code now}.
   *
   * @throws IllegalArgumentException the challenge or the domain is empty
   */
  public static Verdict verifyPresentation(String json, String challenge, String domain,
      Instant now, Map<String, String> bindings) {
    if (challenge.isEmpty() || domain.isEmpty()) {
      throw new IllegalArgumentException("the verifier's challenge and domain are required");
    }
    now = now.truncatedTo(ChronoUnit.MICROS);
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
    problems = presentationProblems(doc);
    if (!problems.isEmpty()) {
      return malformed(PRESENTATION_CHECKS, problems);
    }
    String holder = idOf(doc.get("holder"));
    Findings found = new Findings();
    ProofResult proof = proof(doc, "authentication", now);
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
      challengeCheck = new Check("FAILED", "the proof's challenge is "
          + rawProof.get("challenge") + ", not this verifier's " + challenge
          + ": the presentation was made for another request");
      found.add("CHALLENGE_MISMATCH", challengeCheck.detail());
    }
    Check domainCheck = new Check("PASSED", "made for " + domain);
    if (!list(rawProof.get("domain")).contains(domain)) {
      domainCheck = new Check("FAILED", "the presentation was made for "
          + rawProof.get("domain") + ", not " + domain);
      found.add("DOMAIN_MISMATCH", domainCheck.detail());
    }
    List<Object> credentials = list(doc.get("verifiableCredential"));
    List<Integer> strangers = new ArrayList<>();
    List<Verdict> verdicts = new ArrayList<>();
    for (int n = 0; n < credentials.size(); n++) {
      Map<?, ?> c = (Map<?, ?>) credentials.get(n);
      boolean subject = list(c.get("credentialSubject")).stream()
          .anyMatch(s -> s instanceof Map<?, ?> m && holder.equals(m.get("id")));
      if (!subject) {
        strangers.add(n);
      }
      verdicts.add(credential(c, now, bindings));
    }
    Check subjectCheck = new Check("PASSED",
        holder + " is the subject of all " + credentials.size() + " credential(s)");
    if (!strangers.isEmpty()) {
      subjectCheck = new Check("FAILED", "the holder " + holder + " is not the subject of "
          + "credential(s) " + strangers + ": a presentation may only show the holder's own");
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
