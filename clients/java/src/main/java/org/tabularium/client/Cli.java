package org.tabularium.client;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.tabularium.landregistry.v1.GetRightsResponse;
import org.tabularium.landregistry.v1.RightType;
import org.tabularium.landregistry.v1.Rrr;
import org.tabularium.ledger.v1.Receipt;
import org.tabularium.pharma.v1.DecommissionReason;
import org.tabularium.pharma.v1.ScanResult;
import org.tabularium.pharma.v1.ScannedPack;

/**
 * A small CLI over the library, for cross-language tests and scripts:
 *
 * <pre>
 * notarize --server HOST:PORT --key KEY.pem --chain-id ID --sha256 HEX --out RECEIPT.json
 * verify-receipt --log-key KEY|FILE --receipt RECEIPT.json [--origin ORIGIN]
 * vault-put --server HOST:PORT --key KEY.pem --chain-id ID --owner DID --file PATH
 *           --media-type TYPE --out RESULT.json
 * vault-get --server HOST:PORT --key KEY.pem --chain-id ID --document HEX --grant HEX
 *           --purpose TEXT --out PATH [--export]
 * land-consent --server HOST:PORT --key KEY.pem --chain-id ID --transfer HEX32 --deed HEX64
 *              --out RECEIPT.json
 * land-rights --server HOST:PORT --parcel ID [--at-height N]
 * tax-pay --server HOST:PORT --key KEY.pem --chain-id ID --office DID --idempotency-key K
 *         --amount MINOR_UNITS --currency EUR --value-date YYYY-MM-DD --reference RF...
 *         [--account HEX32] [--end-to-end-id X] --out RECEIPT.json
 * pharma-verify --server HOST:PORT --key KEY.pem --chain-id ID --organisation DID --site GLN
 *               --product-key FILE --scan ELEMENT_STRING [--out RECEIPT.json]
 * pharma-decommission (the same flags) --reason supplied|destroyed|exported|sample|
 *                     free-sample|stolen|locked
 * verify-presentation --file VP.json --challenge C --domain D --now RFC3339 [--bind PARTY=DID ...]
 * verify-credential --file VC.json --now RFC3339 [--bind PARTY=DID ...]
 * </pre>
 *
 * <p>verify-presentation and verify-credential verify offline (tests/vectors/presentations) and
 * print the verdict {"status", "checks", "reasons", "credentials"}; exit 0 only for VALID.
 *
 * <p>Exit status: 0 done or valid; 1 refused or invalid (reason on stderr; the vault, land and
 * tax commands print one JSON line {"error": "CODE: details", "reason": REASON} on stdout); 2
 * usage error. land-consent signs and submits a ConsentTransfer and writes the receipt as
 * notarize does; land-rights prints {"height": N, "owners": {"party DID":
 * "numerator/denominator"}}, the ownership shares in force (at height N if given, else now).
 * tax-pay signs and submits a booked RecordPayment (account 16 bytes or none, amount in minor
 * units) with the key of a payment institution and writes the receipt as notarize does.
 *
 * <p>pharma-verify reads the scan (a GS1 element string: optional ]d2, AIs 01, 17, 10, 21, GS
 * after a variable-length element that is not last), computes the pack key under the 32-byte
 * product key in FILE, signs a VerifyPack (pharma-decommission: a DecommissionPack) and submits
 * it through PharmaService.SubmitScans. It prints the ScanResult as one JSON line {"code",
 * "reason", "message", "entry_index" (null if not logged), "status" (PackStatus name, null for
 * an unknown pack), "owner", "alert_ids", "pack_key" (hex)}, writes the receipt to --out if
 * given and the scan was accepted, and exits 0 if the code is "OK", else 1; a scan it cannot
 * read exits 2.
 */
public final class Cli {
  static final String USAGE = String.join("\n",
      "usage:",
      "  cli notarize --server HOST:PORT --key KEY.pem --chain-id ID --sha256 HEX"
          + " --out RECEIPT.json [--title TITLE] [--timeout SECONDS]",
      "  cli verify-receipt --log-key KEY|FILE --receipt RECEIPT.json [--origin ORIGIN]",
      "  cli vault-put --server HOST:PORT --key KEY.pem --chain-id ID --owner DID --file PATH"
          + " --media-type TYPE --out RESULT.json [--folder F] [--timeout SECONDS]",
      "  cli vault-get --server HOST:PORT --key KEY.pem --chain-id ID --document HEX"
          + " --grant HEX --purpose TEXT --out PATH [--export] [--timeout SECONDS]",
      "  cli land-consent --server HOST:PORT --key KEY.pem --chain-id ID --transfer HEX32"
          + " --deed HEX64 --out RECEIPT.json [--timeout SECONDS]",
      "  cli land-rights --server HOST:PORT --parcel ID [--at-height N] [--timeout SECONDS]",
      "  cli tax-pay --server HOST:PORT --key KEY.pem --chain-id ID --office DID"
          + " --idempotency-key K --amount MINOR_UNITS --currency EUR --value-date YYYY-MM-DD"
          + " --reference RF... [--account HEX32] [--end-to-end-id X] --out RECEIPT.json"
          + " [--timeout SECONDS]",
      "  cli pharma-verify --server HOST:PORT --key KEY.pem --chain-id ID --organisation DID"
          + " --site GLN --product-key FILE --scan ELEMENT_STRING [--out RECEIPT.json]"
          + " [--timeout SECONDS]",
      "  cli pharma-decommission (the same flags) --reason supplied|destroyed|exported|sample"
          + "|free-sample|stolen|locked",
      "  cli verify-presentation --file VP.json --challenge C --domain D --now RFC3339"
          + " [--bind PARTY=DID]",
      "  cli verify-credential --file VC.json --now RFC3339 [--bind PARTY=DID]");
  private static final HexFormat HEX = HexFormat.of();
  private static final Set<String> PHARMA_FLAGS = Set.of("server", "key", "chain-id",
      "organisation", "site", "product-key", "scan", "out", "timeout");
  /** Default deadline of a whole vault upload or download. */
  private static final String VAULT_TIMEOUT = "3600";

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
        case "vault-put" -> vaultPut(flags(rest, Set.of("server", "key", "chain-id", "owner",
            "file", "media-type", "out", "folder", "timeout")), out);
        case "vault-get" -> vaultGet(flags(rest, Set.of("server", "key", "chain-id", "document",
            "grant", "purpose", "out", "timeout"), Set.of("export")), out);
        case "land-consent" -> landConsent(flags(rest, Set.of("server", "key", "chain-id",
            "transfer", "deed", "out", "timeout")), out);
        case "land-rights" -> landRights(flags(rest, Set.of(
            "server", "parcel", "at-height", "timeout")), out);
        case "tax-pay" -> taxPay(flags(rest, Set.of("server", "key", "chain-id", "office",
            "idempotency-key", "amount", "currency", "value-date", "reference", "account",
            "end-to-end-id", "out", "timeout")), out);
        case "pharma-verify" -> pharmaScan(args[0], flags(rest, PHARMA_FLAGS), out);
        case "pharma-decommission" -> pharmaScan(args[0], flags(rest, union(PHARMA_FLAGS,
            Set.of("reason"))), out);
        case "verify-presentation", "verify-credential" -> verifyDocument(args[0], rest, out);
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

  private static int vaultPut(Map<String, String> flags, PrintStream out)
      throws IOException, GeneralSecurityException, UsageException {
    SigningKey key = SigningKey.fromFile(Path.of(required(flags, "key")));
    Path file = Path.of(required(flags, "file"));
    Path outPath = Path.of(required(flags, "out"));
    String chainId = required(flags, "chain-id");
    Vault.DocumentSpec spec = Vault.DocumentSpec.of(required(flags, "owner"),
        required(flags, "media-type")).withFolder(flags.getOrDefault("folder", ""));
    Duration timeout = seconds(flags.getOrDefault("timeout", VAULT_TIMEOUT));
    Vault.Stored stored;
    try (TabulariumClient client = new TabulariumClient(required(flags, "server"));
        InputStream content = Files.newInputStream(file)) {
      stored = client.putDocument(List.of(key), chainId, spec, content, timeout);
    } catch (TabulariumException e) {
      return refused(out, e);
    }
    JsonObject result = new JsonObject();
    result.addProperty("document_id", HEX.formatHex(stored.documentId()));
    result.addProperty("version", stored.version());
    result.addProperty("entry_index", stored.receipt().getEntryIndex());
    result.addProperty("salt", HEX.formatHex(stored.salt()));
    result.addProperty("sha256", HEX.formatHex(stored.sha256()));
    Files.writeString(outPath, result + "\n", StandardCharsets.UTF_8);
    return 0;
  }

  private static int vaultGet(Map<String, String> flags, PrintStream out)
      throws IOException, GeneralSecurityException, UsageException {
    SigningKey key = SigningKey.fromFile(Path.of(required(flags, "key")));
    byte[] documentId = hexId(flags, "document");
    byte[] grantId = hexId(flags, "grant");
    String purpose = required(flags, "purpose");
    Vault.Access access = flags.containsKey("export")
        ? Vault.Access.export(documentId, grantId, purpose)
        : Vault.Access.read(documentId, grantId, purpose);
    String chainId = required(flags, "chain-id");
    Duration timeout = seconds(flags.getOrDefault("timeout", VAULT_TIMEOUT));
    Path target = Path.of(required(flags, "out")).toAbsolutePath();
    // Written next to the target and renamed into place only once complete and checked.
    Path partial = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".part");
    try {
      Vault.Read read;
      try (TabulariumClient client = new TabulariumClient(required(flags, "server"));
          OutputStream sink = Files.newOutputStream(partial)) {
        read = client.readDocument(key, chainId, access, sink, timeout);
      } catch (TabulariumException e) {
        return refused(out, e);
      } catch (VerificationException e) {
        JsonObject error = new JsonObject();
        error.addProperty("error", "DATA_LOSS: " + e.getMessage());
        error.addProperty("reason", e.reason());
        out.println(error);
        return 1;
      }
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
      Receipt receipt = read.accessReceipt();
      JsonObject result = new JsonObject();
      result.addProperty("entry_index", receipt.getEntryIndex());
      result.addProperty("tx_hash", HEX.formatHex(receipt.getTxHash().toByteArray()));
      result.addProperty("size", read.size());
      result.addProperty("sha256", HEX.formatHex(read.sha256()));
      out.println(result);
      return 0;
    } finally {
      Files.deleteIfExists(partial);
    }
  }

  private static int landConsent(Map<String, String> flags, PrintStream out)
      throws IOException, GeneralSecurityException, UsageException {
    SigningKey key = SigningKey.fromFile(Path.of(required(flags, "key")));
    byte[] transferId = hex(flags, "transfer", 16);
    byte[] deed = hex(flags, "deed", 32);
    return submitAction(flags, key, Transactions.consentTransfer(transferId, deed), out);
  }

  /** Signs the action with the key, submits it and writes its receipt to --out: 0, or the
   * refusal printed as one JSON line: 1. */
  private static int submitAction(Map<String, String> flags, SigningKey key,
      com.google.protobuf.Any action, PrintStream out)
      throws IOException, GeneralSecurityException, UsageException {
    Path outPath = Path.of(required(flags, "out"));
    String chainId = required(flags, "chain-id");
    Duration timeout = seconds(flags.getOrDefault("timeout", "30"));
    Receipt receipt;
    try (TabulariumClient client = new TabulariumClient(required(flags, "server"),
        TabulariumClient.Options.defaults().withDeadline(timeout))) {
      receipt = client.submit(
          Transactions.buildSigned(chainId, action, List.of(key), BodyOptions.defaults()));
    } catch (TabulariumException e) {
      return refused(out, e);
    }
    Files.writeString(outPath, Receipts.toJson(receipt) + "\n", StandardCharsets.UTF_8);
    return 0;
  }

  private static int taxPay(Map<String, String> flags, PrintStream out)
      throws IOException, GeneralSecurityException, UsageException {
    SigningKey key = SigningKey.fromFile(Path.of(required(flags, "key")));
    String office = required(flags, "office");
    String idempotencyKey = required(flags, "idempotency-key");
    long minorUnits;
    try {
      minorUnits = Long.parseLong(required(flags, "amount"));
    } catch (NumberFormatException e) {
      throw new UsageException("--amount must be a positive number of minor units");
    }
    if (minorUnits <= 0) {
      throw new UsageException("--amount must be a positive number of minor units");
    }
    String currency = required(flags, "currency");
    String valueDate = required(flags, "value-date");
    String reference = required(flags, "reference");
    byte[] account = flags.getOrDefault("account", "").isEmpty()
        ? new byte[0] : hex(flags, "account", 16);
    return submitAction(flags, key,
        Transactions.recordPayment(office, idempotencyKey, account, minorUnits, currency,
            valueDate, reference, flags.getOrDefault("end-to-end-id", "")),
        out);
  }

  /**
   * pharma-verify / pharma-decommission: one scan through SubmitScans, its result printed as one
   * JSON line; 0 if OK, 1 if refused, 2 (usage) if the scan or product key is unusable.
   */
  private static int pharmaScan(String command, Map<String, String> flags, PrintStream out)
      throws IOException, GeneralSecurityException, UsageException {
    String server = required(flags, "server");
    String chainId = required(flags, "chain-id");
    String organisation = required(flags, "organisation");
    String site = required(flags, "site");
    Path productKeyPath = Path.of(required(flags, "product-key"));
    String scanText = required(flags, "scan");
    Path keyPath = Path.of(required(flags, "key"));
    Duration timeout = seconds(flags.getOrDefault("timeout", "30"));
    DecommissionReason reason = null;
    if (command.equals("pharma-decommission")) {
      String name = required(flags, "reason");
      reason = Pharma.DECOMMISSION_REASONS.get(name);
      if (reason == null) {
        throw new UsageException("--reason " + name + ": want one of "
            + String.join(", ", Pharma.DECOMMISSION_REASONS.keySet()));
      }
    }
    ScannedPack pack;
    try {
      byte[] productKey = Files.readAllBytes(productKeyPath);
      pack = Pharma.parseScan(scanText, java.time.Year.now(java.time.ZoneOffset.UTC).getValue())
          .scannedPack(productKey);
    } catch (IllegalArgumentException | IOException e) {
      throw new UsageException(command + ": " + e.getMessage());
    }
    com.google.protobuf.Any action = reason == null
        ? Pharma.verifyPack(organisation, site, pack)
        : Pharma.decommissionPack(organisation, site, pack, reason);
    SigningKey key = SigningKey.fromFile(keyPath);
    ScanResult result;
    try (TabulariumClient client = new TabulariumClient(server,
        TabulariumClient.Options.defaults().withDeadline(timeout))) {
      List<ScanResult> results = client.submitScans(List.of(
          Transactions.buildSigned(chainId, action, List.of(key), BodyOptions.defaults())));
      if (results.size() != 1) {
        throw new IOException("node answered " + results.size() + " results for one scan");
      }
      result = results.get(0);
    } catch (TabulariumException e) {
      return refused(out, e);
    }
    String outPath = flags.getOrDefault("out", "");
    if (!outPath.isEmpty() && result.getCode().equals("OK")) {
      Files.writeString(Path.of(outPath), Receipts.toJson(result.getReceipt()) + "\n",
          StandardCharsets.UTF_8);
    }
    JsonObject line = new JsonObject();
    line.addProperty("code", result.getCode());
    line.addProperty("reason", result.getReason());
    line.addProperty("message", result.getMessage());
    if (result.hasEntryIndex()) {
      line.addProperty("entry_index", result.getEntryIndex());
    } else {
      line.add("entry_index", com.google.gson.JsonNull.INSTANCE);
    }
    if (result.hasPack()) {
      line.addProperty("status", result.getPack().getStatus().name());
      line.addProperty("owner", result.getPack().getOwner());
    } else {
      line.add("status", com.google.gson.JsonNull.INSTANCE);
      line.add("owner", com.google.gson.JsonNull.INSTANCE);
    }
    com.google.gson.JsonArray alerts = new com.google.gson.JsonArray();
    result.getAlertIdsList().forEach(alerts::add);
    line.add("alert_ids", alerts);
    line.addProperty("pack_key", HEX.formatHex(pack.getPackKey().toByteArray()));
    out.println(new com.google.gson.GsonBuilder().serializeNulls().disableHtmlEscaping().create()
        .toJson(line));
    return result.getCode().equals("OK") ? 0 : 1;
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> out = new java.util.HashSet<>(a);
    out.addAll(b);
    return out;
  }

  private static int landRights(Map<String, String> flags, PrintStream out)
      throws UsageException {
    String parcel = required(flags, "parcel");
    long atHeight;
    try {
      atHeight = Long.parseUnsignedLong(flags.getOrDefault("at-height", "0"));
    } catch (NumberFormatException e) {
      throw new UsageException("--at-height must be a block height");
    }
    Duration timeout = seconds(flags.getOrDefault("timeout", "30"));
    GetRightsResponse rights;
    try (TabulariumClient client = new TabulariumClient(required(flags, "server"),
        TabulariumClient.Options.defaults().withDeadline(timeout))) {
      rights = client.rights(parcel, atHeight);
    } catch (TabulariumException e) {
      return refused(out, e);
    }
    JsonObject owners = new JsonObject();
    for (Rrr right : rights.getRightsList()) {
      if (right.getRightType() == RightType.RIGHT_TYPE_OWNERSHIP) {
        owners.addProperty(right.getParty(),
            Long.toUnsignedString(right.getShare().getNumerator()) + "/"
                + Long.toUnsignedString(right.getShare().getDenominator()));
      }
    }
    JsonObject result = new JsonObject();
    result.addProperty("height", rights.getHeight());
    result.add("owners", owners);
    out.println(result);
    return 0;
  }

  /** verify-presentation / verify-credential: the verdict as JSON; exit status 0 only if VALID. */
  private static int verifyDocument(String command, String[] args, PrintStream out)
      throws IOException, UsageException {
    Map<String, String> bindings = new HashMap<>();
    String[] rest = java.util.Arrays.stream(args).toArray(String[]::new);
    java.util.List<String> others = new java.util.ArrayList<>();
    for (int i = 0; i < rest.length; i++) {
      if (rest[i].equals("--bind") && i + 1 < rest.length) {
        String spec = rest[++i];
        int eq = spec.indexOf('=');
        if (eq <= 0 || !spec.startsWith("did:", eq + 1)) {
          throw new UsageException("--bind " + spec + " is not PARTY=DID");
        }
        bindings.put(spec.substring(0, eq), spec.substring(eq + 1));
      } else {
        others.add(rest[i]);
      }
    }
    boolean presentation = command.equals("verify-presentation");
    Map<String, String> flags = flags(others.toArray(String[]::new), presentation
        ? Set.of("file", "now", "challenge", "domain") : Set.of("file", "now"));
    java.time.Instant now;
    try {
      now = java.time.OffsetDateTime.parse(required(flags, "now")).toInstant();
    } catch (java.time.format.DateTimeParseException e) {
      throw new UsageException("--now must be an RFC 3339 time");
    }
    byte[] json = Files.readAllBytes(Path.of(required(flags, "file")));
    Credentials.Verdict verdict = presentation
        ? Credentials.verifyPresentation(json, required(flags, "challenge"),
            required(flags, "domain"), now, bindings)
        : Credentials.verifyCredential(json, now, bindings);
    out.println(new com.google.gson.GsonBuilder().setPrettyPrinting().disableHtmlEscaping()
        .create().toJson(verdictJson(verdict)));
    return verdict.ok() ? 0 : 1;
  }

  private static JsonObject verdictJson(Credentials.Verdict verdict) {
    JsonObject json = new JsonObject();
    json.addProperty("status", verdict.status());
    JsonObject checks = new JsonObject();
    verdict.checks().forEach((name, check) -> {
      JsonObject c = new JsonObject();
      c.addProperty("outcome", check.outcome());
      c.addProperty("detail", check.detail());
      checks.add(name, c);
    });
    json.add("checks", checks);
    com.google.gson.JsonArray reasons = new com.google.gson.JsonArray();
    verdict.reasons().forEach(reasons::add);
    json.add("reasons", reasons);
    if (verdict.checks().containsKey("holder_binding")) {
      com.google.gson.JsonArray credentials = new com.google.gson.JsonArray();
      verdict.credentials().forEach(c -> credentials.add(verdictJson(c)));
      json.add("credentials", credentials);
    }
    return json;
  }

  /** A refused or failed call, as one JSON line on stdout; exit status 1. */
  private static int refused(PrintStream out, TabulariumException e) {
    JsonObject error = new JsonObject();
    error.addProperty("error", e.code() + ": " + e.description());
    error.addProperty("reason", e.reason());
    if (!e.metadata().isEmpty()) {
      JsonObject metadata = new JsonObject();
      new java.util.TreeMap<>(e.metadata()).forEach(metadata::addProperty);
      error.add("metadata", metadata);
    }
    out.println(error);
    return 1;
  }

  private static byte[] hexId(Map<String, String> flags, String name) throws UsageException {
    return hex(flags, name, Vault.ID_BYTES);
  }

  private static byte[] hex(Map<String, String> flags, String name, int bytes)
      throws UsageException {
    String value = required(flags, name);
    if (!value.matches("[0-9a-fA-F]{" + 2 * bytes + "}")) {
      throw new UsageException("--" + name + " must be " + 2 * bytes + " hex digits");
    }
    return HEX.parseHex(value);
  }

  private static Duration seconds(String value) throws UsageException {
    try {
      return Duration.ofMillis((long) (Double.parseDouble(value) * 1000));
    } catch (NumberFormatException e) {
      throw new UsageException("--timeout must be a number of seconds");
    }
  }

  private static Map<String, String> flags(String[] args, Set<String> known)
      throws UsageException {
    return flags(args, known, Set.of());
  }

  /** Options with a value ({@code known}) and switches without one (value "true" if given). */
  private static Map<String, String> flags(String[] args, Set<String> known, Set<String> switches)
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
      if (switches.contains(name)) {
        flags.put(name, "true");
        continue;
      } else if (eq >= 0) {
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
