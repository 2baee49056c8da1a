package tabularium

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"fmt"
	"time"

	documentsv1 "github.com/tabularium/tabularium/clients/go/gen/tabularium/documents/v1"
	ledgerv1 "github.com/tabularium/tabularium/clients/go/gen/tabularium/ledger/v1"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/anypb"
	"google.golang.org/protobuf/types/known/timestamppb"
)

// SigningContext is prefixed to the encoded body before signing (DESIGN §2).
const SigningContext = "tabularium/tx/v1\x00"

const (
	// DefaultWindow is how long a transaction stays valid; the node's maximum is an hour unless
	// configured otherwise.
	DefaultWindow = 10 * time.Minute
	// ClockSkew: the window opens this long before now, so a node whose clock is behind still
	// accepts the transaction.
	ClockSkew        = time.Minute
	nonceMin         = 16
	nonceMax         = 32
	defaultNonceSize = 16
)

var deterministic = proto.MarshalOptions{Deterministic: true}

// SigningMessage is what every signer signs: "tabularium/tx/v1" || 0x00 || body.
func SigningMessage(body []byte) []byte {
	return append([]byte(SigningContext), body...)
}

// TxHash is SHA-256 of the transaction bytes, the id the node files them under.
func TxHash(transaction []byte) []byte {
	sum := sha256.Sum256(transaction)
	return sum[:]
}

// RegisterDocument is the document-notarization action for a 32-byte SHA-256 digest.
func RegisterDocument(digest []byte, title string) (*documentsv1.RegisterDocument, error) {
	if len(digest) != sha256.Size {
		return nil, fmt.Errorf("sha256 has %d bytes, want 32", len(digest))
	}
	return &documentsv1.RegisterDocument{Sha256: digest, Title: title}, nil
}

// BodyOptions tunes BuildBody; the zero value gives a random 16-byte nonce and a window of
// DefaultWindow opening ClockSkew before now.
type BodyOptions struct {
	Nonce     []byte        // 16 to 32 bytes; random if nil
	NotBefore time.Time     // now - ClockSkew if zero
	Window    time.Duration // DefaultWindow if zero
	Memo      string
}

// BuildBody encodes a TransactionBody for chainID with action, to be signed by signers.
func BuildBody(chainID string, action proto.Message, signers []ed25519.PublicKey, opts BodyOptions) ([]byte, error) {
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
	if len(signers) == 0 {
		return nil, fmt.Errorf("no signers")
	}
	keys := make([][]byte, len(signers))
	for i, key := range signers {
		if len(key) != ed25519.PublicKeySize {
			return nil, fmt.Errorf("signers[%d] has %d bytes, want 32", i, len(key))
		}
		keys[i] = []byte(key)
	}
	start := opts.NotBefore
	if start.IsZero() {
		start = time.Now().Add(-ClockSkew)
	}
	start = start.Truncate(time.Microsecond)
	window := opts.Window
	if window == 0 {
		window = DefaultWindow
	}
	packed := &anypb.Any{}
	if err := anypb.MarshalFrom(packed, action, deterministic); err != nil {
		return nil, err
	}
	body := &ledgerv1.TransactionBody{
		ChainId:   chainID,
		Nonce:     nonce,
		NotBefore: timestamppb.New(start),
		NotAfter:  timestamppb.New(start.Add(window)),
		Signers:   keys,
		Action:    packed,
		Memo:      opts.Memo,
	}
	return deterministic.Marshal(body)
}

// Sign encodes a SignedTransaction: body with one signature per key, in the order given.
func Sign(body []byte, keys ...ed25519.PrivateKey) ([]byte, error) {
	message := SigningMessage(body)
	signed := &ledgerv1.SignedTransaction{Body: body}
	for _, key := range keys {
		signed.Signatures = append(signed.Signatures, &ledgerv1.Signature{
			PublicKey: PublicKeyBytes(key),
			Signature: ed25519.Sign(key, message),
		})
	}
	return deterministic.Marshal(signed)
}

// BuildSigned builds a body that every key must sign and signs it with all of them.
func BuildSigned(chainID string, action proto.Message, keys []ed25519.PrivateKey, opts BodyOptions) ([]byte, error) {
	signers := make([]ed25519.PublicKey, len(keys))
	for i, key := range keys {
		signers[i] = key.Public().(ed25519.PublicKey)
	}
	body, err := BuildBody(chainID, action, signers, opts)
	if err != nil {
		return nil, err
	}
	return Sign(body, keys...)
}

// CheckedTransaction is a transaction whose signatures verified offline.
type CheckedTransaction struct {
	Transaction []byte
	TxHash      []byte
	BodyBytes   []byte // the encoded TransactionBody, as signed
	Body        *ledgerv1.TransactionBody
	Signers     [][]byte
}

// VerifyTransaction checks a signed transaction offline, as the node does before anything
// stateful: every signature is a 32-byte key listed in body.signers with a 64-byte signature, no
// key signs twice, every listed key signs, and each signature verifies over SigningMessage(body).
// Chain id, window, nonce reuse and authorization need the node and are not checked. Errors are
// *VerificationError (TX_MALFORMED, SIGNATURE_MALFORMED, SIGNER_NOT_LISTED,
// SIGNATURE_DUPLICATED, SIGNATURE_MISSING, BAD_SIGNATURE).
func VerifyTransaction(transaction []byte) (*CheckedTransaction, error) {
	signed := &ledgerv1.SignedTransaction{}
	body := &ledgerv1.TransactionBody{}
	if err := proto.Unmarshal(transaction, signed); err != nil {
		return nil, verificationErrorf(TxMalformed, "cannot decode: %v", err)
	}
	if err := proto.Unmarshal(signed.Body, body); err != nil {
		return nil, verificationErrorf(TxMalformed, "cannot decode body: %v", err)
	}
	listed := func(key []byte) bool {
		for _, s := range body.Signers {
			if bytes.Equal(s, key) {
				return true
			}
		}
		return false
	}
	seen := map[string]bool{}
	for i, sig := range signed.Signatures {
		if len(sig.PublicKey) != ed25519.PublicKeySize || len(sig.Signature) != ed25519.SignatureSize {
			return nil, verificationErrorf(SignatureMalformed,
				"signatures[%d] has a %d-byte key and %d-byte signature, want 32 and 64",
				i, len(sig.PublicKey), len(sig.Signature))
		}
		if !listed(sig.PublicKey) {
			return nil, verificationErrorf(SignerNotListed, "signatures[%d] key %x is not a signer", i, sig.PublicKey)
		}
		if seen[string(sig.PublicKey)] {
			return nil, verificationErrorf(SignatureDuplicated, "key %x signed twice", sig.PublicKey)
		}
		seen[string(sig.PublicKey)] = true
	}
	if len(body.Signers) == 0 {
		return nil, verificationErrorf(SignatureMissing, "body lists no signer")
	}
	for _, key := range body.Signers {
		if !seen[string(key)] {
			return nil, verificationErrorf(SignatureMissing, "no signature by signer %x", key)
		}
	}
	message := SigningMessage(signed.Body)
	for i, sig := range signed.Signatures {
		if !ed25519.Verify(ed25519.PublicKey(sig.PublicKey), message, sig.Signature) {
			return nil, verificationErrorf(BadSignature, "signatures[%d] does not verify", i)
		}
	}
	return &CheckedTransaction{
		Transaction: transaction,
		TxHash:      TxHash(transaction),
		BodyBytes:   signed.Body,
		Body:        body,
		Signers:     body.Signers,
	}, nil
}
