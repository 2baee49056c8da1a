package org.tabularium.client;

import java.util.Base64;
import java.util.regex.Pattern;

/** Strict standard base64: padded, no whitespace, canonical (no stray bits at the end). */
final class Base64Strict {
  private static final Pattern BASE64 =
      Pattern.compile("(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?");

  private Base64Strict() {}

  /** The decoded bytes, or null if {@code text} is not strict base64. */
  static byte[] decode(String text) {
    if (!BASE64.matcher(text).matches()) {
      return null;
    }
    byte[] raw = Base64.getDecoder().decode(text);
    return Base64.getEncoder().encodeToString(raw).equals(text) ? raw : null;
  }
}
