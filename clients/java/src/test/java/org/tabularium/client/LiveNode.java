package org.tabularium.client;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Test set-up: a real {@code tabularium serve} on 127.0.0.1 with its own LMDB in a temp folder,
 * as tests/conftest.py starts it. The Python comes from the repository's .venv (system property
 * tabularium.repoRoot, set by surefire; TABULARIUM_PYTHON overrides).
 */
final class LiveNode implements AutoCloseable {
  static final Path REPO_ROOT = Path.of(System.getProperty("tabularium.repoRoot", "../.."))
      .toAbsolutePath().normalize();
  static final String PYTHON = System.getenv().getOrDefault(
      "TABULARIUM_PYTHON", REPO_ROOT.resolve(".venv/bin/python").toString());

  final String chainId;
  final Path root;
  final Path dataDir;
  final Path adminKey;
  int port;
  private Process process;
  private final List<String> log = new ArrayList<>();

  private LiveNode(Path root, String chainId) {
    this.root = root;
    this.chainId = chainId;
    this.dataDir = root.resolve("data");
    this.adminKey = dataDir.resolve("keys/admin.key");
  }

  /** {@code tabularium init} a new chain in a temp folder and serve it on a free port. */
  static LiveNode start(String chainId) throws Exception {
    LiveNode node = new LiveNode(Files.createTempDirectory("tabularium-java-"), chainId);
    Process init = new ProcessBuilder(PYTHON, "-m", "tabularium", "--text-logs", "init",
        "--data-dir", node.dataDir.toString(), "--chain-id", chainId)
        .redirectErrorStream(true).start();
    String output = new String(init.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!init.waitFor(120, TimeUnit.SECONDS) || init.exitValue() != 0) {
      throw new IllegalStateException("tabularium init failed:\n" + output);
    }
    node.serve(0);
    return node;
  }

  String address() {
    return "127.0.0.1:" + port;
  }

  /** Starts serving on {@code wanted} (0: any free port) and waits for the "serving" line. */
  void serve(int wanted) throws Exception {
    process = new ProcessBuilder(PYTHON, "-m", "tabularium", "serve", "--data-dir",
        dataDir.toString(), "--listen", "127.0.0.1:" + wanted)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    CompletableFuture<Integer> serving = new CompletableFuture<>();
    Process started = process;
    Thread reader = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(
          new InputStreamReader(started.getErrorStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = lines.readLine()) != null) {
          if (serving.isDone()) {
            continue; // keep draining so the node never blocks on a full pipe
          }
          synchronized (log) {
            log.add(line);
          }
          try {
            JsonObject entry = JsonParser.parseString(line).getAsJsonObject();
            if (entry.has("msg") && entry.get("msg").getAsString().equals("serving")) {
              serving.complete(entry.get("port").getAsInt());
            }
          } catch (RuntimeException notJson) {
            // not a JSON log line
          }
        }
      } catch (IOException e) {
        serving.completeExceptionally(e);
      }
      serving.completeExceptionally(new IllegalStateException("node exited during start-up"));
    }, "tabularium-node-log");
    reader.setDaemon(true);
    reader.start();
    try {
      port = serving.get(60, TimeUnit.SECONDS);
    } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
      process.destroyForcibly();
      synchronized (log) {
        throw new IllegalStateException("node did not start:\n" + String.join("\n", log), e);
      }
    }
  }

  /** SIGTERM (the node finishes the block in flight) and wait for the exit. */
  void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
    process = null;
  }

  @Override
  public void close() throws IOException {
    try {
      stop();
    } catch (InterruptedException e) {
      if (process != null) {
        process.destroyForcibly();
      }
      Thread.currentThread().interrupt();
    }
    try (var paths = Files.walk(root)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
