package main

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	tabularium "github.com/tabularium/tabularium/clients/go"
	"google.golang.org/grpc/codes"
)

// codeNames spells gRPC codes as the other clients and the server's CLI do.
var codeNames = map[codes.Code]string{
	codes.OK: "OK", codes.Canceled: "CANCELLED", codes.Unknown: "UNKNOWN",
	codes.InvalidArgument: "INVALID_ARGUMENT", codes.DeadlineExceeded: "DEADLINE_EXCEEDED",
	codes.NotFound: "NOT_FOUND", codes.AlreadyExists: "ALREADY_EXISTS",
	codes.PermissionDenied: "PERMISSION_DENIED", codes.ResourceExhausted: "RESOURCE_EXHAUSTED",
	codes.FailedPrecondition: "FAILED_PRECONDITION", codes.Aborted: "ABORTED",
	codes.OutOfRange: "OUT_OF_RANGE", codes.Unimplemented: "UNIMPLEMENTED", codes.Internal: "INTERNAL",
	codes.Unavailable: "UNAVAILABLE", codes.DataLoss: "DATA_LOSS", codes.Unauthenticated: "UNAUTHENTICATED",
}

func codeName(code codes.Code) string {
	if name, ok := codeNames[code]; ok {
		return name
	}
	return fmt.Sprintf("CODE_%d", uint32(code))
}

type errorLine struct {
	Error  string `json:"error"`
	Reason string `json:"reason"`
}

func printJSON(stdout io.Writer, value any) {
	line, _ := json.Marshal(value)
	fmt.Fprintln(stdout, string(line))
}

// jsonFailure reports err and returns the exit status 1: a refused call (vault, land, tax) or a
// failed check of the content as one JSON line on stdout, anything else on stderr.
func jsonFailure(command string, err error, stdout, stderr io.Writer) int {
	var rpcErr *tabularium.RPCError
	var verr *tabularium.VerificationError
	switch {
	case errors.As(err, &rpcErr):
		printJSON(stdout, errorLine{Error: codeName(rpcErr.Code) + ": " + rpcErr.Message, Reason: rpcErr.Reason})
	case errors.As(err, &verr):
		printJSON(stdout, errorLine{Error: "DATA_LOSS: " + verr.Message, Reason: verr.Category})
	default:
		fmt.Fprintf(stderr, "%s: %v\n", command, err)
	}
	return 1
}

func hexFlag(stderr io.Writer, name, value string, size int) ([]byte, bool) {
	raw, err := hex.DecodeString(value)
	if err != nil || len(raw) != size {
		fmt.Fprintf(stderr, "--%s: want %d hex digits\n", name, 2*size)
		return nil, false
	}
	return raw, true
}

func vaultPut(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("vault-put", flag.ContinueOnError)
	fs.SetOutput(stderr)
	server := fs.String("server", "", "node address HOST:PORT")
	keyPath := fs.String("key", "", "PEM PKCS#8 Ed25519 private key of the owner or its records officer")
	chainID := fs.String("chain-id", "", "the node's chain id")
	owner := fs.String("owner", "", "DID of the owning organisation")
	file := fs.String("file", "", "the content to store")
	mediaType := fs.String("media-type", "", "IANA media type, e.g. application/pdf")
	out := fs.String("out", "", "result JSON to write")
	if fs.Parse(args) != nil || fs.NArg() != 0 ||
		!required(fs, stderr, "server", "key", "chain-id", "owner", "file", "media-type", "out") {
		return 2
	}
	fail := func(err error) int { return jsonFailure("vault-put", err, stdout, stderr) }
	key, err := tabularium.LoadPrivateKey(*keyPath)
	if err != nil {
		return fail(err)
	}
	content, err := os.Open(*file)
	if err != nil {
		return fail(err)
	}
	defer content.Close()
	client, err := tabularium.Dial(*server)
	if err != nil {
		return fail(err)
	}
	defer client.Close()
	stored, err := client.PutDocument(context.Background(), []ed25519.PrivateKey{key}, content,
		tabularium.PutOptions{ChainID: *chainID, Owner: *owner, MediaType: *mediaType})
	if err != nil {
		return fail(err)
	}
	result, _ := json.Marshal(struct {
		DocumentID string `json:"document_id"`
		Version    uint32 `json:"version"`
		EntryIndex uint64 `json:"entry_index"`
		Salt       string `json:"salt"`
		SHA256     string `json:"sha256"`
	}{
		hex.EncodeToString(stored.DocumentID), stored.Version, stored.Receipt.GetEntryIndex(),
		hex.EncodeToString(stored.Salt), hex.EncodeToString(stored.SHA256),
	})
	if err := os.WriteFile(*out, append(result, '\n'), 0o644); err != nil {
		return fail(err)
	}
	return 0
}

func vaultGet(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("vault-get", flag.ContinueOnError)
	fs.SetOutput(stderr)
	server := fs.String("server", "", "node address HOST:PORT")
	keyPath := fs.String("key", "", "PEM PKCS#8 Ed25519 private key of the grantee; it signs the access event")
	chainID := fs.String("chain-id", "", "the node's chain id")
	documentHex := fs.String("document", "", "document id, 32 hex digits")
	grantHex := fs.String("grant", "", "id of the grant that allows the read, 32 hex digits")
	purpose := fs.String("purpose", "", "why (logged; no personal data)")
	out := fs.String("out", "", "where to write the plaintext")
	export := fs.Bool("export", false, "export: also get the salt and check the content against the logged commitment")
	if fs.Parse(args) != nil || fs.NArg() != 0 ||
		!required(fs, stderr, "server", "key", "chain-id", "document", "grant", "purpose", "out") {
		return 2
	}
	documentID, ok := hexFlag(stderr, "document", *documentHex, 16)
	if !ok {
		return 2
	}
	grantID, ok := hexFlag(stderr, "grant", *grantHex, 16)
	if !ok {
		return 2
	}
	fail := func(err error) int { return jsonFailure("vault-get", err, stdout, stderr) }
	key, err := tabularium.LoadPrivateKey(*keyPath)
	if err != nil {
		return fail(err)
	}
	target, err := filepath.Abs(*out)
	if err != nil {
		return fail(err)
	}
	// Written next to the target (mode 0600: it is a vault document) and renamed into place only
	// once complete and checked.
	partial, err := os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".*.part")
	if err != nil {
		return fail(err)
	}
	defer os.Remove(partial.Name()) // no-op once renamed
	defer partial.Close()
	client, err := tabularium.Dial(*server)
	if err != nil {
		return fail(err)
	}
	defer client.Close()
	read, err := client.ReadDocument(context.Background(), key, documentID, partial, tabularium.ReadOptions{
		ChainID: *chainID, GrantID: grantID, Purpose: *purpose, Export: *export,
	})
	if err != nil {
		return fail(err)
	}
	if err := partial.Sync(); err != nil {
		return fail(err)
	}
	if err := partial.Close(); err != nil {
		return fail(err)
	}
	if err := os.Rename(partial.Name(), target); err != nil {
		return fail(err)
	}
	receipt := read.Header.GetAccessReceipt()
	printJSON(stdout, struct {
		EntryIndex uint64 `json:"entry_index"`
		TxHash     string `json:"tx_hash"`
		Size       uint64 `json:"size"`
		SHA256     string `json:"sha256"`
	}{receipt.GetEntryIndex(), hex.EncodeToString(receipt.GetTxHash()), read.Size, hex.EncodeToString(read.SHA256)})
	return 0
}
