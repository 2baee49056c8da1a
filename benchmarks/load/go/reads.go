package main

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"time"

	documentsv1 "github.com/tabularium/tabularium/clients/go/gen/tabularium/documents/v1"
	ledgerv1 "github.com/tabularium/tabularium/clients/go/gen/tabularium/ledger/v1"
)

// ReadPhase is one timed phase of the reads command.
type ReadPhase struct {
	Seconds          float64   `json:"seconds"`
	GetTransactionPS float64   `json:"get_transaction_per_s"`
	VerifyDocumentPS float64   `json:"verify_document_per_s"`
	GetTransaction   Summary   `json:"get_transaction_latency"`
	VerifyDocument   Summary   `json:"verify_document_latency"`
	IngestTargetPS   float64   `json:"ingest_target_tx_per_s"`
	IngestPS         float64   `json:"ingest_tx_per_s"`
	Errors           int64     `json:"errors"`
	CPU              *CPUMeter `json:"cpu"`
}

const ingestBatch = 100

// runReads pre-fills documents, then times GetTransaction and VerifyDocument from concurrent
// readers, first idle, then while a writer submits batches of 100 at --ingest-rate tx/s.
func runReads(args []string) (any, error) {
	fs := flag.NewFlagSet("reads", flag.ExitOnError)
	addr := fs.String("addr", "127.0.0.1:50051", "node address")
	keyPath := fs.String("key", "", "signing key (PEM PKCS#8)")
	chainID := fs.String("chain-id", "bench", "chain id")
	docsN := fs.Int("docs", 20000, "documents to register first")
	readers := fs.Int("readers", 16, "concurrent readers (half of each RPC)")
	seconds := fs.Float64("seconds", 10, "length of each phase")
	rate := fs.Float64("ingest-rate", 1000, "tx/s submitted during the second phase")
	serverPID := fs.Int("server-pid", 0, "server process to measure CPU of")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	signer, err := NewSigner(*chainID, *keyPath)
	if err != nil {
		return nil, err
	}
	conn, err := dial(*addr)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	ledger := ledgerv1.NewLedgerServiceClient(conn)
	documents := documentsv1.NewDocumentsServiceClient(conn)
	ctx := context.Background()
	docs, err := signer.Sign(*docsN)
	if err != nil {
		return nil, err
	}
	for first := 0; first < len(docs); first += 1000 {
		if _, err := submitBatch(ctx, ledger, docs[first:min(first+1000, len(docs))]); err != nil {
			return nil, fmt.Errorf("prefill: %w", err)
		}
	}
	// Transactions for the writer, signed now (enough for the phase at the target rate).
	writes, err := signer.Sign(int(*rate**seconds) + 2*ingestBatch)
	if err != nil {
		return nil, err
	}
	phase := func(ingestRate float64) ReadPhase {
		deadline := time.Now().Add(time.Duration(*seconds * float64(time.Second)))
		txLat, docLat := &Latencies{}, &Latencies{}
		var errs, committed atomic.Int64
		var wg sync.WaitGroup
		meter := NewCPUMeter(*serverPID)
		started := time.Now()
		for i := range *readers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				rng := rand.New(rand.NewPCG(uint64(i), 7))
				for time.Now().Before(deadline) {
					d := docs[rng.IntN(len(docs))]
					t0 := time.Now()
					if i%2 == 1 {
						_, err := ledger.GetTransaction(ctx, &ledgerv1.GetTransactionRequest{TxHash: d.TxHash})
						if err != nil {
							errs.Add(1)
							continue
						}
						txLat.Add(time.Since(t0))
					} else {
						resp, err := documents.VerifyDocument(ctx, &documentsv1.VerifyDocumentRequest{Sha256: d.Digest})
						if err != nil || !resp.Registered {
							errs.Add(1)
							continue
						}
						docLat.Add(time.Since(t0))
					}
				}
			}()
		}
		if ingestRate > 0 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				interval := time.Duration(float64(ingestBatch) / ingestRate * float64(time.Second))
				var calls sync.WaitGroup
				next := time.Now()
				for first := 0; time.Now().Before(deadline) && first+ingestBatch <= len(writes); first += ingestBatch {
					time.Sleep(time.Until(next))
					next = next.Add(interval)
					chunk := writes[first : first+ingestBatch]
					calls.Add(1)
					go func() {
						defer calls.Done()
						ok, err := submitBatch(ctx, ledger, chunk)
						if err != nil {
							errs.Add(1)
						}
						committed.Add(int64(ok))
					}()
				}
				calls.Wait()
			}()
		}
		wg.Wait()
		elapsed := time.Since(started).Seconds()
		meter.Stop()
		tx, doc := txLat.Summarize(), docLat.Summarize()
		return ReadPhase{
			Seconds:          round3(elapsed),
			GetTransactionPS: round3(float64(tx.Count) / elapsed),
			VerifyDocumentPS: round3(float64(doc.Count) / elapsed),
			GetTransaction:   tx,
			VerifyDocument:   doc,
			IngestTargetPS:   round3(ingestRate),
			IngestPS:         round3(float64(committed.Load()) / elapsed),
			Errors:           errs.Load(),
			CPU:              meter,
		}
	}
	idle := phase(0)
	loaded := phase(*rate)
	return map[string]ReadPhase{"idle": idle, "under_ingest": loaded}, nil
}
