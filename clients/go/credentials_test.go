package tabularium_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	tabularium "github.com/tabularium/tabularium/clients/go"
	"github.com/tabularium/tabularium/clients/go/internal/testnode"
)

// The offline credential and presentation verifier agrees with every case of
// tests/vectors/presentations (format and checks in its README.md).

type presentationCase struct {
	Name      string            `json:"name"`
	Kind      string            `json:"kind"`
	File      string            `json:"file"`
	Challenge string            `json:"challenge"`
	Domain    string            `json:"domain"`
	Now       string            `json:"now"`
	Bindings  map[string]string `json:"bindings"`
	Want      wantVerdict       `json:"want"`
}

type wantVerdict struct {
	Status      string            `json:"status"`
	Checks      map[string]string `json:"checks"`
	Credentials []wantVerdict     `json:"credentials"`
}

func outcomes(v *tabularium.Verdict) wantVerdict {
	got := wantVerdict{Status: v.Status, Checks: map[string]string{}}
	for name, c := range v.Checks {
		got.Checks[name] = c.Outcome
	}
	for _, c := range v.Credentials {
		got.Credentials = append(got.Credentials, outcomes(c))
	}
	return got
}

func TestPresentationVectors(t *testing.T) {
	dir := filepath.Join(testnode.RepoRoot(), "tests", "vectors", "presentations")
	data, err := os.ReadFile(filepath.Join(dir, "cases.json"))
	if err != nil {
		t.Fatal(err)
	}
	var file struct {
		Cases []presentationCase `json:"cases"`
	}
	if err := json.Unmarshal(data, &file); err != nil {
		t.Fatal(err)
	}
	if len(file.Cases) < 10 {
		t.Fatalf("only %d cases", len(file.Cases))
	}
	for _, c := range file.Cases {
		t.Run(c.Name, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join(dir, c.File))
			if err != nil {
				t.Fatal(err)
			}
			now, err := time.Parse(time.RFC3339, c.Now)
			if err != nil {
				t.Fatal(err)
			}
			var v *tabularium.Verdict
			if c.Kind == "presentation" {
				v = tabularium.VerifyPresentation(raw, c.Challenge, c.Domain, now, c.Bindings)
			} else {
				v = tabularium.VerifyCredential(raw, now, c.Bindings)
			}
			got, _ := json.Marshal(outcomes(v))
			want, _ := json.Marshal(c.Want)
			if string(got) != string(want) {
				t.Fatalf("got %s\nwant %s\nreasons %v", got, want, v.Reasons)
			}
		})
	}
}

func TestPresentationMalformedInput(t *testing.T) {
	now := time.Now()
	for _, raw := range []string{"{", "[]", `{"a":1,"a":2}`, `{"a":1} x`} {
		if s := tabularium.VerifyPresentation([]byte(raw), "c", "d", now, nil).Status; s != "MALFORMED" {
			t.Errorf("%q: %s", raw, s)
		}
		if s := tabularium.VerifyCredential([]byte(raw), now, nil).Status; s != "MALFORMED" {
			t.Errorf("%q: %s", raw, s)
		}
	}
}

func TestCanonicalizeRFC8785(t *testing.T) {
	value := map[string]any{"\u20ac": json.Number("1"), "\r": json.Number("2"), "\ufb33": json.Number("3"), "1": json.Number("4"), "\U0001f600": json.Number("5"), "\u0080": json.Number("6")}
	got, err := tabularium.Canonicalize(value)
	if err != nil {
		t.Fatal(err)
	}
	want := "{\"\\r\":2,\"1\":4,\"\u0080\":6,\"\u20ac\":1,\"\U0001f600\":5,\"\ufb33\":3}"
	if string(got) != want {
		t.Fatalf("got %s want %s", got, want)
	}
	if s, _ := tabularium.Canonicalize("\u001f\t\"\\/\u2028"); string(s) != "\"\\u001f\\t\\\"\\\\/\u2028\"" {
		t.Fatalf("strings: %s", s)
	}
	if _, err := tabularium.Canonicalize(json.Number("1.5")); err == nil {
		t.Fatal("1.5 accepted")
	}
}
