package main

import (
	"context"
	"crypto/rand"
	"flag"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	ledgerv1 "github.com/tabularium/tabularium/clients/go/gen/tabularium/ledger/v1"
)

// IngestResult is what the ingest command prints.
type IngestResult struct {
	Mode        string    `json:"mode"`
	Concurrency int       `json:"concurrency"`
	Batch       int       `json:"batch"`
	Sent        int       `json:"sent"`
	Committed   int       `json:"committed"`
	Errors      int64     `json:"errors"`
	FirstError  string    `json:"first_error,omitempty"`
	Seconds     float64   `json:"seconds"`
	TxPerSecond float64   `json:"tx_per_second"`
	Latency     Summary   `json:"latency"`
	CPU         *CPUMeter `json:"cpu"`
}

// runIngest pre-signs transactions, then submits them to a node (unary or in batches) from
// concurrent workers and times each call from submit to durable receipt.
func runIngest(args []string) (any, error) {
	fs := flag.NewFlagSet("ingest", flag.ExitOnError)
	addr := fs.String("addr", "127.0.0.1:50051", "node address")
	keyPath := fs.String("key", "", "signing key (PEM PKCS#8); empty: random payloads (echo server)")
	chainID := fs.String("chain-id", "bench", "chain id")
	mode := fs.String("mode", "unary", "unary or batch")
	concurrency := fs.Int("concurrency", 1, "concurrent calls in flight")
	batch := fs.Int("batch", 100, "transactions per SubmitTransactions call")
	count := fs.Int("count", 1000, "transactions to send")
	payload := fs.Int("payload-bytes", 300, "payload size when no key is given")
	serverPID := fs.Int("server-pid", 0, "server process to measure CPU of")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	var docs []Document
	if *keyPath != "" {
		signer, err := NewSigner(*chainID, *keyPath)
		if err != nil {
			return nil, err
		}
		if docs, err = signer.Sign(*count); err != nil {
			return nil, err
		}
	} else {
		docs = make([]Document, *count)
		for i := range docs {
			docs[i].Raw = make([]byte, *payload)
			_, _ = rand.Read(docs[i].Raw)
		}
	}
	conn, err := dial(*addr)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	client := ledgerv1.NewLedgerServiceClient(conn)
	ctx := context.Background()
	if _, err := client.GetLogInfo(ctx, &ledgerv1.GetLogInfoRequest{}); err != nil {
		return nil, fmt.Errorf("node not answering: %w", err)
	}

	unit := 1
	if *mode == "batch" {
		unit = *batch
	}
	var next atomic.Int64
	var committed atomic.Int64
	var errors atomic.Int64
	var firstErr sync.Once
	firstError := ""
	fail := func(err error) {
		errors.Add(1)
		firstErr.Do(func() { firstError = err.Error() })
	}
	lat := &Latencies{}
	meter := NewCPUMeter(*serverPID)
	started := time.Now()
	var wg sync.WaitGroup
	for range *concurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				first := int(next.Add(int64(unit))) - unit
				if first >= len(docs) {
					return
				}
				chunk := docs[first:min(first+unit, len(docs))]
				callCtx, cancel := context.WithTimeout(ctx, 120*time.Second)
				t0 := time.Now()
				if *mode == "batch" {
					ok, err := submitBatch(callCtx, client, chunk)
					if err != nil {
						fail(err)
					}
					committed.Add(int64(ok))
					lat.AddN(time.Since(t0), ok)
				} else {
					_, err := client.SubmitTransaction(callCtx, &ledgerv1.SubmitTransactionRequest{Transaction: chunk[0].Raw})
					if err != nil {
						fail(err)
					} else {
						committed.Add(1)
						lat.Add(time.Since(t0))
					}
				}
				cancel()
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(started)
	meter.Stop()
	return IngestResult{
		Mode:        *mode,
		Concurrency: *concurrency,
		Batch:       unit,
		Sent:        len(docs),
		Committed:   int(committed.Load()),
		Errors:      errors.Load(),
		FirstError:  firstError,
		Seconds:     round3(elapsed.Seconds()),
		TxPerSecond: round3(float64(committed.Load()) / elapsed.Seconds()),
		Latency:     lat.Summarize(),
		CPU:         meter,
	}, nil
}
