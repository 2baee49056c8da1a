// Package testnode starts a real Tabularium node for tests: `python -m tabularium init` and
// `serve` on a loopback port with LMDB in a temp folder, with the interpreter of the project's
// .venv (or $TABULARIUM_SERVER_PYTHON).
package testnode

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"syscall"
	"time"
)

// RepoRoot is the root of the Tabularium repository holding this module.
func RepoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", "..", "..", ".."))
}

func python() string {
	if p := os.Getenv("TABULARIUM_SERVER_PYTHON"); p != "" {
		return p
	}
	return filepath.Join(RepoRoot(), ".venv", "bin", "python")
}

// Chain is a chain created by `tabularium init`.
type Chain struct {
	DataDir      string
	ChainID      string
	AdminKeyPath string
	// LogKeyName and LogPublicKeyHex are what `init` wrote: the key a verifier pins.
	LogKeyName      string
	LogPublicKeyHex string
	Origin          string
}

// Init creates a chain in dataDir.
func Init(dataDir, chainID string) (*Chain, error) {
	cmd := exec.Command(python(), "-m", "tabularium", "--text-logs", "init",
		"--data-dir", dataDir, "--chain-id", chainID)
	out, err := cmd.Output()
	if err != nil {
		if exit, ok := err.(*exec.ExitError); ok {
			return nil, fmt.Errorf("tabularium init: %v: %s", err, exit.Stderr)
		}
		return nil, fmt.Errorf("tabularium init: %w", err)
	}
	var doc struct {
		CheckpointPublicKey string `json:"checkpoint_public_key"`
	}
	if err := json.Unmarshal(out, &doc); err != nil {
		return nil, fmt.Errorf("tabularium init printed %q: %w", out, err)
	}
	return &Chain{
		DataDir:         dataDir,
		ChainID:         chainID,
		AdminKeyPath:    filepath.Join(dataDir, "keys", "admin.key"),
		LogKeyName:      chainID + "-node",
		LogPublicKeyHex: doc.CheckpointPublicKey,
		Origin:          "tabularium.example/" + chainID,
	}, nil
}

// Node is a running `tabularium serve`.
type Node struct {
	Addr string
	cmd  *exec.Cmd
	done chan struct{}
}

// Serve starts a node on dataDir at 127.0.0.1:port (0: any free port) and waits until it serves.
func Serve(dataDir string, port int) (*Node, error) {
	cmd := exec.Command(python(), "-m", "tabularium", "serve",
		"--data-dir", dataDir, "--listen", "127.0.0.1:"+strconv.Itoa(port))
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	lines := bufio.NewScanner(stderr)
	lines.Buffer(make([]byte, 64<<10), 1<<20)
	var seen []string
	ready := make(chan int, 1)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for lines.Scan() {
			var entry struct {
				Msg  string `json:"msg"`
				Port int    `json:"port"`
			}
			if json.Unmarshal(lines.Bytes(), &entry) == nil && entry.Msg == "serving" {
				ready <- entry.Port
				break
			}
			seen = append(seen, lines.Text())
		}
		_, _ = io.Copy(io.Discard, stderr)
	}()
	select {
	case p := <-ready:
		return &Node{Addr: "127.0.0.1:" + strconv.Itoa(p), cmd: cmd, done: done}, nil
	case <-done:
		_ = cmd.Wait()
		return nil, fmt.Errorf("node exited during start-up: %v", seen)
	case <-time.After(60 * time.Second):
		_ = cmd.Process.Kill()
		return nil, fmt.Errorf("node did not start in 60 s")
	}
}

// Stop sends SIGTERM and waits for the node to finish its block in flight and exit.
func (n *Node) Stop() {
	_ = n.cmd.Process.Signal(syscall.SIGTERM)
	<-n.done
	_ = n.cmd.Wait()
}
