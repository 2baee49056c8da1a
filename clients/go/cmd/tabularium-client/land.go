package main

import (
	"context"
	"crypto/ed25519"
	"flag"
	"fmt"
	"io"
	"os"

	tabularium "github.com/tabularium/tabularium/clients/go"
	landregistryv1 "github.com/tabularium/tabularium/clients/go/gen/tabularium/landregistry/v1"
	"google.golang.org/protobuf/proto"
)

func landConsent(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("land-consent", flag.ContinueOnError)
	fs.SetOutput(stderr)
	server := fs.String("server", "", "node address HOST:PORT")
	keyPath := fs.String("key", "", "PEM PKCS#8 Ed25519 private key of the consenting party")
	chainID := fs.String("chain-id", "", "the node's chain id")
	transferHex := fs.String("transfer", "", "transfer id, 32 hex digits")
	deedHex := fs.String("deed", "", "SHA-256 of the deed consented to, 64 hex digits")
	out := fs.String("out", "", "receipt JSON to write")
	if fs.Parse(args) != nil || fs.NArg() != 0 ||
		!required(fs, stderr, "server", "key", "chain-id", "transfer", "deed", "out") {
		return 2
	}
	transferID, ok := hexFlag(stderr, "transfer", *transferHex, tabularium.TransferIDSize)
	if !ok {
		return 2
	}
	deed, ok := hexFlag(stderr, "deed", *deedHex, 32)
	if !ok {
		return 2
	}
	action, err := tabularium.ConsentTransfer(transferID, deed)
	if err != nil {
		return jsonFailure("land-consent", err, stdout, stderr)
	}
	return submitAction("land-consent", *server, *chainID, *keyPath, *out, action, stdout, stderr)
}

// submitAction signs action with the key in keyPath, submits it and writes its receipt (proto3
// JSON) to out: exit 0. A failure is printed as jsonFailure does, under the command's name.
func submitAction(name, server, chainID, keyPath, out string, action proto.Message, stdout, stderr io.Writer) int {
	fail := func(err error) int { return jsonFailure(name, err, stdout, stderr) }
	key, err := tabularium.LoadPrivateKey(keyPath)
	if err != nil {
		return fail(err)
	}
	raw, err := tabularium.BuildSigned(chainID, action, []ed25519.PrivateKey{key}, tabularium.BodyOptions{})
	if err != nil {
		return fail(err)
	}
	client, err := tabularium.Dial(server)
	if err != nil {
		return fail(err)
	}
	defer client.Close()
	receipt, err := client.Submit(context.Background(), raw)
	if err != nil {
		return fail(err)
	}
	data, err := tabularium.MarshalReceiptJSON(receipt)
	if err != nil {
		return fail(err)
	}
	if err := os.WriteFile(out, data, 0o644); err != nil {
		return fail(err)
	}
	return 0
}

func landRights(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("land-rights", flag.ContinueOnError)
	fs.SetOutput(stderr)
	server := fs.String("server", "", "node address HOST:PORT")
	parcel := fs.String("parcel", "", "parcel id (national cadastral reference)")
	atHeight := fs.Uint64("at-height", 0, "block height (default: the latest)")
	if fs.Parse(args) != nil || fs.NArg() != 0 || !required(fs, stderr, "server", "parcel") {
		return 2
	}
	fail := func(err error) int { return jsonFailure("land-rights", err, stdout, stderr) }
	client, err := tabularium.Dial(*server)
	if err != nil {
		return fail(err)
	}
	defer client.Close()
	response, err := client.Rights(context.Background(), *parcel, *atHeight)
	if err != nil {
		return fail(err)
	}
	owners := map[string]string{}
	for _, right := range response.GetRights() {
		if right.GetRightType() == landregistryv1.RightType_RIGHT_TYPE_OWNERSHIP {
			owners[right.GetParty()] = fmt.Sprintf("%d/%d", right.GetShare().GetNumerator(), right.GetShare().GetDenominator())
		}
	}
	printJSON(stdout, struct {
		Height uint64            `json:"height"`
		Owners map[string]string `json:"owners"`
	}{response.GetHeight(), owners})
	return 0
}
