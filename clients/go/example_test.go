package tabularium_test

import (
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"fmt"
	"log"
	"os"

	tabularium "github.com/tabularium/tabularium/clients/go"
)

// Notarize a document, then verify the receipt offline against the pinned log key
// (`tabularium status` prints it as verifierKey). Compiled, not run: it needs a node.
func ExampleClient_Notarize() {
	ctx := context.Background()
	key, err := tabularium.LoadPrivateKey("data/keys/admin.key")
	if err != nil {
		log.Fatal(err)
	}
	client, err := tabularium.Dial("127.0.0.1:50051")
	if err != nil {
		log.Fatal(err)
	}
	defer client.Close()
	digest := sha256.Sum256([]byte("contract bytes"))
	receipt, err := client.Notarize(ctx, []ed25519.PrivateKey{key}, digest[:], "contract")
	if err != nil {
		log.Fatal(err) // a refusal is a *tabularium.RPCError with Code and Reason
	}
	logKey, err := tabularium.ParseLogKey("chain-node+1a2b3c4d+AcaX...")
	if err != nil {
		log.Fatal(err)
	}
	checkpoint, err := tabularium.VerifyReceipt(receipt, logKey, "") // no server call
	if err != nil {
		log.Fatal(err) // a *tabularium.VerificationError naming the failed check
	}
	fmt.Println("entry", receipt.GetEntryIndex(), "in a tree of", checkpoint.Size)
}

// Store a file in the vault, then read it back under a grant: the read is logged (its access
// event is committed) before any byte arrives. Compiled, not run: it needs a node.
func ExampleClient_PutDocument() {
	ctx := context.Background()
	key, err := tabularium.LoadPrivateKey("data/keys/admin.key")
	if err != nil {
		log.Fatal(err)
	}
	client, err := tabularium.Dial("127.0.0.1:50051")
	if err != nil {
		log.Fatal(err)
	}
	defer client.Close()
	in, err := os.Open("contract.pdf")
	if err != nil {
		log.Fatal(err)
	}
	defer in.Close()
	owner := tabularium.DIDKey(key.Public().(ed25519.PublicKey))
	stored, err := client.PutDocument(ctx, []ed25519.PrivateKey{key}, in,
		tabularium.PutOptions{Owner: owner, MediaType: "application/pdf"})
	if err != nil {
		log.Fatal(err) // a refusal is a *tabularium.RPCError
	}
	fmt.Printf("document %x version %d; keep the salt %x\n", stored.DocumentID, stored.Version, stored.Salt)

	grantID := []byte{ /* 16 bytes from the GrantAccess that lets this key read */ }
	out, err := os.CreateTemp(".", "contract-*.pdf")
	if err != nil {
		log.Fatal(err)
	}
	defer out.Close()
	read, err := client.ReadDocument(ctx, key, stored.DocumentID, out,
		tabularium.ReadOptions{GrantID: grantID, Purpose: "contract review", Export: true})
	if err != nil {
		log.Fatal(err) // *RPCError (refused), or *VerificationError SIZE_MISMATCH / CONTENT_MISMATCH
	}
	fmt.Println("access logged at entry", read.Header.GetAccessReceipt().GetEntryIndex())
}
