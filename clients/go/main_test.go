package tabularium_test

import (
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	tabularium "github.com/tabularium/tabularium/clients/go"
	"github.com/tabularium/tabularium/clients/go/internal/testnode"
)

// One real node for the package's tests (see internal/testnode).
var (
	chain  *testnode.Chain
	node   *testnode.Node
	logKey tabularium.LogKey
)

func TestMain(m *testing.M) {
	os.Exit(runWithNode(m))
}

func runWithNode(m *testing.M) int {
	dir, err := os.MkdirTemp("", "tabularium-go-client-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	chain, err = testnode.Init(filepath.Join(dir, "data"), "go-client")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	public, err := hex.DecodeString(chain.LogPublicKeyHex)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	// Pinned from what `init` wrote, not from what the running node says.
	logKey = tabularium.LogKey{Name: chain.LogKeyName, PublicKey: public}
	node, err = testnode.Serve(chain.DataDir, 0)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer node.Stop()
	return m.Run()
}

func itoa(n int) string { return fmt.Sprint(n) }
