package main

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"

	tabularium "github.com/tabularium/tabularium/clients/go"
	pharmav1 "github.com/tabularium/tabularium/clients/go/gen/tabularium/pharma/v1"
	"google.golang.org/protobuf/proto"
)

// decommissionReasons maps --reason names (supplied, destroyed, exported, sample, free-sample,
// stolen, locked) to the enum.
var decommissionReasons = func() map[string]pharmav1.DecommissionReason {
	out := map[string]pharmav1.DecommissionReason{}
	for name, value := range pharmav1.DecommissionReason_value {
		if value != 0 {
			short := strings.ToLower(strings.TrimPrefix(name, "DECOMMISSION_REASON_"))
			out[strings.ReplaceAll(short, "_", "-")] = pharmav1.DecommissionReason(value)
		}
	}
	return out
}()

// scanLine is the ScanResult as pharma-verify and pharma-decommission print it.
type scanLine struct {
	Code       string   `json:"code"`
	Reason     string   `json:"reason"`
	Message    string   `json:"message"`
	EntryIndex *uint64  `json:"entry_index"`
	Status     *string  `json:"status"`
	Owner      *string  `json:"owner"`
	AlertIDs   []uint64 `json:"alert_ids"`
	PackKey    string   `json:"pack_key"`
}

// pharmaScan runs pharma-verify or pharma-decommission: one scan through SubmitScans, its result
// printed as one JSON line; exit 0 if OK, 1 if refused, 2 if the scan or product key is unusable.
func pharmaScan(command string, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet(command, flag.ContinueOnError)
	fs.SetOutput(stderr)
	server := fs.String("server", "", "node address HOST:PORT")
	keyPath := fs.String("key", "", "PEM PKCS#8 Ed25519 private key of the scanning organisation")
	chainID := fs.String("chain-id", "", "the node's chain id")
	organisation := fs.String("organisation", "", "DID of the scanning organisation")
	site := fs.String("site", "", "GLN of its premises")
	productKeyPath := fs.String("product-key", "", "file holding the 32-byte product key")
	scanText := fs.String("scan", "", "GS1 element string as scanned")
	out := fs.String("out", "", "receipt JSON to write if the scan is accepted (optional)")
	names := []string{"server", "key", "chain-id", "organisation", "site", "product-key", "scan"}
	var reasonName *string
	if command == "pharma-decommission" {
		reasonName = fs.String("reason", "", "supplied, destroyed, exported, sample, free-sample, stolen or locked")
		names = append(names, "reason")
	}
	if fs.Parse(args) != nil || fs.NArg() != 0 || !required(fs, stderr, names...) {
		return 2
	}
	usage := func(err error) int {
		fmt.Fprintf(stderr, "%s: %v\n", command, err)
		return 2
	}
	productKey, err := os.ReadFile(*productKeyPath)
	if err != nil {
		return usage(err)
	}
	scan, err := tabularium.ParseScan(*scanText, time.Now().UTC().Year())
	if err != nil {
		return usage(err)
	}
	pack, err := scan.ScannedPack(productKey)
	if err != nil {
		return usage(err)
	}
	var action proto.Message = tabularium.VerifyPack(*organisation, *site, pack)
	if reasonName != nil {
		reason, ok := decommissionReasons[*reasonName]
		if !ok {
			known := make([]string, 0, len(decommissionReasons))
			for name := range decommissionReasons {
				known = append(known, name)
			}
			sort.Strings(known)
			return usage(fmt.Errorf("--reason %q: want one of %s", *reasonName, strings.Join(known, ", ")))
		}
		if action, err = tabularium.DecommissionPack(*organisation, *site, pack, reason); err != nil {
			return usage(err)
		}
	}
	fail := func(err error) int { return jsonFailure(command, err, stdout, stderr) }
	key, err := tabularium.LoadPrivateKey(*keyPath)
	if err != nil {
		return fail(err)
	}
	raw, err := tabularium.BuildSigned(*chainID, action, []ed25519.PrivateKey{key}, tabularium.BodyOptions{})
	if err != nil {
		return fail(err)
	}
	client, err := tabularium.Dial(*server)
	if err != nil {
		return fail(err)
	}
	defer client.Close()
	results, err := client.SubmitScans(context.Background(), [][]byte{raw})
	if err != nil {
		return fail(err)
	}
	if len(results) != 1 {
		return fail(fmt.Errorf("node answered %d results for one scan", len(results)))
	}
	result := results[0]
	if *out != "" && result.GetCode() == "OK" {
		data, err := tabularium.MarshalReceiptJSON(result.GetReceipt())
		if err != nil {
			return fail(err)
		}
		if err := os.WriteFile(*out, data, 0o644); err != nil {
			return fail(err)
		}
	}
	line := scanLine{
		Code: result.GetCode(), Reason: result.GetReason(), Message: result.GetMessage(),
		EntryIndex: result.EntryIndex, AlertIDs: result.GetAlertIds(), PackKey: hex.EncodeToString(pack.GetPackKey()),
	}
	if line.AlertIDs == nil {
		line.AlertIDs = []uint64{}
	}
	if p := result.GetPack(); p != nil {
		status, owner := p.GetStatus().String(), p.GetOwner()
		line.Status, line.Owner = &status, &owner
	}
	printJSON(stdout, line)
	if result.GetCode() != "OK" {
		return 1
	}
	return 0
}
