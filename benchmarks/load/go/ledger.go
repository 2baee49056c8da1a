package main

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"fmt"
	"runtime"
	"sync"

	tabularium "github.com/tabularium/tabularium/clients/go"
	ledgerv1 "github.com/tabularium/tabularium/clients/go/gen/tabularium/ledger/v1"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
)

const maxMessage = 256 << 20

// dial opens one HTTP/2 connection to a node; all workers multiplex over it.
func dial(addr string) (*grpc.ClientConn, error) {
	return grpc.NewClient(addr,
		grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithDefaultCallOptions(grpc.MaxCallSendMsgSize(maxMessage), grpc.MaxCallRecvMsgSize(maxMessage)))
}

// Signer makes signed RegisterDocument transactions with the Go client library.
type Signer struct {
	chainID string
	key     ed25519.PrivateKey
}

// NewSigner loads a PEM PKCS#8 Ed25519 key.
func NewSigner(chainID, keyPath string) (*Signer, error) {
	key, err := tabularium.LoadPrivateKey(keyPath)
	if err != nil {
		return nil, err
	}
	return &Signer{chainID: chainID, key: key}, nil
}

// Document is one signed registration: its bytes, tx hash and the digest it registers.
type Document struct {
	Raw    []byte
	TxHash []byte
	Digest []byte
}

// Sign makes n signed transactions on all cores (called before any clock starts).
func (s *Signer) Sign(n int) ([]Document, error) {
	out := make([]Document, n)
	workers := runtime.NumCPU()
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < n; i += workers {
				digest := make([]byte, sha256.Size)
				_, _ = rand.Read(digest)
				action, err := tabularium.RegisterDocument(digest, "bench")
				if err != nil {
					errs <- err
					return
				}
				raw, err := tabularium.BuildSigned(s.chainID, action, []ed25519.PrivateKey{s.key}, tabularium.BodyOptions{})
				if err != nil {
					errs <- err
					return
				}
				out[i] = Document{Raw: raw, TxHash: tabularium.TxHash(raw), Digest: digest}
			}
		}()
	}
	wg.Wait()
	close(errs)
	if err := <-errs; err != nil {
		return nil, err
	}
	return out, nil
}

// submitBatch sends one SubmitTransactions call and returns how many items got a receipt.
func submitBatch(ctx context.Context, client ledgerv1.LedgerServiceClient, docs []Document) (int, error) {
	raws := make([][]byte, len(docs))
	for i, d := range docs {
		raws[i] = d.Raw
	}
	resp, err := client.SubmitTransactions(ctx, &ledgerv1.SubmitTransactionsRequest{Transactions: raws})
	if err != nil {
		return 0, err
	}
	ok := 0
	for _, r := range resp.Results {
		if r.GetReceipt() != nil {
			ok++
		}
	}
	if ok != len(docs) {
		for _, r := range resp.Results {
			if e := r.GetError(); e != nil {
				return ok, fmt.Errorf("refused: %s: %s", e.Reason, e.Message)
			}
		}
	}
	return ok, nil
}
