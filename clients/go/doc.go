// Package tabularium is a client for the Tabularium verifiable ledger.
//
// It builds and signs transactions exactly as the ledger's signing contract says (Ed25519 over
// "tabularium/tx/v1" || 0x00 || body), submits them over gRPC with deadlines and retries on
// UNAVAILABLE (safe: the node answers identical bytes with the original receipt), and verifies
// receipts, checkpoints and consistency proofs offline against a pinned log key, with no call to
// the server.
//
//	key, _ := tabularium.LoadPrivateKey("admin.key")
//	client, _ := tabularium.Dial("127.0.0.1:50051")
//	defer client.Close()
//	receipt, _ := client.Notarize(ctx, []ed25519.PrivateKey{key}, digest[:], "contract")
//	logKey, _ := tabularium.ParseLogKey(pinnedVerifierKey)
//	checkpoint, err := tabularium.VerifyReceipt(receipt, logKey, "") // no server needed
//
// The document vault: PutDocument streams a file in and logs its salted commitment;
// ReadDocument (or OpenDocument) logs an access event signed by the reader, then streams the
// plaintext, checking its size and, on export, the commitment. Private queries take signed
// requests (SignRequest, SignedContext: tabularium-auth-* metadata).
//
// Land registry: ConsentTransfer builds a transfer consent to sign; Rights reads a parcel's
// rights in force.
//
// Tax: RecordPayment builds a payment institution's booked payment to sign.
//
// Generated protobuf and gRPC code is in the gen/ packages (ledgerv1, documentsv1, vaultv1, ...).
package tabularium
