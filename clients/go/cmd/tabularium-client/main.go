// Command tabularium-client is the cross-language test contract of the Go client:
//
//	tabularium-client notarize --server HOST:PORT --key KEY.pem --chain-id ID --sha256 HEX --out RECEIPT.json
//	tabularium-client verify-receipt --log-key KEY --receipt RECEIPT.json [--origin O]
//	tabularium-client vault-put --server HOST:PORT --key KEY.pem --chain-id ID --owner DID --file PATH \
//	    --media-type TYPE --out RESULT.json
//	tabularium-client vault-get --server HOST:PORT --key KEY.pem --chain-id ID --document HEX --grant HEX \
//	    --purpose TEXT --out PATH [--export]
//	tabularium-client land-consent --server HOST:PORT --key KEY.pem --chain-id ID --transfer HEX32 \
//	    --deed HEX64 --out RECEIPT.json
//	tabularium-client land-rights --server HOST:PORT --parcel ID [--at-height N]
//	tabularium-client tax-pay --server HOST:PORT --key KEY.pem --chain-id ID --office DID \
//	    --idempotency-key K --amount MINOR_UNITS --currency EUR --value-date YYYY-MM-DD \
//	    --reference RF... [--account HEX32] [--end-to-end-id X] --out RECEIPT.json
//	tabularium-client pharma-verify --server HOST:PORT --key KEY.pem --chain-id ID --organisation DID \
//	    --site GLN --product-key FILE --scan ELEMENT_STRING [--out RECEIPT.json]
//	tabularium-client pharma-decommission (the same flags) --reason supplied|destroyed|exported|sample|free-sample|stolen|locked
//	tabularium-client verify-presentation --file VP.json --challenge C --domain D --now RFC3339 [--bind PARTY=DID ...]
//	tabularium-client verify-credential --file VC.json --now RFC3339 [--bind PARTY=DID ...]
//
// notarize builds, signs and submits a RegisterDocument and writes the receipt in the proto3 JSON
// mapping (exit 0). verify-receipt exits 0 if the receipt verifies offline against the pinned
// verifier key (a string, or a file holding it), else 1 with the reason on stderr. Usage errors
// exit 2; a failed notarization exits 1 with the reason on stderr.
//
// vault-put streams a file into the document vault and writes RESULT.json {"document_id": hex,
// "version": n, "entry_index": n, "salt": hex, "sha256": hex}. vault-get logs a read (or, with
// --export, an export) of the latest version and writes the plaintext to PATH (through a
// temporary file renamed into place once complete and checked), then prints {"entry_index": n,
// "tx_hash": hex, "size": n, "sha256": hex} of the access event. Both exit 0 on success; a
// refused call prints {"error": "CODE: details", "reason": "ErrorInfo reason"} on stdout and exits
// 1, as does a failed check of the content (CODE DATA_LOSS, reason SIZE_MISMATCH or
// CONTENT_MISMATCH). Other failures exit 1 with the reason on stderr.
//
// land-consent signs a ConsentTransfer (transfer id 16 bytes, deed SHA-256) with the key and
// submits it, writing the receipt as notarize does. land-rights prints {"height": n, "owners":
// {"<party DID>": "numerator/denominator"}}: the ownership shares in force on the parcel (at
// height n if --at-height is given, else now). Both exit 0 on success; a refused call prints the
// same error line as the vault commands and exits 1.
//
// tax-pay signs a booked RecordPayment (account 16 bytes or none, amount in minor units) with
// the key of a payment institution and submits it, writing the receipt as notarize does; a
// refused call prints the same error line and exits 1.
//
// pharma-verify reads the scan (a GS1 element string: optional ]d2, AIs 01, 17, 10, 21, GS after
// a variable-length element that is not last), computes the pack key under the 32-byte product
// key in FILE, signs a VerifyPack (pharma-decommission: a DecommissionPack) and submits it through
// PharmaService.SubmitScans. It prints the ScanResult as one JSON line {"code", "reason",
// "message", "entry_index" (null if not logged), "status" (PackStatus name, null for an unknown
// pack), "owner", "alert_ids", "pack_key" (hex)}, writes the receipt to --out if given and the
// scan was accepted, and exits 0 if the code is "OK", else 1; a scan it cannot read exits 2.
//
// verify-presentation and verify-credential verify offline (tests/vectors/presentations) and
// print the verdict {"status", "checks": {name: {"outcome", "detail"}}, "reasons",
// "credentials"}; they exit 0 only for VALID, else 1.
package main

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	tabularium "github.com/tabularium/tabularium/clients/go"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func usage(stderr io.Writer) int {
	fmt.Fprintln(stderr, "usage: tabularium-client notarize|verify-receipt|vault-put|vault-get|land-consent|land-rights|tax-pay|pharma-verify|pharma-decommission|verify-presentation|verify-credential [flags] (-h for flags)")
	return 2
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		return usage(stderr)
	}
	switch args[0] {
	case "notarize":
		return notarize(args[1:], stderr)
	case "verify-receipt":
		return verifyReceipt(args[1:], stdout, stderr)
	case "vault-put":
		return vaultPut(args[1:], stdout, stderr)
	case "vault-get":
		return vaultGet(args[1:], stdout, stderr)
	case "land-consent":
		return landConsent(args[1:], stdout, stderr)
	case "land-rights":
		return landRights(args[1:], stdout, stderr)
	case "tax-pay":
		return taxPay(args[1:], stdout, stderr)
	case "pharma-verify", "pharma-decommission":
		return pharmaScan(args[0], args[1:], stdout, stderr)
	case "verify-presentation", "verify-credential":
		return verifyDocument(args[0], args[1:], stdout, stderr)
	default:
		return usage(stderr)
	}
}

func required(fs *flag.FlagSet, stderr io.Writer, names ...string) bool {
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	for _, name := range names {
		if !set[name] {
			fmt.Fprintf(stderr, "%s: --%s is required\n", fs.Name(), name)
			return false
		}
	}
	return true
}

func notarize(args []string, stderr io.Writer) int {
	fs := flag.NewFlagSet("notarize", flag.ContinueOnError)
	fs.SetOutput(stderr)
	server := fs.String("server", "", "node address HOST:PORT")
	keyPath := fs.String("key", "", "PEM PKCS#8 Ed25519 private key")
	chainID := fs.String("chain-id", "", "the node's chain id")
	digestHex := fs.String("sha256", "", "document digest, 64 hex digits")
	out := fs.String("out", "", "receipt JSON to write")
	title := fs.String("title", "", "short title for humans")
	if fs.Parse(args) != nil || fs.NArg() != 0 || !required(fs, stderr, "server", "key", "chain-id", "sha256", "out") {
		return 2
	}
	fail := func(err error) int {
		fmt.Fprintf(stderr, "notarize: %v\n", err)
		return 1
	}
	digest, err := hex.DecodeString(*digestHex)
	if err != nil {
		return fail(fmt.Errorf("--sha256: %w", err))
	}
	key, err := tabularium.LoadPrivateKey(*keyPath)
	if err != nil {
		return fail(err)
	}
	action, err := tabularium.RegisterDocument(digest, *title)
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
	receipt, err := client.Submit(context.Background(), raw)
	if err != nil {
		return fail(fmt.Errorf("refused: %w", err))
	}
	data, err := tabularium.MarshalReceiptJSON(receipt)
	if err != nil {
		return fail(err)
	}
	if err := os.WriteFile(*out, data, 0o644); err != nil {
		return fail(err)
	}
	return 0
}

func verifyReceipt(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("verify-receipt", flag.ContinueOnError)
	fs.SetOutput(stderr)
	logKeyArg := fs.String("log-key", "", "pinned verifier key, or a file holding it")
	receiptPath := fs.String("receipt", "", "receipt JSON")
	origin := fs.String("origin", "", "expected checkpoint origin")
	if fs.Parse(args) != nil || fs.NArg() != 0 || !required(fs, stderr, "log-key", "receipt") {
		return 2
	}
	invalid := func(err error) int {
		fmt.Fprintf(stderr, "invalid: %v\n", err)
		return 1
	}
	keyText := *logKeyArg
	if data, err := os.ReadFile(keyText); err == nil { // a file holding the key, else the key
		keyText = strings.TrimSpace(string(data))
	}
	key, err := tabularium.ParseLogKey(keyText)
	if err != nil {
		return invalid(err)
	}
	data, err := os.ReadFile(*receiptPath)
	if err != nil {
		return invalid(err)
	}
	receipt, err := tabularium.UnmarshalReceiptJSON(data)
	if err != nil {
		return invalid(err)
	}
	cp, err := tabularium.VerifyReceipt(receipt, key, *origin)
	if err != nil {
		return invalid(err)
	}
	fmt.Fprintf(stdout, "valid: entry %d in tree of size %d (%s)\n", receipt.GetEntryIndex(), cp.Size, cp.Origin)
	return 0
}

type bindFlags map[string]string

func (b bindFlags) String() string { return "" }

func (b bindFlags) Set(value string) error {
	party, did, ok := strings.Cut(value, "=")
	if !ok || party == "" || !strings.HasPrefix(did, "did:") {
		return fmt.Errorf("%q is not PARTY=DID", value)
	}
	b[party] = did
	return nil
}

func verifyDocument(command string, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet(command, flag.ContinueOnError)
	fs.SetOutput(stderr)
	path := fs.String("file", "", "the JSON document")
	nowText := fs.String("now", "", "time to verify at (RFC 3339)")
	challenge := fs.String("challenge", "", "the challenge you gave the holder")
	domain := fs.String("domain", "", "your identity as the holder knows it")
	bindings := bindFlags{}
	fs.Var(bindings, "bind", "PARTY=DID: pin who controls a party (repeatable)")
	names := []string{"file", "now"}
	if command == "verify-presentation" {
		names = append(names, "challenge", "domain")
	}
	if fs.Parse(args) != nil || fs.NArg() != 0 || !required(fs, stderr, names...) {
		return 2
	}
	now, err := time.Parse(time.RFC3339, *nowText)
	if err != nil {
		fmt.Fprintf(stderr, "--now: %v\n", err)
		return 2
	}
	data, err := os.ReadFile(*path)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	var verdict *tabularium.Verdict
	if command == "verify-presentation" {
		verdict = tabularium.VerifyPresentation(data, *challenge, *domain, now, bindings)
	} else {
		verdict = tabularium.VerifyCredential(data, now, bindings)
	}
	out, _ := json.MarshalIndent(verdict, "", "  ")
	fmt.Fprintln(stdout, string(out))
	if !verdict.OK() {
		return 1
	}
	return 0
}
