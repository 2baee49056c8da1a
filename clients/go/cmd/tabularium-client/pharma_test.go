package main

import (
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tabularium "github.com/tabularium/tabularium/clients/go"
)

const testGTIN = "09506000134352"

func scanArgs(command, productKey, scan string, extra ...string) []string {
	return append([]string{command, "--server", node.Addr, "--key", chain.AdminKeyPath,
		"--chain-id", chain.ChainID, "--organisation", "did:web:pharmacy.example", "--site", "0000000000031",
		"--product-key", productKey, "--scan", scan}, extra...)
}

func TestPharmaUsageErrorsExit2(t *testing.T) {
	key := filepath.Join(t.TempDir(), "product.key")
	if err := os.WriteFile(key, make([]byte, 32), 0o600); err != nil {
		t.Fatal(err)
	}
	good := "]d201" + testGTIN + "1729123110B1\x1d21S1"
	if code, _, stderr := cli(scanArgs("pharma-verify", key, "01"+testGTIN+"17291231")...); code != 2 ||
		!strings.Contains(stderr, "MISSING_AI (AI 21)") {
		t.Errorf("missing serial: exit %d, %s", code, stderr)
	}
	if code, _, stderr := cli(scanArgs("pharma-decommission", key, good)...); code != 2 {
		t.Errorf("no --reason: exit %d, %s", code, stderr)
	}
	if code, _, stderr := cli(scanArgs("pharma-decommission", key, good, "--reason", "lost")...); code != 2 {
		t.Errorf("unknown --reason: exit %d, %s", code, stderr)
	}
	if err := os.WriteFile(key, make([]byte, 16), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := cli(scanArgs("pharma-verify", key, good)...); code != 2 || !strings.Contains(stderr, "32") {
		t.Errorf("16-byte product key: exit %d, %s", code, stderr)
	}
}

func TestPharmaRefusedScanPrintsOneJSONLine(t *testing.T) {
	dir := t.TempDir()
	productKey := make([]byte, 32)
	for i := range productKey {
		productKey[i] = byte(i)
	}
	key := filepath.Join(dir, "product.key")
	if err := os.WriteFile(key, productKey, 0o600); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "receipt.json")
	code, stdout, stderr := cli(scanArgs("pharma-verify", key, "01"+testGTIN+"1729123110B1\x1d21S1", "--out", out)...)
	if code != 1 {
		t.Fatalf("exit %d: %s %s", code, stdout, stderr)
	}
	var line map[string]any
	if err := json.Unmarshal([]byte(stdout), &line); err != nil {
		t.Fatalf("%v: %q", err, stdout)
	}
	var keys []string
	for k := range line {
		keys = append(keys, k)
	}
	want, _ := tabularium.PackKey(productKey, testGTIN, "S1")
	if line["code"] == "OK" || line["reason"] == "" || line["pack_key"] != hex.EncodeToString(want) {
		t.Errorf("got %v", line)
	}
	if len(keys) != 8 {
		t.Errorf("fields %v", keys)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a refused scan wrote a receipt")
	}
}
