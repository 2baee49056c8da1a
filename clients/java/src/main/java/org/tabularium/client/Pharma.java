package org.tabularium.client;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.tabularium.pharma.v1.DecommissionPack;
import org.tabularium.pharma.v1.DecommissionReason;
import org.tabularium.pharma.v1.ScannedPack;
import org.tabularium.pharma.v1.VerifyPack;

/**
 * Medicinal packs: the pack key, and what a DataMatrix scanner reads from a pack.
 *
 * <p>A pack is known on the log only by its pack key: HMAC-SHA-256 under the product's 32-byte
 * key of "tabularium.pharma.v1.pack" 0x00 GTIN-14 0x00 serial (ASCII). {@link #parseScan} reads a
 * GS1 element string as a scanner delivers it: an optional symbology identifier "]d2", then AIs
 * (01) GTIN-14 with its check digit, (17) expiry YYMMDD, (10) batch and (21) serial in any order,
 * the variable-length ones (10, 21: 1-20 characters of GS1 character set 82) ended by GS (0x1D)
 * unless last. The node's reader also takes the bracket form, Digital Link URIs and AIs 710-715;
 * this one does not. Both agree on tests/vectors/pharma/scans.json.
 */
public final class Pharma {
  public static final char GS = '\u001d';
  public static final int PRODUCT_KEY_SIZE = 32;
  private static final String PACK_KEY_CONTEXT = "tabularium.pharma.v1.pack\u0000";
  private static final int MAX_VARIABLE_LENGTH = 20;
  private static final String CS82 =
      "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";
  private static final Map<String, String> REASONS = Map.of(
      "01", "BAD_GTIN", "17", "BAD_EXPIRY", "10", "BAD_BATCH", "21", "BAD_SERIAL");
  private static final Map<String, Integer> FIXED = Map.of("01", 14, "17", 6);
  /** The order in which a missing AI is named. */
  private static final List<String> REQUIRED = List.of("01", "21", "10", "17");
  /** Length of a GS1 AI by its first two digits, to name an AI this reader refuses. */
  private static final Map<String, Integer> AI_LENGTH = new HashMap<>();

  static {
    String[] byLength = {
      "00 01 02 03 10 11 12 13 15 16 17 20 21 22 30 37 90 91 92 93 94 95 96 97 98 99",
      "23 24 25 40 41 42 71",
      "31 32 33 34 35 36 39 43 70 72 80 81 82",
    };
    for (int i = 0; i < byLength.length; i++) {
      for (String prefix : byLength[i].split(" ")) {
        AI_LENGTH.put(prefix, i + 2);
      }
    }
  }

  /** --reason names: supplied, destroyed, exported, sample, free-sample, stolen, locked. */
  public static final Map<String, DecommissionReason> DECOMMISSION_REASONS = decommissionReasons();

  private Pharma() {}

  /**
   * A scan this reader refuses: {@code reason} is BAD_GTIN, BAD_SERIAL, BAD_BATCH, BAD_EXPIRY,
   * MISSING_AI, UNSUPPORTED_AI, DUPLICATE_AI or BAD_SCAN, and {@code ai} the AI at fault ("" if
   * none).
   */
  public static final class ScanException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String reason;
    private final String ai;

    ScanException(String reason, String ai, String message) {
      super(ai.isEmpty() ? reason + ": " + message : reason + " (AI " + ai + "): " + message);
      this.reason = reason;
      this.ai = ai;
    }

    public String reason() {
      return reason;
    }

    public String ai() {
      return ai;
    }
  }

  /** What a pack's code says; {@code expiry} as on the pack, YYMMDD (day 00: the month's last). */
  public record Scan(String gtin, String serial, String batch, String expiry) {
    /** The ScannedPack a VerifyPack or DecommissionPack carries for this scan. */
    public ScannedPack scannedPack(byte[] productKey) {
      return ScannedPack.newBuilder()
          .setPackKey(ByteString.copyFrom(packKey(productKey, gtin, serial)))
          .setGtin(gtin)
          .setBatch(batch)
          .setExpiry(expiry)
          .build();
    }
  }

  /** The GS1 mod-10 check digit of {@code digits} (weights 3, 1, 3... from the right). */
  public static int gs1CheckDigit(String digits) {
    int total = 0;
    for (int i = 0; i < digits.length(); i++) {
      total += (digits.charAt(digits.length() - 1 - i) - '0') * (i % 2 == 0 ? 3 : 1);
    }
    return (10 - total % 10) % 10;
  }

  private static boolean isDigits(String value) {
    return !value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  private static void checkGtin(String gtin) {
    if (gtin.length() != 14 || !isDigits(gtin)) {
      throw new ScanException("BAD_GTIN", "01", "GTIN \"" + gtin + "\" must be 14 digits");
    }
    int expected = gs1CheckDigit(gtin.substring(0, 13));
    if (gtin.charAt(13) - '0' != expected) {
      throw new ScanException("BAD_GTIN", "01",
          "GTIN " + gtin + ": check digit should be " + expected);
    }
  }

  private static void checkCs82(String ai, String value) {
    int length = value.codePointCount(0, value.length());
    if (length < 1 || length > MAX_VARIABLE_LENGTH) {
      throw new ScanException(REASONS.get(ai), ai, "\"" + value + "\" must be 1 to 20 characters");
    }
    value.codePoints().filter(c -> c > 0x7f || CS82.indexOf(c) < 0).findFirst().ifPresent(c -> {
      throw new ScanException(REASONS.get(ai), ai,
          "'" + Character.toString(c) + "' is not in GS1 character set 82");
    });
  }

  /** The four-digit year of yy (GS1 General Specifications 7.12): referenceYear-49 .. +50. */
  private static int expiryYear(int yy, int referenceYear) {
    int century = referenceYear - referenceYear % 100;
    int difference = yy - referenceYear % 100;
    if (difference >= 51) {
      century -= 100;
    } else if (difference <= -50) {
      century += 100;
    }
    return century + yy;
  }

  private static void checkExpiry(String value, int referenceYear) {
    if (value.length() != 6 || !isDigits(value)) {
      throw new ScanException("BAD_EXPIRY", "17", "\"" + value + "\" must be 6 digits YYMMDD");
    }
    int year = expiryYear(Integer.parseInt(value.substring(0, 2)), referenceYear);
    int month = Integer.parseInt(value.substring(2, 4));
    int day = Integer.parseInt(value.substring(4));
    if (month < 1 || month > 12) {
      throw new ScanException("BAD_EXPIRY", "17", value + ": month must be 01 to 12");
    }
    if (day > YearMonth.of(year, month).lengthOfMonth()) {
      throw new ScanException("BAD_EXPIRY", "17",
          value + ": no such day in " + year + "-" + value.substring(2, 4));
    }
  }

  private static List<String[]> split(String data) {
    List<String[]> out = new ArrayList<>();
    int pos = 0;
    while (pos < data.length()) {
      if (data.charAt(pos) == GS) {
        pos++;
        continue;
      }
      String prefix = data.substring(pos, Math.min(pos + 2, data.length()));
      if (prefix.length() != 2 || !isDigits(prefix)) {
        throw new ScanException("BAD_SCAN", "", "expected an AI at character " + (pos + 1));
      }
      String ai = data.substring(pos,
          Math.min(pos + AI_LENGTH.getOrDefault(prefix, 2), data.length()));
      String reason = REASONS.get(ai);
      if (reason == null) {
        throw new ScanException("UNSUPPORTED_AI", ai, "a pack carries AIs 01, 17, 10 and 21 only");
      }
      int start = pos + ai.length();
      int end;
      Integer fixed = FIXED.get(ai);
      if (fixed != null) {
        end = start + fixed;
        if (end > data.length() || data.substring(start, end).indexOf(GS) >= 0) {
          throw new ScanException(reason, ai, "needs " + fixed + " characters");
        }
      } else {
        int found = data.indexOf(GS, start);
        end = found < 0 ? data.length() : found;
        if (data.codePointCount(start, end) > MAX_VARIABLE_LENGTH) {
          throw new ScanException(reason, ai, "longer than 20 characters (GS missing?)");
        }
      }
      out.add(new String[] {ai, data.substring(start, end)});
      pos = end;
    }
    return out;
  }

  private static String trim(String text) {
    Set<Character> blanks = Set.of(' ', '\t', '\r', '\n');
    int start = 0;
    int end = text.length();
    while (start < end && blanks.contains(text.charAt(start))) {
      start++;
    }
    while (end > start && blanks.contains(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(start, end);
  }

  /**
   * Reads a scanned element string. {@code referenceYear} (the current year) fixes the century
   * of the expiry.
   *
   * @throws ScanException naming the AI that is missing, unknown or malformed
   */
  public static Scan parseScan(String text, int referenceYear) {
    String data = trim(text);
    if (data.startsWith("]")) {
      if (!data.startsWith("]d2")) {
        throw new ScanException("BAD_SCAN", "",
            "symbology \"" + data.substring(0, Math.min(3, data.length())) + "\": only ]d2 is read");
      }
      data = data.substring(3);
    } else if (data.isEmpty()) {
      throw new ScanException("BAD_SCAN", "", "scan is empty");
    }
    Map<String, String> values = new HashMap<>();
    for (String[] element : split(data)) {
      String ai = element[0];
      String value = element[1];
      switch (ai) {
        case "01" -> checkGtin(value);
        case "17" -> checkExpiry(value, referenceYear);
        default -> checkCs82(ai, value);
      }
      String seen = values.putIfAbsent(ai, value);
      if (seen != null && !seen.equals(value)) {
        throw new ScanException("DUPLICATE_AI", ai, "appears twice with different values");
      }
    }
    for (String ai : REQUIRED) {
      if (!values.containsKey(ai)) {
        throw new ScanException("MISSING_AI", ai, "a pack carries AIs 01, 21, 10 and 17");
      }
    }
    return new Scan(values.get("01"), values.get("21"), values.get("10"), values.get("17"));
  }

  /**
   * The pack's identity on the log: HMAC-SHA-256 under {@code productKey} (32 bytes) of its GTIN
   * and serial.
   *
   * @throws IllegalArgumentException for a key of another size ({@link ScanException} for a bad
   *     GTIN or serial)
   */
  public static byte[] packKey(byte[] productKey, String gtin, String serial) {
    if (productKey.length != PRODUCT_KEY_SIZE) {
      throw new IllegalArgumentException(
          "product key has " + productKey.length + " bytes, want " + PRODUCT_KEY_SIZE);
    }
    checkGtin(gtin);
    checkCs82("21", serial);
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(productKey, "HmacSHA256"));
      return mac.doFinal(
          (PACK_KEY_CONTEXT + gtin + "\u0000" + serial).getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  /** The VerifyPack action ({@code organisation} checks the pack at {@code siteGln}), packed. */
  public static Any verifyPack(String organisation, String siteGln, ScannedPack pack) {
    return Any.pack(VerifyPack.newBuilder()
        .setOrganisation(organisation).setSiteGln(siteGln).setPack(pack).build());
  }

  /** The DecommissionPack action (once per pack), packed. */
  public static Any decommissionPack(String organisation, String siteGln, ScannedPack pack,
      DecommissionReason reason) {
    if (reason == DecommissionReason.DECOMMISSION_REASON_UNSPECIFIED
        || reason == DecommissionReason.UNRECOGNIZED) {
      throw new IllegalArgumentException("a decommissioning needs a reason");
    }
    return Any.pack(DecommissionPack.newBuilder()
        .setOrganisation(organisation).setSiteGln(siteGln).setPack(pack).setReason(reason).build());
  }

  private static Map<String, DecommissionReason> decommissionReasons() {
    Map<String, DecommissionReason> out = new TreeMap<>();
    for (DecommissionReason reason : DecommissionReason.values()) {
      if (reason != DecommissionReason.DECOMMISSION_REASON_UNSPECIFIED
          && reason != DecommissionReason.UNRECOGNIZED) {
        out.put(reason.name().substring("DECOMMISSION_REASON_".length())
            .toLowerCase(java.util.Locale.ROOT).replace('_', '-'), reason);
      }
    }
    return java.util.Collections.unmodifiableMap(out);
  }
}
