package tabularium

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"fmt"
	"hash"
	"io"
	"time"

	ledgerv1 "github.com/tabularium/tabularium/clients/go/gen/tabularium/ledger/v1"
	vaultv1 "github.com/tabularium/tabularium/clients/go/gen/tabularium/vault/v1"
	"google.golang.org/protobuf/types/known/timestamppb"
)

const (
	// VaultCommitmentContext is prefixed to what a vault commitment hashes.
	VaultCommitmentContext = "tabularium/vault/commitment/v1\x00"
	// VaultChunkSize is the largest content chunk PutDocument sends.
	VaultChunkSize = 1 << 20
	// SaltSize is the size of a commitment's salt.
	SaltSize = 32
	// AccessWindow is the validity window of the AccessDocument transactions ReadDocument signs
	// (the node refuses more than 300 s). As for every transaction, it opens ClockSkew before now.
	AccessWindow = 120 * time.Second
	// DefaultStreamTimeout is the deadline of a whole upload or download when the context has
	// none.
	DefaultStreamTimeout = time.Hour
	// ReadDocumentMethod is the method a ReadDocument's signed request names.
	ReadDocumentMethod = vaultv1.VaultService_ReadDocument_FullMethodName
)

// VaultCommitment is SHA-256("tabularium/vault/commitment/v1" 0x00 salt contentSHA256): it
// binds a document's content without revealing it. salt and contentSHA256 have 32 bytes.
func VaultCommitment(salt, contentSHA256 []byte) ([]byte, error) {
	if len(salt) != SaltSize || len(contentSHA256) != sha256.Size {
		return nil, fmt.Errorf("salt has %d bytes and content SHA-256 %d, want 32 and 32", len(salt), len(contentSHA256))
	}
	h := sha256.New()
	h.Write([]byte(VaultCommitmentContext))
	h.Write(salt)
	h.Write(contentSHA256)
	return h.Sum(nil), nil
}

// PutOptions describes the StoreDocument transaction PutDocument builds.
type PutOptions struct {
	// ChainID of the node; asked from the node if empty.
	ChainID string
	// Owner is the DID of the owning organisation; MediaType an IANA media type (required).
	Owner     string
	MediaType string
	// For a new version of an existing document: its 16-byte id and latest version number.
	DocumentID      []byte
	PreviousVersion uint32
	// New documents only.
	Folder      string
	Subjects    []string
	RetainUntil time.Time // no retention period if zero
	// Salt of the commitment: 32 random bytes if nil. Keep it to prove a copy later.
	Salt []byte
	// Body tunes the transaction (nonce, window, memo).
	Body BodyOptions
}

// StoredDocument is what PutDocument returns.
type StoredDocument struct {
	DocumentID []byte
	Version    uint32
	Receipt    *ledgerv1.Receipt // of the StoreDocument transaction
	Salt       []byte            // opens the commitment with SHA256
	SHA256     []byte            // of the content
	Size       uint64
}

// PutDocument streams content to the vault in chunks of at most VaultChunkSize, hashing it on
// the way (it is never held whole), then sends the StoreDocument transaction signed by keys
// (the owner's admins or records officers) with the commitment's salt. It returns once the
// transaction is committed. Not retried: content is read once. Refusals are *RPCError.
func (c *Client) PutDocument(ctx context.Context, keys []ed25519.PrivateKey, content io.Reader, opts PutOptions) (*StoredDocument, error) {
	if len(keys) == 0 {
		return nil, errors.New("no signing key")
	}
	salt := opts.Salt
	if salt == nil {
		salt = make([]byte, SaltSize)
		if _, err := rand.Read(salt); err != nil {
			return nil, err
		}
	}
	if len(salt) != SaltSize {
		return nil, fmt.Errorf("salt has %d bytes, want %d", len(salt), SaltSize)
	}
	chainID := opts.ChainID
	if chainID == "" {
		var err error
		if chainID, err = c.ChainID(ctx); err != nil {
			return nil, err
		}
	}
	ctx, cancel := c.streamContext(ctx)
	defer cancel() // also aborts the upload if we return early
	stream, err := c.Vault.PutDocument(ctx)
	if err != nil {
		return nil, AsRPCError(err)
	}
	// After a failed Send the call's status comes from CloseAndRecv.
	sendFailed := func(err error) error {
		if errors.Is(err, io.EOF) {
			_, err = stream.CloseAndRecv()
		}
		return AsRPCError(err)
	}
	hasher := sha256.New()
	var size uint64
	for {
		chunk := make([]byte, VaultChunkSize) // fresh: gRPC may still hold the last one
		n, readErr := io.ReadFull(content, chunk)
		if n > 0 {
			hasher.Write(chunk[:n])
			size += uint64(n)
			request := &vaultv1.PutDocumentRequest{Part: &vaultv1.PutDocumentRequest_Chunk{Chunk: chunk[:n]}}
			if err := stream.Send(request); err != nil {
				return nil, sendFailed(err)
			}
		}
		if readErr == io.EOF || readErr == io.ErrUnexpectedEOF {
			break
		}
		if readErr != nil {
			return nil, fmt.Errorf("reading the content: %w", readErr)
		}
	}
	digest := hasher.Sum(nil)
	commitment, err := VaultCommitment(salt, digest)
	if err != nil {
		return nil, err
	}
	action := &vaultv1.StoreDocument{
		Owner:           opts.Owner,
		DocumentId:      opts.DocumentID,
		PreviousVersion: opts.PreviousVersion,
		Commitment:      commitment,
		Size:            size,
		MediaType:       opts.MediaType,
		Folder:          opts.Folder,
		Subjects:        opts.Subjects,
	}
	if !opts.RetainUntil.IsZero() {
		action.RetainUntil = timestamppb.New(opts.RetainUntil)
	}
	transaction, err := BuildSigned(chainID, action, keys, opts.Body)
	if err != nil {
		return nil, err
	}
	finish := &vaultv1.PutDocumentRequest{Part: &vaultv1.PutDocumentRequest_Finish{
		Finish: &vaultv1.PutDocumentFinish{Transaction: transaction, Salt: salt},
	}}
	if err := stream.Send(finish); err != nil {
		return nil, sendFailed(err)
	}
	response, err := stream.CloseAndRecv()
	if err != nil {
		return nil, AsRPCError(err)
	}
	return &StoredDocument{
		DocumentID: response.GetDocumentId(),
		Version:    response.GetVersion(),
		Receipt:    response.GetReceipt(),
		Salt:       salt,
		SHA256:     digest,
		Size:       size,
	}, nil
}

// ReadOptions describes the AccessDocument transaction a read signs.
type ReadOptions struct {
	// ChainID of the node; asked from the node if empty.
	ChainID string
	// Version to read; 0: the latest.
	Version uint32
	// Export: also get the commitment's salt (needs PERMISSION_EXPORT); the content is then
	// checked against the logged commitment.
	Export bool
	// GrantID of the grant that allows the read (16 bytes); empty for a break-glass read.
	GrantID []byte
	// Purpose: why (required, logged, no personal data).
	Purpose string
	// BreakGlassJustification: emergency read without a grant (20 to 1024 bytes).
	BreakGlassJustification string
	// Window of the access transaction: AccessWindow if zero, at most AccessWindow.
	Window time.Duration
}

// AccessTransaction builds an AccessDocument (READ, or EXPORT with opts.Export) signed by key,
// valid for opts.Window (at most AccessWindow). Each read needs a new one.
func AccessTransaction(chainID string, key ed25519.PrivateKey, documentID []byte, opts ReadOptions) ([]byte, error) {
	window := opts.Window
	if window == 0 {
		window = AccessWindow
	}
	if window < 0 || window > AccessWindow {
		return nil, fmt.Errorf("access window %v, want at most %v", window, AccessWindow)
	}
	permission := vaultv1.Permission_PERMISSION_READ
	if opts.Export {
		permission = vaultv1.Permission_PERMISSION_EXPORT
	}
	action := &vaultv1.AccessDocument{
		DocumentId:              documentID,
		Version:                 opts.Version,
		Permission:              permission,
		GrantId:                 opts.GrantID,
		Purpose:                 opts.Purpose,
		BreakGlassJustification: opts.BreakGlassJustification,
	}
	return BuildSigned(chainID, action, []ed25519.PrivateKey{key}, BodyOptions{Window: window})
}

// DocumentReader is an open read: the header, then the plaintext through Read. When the content
// ends, Read checks its size against Header.Version.Size and, on export, the commitment with
// Header.Salt; a failed check is a *VerificationError (SIZE_MISMATCH, CONTENT_MISMATCH) instead
// of io.EOF, so only a reader that saw io.EOF holds the logged content. Close it when done.
type DocumentReader struct {
	// Header: the access event's receipt, the version record, and on export the salt.
	Header *vaultv1.ReadHeader

	stream  vaultv1.VaultService_ReadDocumentClient
	cancel  context.CancelFunc
	export  bool
	pending []byte
	size    uint64
	hasher  hash.Hash
	err     error
}

// OpenDocument logs the access and opens the content. It signs an AccessDocument with key and
// calls ReadDocument with a signed request by the same key; the node commits the access event
// before it returns any byte, so a refusal (an *RPCError, e.g. PERMISSION_DENIED GRANT_EXPIRED)
// comes here, before any content. Not retried: each attempt would log an access.
func (c *Client) OpenDocument(ctx context.Context, key ed25519.PrivateKey, documentID []byte, opts ReadOptions) (*DocumentReader, error) {
	chainID := opts.ChainID
	if chainID == "" {
		var err error
		if chainID, err = c.ChainID(ctx); err != nil {
			return nil, err
		}
	}
	transaction, err := AccessTransaction(chainID, key, documentID, opts)
	if err != nil {
		return nil, err
	}
	request := &vaultv1.ReadDocumentRequest{AccessTransaction: transaction}
	ctx, cancel := c.streamContext(ctx)
	signed, err := SignedContext(ctx, key, ReadDocumentMethod, request)
	if err != nil {
		cancel()
		return nil, err
	}
	stream, err := c.Vault.ReadDocument(signed, request)
	if err != nil {
		cancel()
		return nil, AsRPCError(err)
	}
	first, err := stream.Recv()
	if err == io.EOF {
		err = errors.New("ReadDocument ended without a header")
	}
	if err != nil {
		cancel()
		return nil, AsRPCError(err)
	}
	if first.GetHeader() == nil {
		cancel()
		return nil, errors.New("ReadDocument did not start with a header")
	}
	return &DocumentReader{Header: first.GetHeader(), stream: stream, cancel: cancel, export: opts.Export, hasher: sha256.New()}, nil
}

// Read reads plaintext; see DocumentReader for what it checks at the end.
func (r *DocumentReader) Read(p []byte) (int, error) {
	for len(r.pending) == 0 && r.err == nil {
		r.err = r.next()
	}
	if len(r.pending) == 0 {
		return 0, r.err
	}
	n := copy(p, r.pending)
	r.pending = r.pending[n:]
	return n, nil
}

func (r *DocumentReader) next() error {
	expected := r.Header.GetVersion().GetSize()
	message, err := r.stream.Recv()
	if err == io.EOF {
		if r.size != expected {
			return verificationErrorf(SizeMismatch, "got %d bytes, the version has %d", r.size, expected)
		}
		if r.export {
			commitment, err := VaultCommitment(r.Header.GetSalt(), r.hasher.Sum(nil))
			if err != nil || !bytes.Equal(commitment, r.Header.GetVersion().GetCommitment()) {
				return verificationErrorf(ContentMismatch, "the content and salt do not open the logged commitment")
			}
		}
		return io.EOF
	}
	if err != nil {
		return AsRPCError(err)
	}
	chunk, ok := message.GetPart().(*vaultv1.ReadDocumentResponse_Chunk)
	if !ok {
		return errors.New("ReadDocument sent a second header")
	}
	r.size += uint64(len(chunk.Chunk))
	if r.size > expected {
		return verificationErrorf(SizeMismatch, "got over %d bytes, the version has %d", r.size-1, expected)
	}
	r.hasher.Write(chunk.Chunk)
	r.pending = chunk.Chunk
	return nil
}

// SHA256 is the SHA-256 of the content read so far (of all of it once Read returned io.EOF).
func (r *DocumentReader) SHA256() []byte { return r.hasher.Sum(nil) }

// Size is the number of bytes read so far.
func (r *DocumentReader) Size() uint64 { return r.size }

// Close ends the call (early, if the content was not read to the end).
func (r *DocumentReader) Close() error {
	r.cancel()
	return nil
}

// ReadResult is what ReadDocument returns.
type ReadResult struct {
	// Header: the access event's receipt, the version record, and on export the salt.
	Header *vaultv1.ReadHeader
	Size   uint64
	SHA256 []byte
}

// ReadDocument logs the access (see OpenDocument) and streams the content to w, checking its
// size and, on export, the commitment (*VerificationError SIZE_MISMATCH, CONTENT_MISMATCH). On
// any error w may hold part of the content: write to a temporary file and rename on success.
func (c *Client) ReadDocument(ctx context.Context, key ed25519.PrivateKey, documentID []byte, w io.Writer, opts ReadOptions) (*ReadResult, error) {
	reader, err := c.OpenDocument(ctx, key, documentID, opts)
	if err != nil {
		return nil, err
	}
	defer reader.Close()
	if _, err := io.Copy(w, reader); err != nil {
		return nil, err
	}
	return &ReadResult{Header: reader.Header, Size: reader.Size(), SHA256: reader.SHA256()}, nil
}

// streamContext applies StreamTimeout when ctx has no deadline; the cancel function ends the
// call.
func (c *Client) streamContext(ctx context.Context) (context.Context, context.CancelFunc) {
	if _, ok := ctx.Deadline(); ok {
		return context.WithCancel(ctx)
	}
	return context.WithTimeout(ctx, c.StreamTimeout)
}
