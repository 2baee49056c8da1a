package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"sync"
	"sync/atomic"
	"time"

	ledgerv1 "github.com/tabularium/tabularium/clients/go/gen/tabularium/ledger/v1"
)

// FillResult is what the fill command prints.
type FillResult struct {
	Size        uint64  `json:"size"`
	Added       int64   `json:"added"`
	Seconds     float64 `json:"seconds"`
	TxPerSecond float64 `json:"tx_per_second"`
}

// runFill grows a node's log to --target entries with real signed transactions sent in batches.
// Batches are signed just before they are sent (transactions have a validity window), by a
// goroutine that keeps a few batches ready. Progress goes to stderr every 10 s.
func runFill(args []string) (any, error) {
	fs := flag.NewFlagSet("fill", flag.ExitOnError)
	addr := fs.String("addr", "127.0.0.1:50051", "node address")
	keyPath := fs.String("key", "", "signing key (PEM PKCS#8)")
	chainID := fs.String("chain-id", "bench", "chain id")
	target := fs.Uint64("target", 1000, "log size to reach")
	batch := fs.Int("batch", 1000, "transactions per call")
	concurrency := fs.Int("concurrency", 4, "calls in flight")
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
	client := ledgerv1.NewLedgerServiceClient(conn)
	ctx := context.Background()
	info, err := client.GetLogInfo(ctx, &ledgerv1.GetLogInfoRequest{})
	if err != nil {
		return nil, err
	}
	start := info.TreeSize
	if start >= *target {
		return FillResult{Size: start}, nil
	}
	need := int64(*target - start)
	batches := make(chan []Document, 2**concurrency)
	signErr := make(chan error, 1)
	go func() {
		defer close(batches)
		for left := need; left > 0; left -= int64(*batch) {
			docs, err := signer.Sign(int(min(left, int64(*batch))))
			if err != nil {
				signErr <- err
				return
			}
			batches <- docs
		}
	}()
	var added atomic.Int64
	var failed atomic.Value
	started := time.Now()
	done := make(chan struct{})
	go func() {
		tick := time.NewTicker(10 * time.Second)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				n := added.Load()
				rate := float64(n) / time.Since(started).Seconds()
				eta := float64(need-n) / max(rate, 1)
				fmt.Fprintf(os.Stderr, "[loadgen %s] log: %d/%d entries, %.0f tx/s, ETA %.0f s\n",
					time.Now().Format("15:04:05"), start+uint64(n), *target, rate, eta)
			}
		}
	}()
	var wg sync.WaitGroup
	for range *concurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for docs := range batches {
				callCtx, cancel := context.WithTimeout(ctx, 300*time.Second)
				ok, err := submitBatch(callCtx, client, docs)
				cancel()
				added.Add(int64(ok))
				if err != nil {
					failed.CompareAndSwap(nil, err)
				}
			}
		}()
	}
	wg.Wait()
	close(done)
	select {
	case err := <-signErr:
		return nil, err
	default:
	}
	if err, _ := failed.Load().(error); err != nil {
		return nil, err
	}
	elapsed := time.Since(started)
	return FillResult{
		Size:        start + uint64(added.Load()),
		Added:       added.Load(),
		Seconds:     round3(elapsed.Seconds()),
		TxPerSecond: round3(float64(added.Load()) / elapsed.Seconds()),
	}, nil
}
