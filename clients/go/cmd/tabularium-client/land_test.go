package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLandRefusalsPrintErrorLine(t *testing.T) {
	out := filepath.Join(t.TempDir(), "receipt.json")
	code, stdout, stderr := cli("land-consent", "--server", node.Addr, "--key", chain.AdminKeyPath,
		"--chain-id", chain.ChainID, "--transfer", strings.Repeat("00", 16), "--deed", strings.Repeat("11", 32),
		"--out", out)
	var line map[string]string
	mustDecode(t, []byte(stdout), &line)
	if code != 1 || !strings.HasPrefix(line["error"], "NOT_FOUND: ") || line["reason"] != "TRANSFER_NOT_FOUND" {
		t.Fatalf("exit %d, %q %q", code, stdout, stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Fatal("a refused consent wrote a receipt")
	}

	code, stdout, stderr = cli("land-rights", "--server", node.Addr, "--parcel", "NL-NOWHERE-1")
	mustDecode(t, []byte(stdout), &line)
	if code != 1 || !strings.HasPrefix(line["error"], "NOT_FOUND: ") || line["reason"] != "PARCEL_NOT_FOUND" {
		t.Fatalf("exit %d, %q %q", code, stdout, stderr)
	}
}

func TestLandUsageErrorsExit2(t *testing.T) {
	for _, args := range [][]string{
		{"land-consent", "--server", "x"},
		{"land-consent", "--server", "x", "--key", "k", "--chain-id", "c", "--transfer", "00", "--deed",
			strings.Repeat("11", 32), "--out", "o"},
		{"land-rights", "--server", "x"},
		{"land-rights", "--server", "x", "--parcel", "p", "--at-height", "-1"},
	} {
		if code, _, _ := cli(args...); code != 2 {
			t.Errorf("%v exited %d, want 2", args, code)
		}
	}
}
