package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/binary"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// TesseraResult is what the tessera command prints.
type TesseraResult struct {
	Writers      int       `json:"writers"`
	Count        int       `json:"count"`
	PayloadBytes int       `json:"payload_bytes"`
	Seconds      float64   `json:"seconds"`
	AppendsPerS  float64   `json:"appends_per_s"`
	Errors       int64     `json:"errors"`
	Add          Summary   `json:"add_latency"`
	Checkpoint   Summary   `json:"checkpoint_latency"`
	CPU          *CPUMeter `json:"cpu"`
}

type cpObservation struct {
	at   time.Time
	size uint64
}

// runTessera drives a Tessera POSIX conformance server's POST /add with unsigned entries from
// concurrent writers and polls GET /checkpoint to time when each entry is first covered by a
// published checkpoint.
func runTessera(args []string) (any, error) {
	fs := flag.NewFlagSet("tessera", flag.ExitOnError)
	base := fs.String("url", "http://127.0.0.1:2025/", "log base URL")
	writers := fs.Int("writers", 256, "concurrent writers")
	count := fs.Int("count", 20000, "entries to add")
	payload := fs.Int("payload-bytes", 300, "bytes per entry")
	serverPID := fs.Int("server-pid", 0, "server process to measure CPU of")
	poll := fs.Duration("poll", 5*time.Millisecond, "checkpoint poll interval")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	url := strings.TrimSuffix(*base, "/")
	client := &http.Client{
		Transport: &http.Transport{
			MaxIdleConns:        *writers + 4,
			MaxIdleConnsPerHost: *writers + 4,
			DialContext:         (&net.Dialer{Timeout: 5 * time.Second}).DialContext,
		},
		Timeout: 60 * time.Second,
	}
	entries := make([][]byte, *count)
	for i := range entries {
		e := make([]byte, *payload)
		_, _ = rand.Read(e)
		binary.BigEndian.PutUint64(e, uint64(i)) // unique: no antispam dedup
		entries[i] = e
	}
	start0, err := checkpointSize(client, url)
	if err != nil {
		return nil, fmt.Errorf("read first checkpoint: %w", err)
	}
	_ = start0

	var observations []cpObservation
	var obsMu sync.Mutex
	ctx, cancel := context.WithCancel(context.Background())
	pollerDone := make(chan struct{})
	go func() {
		defer close(pollerDone)
		t := time.NewTicker(*poll)
		defer t.Stop()
		var last uint64
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
			size, err := checkpointSize(client, url)
			if err != nil || size == last {
				continue
			}
			last = size
			obsMu.Lock()
			observations = append(observations, cpObservation{time.Now(), size})
			obsMu.Unlock()
		}
	}()

	submitted := make([]time.Time, *count)
	indices := make([]uint64, *count)
	ok := make([]bool, *count)
	var next atomic.Int64
	var errors atomic.Int64
	adds := &Latencies{}
	meter := NewCPUMeter(*serverPID)
	started := time.Now()
	var wg sync.WaitGroup
	for range *writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= *count {
					return
				}
				t0 := time.Now()
				submitted[i] = t0
				resp, err := client.Post(url+"/add", "application/octet-stream", bytes.NewReader(entries[i]))
				if err != nil {
					errors.Add(1)
					continue
				}
				body, _ := io.ReadAll(resp.Body)
				_ = resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					errors.Add(1)
					continue
				}
				idx, err := strconv.ParseUint(strings.TrimSpace(strings.SplitN(string(body), "\n", 2)[0]), 10, 64)
				if err != nil {
					errors.Add(1)
					continue
				}
				adds.Add(time.Since(t0))
				indices[i], ok[i] = idx, true
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(started)
	meter.Stop()

	// Wait until every added entry is under a published checkpoint (or 30 s).
	var maxIndex uint64
	for i := range indices {
		if ok[i] && indices[i] > maxIndex {
			maxIndex = indices[i]
		}
	}
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		obsMu.Lock()
		done := len(observations) > 0 && observations[len(observations)-1].size > maxIndex
		obsMu.Unlock()
		if done {
			break
		}
		time.Sleep(*poll)
	}
	cancel()
	<-pollerDone

	cps := &Latencies{}
	for i := range indices {
		if !ok[i] {
			continue
		}
		j := sort.Search(len(observations), func(k int) bool { return observations[k].size > indices[i] })
		if j < len(observations) {
			cps.Add(observations[j].at.Sub(submitted[i]))
		}
	}
	done := *count - int(errors.Load())
	return TesseraResult{
		Writers:      *writers,
		Count:        *count,
		PayloadBytes: *payload,
		Seconds:      round3(elapsed.Seconds()),
		AppendsPerS:  round3(float64(done) / elapsed.Seconds()),
		Errors:       errors.Load(),
		Add:          adds.Summarize(),
		Checkpoint:   cps.Summarize(),
		CPU:          meter,
	}, nil
}

// checkpointSize fetches the log's checkpoint and returns its tree size (second line).
func checkpointSize(client *http.Client, url string) (uint64, error) {
	resp, err := client.Get(url + "/checkpoint")
	if err != nil {
		return 0, err
	}
	body, err := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	if err != nil {
		return 0, err
	}
	if resp.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("checkpoint: HTTP %d", resp.StatusCode)
	}
	lines := strings.SplitN(string(body), "\n", 3)
	if len(lines) < 2 {
		return 0, fmt.Errorf("checkpoint: %q", body)
	}
	return strconv.ParseUint(lines[1], 10, 64)
}
