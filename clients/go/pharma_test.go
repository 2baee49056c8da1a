package tabularium_test

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"

	tabularium "github.com/tabularium/tabularium/clients/go"
	"github.com/tabularium/tabularium/clients/go/internal/testnode"
)

// The scan reader and pack key agree with the server's reference on every case of
// tests/vectors/pharma/scans.json.

type pharmaVectors struct {
	ReferenceYear int    `json:"reference_year"`
	ProductKey    string `json:"product_key"`
	Cases         []struct {
		Desc string `json:"desc"`
		Scan string `json:"scan"`
		Want *struct {
			GTIN    string `json:"gtin"`
			Serial  string `json:"serial"`
			Batch   string `json:"batch"`
			Expiry  string `json:"expiry"`
			PackKey string `json:"pack_key"`
		} `json:"want"`
		WantErr *struct {
			Reason string `json:"reason"`
			AI     string `json:"ai"`
		} `json:"want_err"`
	} `json:"cases"`
}

func TestPharmaScanVectors(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(testnode.RepoRoot(), "tests", "vectors", "pharma", "scans.json"))
	if err != nil {
		t.Fatal(err)
	}
	var vectors pharmaVectors
	if err := json.Unmarshal(data, &vectors); err != nil {
		t.Fatal(err)
	}
	productKey, _ := hex.DecodeString(vectors.ProductKey)
	if len(vectors.Cases) < 20 {
		t.Fatalf("only %d cases", len(vectors.Cases))
	}
	for _, c := range vectors.Cases {
		scan, err := tabularium.ParseScan(c.Scan, vectors.ReferenceYear)
		if c.WantErr != nil {
			var scanErr *tabularium.ScanError
			if !errors.As(err, &scanErr) || scanErr.Reason != c.WantErr.Reason || scanErr.AI != c.WantErr.AI {
				t.Errorf("%s: got %v (%v), want %s AI %q", c.Desc, scan, err, c.WantErr.Reason, c.WantErr.AI)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", c.Desc, err)
			continue
		}
		w := c.Want
		if scan.GTIN != w.GTIN || scan.Serial != w.Serial || scan.Batch != w.Batch || scan.Expiry != w.Expiry {
			t.Errorf("%s: got %+v, want %+v", c.Desc, scan, w)
		}
		pack, err := scan.ScannedPack(productKey)
		if err != nil || hex.EncodeToString(pack.GetPackKey()) != w.PackKey || pack.GetGtin() != w.GTIN ||
			pack.GetBatch() != w.Batch || pack.GetExpiry() != w.Expiry {
			t.Errorf("%s: scanned pack %v (%v), want key %s", c.Desc, pack, err, w.PackKey)
		}
	}
}

func TestPackKeyRefusesABadProductKeyGTINOrSerial(t *testing.T) {
	if _, err := tabularium.PackKey(make([]byte, 31), "09506000134352", "S1"); err == nil {
		t.Error("31-byte product key accepted")
	}
	var scanErr *tabularium.ScanError
	if _, err := tabularium.PackKey(make([]byte, 32), "09506000134353", "S1"); !errors.As(err, &scanErr) || scanErr.AI != "01" {
		t.Errorf("bad check digit: %v", err)
	}
	if _, err := tabularium.PackKey(make([]byte, 32), "09506000134352", ""); !errors.As(err, &scanErr) || scanErr.AI != "21" {
		t.Errorf("empty serial: %v", err)
	}
}
