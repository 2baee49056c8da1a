package main

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	tabularium "github.com/tabularium/tabularium/clients/go"
	"github.com/tabularium/tabularium/clients/go/internal/testnode"
)

var (
	chain  *testnode.Chain
	node   *testnode.Node
	logKey string
)

func TestMain(m *testing.M) {
	os.Exit(func() int {
		dir, err := os.MkdirTemp("", "tabularium-go-cli-")
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		defer os.RemoveAll(dir)
		if chain, err = testnode.Init(filepath.Join(dir, "data"), "go-cli"); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		public, _ := hex.DecodeString(chain.LogPublicKeyHex)
		logKey = tabularium.LogKey{Name: chain.LogKeyName, PublicKey: public}.String()
		if node, err = testnode.Serve(chain.DataDir, 0); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		defer node.Stop()
		return m.Run()
	}())
}

func cli(args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	code = run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func notarizeTo(t *testing.T, out string) {
	t.Helper()
	digest := make([]byte, 32)
	_, _ = rand.Read(digest)
	code, _, stderr := cli("notarize", "--server", node.Addr, "--key", chain.AdminKeyPath,
		"--chain-id", chain.ChainID, "--sha256", hex.EncodeToString(digest), "--out", out)
	if code != 0 {
		t.Fatalf("notarize exited %d: %s", code, stderr)
	}
}

func TestNotarizeThenVerifyReceipt(t *testing.T) {
	out := filepath.Join(t.TempDir(), "receipt.json")
	notarizeTo(t, out)
	if code, _, stderr := cli("verify-receipt", "--log-key", logKey, "--receipt", out, "--origin", chain.Origin); code != 0 {
		t.Fatalf("verify-receipt exited %d: %s", code, stderr)
	}
	keyFile := filepath.Join(t.TempDir(), "log.vkey")
	if err := os.WriteFile(keyFile, []byte(logKey+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := cli("verify-receipt", "--log-key", keyFile, "--receipt", out); code != 0 {
		t.Fatalf("verify-receipt with a key file exited %d: %s", code, stderr)
	}
	// The server's own verifier accepts the Go client's receipt file.
	python := filepath.Join(testnode.RepoRoot(), ".venv", "bin", "python")
	if p := os.Getenv("TABULARIUM_SERVER_PYTHON"); p != "" {
		python = p
	}
	check := exec.Command(python, "-m", "tabularium", "receipt", "verify", out, "--log-key", logKey)
	if output, err := check.CombinedOutput(); err != nil {
		t.Fatalf("tabularium receipt verify: %v: %s", err, output)
	}
}

func TestVerifyReceiptRejectsTampering(t *testing.T) {
	out := filepath.Join(t.TempDir(), "receipt.json")
	notarizeTo(t, out)
	data, _ := os.ReadFile(out)
	var receipt map[string]any
	if err := json.Unmarshal(data, &receipt); err != nil {
		t.Fatal(err)
	}
	index := uint64(0) // proto3 JSON omits a zero entryIndex
	if v, ok := receipt["entryIndex"].(string); ok {
		index, _ = strconv.ParseUint(v, 10, 64)
	}
	receipt["entryIndex"] = strconv.FormatUint(index+1, 10)
	data, _ = json.Marshal(receipt)
	tampered := filepath.Join(t.TempDir(), "tampered.json")
	_ = os.WriteFile(tampered, data, 0o600)
	code, _, stderr := cli("verify-receipt", "--log-key", logKey, "--receipt", tampered)
	if code != 1 || !strings.Contains(stderr, tabularium.InclusionProofInvalid) {
		t.Fatalf("tampered receipt: exit %d, %q", code, stderr)
	}
	code, _, stderr = cli("verify-receipt", "--log-key", logKey, "--receipt", out, "--origin", "x/y")
	if code != 1 || !strings.Contains(stderr, tabularium.CheckpointWrongOrigin) {
		t.Fatalf("wrong origin: exit %d, %q", code, stderr)
	}
}

func TestNotarizeFailureExits1WithReason(t *testing.T) {
	out := filepath.Join(t.TempDir(), "r.json")
	code, _, stderr := cli("notarize", "--server", node.Addr, "--key", chain.AdminKeyPath,
		"--chain-id", "not-this-chain", "--sha256", strings.Repeat("00", 32), "--out", out)
	if code != 1 || !strings.Contains(stderr, "WRONG_CHAIN_ID") {
		t.Fatalf("exit %d, %q", code, stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Fatal("a receipt was written")
	}
}

func TestUsageErrorsExit2(t *testing.T) {
	for _, args := range [][]string{{}, {"frobnicate"}, {"verify-receipt", "--receipt", "x"}} {
		if code, _, _ := cli(args...); code != 2 {
			t.Errorf("%v exited %d, want 2", args, code)
		}
	}
}
