// Command loadgen drives benchmarks with little client overhead and prints one JSON object.
//
//	loadgen ingest   --addr HOST:PORT --key admin.key --mode unary|batch --concurrency N --count C
//	loadgen fill     --addr HOST:PORT --key admin.key --target N
//	loadgen reads    --addr HOST:PORT --key admin.key --docs N --seconds S --ingest-rate R
//	loadgen tessera  --url http://127.0.0.1:PORT/ --writers N --count C
//
// Everything it generates (payloads, signed transactions) is made before the clock starts.
package main

import (
	"encoding/json"
	"fmt"
	"os"
)

var commands = map[string]func([]string) (any, error){
	"ingest":  runIngest,
	"fill":    runFill,
	"reads":   runReads,
	"tessera": runTessera,
}

func main() {
	if len(os.Args) < 2 || commands[os.Args[1]] == nil {
		fmt.Fprintln(os.Stderr, "usage: loadgen <command> [flags]; commands:")
		for name := range commands {
			fmt.Fprintln(os.Stderr, "  "+name)
		}
		os.Exit(2)
	}
	result, err := commands[os.Args[1]](os.Args[2:])
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		os.Exit(1)
	}
	out := json.NewEncoder(os.Stdout)
	out.SetIndent("", "  ")
	if err := out.Encode(result); err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		os.Exit(1)
	}
}
