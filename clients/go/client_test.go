package tabularium_test

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"net"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	tabularium "github.com/tabularium/tabularium/clients/go"
	"github.com/tabularium/tabularium/clients/go/internal/testnode"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
)

func digest(t *testing.T) []byte {
	t.Helper()
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(b)
	return sum[:]
}

func dial(t *testing.T, opts ...tabularium.Option) *tabularium.Client {
	t.Helper()
	client, err := tabularium.Dial(node.Addr, opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { client.Close() })
	return client
}

func adminKey(t *testing.T) []ed25519.PrivateKey {
	t.Helper()
	key, err := tabularium.LoadPrivateKey(chain.AdminKeyPath)
	if err != nil {
		t.Fatal(err)
	}
	return []ed25519.PrivateKey{key}
}

func asRPCError(t *testing.T, err error) *tabularium.RPCError {
	t.Helper()
	var rpcErr *tabularium.RPCError
	if !errors.As(err, &rpcErr) {
		t.Fatalf("got %v, want an *RPCError", err)
	}
	return rpcErr
}

func TestNotarizeReturnsReceiptThatVerifiesOffline(t *testing.T) {
	ctx := context.Background()
	client := dial(t)
	sum := digest(t)
	receipt, err := client.Notarize(ctx, adminKey(t), sum, "contract")
	if err != nil {
		t.Fatal(err)
	}
	cp, err := tabularium.VerifyReceipt(receipt, logKey, chain.Origin)
	if err != nil {
		t.Fatal(err)
	}
	if cp.Size != receipt.GetEntryIndex()+1 {
		t.Fatalf("checkpoint size %d, entry %d", cp.Size, receipt.GetEntryIndex())
	}
	if _, err := tabularium.VerifyTransaction(receipt.GetTransaction()); err != nil {
		t.Fatal(err)
	}
	found, err := client.VerifyDocument(ctx, sum)
	if err != nil || !found.GetRegistered() || found.GetEntryIndex() != receipt.GetEntryIndex() {
		t.Fatalf("VerifyDocument: %v %v", found, err)
	}
	info, err := client.LogInfo(ctx)
	if err != nil || info.GetVerifierKey() != logKey.String() {
		t.Fatalf("node's verifier key %q, pinned %q (%v)", info.GetVerifierKey(), logKey.String(), err)
	}
}

func TestIdenticalBytesAreIdempotent(t *testing.T) {
	ctx := context.Background()
	client := dial(t)
	action, _ := tabularium.RegisterDocument(digest(t), "")
	raw, err := tabularium.BuildSigned(chain.ChainID, action, adminKey(t), tabularium.BodyOptions{})
	if err != nil {
		t.Fatal(err)
	}
	first, err := client.Submit(ctx, raw)
	if err != nil {
		t.Fatal(err)
	}
	again, err := client.Submit(ctx, raw)
	if err != nil {
		t.Fatal(err)
	}
	if again.GetEntryIndex() != first.GetEntryIndex() || string(again.GetTxHash()) != string(tabularium.TxHash(raw)) {
		t.Fatalf("resubmission gave entry %d, first %d", again.GetEntryIndex(), first.GetEntryIndex())
	}
}

func TestSubmitManyGivesOneResultPerItemAndLoggedRefusals(t *testing.T) {
	ctx := context.Background()
	client := dial(t)
	sum := digest(t)
	var raws [][]byte
	for _, d := range [][]byte{sum, sum, digest(t)} {
		action, _ := tabularium.RegisterDocument(d, "")
		raw, err := tabularium.BuildSigned(chain.ChainID, action, adminKey(t), tabularium.BodyOptions{})
		if err != nil {
			t.Fatal(err)
		}
		raws = append(raws, raw)
	}
	results, err := client.SubmitMany(ctx, raws)
	if err != nil {
		t.Fatal(err)
	}
	if len(results) != 3 || results[0].Receipt == nil || results[2].Receipt == nil {
		t.Fatalf("results %+v", results)
	}
	if _, err := tabularium.VerifyReceipt(results[2].Receipt, logKey, ""); err != nil {
		t.Fatal(err)
	}
	refused := results[1].Err
	if refused == nil || refused.Code != codes.AlreadyExists || refused.Reason != "DOCUMENT_ALREADY_REGISTERED" {
		t.Fatalf("duplicate: %+v", refused)
	}
	if index, ok := refused.EntryIndex(); !ok || index <= results[0].Receipt.GetEntryIndex() {
		t.Fatalf("refusal entry index %d %v", index, ok)
	}
}

func TestRefusalsCarryCodeAndReason(t *testing.T) {
	ctx := context.Background()
	client := dial(t)
	_, stranger, _ := ed25519.GenerateKey(rand.Reader)
	_, err := client.Notarize(ctx, []ed25519.PrivateKey{stranger}, digest(t), "")
	if e := asRPCError(t, err); e.Code != codes.PermissionDenied || e.Reason != "UNKNOWN_SIGNER" {
		t.Fatalf("unknown key: %v", e)
	}
	action, _ := tabularium.RegisterDocument(digest(t), "")
	raw, _ := tabularium.BuildSigned(chain.ChainID, action, adminKey(t), tabularium.BodyOptions{})
	raw[len(raw)-1] ^= 1 // the last byte of the signature
	if _, err := tabularium.VerifyTransaction(raw); err == nil {
		t.Fatal("tampered transaction verified offline")
	}
	_, err = client.Submit(ctx, raw)
	if e := asRPCError(t, err); e.Code != codes.Unauthenticated || e.Reason != "BAD_SIGNATURE" {
		t.Fatalf("tampered: %v", e)
	}
}

func TestConsistencyBetweenCheckpointsSeen(t *testing.T) {
	ctx := context.Background()
	client := dial(t)
	early, err := client.Notarize(ctx, adminKey(t), digest(t), "")
	if err != nil {
		t.Fatal(err)
	}
	oldNote, err := client.Checkpoint(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		if _, err := client.Notarize(ctx, adminKey(t), digest(t), ""); err != nil {
			t.Fatal(err)
		}
	}
	newNote, err := client.Checkpoint(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	oldCp, newCp, err := client.CheckConsistency(ctx, oldNote, newNote, logKey)
	if err != nil || oldCp.Size >= newCp.Size {
		t.Fatalf("consistency: %v %v %v", oldCp, newCp, err)
	}
	// A forged proof is refused: the client detects a rewritten history.
	proof, _ := client.ConsistencyProof(ctx, oldCp.Size, newCp.Size)
	proof[0] = make([]byte, 32)
	var verr *tabularium.VerificationError
	_, _, err = tabularium.VerifyCheckpointConsistency(oldNote, newNote, proof, logKey, chain.Origin)
	if !errors.As(err, &verr) || verr.Category != tabularium.ConsistencyProofInvalid {
		t.Fatalf("forged proof: %v", err)
	}
	// A receipt against the older checkpoint proves against that root.
	receipt, err := client.Receipt(ctx, early.GetTxHash(), oldCp.Size)
	if err != nil {
		t.Fatal(err)
	}
	cp, err := tabularium.VerifyReceipt(receipt, logKey, chain.Origin)
	if err != nil || string(cp.Root) != string(oldCp.Root) {
		t.Fatalf("old receipt: %v", err)
	}
}

func freePort(t *testing.T) int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// countAttempts is a client interceptor (the calls still go over the network) that counts
// attempts and runs onFailure after each failed one.
func countAttempts(count *atomic.Int32, onFailure func(attempt int32)) grpc.UnaryClientInterceptor {
	return func(ctx context.Context, method string, req, reply any, cc *grpc.ClientConn, invoker grpc.UnaryInvoker, opts ...grpc.CallOption) error {
		n := count.Add(1)
		err := invoker(ctx, method, req, reply, cc, opts...)
		if err != nil {
			onFailure(n)
		}
		return err
	}
}

func TestUnavailableIsRetriedUntilTheNodeIsUp(t *testing.T) {
	second, err := testnode.Init(filepath.Join(t.TempDir(), "data"), "retry")
	if err != nil {
		t.Fatal(err)
	}
	key, err := tabularium.LoadPrivateKey(second.AdminKeyPath)
	if err != nil {
		t.Fatal(err)
	}
	port := freePort(t)
	var started *testnode.Node
	var attempts atomic.Int32
	interceptor := countAttempts(&attempts, func(n int32) {
		if n == 1 { // nothing listened at first; now a node comes up on that port
			if started, err = testnode.Serve(second.DataDir, port); err != nil {
				t.Error(err)
			}
		}
	})
	defer func() {
		if started != nil {
			started.Stop()
		}
	}()
	client, err := tabularium.Dial(net.JoinHostPort("127.0.0.1", itoa(port)),
		tabularium.WithUnaryInterceptor(interceptor),
		tabularium.WithRetryPolicy(tabularium.RetryPolicy{Attempts: 8, InitialBackoff: 100 * time.Millisecond, MaxBackoff: time.Second, Multiplier: 2}))
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	action, _ := tabularium.RegisterDocument(digest(t), "")
	raw, _ := tabularium.BuildSigned("retry", action, []ed25519.PrivateKey{key}, tabularium.BodyOptions{})
	receipt, err := client.Submit(context.Background(), raw)
	if err != nil {
		t.Fatal(err)
	}
	if attempts.Load() < 2 || string(receipt.GetTxHash()) != string(tabularium.TxHash(raw)) {
		t.Fatalf("%d attempts, receipt %v", attempts.Load(), receipt)
	}
}

func TestUnavailableGivesUpAfterThePolicyAttempts(t *testing.T) {
	var attempts atomic.Int32
	client, err := tabularium.Dial(net.JoinHostPort("127.0.0.1", itoa(freePort(t))),
		tabularium.WithUnaryInterceptor(countAttempts(&attempts, func(int32) {})),
		tabularium.WithRetryPolicy(tabularium.RetryPolicy{Attempts: 3, InitialBackoff: 10 * time.Millisecond, MaxBackoff: 20 * time.Millisecond, Multiplier: 2}))
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	_, err = client.Checkpoint(context.Background(), 0)
	if e := asRPCError(t, err); e.Code != codes.Unavailable || attempts.Load() != 3 {
		t.Fatalf("%v after %d attempts, want UNAVAILABLE after 3", e, attempts.Load())
	}
}
