package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tabularium "github.com/tabularium/tabularium/clients/go"
	vaultv1 "github.com/tabularium/tabularium/clients/go/gen/tabularium/vault/v1"
	"google.golang.org/protobuf/types/known/timestamppb"
)

type putResult struct {
	DocumentID string `json:"document_id"`
	Version    uint32 `json:"version"`
	EntryIndex uint64 `json:"entry_index"`
	Salt       string `json:"salt"`
	SHA256     string `json:"sha256"`
}

// adminGrant lets the admin read and export documentID (hex), through the library.
func adminGrant(t *testing.T, documentID string) string {
	t.Helper()
	key, err := tabularium.LoadPrivateKey(chain.AdminKeyPath)
	if err != nil {
		t.Fatal(err)
	}
	did := tabularium.DIDKey(key.Public().(ed25519.PublicKey))
	id, _ := hex.DecodeString(documentID)
	raw, err := tabularium.BuildSigned(chain.ChainID, &vaultv1.GrantAccess{
		Owner: did, DocumentId: id, Grantee: did,
		Permissions: []vaultv1.Permission{vaultv1.Permission_PERMISSION_READ, vaultv1.Permission_PERMISSION_EXPORT},
		ExpiresAt:   timestamppb.New(time.Now().Add(time.Hour)), Purpose: "go cli test",
	}, []ed25519.PrivateKey{key}, tabularium.BodyOptions{})
	if err != nil {
		t.Fatal(err)
	}
	client, err := tabularium.Dial(node.Addr)
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	receipt, err := client.Submit(context.Background(), raw)
	if err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(tabularium.TxHash(receipt.GetTransaction())[:16])
}

func adminDID(t *testing.T) string {
	t.Helper()
	key, err := tabularium.LoadPrivateKey(chain.AdminKeyPath)
	if err != nil {
		t.Fatal(err)
	}
	return tabularium.DIDKey(key.Public().(ed25519.PublicKey))
}

func TestVaultPutThenGetAndExport(t *testing.T) {
	dir := t.TempDir()
	content := make([]byte, 1<<20+777)
	_, _ = rand.Read(content)
	sum := sha256.Sum256(content)
	input := filepath.Join(dir, "in.bin")
	if err := os.WriteFile(input, content, 0o600); err != nil {
		t.Fatal(err)
	}
	resultPath := filepath.Join(dir, "put.json")
	code, stdout, stderr := cli("vault-put", "--server", node.Addr, "--key", chain.AdminKeyPath,
		"--chain-id", chain.ChainID, "--owner", adminDID(t), "--file", input,
		"--media-type", "application/octet-stream", "--out", resultPath)
	if code != 0 {
		t.Fatalf("vault-put exited %d: %s %s", code, stdout, stderr)
	}
	data, err := os.ReadFile(resultPath)
	if err != nil {
		t.Fatal(err)
	}
	var put putResult
	mustDecode(t, data, &put)
	if len(put.DocumentID) != 32 || put.Version != 1 || len(put.Salt) != 64 || put.SHA256 != hex.EncodeToString(sum[:]) {
		t.Fatalf("vault-put wrote %s", data)
	}
	grantID := adminGrant(t, put.DocumentID)

	var lastEntry uint64
	for _, extra := range [][]string{nil, {"--export"}} {
		output := filepath.Join(dir, "out"+strings.Join(extra, ""))
		args := append([]string{"vault-get", "--server", node.Addr, "--key", chain.AdminKeyPath,
			"--chain-id", chain.ChainID, "--document", put.DocumentID, "--grant", grantID,
			"--purpose", "go cli test", "--out", output}, extra...)
		code, stdout, stderr := cli(args...)
		if code != 0 {
			t.Fatalf("vault-get %v exited %d: %s %s", extra, code, stdout, stderr)
		}
		var got struct {
			EntryIndex uint64 `json:"entry_index"`
			TxHash     string `json:"tx_hash"`
			Size       uint64 `json:"size"`
			SHA256     string `json:"sha256"`
		}
		mustDecode(t, []byte(stdout), &got)
		if strings.Count(stdout, "\n") != 1 || got.EntryIndex <= max(put.EntryIndex, lastEntry) ||
			len(got.TxHash) != 64 || got.Size != uint64(len(content)) || got.SHA256 != put.SHA256 {
			t.Fatalf("vault-get %v printed %q", extra, stdout)
		}
		lastEntry = got.EntryIndex
		written, err := os.ReadFile(output)
		if err != nil || !bytes.Equal(written, content) {
			t.Fatalf("vault-get %v wrote %d bytes (%v)", extra, len(written), err)
		}
	}
	if leftovers, _ := filepath.Glob(filepath.Join(dir, ".*.part")); len(leftovers) != 0 {
		t.Fatalf("temporary files left: %v", leftovers)
	}
}

func TestVaultRefusalPrintsErrorLine(t *testing.T) {
	dir := t.TempDir()
	input := filepath.Join(dir, "in.txt")
	_ = os.WriteFile(input, []byte("a short note"), 0o600)
	resultPath := filepath.Join(dir, "put.json")
	code, stdout, stderr := cli("vault-put", "--server", node.Addr, "--key", chain.AdminKeyPath,
		"--chain-id", chain.ChainID, "--owner", adminDID(t), "--file", input,
		"--media-type", "text/plain", "--out", resultPath)
	if code != 0 {
		t.Fatalf("vault-put exited %d: %s %s", code, stdout, stderr)
	}
	var put putResult
	data, _ := os.ReadFile(resultPath)
	mustDecode(t, data, &put)

	output := filepath.Join(dir, "out.txt")
	code, stdout, _ = cli("vault-get", "--server", node.Addr, "--key", chain.AdminKeyPath,
		"--chain-id", chain.ChainID, "--document", put.DocumentID, "--grant", strings.Repeat("00", 16),
		"--purpose", "no grant", "--out", output)
	var line map[string]string
	mustDecode(t, []byte(stdout), &line)
	if code != 1 || !strings.HasPrefix(line["error"], "NOT_FOUND: ") || line["reason"] != "GRANT_NOT_FOUND" || len(line) != 2 {
		t.Fatalf("exit %d, %q", code, stdout)
	}
	if _, err := os.Stat(output); err == nil {
		t.Fatal("a refused read wrote the output")
	}
	if leftovers, _ := filepath.Glob(filepath.Join(dir, ".*.part")); len(leftovers) != 0 {
		t.Fatalf("temporary files left: %v", leftovers)
	}

	code, stdout, _ = cli("vault-put", "--server", node.Addr, "--key", chain.AdminKeyPath,
		"--chain-id", "not-this-chain", "--owner", adminDID(t), "--file", input,
		"--media-type", "text/plain", "--out", filepath.Join(dir, "refused.json"))
	mustDecode(t, []byte(stdout), &line)
	if code != 1 || !strings.HasPrefix(line["error"], "INVALID_ARGUMENT: ") || line["reason"] != "WRONG_CHAIN_ID" {
		t.Fatalf("exit %d, %q", code, stdout)
	}
	if _, err := os.Stat(filepath.Join(dir, "refused.json")); err == nil {
		t.Fatal("a refused upload wrote a result")
	}
}

func TestVaultUsageErrorsExit2(t *testing.T) {
	for _, args := range [][]string{
		{"vault-put", "--server", "x"},
		{"vault-get", "--server", "x", "--key", "k", "--chain-id", "c", "--document", "zz", "--grant", "00",
			"--purpose", "p", "--out", "o"},
	} {
		if code, _, _ := cli(args...); code != 2 {
			t.Errorf("%v exited %d, want 2", args, code)
		}
	}
}

func mustDecode(t *testing.T, data []byte, v any) {
	t.Helper()
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("%q: %v", data, err)
	}
}
