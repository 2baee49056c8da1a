package main

import (
	"flag"
	"fmt"
	"io"

	tabularium "github.com/tabularium/tabularium/clients/go"
)

func taxPay(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("tax-pay", flag.ContinueOnError)
	fs.SetOutput(stderr)
	server := fs.String("server", "", "node address HOST:PORT")
	keyPath := fs.String("key", "", "PEM PKCS#8 Ed25519 private key of the payment institution")
	chainID := fs.String("chain-id", "", "the node's chain id")
	office := fs.String("office", "", "DID of the tax office")
	idempotencyKey := fs.String("idempotency-key", "", "1-64 printable ASCII, unique per institution")
	amount := fs.Int64("amount", 0, "amount in minor units of the currency (for EUR, cents)")
	currency := fs.String("currency", "", "ISO 4217 code, e.g. EUR")
	valueDate := fs.String("value-date", "", "value date YYYY-MM-DD")
	reference := fs.String("reference", "", "ISO 11649 creditor reference RF...")
	accountHex := fs.String("account", "", "tax account id, 32 hex digits (optional)")
	endToEndID := fs.String("end-to-end-id", "", "ISO 20022 end-to-end id (optional)")
	out := fs.String("out", "", "receipt JSON to write")
	if fs.Parse(args) != nil || fs.NArg() != 0 ||
		!required(fs, stderr, "server", "key", "chain-id", "office", "idempotency-key", "amount",
			"currency", "value-date", "reference", "out") {
		return 2
	}
	if *amount <= 0 {
		fmt.Fprintln(stderr, "--amount: want a positive number of minor units")
		return 2
	}
	var account []byte
	if *accountHex != "" {
		var ok bool
		if account, ok = hexFlag(stderr, "account", *accountHex, tabularium.TaxAccountIDSize); !ok {
			return 2
		}
	}
	action, err := tabularium.RecordPayment(tabularium.TaxPayment{
		Office: *office, IdempotencyKey: *idempotencyKey, Account: account, MinorUnits: *amount,
		Currency: *currency, ValueDate: *valueDate, CreditorReference: *reference, EndToEndID: *endToEndID,
	})
	if err != nil {
		return jsonFailure("tax-pay", err, stdout, stderr)
	}
	return submitAction("tax-pay", *server, *chainID, *keyPath, *out, action, stdout, stderr)
}
