package tabularium

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"strconv"
	"time"

	"google.golang.org/grpc/metadata"
	"google.golang.org/protobuf/proto"
)

// Signed requests: private queries (and ReadDocument) carry four metadata entries that prove
// which key made the call, over the exact request bytes sent.
const (
	// RequestSigningContext is prefixed to what a signed request signs.
	RequestSigningContext = "tabularium/rpc/v1\x00"
	AuthKeyHeader         = "tabularium-auth-key"
	AuthTimeHeader        = "tabularium-auth-time"
	AuthNonceHeader       = "tabularium-auth-nonce"
	AuthSignatureHeader   = "tabularium-auth-signature"
)

// SignRequestOptions fixes what SignRequest otherwise draws: the zero value signs with the
// current time and a random 16-byte nonce.
type SignRequestOptions struct {
	Time  time.Time // now if zero; sent in Unix milliseconds
	Nonce []byte    // 16 to 32 bytes, never reused within the node's time window; random if nil
}

// RequestSigningMessage is what a signed request signs:
// "tabularium/rpc/v1" 0x00 method 0x00 SHA-256(request) u64be(timeMs) nonce.
func RequestSigningMessage(method string, request []byte, timeMs uint64, nonce []byte) []byte {
	digest := sha256.Sum256(request)
	message := make([]byte, 0, len(RequestSigningContext)+len(method)+1+sha256.Size+8+len(nonce))
	message = append(message, RequestSigningContext...)
	message = append(message, method...)
	message = append(message, 0)
	message = append(message, digest[:]...)
	message = binary.BigEndian.AppendUint64(message, timeMs)
	return append(message, nonce...)
}

// SignRequest returns the tabularium-auth-* metadata that authenticates one call of method (the
// full gRPC path, e.g. "/tabularium.vault.v1.VaultService/ReadDocument") whose serialized
// request message is request. The node hashes the bytes it receives, so request must be the
// bytes sent: see SignedContext.
func SignRequest(key ed25519.PrivateKey, method string, request []byte, opts SignRequestOptions) (metadata.MD, error) {
	if len(key) != ed25519.PrivateKeySize {
		return nil, fmt.Errorf("private key has %d bytes, want %d", len(key), ed25519.PrivateKeySize)
	}
	at := opts.Time
	if at.IsZero() {
		at = time.Now()
	}
	if at.UnixMilli() < 0 {
		return nil, fmt.Errorf("time %v is before 1970", at)
	}
	timeMs := uint64(at.UnixMilli())
	nonce := opts.Nonce
	if nonce == nil {
		nonce = make([]byte, defaultNonceSize)
		if _, err := rand.Read(nonce); err != nil {
			return nil, err
		}
	}
	if len(nonce) < nonceMin || len(nonce) > nonceMax {
		return nil, fmt.Errorf("nonce has %d bytes, want %d to %d", len(nonce), nonceMin, nonceMax)
	}
	signature := ed25519.Sign(key, RequestSigningMessage(method, request, timeMs, nonce))
	return metadata.Pairs(
		AuthKeyHeader, hex.EncodeToString(PublicKeyBytes(key)),
		AuthTimeHeader, strconv.FormatUint(timeMs, 10),
		AuthNonceHeader, hex.EncodeToString(nonce),
		AuthSignatureHeader, hex.EncodeToString(signature),
	), nil
}

// SignedContext returns ctx with signed-request metadata for calling method with request: it
// serializes request as gRPC's codec does (these messages hold no maps, so the encoding is
// deterministic) and signs those bytes. Pass the same, unmodified request to the stub.
func SignedContext(ctx context.Context, key ed25519.PrivateKey, method string, request proto.Message) (context.Context, error) {
	raw, err := proto.Marshal(request)
	if err != nil {
		return nil, err
	}
	md, err := SignRequest(key, method, raw, SignRequestOptions{})
	if err != nil {
		return nil, err
	}
	if existing, ok := metadata.FromOutgoingContext(ctx); ok {
		md = metadata.Join(existing, md)
	}
	return metadata.NewOutgoingContext(ctx, md), nil
}
