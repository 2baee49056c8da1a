package tabularium_test

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tabularium "github.com/tabularium/tabularium/clients/go"
	documentsv1 "github.com/tabularium/tabularium/clients/go/gen/tabularium/documents/v1"
	"github.com/tabularium/tabularium/clients/go/internal/testnode"
)

// The client agrees with every cross-language vector in tests/vectors/clients (format in its
// README.md): valid cases verify and give the wanted values, every corruption is refused in the
// wanted step.

var vectorsDir = filepath.Join(testnode.RepoRoot(), "tests", "vectors", "clients")

type vectorCase struct {
	Desc    string          `json:"desc"`
	Input   json.RawMessage `json:"input"`
	Want    json.RawMessage `json:"want"`
	WantErr *string         `json:"want_err"`
}

type common struct {
	LogKey string  `json:"log_key"`
	Origin *string `json:"origin"`
}

func (c common) origin() string {
	if c.Origin == nil {
		return ""
	}
	return *c.Origin
}

func unhexAll(t *testing.T, hashes []string) [][]byte {
	out := make([][]byte, len(hashes))
	for i, h := range hashes {
		out[i] = unhex(t, h)
	}
	return out
}

func unhex(t *testing.T, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Each runner verifies a case and returns the values to compare with want (as JSON).
var runners = map[string]func(t *testing.T, input json.RawMessage) (map[string]any, error){
	"receipts": func(t *testing.T, input json.RawMessage) (map[string]any, error) {
		var in struct {
			common
			Receipt     json.RawMessage `json:"receipt"`
			Transaction string          `json:"transaction"`
			Checkpoint  string          `json:"checkpoint"`
		}
		mustUnmarshal(t, input, &in)
		receipt, err := tabularium.UnmarshalReceiptJSON(in.Receipt)
		if err != nil {
			t.Fatal(err)
		}
		if base64.StdEncoding.EncodeToString(receipt.GetTransaction()) != in.Transaction ||
			string(receipt.GetCheckpoint()) != in.Checkpoint {
			t.Fatal("proto3 JSON and flat fields disagree")
		}
		key, err := tabularium.ParseLogKey(in.LogKey)
		if err != nil {
			return nil, err
		}
		cp, err := tabularium.VerifyReceipt(receipt, key, in.origin())
		if err != nil {
			return nil, err
		}
		return map[string]any{
			"tx_hash":     hex.EncodeToString(receipt.GetTxHash()),
			"leaf_hash":   hex.EncodeToString(tabularium.LeafHash(receipt.GetTransaction())),
			"entry_index": receipt.GetEntryIndex(),
			"tree_size":   cp.Size,
			"root":        hex.EncodeToString(cp.Root),
			"origin":      cp.Origin,
		}, nil
	},
	"checkpoints": func(t *testing.T, input json.RawMessage) (map[string]any, error) {
		var in struct {
			common
			Checkpoint string `json:"checkpoint"`
		}
		mustUnmarshal(t, input, &in)
		key, err := tabularium.ParseLogKey(in.LogKey)
		if err != nil {
			return nil, err
		}
		cp, err := tabularium.VerifyCheckpoint([]byte(in.Checkpoint), key, in.origin())
		if err != nil {
			return nil, err
		}
		return map[string]any{
			"origin": cp.Origin, "tree_size": cp.Size, "root": hex.EncodeToString(cp.Root), "body": string(cp.Body),
		}, nil
	},
	"consistency": func(t *testing.T, input json.RawMessage) (map[string]any, error) {
		var in struct {
			common
			Old   string   `json:"old_checkpoint"`
			New   string   `json:"new_checkpoint"`
			Proof []string `json:"proof"`
		}
		mustUnmarshal(t, input, &in)
		key, err := tabularium.ParseLogKey(in.LogKey)
		if err != nil {
			return nil, err
		}
		oldCp, newCp, err := tabularium.VerifyCheckpointConsistency(
			[]byte(in.Old), []byte(in.New), unhexAll(t, in.Proof), key, in.origin())
		if err != nil {
			return nil, err
		}
		return map[string]any{
			"old_size": oldCp.Size, "new_size": newCp.Size,
			"old_root": hex.EncodeToString(oldCp.Root), "new_root": hex.EncodeToString(newCp.Root),
		}, nil
	},
	"transactions": func(t *testing.T, input json.RawMessage) (map[string]any, error) {
		var in struct {
			Transaction string `json:"transaction"`
		}
		mustUnmarshal(t, input, &in)
		raw, err := base64.StdEncoding.DecodeString(in.Transaction)
		if err != nil {
			t.Fatal(err)
		}
		checked, err := tabularium.VerifyTransaction(raw)
		if err != nil {
			return nil, err
		}
		return map[string]any{
			"tx_hash":         hex.EncodeToString(checked.TxHash),
			"leaf_hash":       hex.EncodeToString(tabularium.LeafHash(raw)),
			"body":            hex.EncodeToString(checked.BodyBytes),
			"signing_message": hex.EncodeToString(tabularium.SigningMessage(checked.BodyBytes)),
		}, nil
	},
}

func mustUnmarshal(t *testing.T, data []byte, v any) {
	t.Helper()
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatal(err)
	}
}

func vectorFiles(t *testing.T) []string {
	var files []string
	for group := range runners {
		err := filepath.WalkDir(filepath.Join(vectorsDir, group), func(path string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(path, ".json") {
				files = append(files, path)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(files) < 100 {
		t.Fatalf("found %d vector files under %s", len(files), vectorsDir)
	}
	return files
}

func TestVectors(t *testing.T) {
	for _, path := range vectorFiles(t) {
		rel, _ := filepath.Rel(vectorsDir, path)
		t.Run(rel, func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			var c vectorCase
			mustUnmarshal(t, data, &c)
			got, err := runners[strings.Split(rel, string(filepath.Separator))[0]](t, c.Input)
			if c.WantErr != nil {
				var verr *tabularium.VerificationError
				if !errors.As(err, &verr) {
					t.Fatalf("%s: got %v, want %s", c.Desc, err, *c.WantErr)
				}
				if verr.Category != *c.WantErr {
					t.Fatalf("%s: got %v, want %s", c.Desc, err, *c.WantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("%s: %v", c.Desc, err)
			}
			var want map[string]any
			mustUnmarshal(t, c.Want, &want)
			gotJSON, _ := json.Marshal(got)
			var gotNormal map[string]any
			mustUnmarshal(t, gotJSON, &gotNormal)
			for k, v := range gotNormal {
				if want[k] != v {
					t.Errorf("%s: %s is %v, want %v", c.Desc, k, v, want[k])
				}
			}
		})
	}
}

// Ed25519 is deterministic: the committed keys, this encoder and signer rebuild the exact bytes
// the server accepted.
func TestSigningReproducesServerAcceptedBytes(t *testing.T) {
	for _, name := range []string{"admin-signed", "notary-signed", "two-signers"} {
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(vectorsDir, "transactions", name, "valid.json"))
			if err != nil {
				t.Fatal(err)
			}
			var c struct {
				Input struct {
					Transaction string `json:"transaction"`
				} `json:"input"`
				Want struct {
					Body           string   `json:"body"`
					SigningMessage string   `json:"signing_message"`
					SignerKeys     []string `json:"signer_keys"`
					Fields         struct {
						ChainID   string                         `json:"chain_id"`
						Nonce     string                         `json:"nonce"`
						NotBefore struct{ Seconds, Nanos int64 } `json:"not_before"`
						NotAfter  struct{ Seconds, Nanos int64 } `json:"not_after"`
						Signers   []string                       `json:"signers"`
						Memo      string                         `json:"memo"`
						Doc       map[string]string              `json:"register_document"`
					} `json:"body_fields"`
				} `json:"want"`
			}
			mustUnmarshal(t, data, &c)
			f := c.Want.Fields
			signers := make([]ed25519.PublicKey, len(f.Signers))
			for i, s := range f.Signers {
				signers[i] = unhex(t, s)
			}
			start := time.Unix(f.NotBefore.Seconds, f.NotBefore.Nanos)
			end := time.Unix(f.NotAfter.Seconds, f.NotAfter.Nanos)
			body, err := tabularium.BuildBody(f.ChainID,
				&documentsv1.RegisterDocument{Sha256: unhex(t, f.Doc["sha256"]), Title: f.Doc["title"]},
				signers, tabularium.BodyOptions{Nonce: unhex(t, f.Nonce), NotBefore: start, Window: end.Sub(start), Memo: f.Memo})
			if err != nil {
				t.Fatal(err)
			}
			if hex.EncodeToString(body) != c.Want.Body {
				t.Fatalf("body %x, want %s", body, c.Want.Body)
			}
			var keys []ed25519.PrivateKey
			for _, file := range c.Want.SignerKeys {
				key, err := tabularium.LoadPrivateKey(filepath.Join(vectorsDir, file))
				if err != nil {
					t.Fatal(err)
				}
				keys = append(keys, key)
			}
			raw, err := tabularium.Sign(body, keys...)
			if err != nil {
				t.Fatal(err)
			}
			if base64.StdEncoding.EncodeToString(raw) != c.Input.Transaction {
				t.Fatal("signed transaction differs from the one the server accepted")
			}
		})
	}
}

// The signature block is found by byte offset, so a multi-byte origin does not shift it.
func TestNonASCIIOriginVerifies(t *testing.T) {
	public, private, _ := ed25519.GenerateKey(rand.Reader)
	body := "tabularium.example/s\u00e4ule\n5\n" + base64.StdEncoding.EncodeToString(make([]byte, 32)) + "\n"
	blob := append(tabularium.KeyHash("n", public), ed25519.Sign(private, []byte(body))...)
	note := body + "\n\u2014 n " + base64.StdEncoding.EncodeToString(blob) + "\n"
	cp, err := tabularium.VerifyCheckpoint([]byte(note), tabularium.LogKey{Name: "n", PublicKey: public}, "tabularium.example/s\u00e4ule")
	if err != nil || cp.Size != 5 {
		t.Fatalf("%v %v", cp, err)
	}
}
