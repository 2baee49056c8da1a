package org.tabularium.client;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Optional parts of a transaction body. Start from {@link #defaults()}.
 *
 * @param now the time the validity window is placed around (empty: the clock at build time)
 * @param window length of the validity window, at most the node's maximum (default one hour)
 * @param nonce 16 to 32 bytes (empty: 16 random bytes)
 * @param memo free text for humans, at most 256 bytes; never personal data
 */
public record BodyOptions(
    Optional<Instant> now, Duration window, Optional<byte[]> nonce, String memo) {
  /** Default validity window: from a minute before now (clock skew) for ten minutes. */
  public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(10);

  public static BodyOptions defaults() {
    return new BodyOptions(Optional.empty(), DEFAULT_WINDOW, Optional.empty(), "");
  }

  public BodyOptions withNow(Instant value) {
    return new BodyOptions(Optional.of(value), window, nonce, memo);
  }

  public BodyOptions withWindow(Duration value) {
    return new BodyOptions(now, value, nonce, memo);
  }

  public BodyOptions withNonce(byte[] value) {
    return new BodyOptions(now, window, Optional.of(value.clone()), memo);
  }

  public BodyOptions withMemo(String value) {
    return new BodyOptions(now, window, nonce, value);
  }
}
