/**
 * Test set-up: a real `tabularium serve` on 127.0.0.1 with its own LMDB in a temp folder, as
 * tests/conftest.py starts it. The Python comes from <repo>/.venv (TABULARIUM_PYTHON overrides).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

/** The repository root: this file is compiled to clients/typescript/dist/test/. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../../..");
export const PYTHON = process.env["TABULARIUM_PYTHON"] ?? join(REPO_ROOT, ".venv/bin/python");

/** A chain in a temp folder and the `tabularium serve` process serving it. */
export class Node {
  readonly chainId: string;
  readonly dataDir: string;
  /** PEM key of the chain's admin, allowed to register documents. */
  readonly adminKeyPath: string;
  port = 0;
  private readonly root: string;
  private child: ChildProcess | undefined;

  private constructor(root: string, chainId: string) {
    this.root = root;
    this.chainId = chainId;
    this.dataDir = join(root, "data");
    this.adminKeyPath = join(this.dataDir, "keys", "admin.key");
  }

  /** `tabularium init` a new chain in a temp folder and serve it on a free loopback port. */
  static async start(chainId = "ts-test-chain"): Promise<Node> {
    const node = new Node(mkdtempSync(join(tmpdir(), "tabularium-ts-")), chainId);
    const init = spawnSync(
      PYTHON,
      ["-m", "tabularium", "--text-logs", "init", "--data-dir", node.dataDir, "--chain-id", chainId],
      { encoding: "utf8", timeout: 120_000 },
    );
    if (init.status !== 0) throw new Error(`tabularium init failed: ${init.stderr}`);
    await node.serve(0);
    return node;
  }

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  /** Starts serving on `port` (0: any free port). */
  async serve(port: number): Promise<void> {
    this.child = spawn(
      PYTHON,
      ["-m", "tabularium", "serve", "--data-dir", this.dataDir, "--listen", `127.0.0.1:${port}`],
      { stdio: ["ignore", "ignore", "pipe"] },
    );
    this.port = await waitForPort(this.child);
  }

  /** SIGTERM (finishes the block in flight) and wait for the exit. */
  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (child !== undefined && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((done) => child.once("exit", done));
      child.kill("SIGTERM");
      await exited;
    }
  }

  /** Stops the node and removes its folder. */
  async destroy(): Promise<void> {
    await this.stop();
    rmSync(this.root, { recursive: true, force: true });
  }
}

function waitForPort(child: ChildProcess): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const lines: string[] = [];
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`node did not start in 60 s:\n${lines.join("\n")}`));
    }, 60_000);
    const input = createInterface({ input: child.stderr! });
    let found = false;
    input.on("line", (line) => {
      if (found) return; // keep draining so the node never blocks on a full pipe
      lines.push(line);
      try {
        const entry = JSON.parse(line) as { msg?: string; port?: number };
        if (entry.msg === "serving" && entry.port !== undefined) {
          found = true;
          clearTimeout(timer);
          resolvePort(Number(entry.port));
        }
      } catch {
        // not a JSON log line
      }
    });
    child.once("exit", (code) => {
      if (found) return;
      clearTimeout(timer);
      reject(new Error(`node exited (${code}) during start-up:\n${lines.join("\n")}`));
    });
  });
}
