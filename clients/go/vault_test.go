package tabularium_test

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	tabularium "github.com/tabularium/tabularium/clients/go"
	vaultv1 "github.com/tabularium/tabularium/clients/go/gen/tabularium/vault/v1"
	"github.com/tabularium/tabularium/clients/go/internal/testnode"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/protobuf/types/known/timestamppb"
)

var vaultVectorsDir = filepath.Join(testnode.RepoRoot(), "tests", "vectors", "vault")

type vaultVectors struct {
	SignedRequests struct {
		Cases []struct {
			KeyFile          string            `json:"key_file"`
			Method           string            `json:"method"`
			RequestHex       string            `json:"request_hex"`
			TimeMs           int64             `json:"time_ms"`
			NonceHex         string            `json:"nonce_hex"`
			SignedMessageHex string            `json:"signed_message_hex"`
			Metadata         map[string]string `json:"metadata"`
		} `json:"cases"`
	} `json:"signed_requests"`
	Commitments struct {
		Cases []struct {
			ContentSHA256Hex string  `json:"content_sha256_hex"`
			ContentSize      int     `json:"content_size"`
			ContentHex       *string `json:"content_hex"`
			ContentRule      *string `json:"content_rule"`
			SaltHex          string  `json:"salt_hex"`
			CommitmentHex    string  `json:"commitment_hex"`
		} `json:"cases"`
	} `json:"commitments"`
}

func loadVaultVectors(t *testing.T) vaultVectors {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(vaultVectorsDir, "vectors.json"))
	if err != nil {
		t.Fatal(err)
	}
	var v vaultVectors
	mustUnmarshal(t, data, &v)
	if len(v.SignedRequests.Cases) == 0 || len(v.Commitments.Cases) == 0 {
		t.Fatal("no vault vectors")
	}
	return v
}

// Ed25519 is deterministic, so the metadata must equal the vectors' exactly.
func TestSignRequestMatchesVectors(t *testing.T) {
	for _, c := range loadVaultVectors(t).SignedRequests.Cases {
		t.Run(c.Method, func(t *testing.T) {
			key, err := tabularium.LoadPrivateKey(filepath.Join(vaultVectorsDir, c.KeyFile))
			if err != nil {
				t.Fatal(err)
			}
			request, nonce := unhex(t, c.RequestHex), unhex(t, c.NonceHex)
			message := tabularium.RequestSigningMessage(c.Method, request, uint64(c.TimeMs), nonce)
			if hex.EncodeToString(message) != c.SignedMessageHex {
				t.Fatalf("signed message %x, want %s", message, c.SignedMessageHex)
			}
			md, err := tabularium.SignRequest(key, c.Method, request,
				tabularium.SignRequestOptions{Time: time.UnixMilli(c.TimeMs), Nonce: nonce})
			if err != nil {
				t.Fatal(err)
			}
			if len(md) != len(c.Metadata) {
				t.Fatalf("metadata %v, want %v", md, c.Metadata)
			}
			for name, want := range c.Metadata {
				if got := md.Get(name); len(got) != 1 || got[0] != want {
					t.Errorf("%s is %v, want %s", name, got, want)
				}
			}
		})
	}
}

func TestSignRequestDrawsTimeAndNonce(t *testing.T) {
	key := adminKey(t)[0]
	before := time.Now().UnixMilli()
	first, err := tabularium.SignRequest(key, "/m", nil, tabularium.SignRequestOptions{})
	if err != nil {
		t.Fatal(err)
	}
	second, _ := tabularium.SignRequest(key, "/m", nil, tabularium.SignRequestOptions{})
	nonce := first.Get(tabularium.AuthNonceHeader)[0]
	if len(nonce) != 32 || nonce == second.Get(tabularium.AuthNonceHeader)[0] {
		t.Fatalf("nonces %s and %s", nonce, second.Get(tabularium.AuthNonceHeader)[0])
	}
	at, err := strconv.ParseInt(first.Get(tabularium.AuthTimeHeader)[0], 10, 64)
	if err != nil || at < before {
		t.Fatalf("time %v (before %d)", first.Get(tabularium.AuthTimeHeader), before)
	}
	for _, size := range []int{15, 33} {
		if _, err := tabularium.SignRequest(key, "/m", nil, tabularium.SignRequestOptions{Nonce: make([]byte, size)}); err == nil {
			t.Errorf("a %d-byte nonce was accepted", size)
		}
	}
}

func TestVaultCommitmentMatchesVectors(t *testing.T) {
	for i, c := range loadVaultVectors(t).Commitments.Cases {
		var content []byte
		switch {
		case c.ContentHex != nil:
			content = unhex(t, *c.ContentHex)
		case c.ContentRule != nil && *c.ContentRule == "bytes 0..255 repeated 4096 times":
			for range 4096 {
				for b := range 256 {
					content = append(content, byte(b))
				}
			}
		default:
			t.Fatalf("case %d: unknown content", i)
		}
		sum := sha256.Sum256(content)
		if len(content) != c.ContentSize || hex.EncodeToString(sum[:]) != c.ContentSHA256Hex {
			t.Fatalf("case %d: content of %d bytes, SHA-256 %x", i, len(content), sum)
		}
		commitment, err := tabularium.VaultCommitment(unhex(t, c.SaltHex), sum[:])
		if err != nil {
			t.Fatal(err)
		}
		if hex.EncodeToString(commitment) != c.CommitmentHex {
			t.Errorf("case %d: commitment %x, want %s", i, commitment, c.CommitmentHex)
		}
	}
	if _, err := tabularium.VaultCommitment(make([]byte, 31), make([]byte, 32)); err == nil {
		t.Error("a 31-byte salt was accepted")
	}
}

// Known answers computed by the server's tabularium.crypto.didkey.
func TestDIDKey(t *testing.T) {
	key, err := tabularium.LoadPrivateKey(filepath.Join(vectorsDir, "keys", "admin.pem"))
	if err != nil {
		t.Fatal(err)
	}
	for public, want := range map[string]string{
		string(key.Public().(ed25519.PublicKey)): "did:key:z6MkhULotCiU11ZKgVveUX2TPCcnD7zQKu84KSX581mBiaJ5",
		string(make([]byte, 32)):                 "did:key:z6MkeTG3bFFSLYVU7VqhgZxqr6YzpaGrQtFMh1uvqGy1vDnP",
	} {
		if got := tabularium.DIDKey(ed25519.PublicKey(public)); got != want {
			t.Errorf("DIDKey(%x) = %s, want %s", public, got, want)
		}
	}
}

// grant lets the admin (the root organisation) access a document with permissions.
func grant(t *testing.T, client *tabularium.Client, documentID []byte, permissions ...vaultv1.Permission) []byte {
	t.Helper()
	keys := adminKey(t)
	did := tabularium.DIDKey(keys[0].Public().(ed25519.PublicKey))
	action := &vaultv1.GrantAccess{
		Owner: did, DocumentId: documentID, Grantee: did, Permissions: permissions,
		ExpiresAt: timestamppb.New(time.Now().Add(time.Hour)), Purpose: "go client test",
	}
	raw, err := tabularium.BuildSigned(chain.ChainID, action, keys, tabularium.BodyOptions{})
	if err != nil {
		t.Fatal(err)
	}
	receipt, err := client.Submit(context.Background(), raw)
	if err != nil {
		t.Fatal(err)
	}
	return tabularium.TxHash(receipt.GetTransaction())[:16]
}

func randomContent(t *testing.T, size int) []byte {
	t.Helper()
	content := make([]byte, size)
	if _, err := rand.Read(content); err != nil {
		t.Fatal(err)
	}
	return content
}

func TestPutDocumentThenReadAndExport(t *testing.T) {
	ctx := context.Background()
	client := dial(t)
	keys := adminKey(t)
	owner := tabularium.DIDKey(keys[0].Public().(ed25519.PublicKey))
	content := randomContent(t, 2*tabularium.VaultChunkSize+12345) // three chunks, the last short
	stored, err := client.PutDocument(ctx, keys, bytes.NewReader(content),
		tabularium.PutOptions{Owner: owner, MediaType: "application/pdf", Folder: "go/tests"})
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(content)
	if len(stored.DocumentID) != 16 || stored.Version != 1 || stored.Size != uint64(len(content)) ||
		!bytes.Equal(stored.SHA256, sum[:]) || len(stored.Salt) != 32 {
		t.Fatalf("stored %+v", stored)
	}
	if _, err := tabularium.VerifyReceipt(stored.Receipt, logKey, chain.Origin); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(stored.DocumentID, tabularium.TxHash(stored.Receipt.GetTransaction())[:16]) {
		t.Fatal("document id is not the first 16 bytes of the transaction hash")
	}
	grantID := grant(t, client, stored.DocumentID, vaultv1.Permission_PERMISSION_READ, vaultv1.Permission_PERMISSION_EXPORT)

	var plain bytes.Buffer
	read, err := client.ReadDocument(ctx, keys[0], stored.DocumentID, &plain,
		tabularium.ReadOptions{GrantID: grantID, Purpose: "check the upload"})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(plain.Bytes(), content) || read.Size != uint64(len(content)) || !bytes.Equal(read.SHA256, sum[:]) {
		t.Fatalf("read %d bytes, SHA-256 %x", read.Size, read.SHA256)
	}
	version := read.Header.GetVersion()
	if version.GetMediaType() != "application/pdf" || version.GetVersion() != 1 || len(read.Header.GetSalt()) != 0 {
		t.Fatalf("header %v", read.Header)
	}
	if _, err := tabularium.VerifyReceipt(read.Header.GetAccessReceipt(), logKey, chain.Origin); err != nil {
		t.Fatal(err)
	}

	reader, err := client.OpenDocument(ctx, keys[0], stored.DocumentID,
		tabularium.ReadOptions{GrantID: grantID, Purpose: "export a copy", Export: true})
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Close()
	var exported bytes.Buffer
	if _, err := exported.ReadFrom(reader); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(exported.Bytes(), content) || !bytes.Equal(reader.Header.GetSalt(), stored.Salt) {
		t.Fatalf("export: %d bytes, salt %x", exported.Len(), reader.Header.GetSalt())
	}

	// Both reads are on the log; the admin of the owner may list them with a signed request.
	request := &vaultv1.ListAccessEventsRequest{DocumentId: stored.DocumentID}
	signed, err := tabularium.SignedContext(ctx, keys[0], vaultv1.VaultService_ListAccessEvents_FullMethodName, request)
	if err != nil {
		t.Fatal(err)
	}
	events, err := client.Vault.ListAccessEvents(signed, request)
	if err != nil {
		t.Fatal(err)
	}
	if len(events.GetEvents()) != 2 || events.GetEvents()[1].GetPermission() != vaultv1.Permission_PERMISSION_EXPORT ||
		events.GetEvents()[0].GetEntryIndex() != read.Header.GetAccessReceipt().GetEntryIndex() {
		t.Fatalf("access events %v", events.GetEvents())
	}
	// Without the signed request the node does not know who asks.
	if _, err := client.Vault.ListAccessEvents(ctx, request); err == nil {
		t.Fatal("an unsigned ListAccessEvents was answered")
	}
}

func TestEmptyDocumentRoundTrips(t *testing.T) {
	ctx := context.Background()
	client := dial(t)
	keys := adminKey(t)
	owner := tabularium.DIDKey(keys[0].Public().(ed25519.PublicKey))
	stored, err := client.PutDocument(ctx, keys, bytes.NewReader(nil), tabularium.PutOptions{Owner: owner, MediaType: "text/plain"})
	if err != nil {
		t.Fatal(err)
	}
	grantID := grant(t, client, stored.DocumentID, vaultv1.Permission_PERMISSION_EXPORT)
	var plain bytes.Buffer
	read, err := client.ReadDocument(ctx, keys[0], stored.DocumentID, &plain,
		tabularium.ReadOptions{GrantID: grantID, Purpose: "empty", Export: true, ChainID: chain.ChainID})
	if err != nil {
		t.Fatal(err)
	}
	if plain.Len() != 0 || read.Size != 0 || !bytes.Equal(read.Header.GetSalt(), stored.Salt) {
		t.Fatalf("read %+v", read)
	}
}

func TestVaultRefusalsAreRPCErrors(t *testing.T) {
	ctx := context.Background()
	client := dial(t)
	keys := adminKey(t)
	owner := tabularium.DIDKey(keys[0].Public().(ed25519.PublicKey))
	_, outsider, _ := ed25519.GenerateKey(rand.Reader)

	// Only the owner's admins or records officers may store: the node refuses after the upload.
	_, err := client.PutDocument(ctx, []ed25519.PrivateKey{outsider}, bytes.NewReader(randomContent(t, 1000)),
		tabularium.PutOptions{Owner: owner, MediaType: "text/plain"})
	if rpcErr := asRPCError(t, err); rpcErr.Code == codes.OK || rpcErr.Reason == "" {
		t.Fatalf("outsider's store: %v", rpcErr)
	}

	stored, err := client.PutDocument(ctx, keys, bytes.NewReader(randomContent(t, 1000)),
		tabularium.PutOptions{Owner: owner, MediaType: "text/plain"})
	if err != nil {
		t.Fatal(err)
	}
	readOnly := grant(t, client, stored.DocumentID, vaultv1.Permission_PERMISSION_READ)
	var sink bytes.Buffer
	_, err = client.ReadDocument(ctx, keys[0], stored.DocumentID, &sink,
		tabularium.ReadOptions{GrantID: readOnly, Purpose: "try to export", Export: true})
	if rpcErr := asRPCError(t, err); rpcErr.Code != codes.PermissionDenied || rpcErr.Reason != "PERMISSION_MISSING" {
		t.Fatalf("export with a read grant: %v", rpcErr)
	}
	_, err = client.ReadDocument(ctx, keys[0], stored.DocumentID, &sink,
		tabularium.ReadOptions{GrantID: make([]byte, 16), Purpose: "no such grant"})
	if rpcErr := asRPCError(t, err); rpcErr.Code != codes.NotFound || rpcErr.Reason != "GRANT_NOT_FOUND" {
		t.Fatalf("unknown grant: %v", rpcErr)
	}
	if sink.Len() != 0 {
		t.Fatalf("%d bytes were written for refused reads", sink.Len())
	}

	// ReadDocument needs a signed request by a registered key over the bytes sent.
	transaction, err := tabularium.AccessTransaction(chain.ChainID, keys[0], stored.DocumentID,
		tabularium.ReadOptions{GrantID: readOnly, Purpose: "signed request refused"})
	if err != nil {
		t.Fatal(err)
	}
	request := &vaultv1.ReadDocumentRequest{AccessTransaction: transaction}
	otherBytes, err := tabularium.SignRequest(keys[0], tabularium.ReadDocumentMethod, []byte("other"), tabularium.SignRequestOptions{})
	if err != nil {
		t.Fatal(err)
	}
	byOutsider, err := tabularium.SignedContext(ctx, outsider, tabularium.ReadDocumentMethod, request)
	if err != nil {
		t.Fatal(err)
	}
	for reason, signed := range map[string]context.Context{
		"UNAUTHENTICATED":       ctx,
		"BAD_REQUEST_SIGNATURE": metadata.NewOutgoingContext(ctx, otherBytes),
		"UNKNOWN_KEY":           byOutsider,
	} {
		stream, err := client.Vault.ReadDocument(signed, request)
		if err == nil {
			_, err = stream.Recv()
		}
		if rpcErr := tabularium.AsRPCError(err); rpcErr.Code != codes.Unauthenticated || (reason != "UNAUTHENTICATED" && rpcErr.Reason != reason) {
			t.Errorf("want %s: %v", reason, rpcErr)
		}
	}

	if _, err := tabularium.AccessTransaction(chain.ChainID, keys[0], stored.DocumentID,
		tabularium.ReadOptions{Window: tabularium.AccessWindow + time.Second}); err == nil {
		t.Fatal("a window over AccessWindow was accepted")
	}
}
