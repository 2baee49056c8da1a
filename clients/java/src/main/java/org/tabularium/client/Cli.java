package org.tabularium.client;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.tabularium.ledger.v1.Receipt;

/**
 * A small CLI over the library, for cross-language tests and scripts:
 *
 * <pre>
 * notarize --server HOST:PORT --key KEY.pem --chain-id ID --sha256 HEX --out RECEIPT.json
 * verify-receipt --log-key KEY|FILE --receipt RECEIPT.json [--origin ORIGIN]
 * </pre>
 *
 * <p>Exit status: 0 done or valid; 1 refused or invalid (reason on stderr); 2 usage error.
 */
public final class Cli {
  static final String USAGE = String.join("\n",
      "usage:",
      "  cli notarize --server HOST:PORT --key KEY.pem --chain-id ID --sha256 HEX"
          + " --out RECEIPT.json [--title TITLE] [--timeout SECONDS]",
      "  cli verify-receipt --log-key KEY|FILE --receipt RECEIPT.json [--origin ORIGIN]");

  private Cli() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs one command; returns the exit status. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    try {
      if (args.length == 0) {
        throw new UsageException("no command");
      }
      String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
      return switch (args[0]) {
        case "notarize" -> notarize(flags(rest, Set.of(
            "server", "key", "chain-id", "sha256", "out", "title", "timeout")), out);
        case "verify-receipt" -> verifyReceipt(flags(rest, Set.of(
            "log-key", "receipt", "origin")), out);
        default -> throw new UsageException("unknown command " + args[0]);
      };
    } catch (UsageException e) {
      err.println("error: " + e.getMessage());
      err.println(USAGE);
      return 2;
    } catch (VerificationException | TabulariumException e) {
      err.println("error: " + e.getMessage());
      return 1;
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      err.println("error: " + e);
      return 1;
    }
  }

  private static int notarize(Map<String, String> flags, PrintStream out)
      throws IOException, GeneralSecurityException, UsageException {
    String digestHex = required(flags, "sha256");
    if (!digestHex.matches("[0-9a-fA-F]{64}")) {
      throw new UsageException("--sha256 must be 64 hex digits");
    }
    SigningKey key = SigningKey.fromFile(Path.of(required(flags, "key")));
    Path outPath = Path.of(required(flags, "out"));
    String chainId = required(flags, "chain-id");
    Duration timeout = Duration.ofMillis(
        (long) (Double.parseDouble(flags.getOrDefault("timeout", "30")) * 1000));
    try (TabulariumClient client = new TabulariumClient(required(flags, "server"),
        TabulariumClient.Options.defaults().withDeadline(timeout))) {
      Receipt receipt = client.notarize(key, HexFormat.of().parseHex(digestHex),
          flags.getOrDefault("title", ""), chainId, BodyOptions.defaults());
      Files.writeString(outPath, Receipts.toJson(receipt) + "\n", StandardCharsets.UTF_8);
      out.println("{\"tx_hash\": \"" + HexFormat.of().formatHex(receipt.getTxHash().toByteArray())
          + "\", \"entry_index\": \"" + Long.toUnsignedString(receipt.getEntryIndex()) + "\"}");
    }
    return 0;
  }

  private static int verifyReceipt(Map<String, String> flags, PrintStream out)
      throws IOException, VerificationException, UsageException {
    String logKey = required(flags, "log-key");
    Path keyPath = Path.of(logKey);
    String keyText = Files.isRegularFile(keyPath)
        ? Files.readString(keyPath, StandardCharsets.UTF_8) : logKey;
    NoteVerifier verifier = NoteVerifier.parse(keyText);
    Receipt receipt = Receipts.fromJson(
        Files.readString(Path.of(required(flags, "receipt")), StandardCharsets.UTF_8));
    Checkpoint checkpoint = Receipts.verify(
        receipt, verifier, Optional.ofNullable(flags.get("origin")));
    out.println("{\"valid\": true, \"tx_hash\": \""
        + HexFormat.of().formatHex(receipt.getTxHash().toByteArray())
        + "\", \"entry_index\": \"" + Long.toUnsignedString(receipt.getEntryIndex())
        + "\", \"tree_size\": \"" + checkpoint.size()
        + "\", \"root\": \"" + HexFormat.of().formatHex(checkpoint.root()) + "\"}");
    return 0;
  }

  private static Map<String, String> flags(String[] args, Set<String> known)
      throws UsageException {
    Map<String, String> flags = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        throw new UsageException("unexpected argument " + arg);
      }
      String name = arg.substring(2);
      String value;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new UsageException("--" + name + " needs a value");
      }
      if (!known.contains(name)) {
        throw new UsageException("unknown option --" + name);
      }
      flags.put(name, value);
    }
    return flags;
  }

  private static String required(Map<String, String> flags, String name) throws UsageException {
    String value = flags.get(name);
    if (value == null || value.isEmpty()) {
      throw new UsageException("--" + name + " is required");
    }
    return value;
  }

  private static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }
}
