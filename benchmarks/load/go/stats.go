package main

import (
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Latencies collects durations from many goroutines.
type Latencies struct {
	mu     sync.Mutex
	values []time.Duration
}

// Add records one duration.
func (l *Latencies) Add(d time.Duration) {
	l.mu.Lock()
	l.values = append(l.values, d)
	l.mu.Unlock()
}

// AddN records the same duration n times (every item of a batch waited as long).
func (l *Latencies) AddN(d time.Duration, n int) {
	l.mu.Lock()
	for range n {
		l.values = append(l.values, d)
	}
	l.mu.Unlock()
}

// Summary is p50/p90/p99/max in milliseconds.
type Summary struct {
	Count int     `json:"count"`
	P50   float64 `json:"p50_ms"`
	P90   float64 `json:"p90_ms"`
	P99   float64 `json:"p99_ms"`
	Max   float64 `json:"max_ms"`
}

// Summarize sorts the values and returns nearest-rank percentiles.
func (l *Latencies) Summarize() Summary {
	l.mu.Lock()
	defer l.mu.Unlock()
	v := append([]time.Duration(nil), l.values...)
	sort.Slice(v, func(i, j int) bool { return v[i] < v[j] })
	at := func(q float64) float64 {
		if len(v) == 0 {
			return 0
		}
		i := int(q*float64(len(v)-1) + 0.5)
		return round3(float64(v[i]) / 1e6)
	}
	s := Summary{Count: len(v), P50: at(0.5), P90: at(0.9), P99: at(0.99)}
	if len(v) > 0 {
		s.Max = round3(float64(v[len(v)-1]) / 1e6)
	}
	return s
}

func round3(x float64) float64 {
	v, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'f', 3, 64), 64)
	return v
}

// cpuSeconds reads user+system CPU seconds of a process from /proc/<pid>/stat
// ("self" for this process). Ticks are USER_HZ, 100 on Linux.
func cpuSeconds(pid string) (float64, error) {
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%s/stat", pid))
	if err != nil {
		return 0, err
	}
	s := string(raw)
	fields := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	utime, _ := strconv.ParseFloat(fields[11], 64)
	stime, _ := strconv.ParseFloat(fields[12], 64)
	return (utime + stime) / 100, nil
}

// CPUMeter measures the CPU this process and, if given, the server used between Start and Stop.
type CPUMeter struct {
	serverPID        string
	client0, server0 float64
	ClientSeconds    float64 `json:"client_cpu_s"`
	ServerSeconds    float64 `json:"server_cpu_s"`
}

// NewCPUMeter starts measuring.
func NewCPUMeter(serverPID int) *CPUMeter {
	m := &CPUMeter{}
	if serverPID > 0 {
		m.serverPID = strconv.Itoa(serverPID)
		m.server0, _ = cpuSeconds(m.serverPID)
	}
	m.client0, _ = cpuSeconds("self")
	return m
}

// Stop records the CPU used since the start.
func (m *CPUMeter) Stop() {
	c, _ := cpuSeconds("self")
	m.ClientSeconds = round3(c - m.client0)
	if m.serverPID != "" {
		s, _ := cpuSeconds(m.serverPID)
		m.ServerSeconds = round3(s - m.server0)
	}
}
