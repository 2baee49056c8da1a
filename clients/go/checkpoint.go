package tabularium

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// A checkpoint is a C2SP signed note (tlog-checkpoint):
//
//	<origin>\n<tree size>\n<base64 root hash>\n\n— <key name> <base64(key hash || signature)>\n
//
// The key hash is the first 4 bytes of SHA-256(key name || 0x0A || 0x01 || public key), 0x01
// naming Ed25519; the Ed25519 signature covers the note body (the lines before the blank line,
// each with its newline). Signature lines by other keys (witness cosignatures) are ignored.

const (
	ed25519Alg      = 0x01
	signaturePrefix = "\u2014 " // em dash, space
)

var decimal = regexp.MustCompile(`^(0|[1-9][0-9]*)$`)

// KeyHash is the first 4 bytes of SHA-256(name || 0x0A || 0x01 || publicKey).
func KeyHash(name string, publicKey []byte) []byte {
	h := sha256.New()
	h.Write([]byte(name))
	h.Write([]byte{'\n', ed25519Alg})
	h.Write(publicKey)
	return h.Sum(nil)[:4]
}

// LogKey is the log's checkpoint key as a verifier pins it.
type LogKey struct {
	Name      string
	PublicKey ed25519.PublicKey
}

// KeyHash is the 4-byte signed-note key hash of k.
func (k LogKey) KeyHash() []byte { return KeyHash(k.Name, k.PublicKey) }

// String is the C2SP verifier key "<name>+<hex key hash>+<base64(0x01 || key)>".
func (k LogKey) String() string {
	blob := base64.StdEncoding.EncodeToString(append([]byte{ed25519Alg}, k.PublicKey...))
	return k.Name + "+" + hex.EncodeToString(k.KeyHash()) + "+" + blob
}

// ParseLogKey parses a verifier key string (GetLogInfo.verifier_key, `tabularium status`).
// Fails with VERIFIER_KEY_INVALID.
func ParseLogKey(text string) (LogKey, error) {
	parts := strings.SplitN(strings.TrimSpace(text), "+", 3)
	if len(parts) != 3 || parts[0] == "" {
		return LogKey{}, verificationErrorf(VerifierKeyInvalid, "want <name>+<key hash>+<key>")
	}
	raw, err := base64.StdEncoding.Strict().DecodeString(parts[2])
	if err != nil {
		return LogKey{}, verificationErrorf(VerifierKeyInvalid, "key is not base64")
	}
	if len(raw) != 1+ed25519.PublicKeySize || raw[0] != ed25519Alg {
		return LogKey{}, verificationErrorf(VerifierKeyInvalid, "key is not a 0x01 Ed25519 key")
	}
	key := LogKey{Name: parts[0], PublicKey: ed25519.PublicKey(raw[1:])}
	if hex.EncodeToString(key.KeyHash()) != strings.ToLower(parts[1]) {
		return LogKey{}, verificationErrorf(VerifierKeyInvalid,
			"key hash is %s, the key's is %x", parts[1], key.KeyHash())
	}
	return key, nil
}

// Checkpoint is what the log committed to: Root of its first Size entries, under Origin.
type Checkpoint struct {
	Origin string
	Size   uint64
	Root   []byte
	Body   []byte // the signed part of the note
	Note   []byte // the whole note as received
}

func malformed(format string, args ...any) error {
	return verificationErrorf(CheckpointMalformed, format, args...)
}

// ParseCheckpoint parses a note without checking signatures. It fails with
// CHECKPOINT_MALFORMED unless the note is UTF-8 with a body of at least three lines (non-empty
// origin, canonical decimal size, base64 32-byte root), a blank line, and a non-empty signature
// block ending in a newline whose lines start with an em dash.
func ParseCheckpoint(note []byte) (*Checkpoint, error) {
	if !utf8.Valid(note) {
		return nil, malformed("note is not UTF-8")
	}
	text := string(note)
	bodyText, signatures, found := strings.Cut(text, "\n\n")
	if !found {
		return nil, malformed("no blank line before the signatures")
	}
	lines := strings.Split(bodyText, "\n")
	if len(lines) < 3 {
		return nil, malformed("body has %d lines, want at least 3", len(lines))
	}
	if lines[0] == "" {
		return nil, malformed("origin line is empty")
	}
	if !decimal.MatchString(lines[1]) {
		return nil, malformed("tree size %q is not a canonical decimal number", lines[1])
	}
	size, err := strconv.ParseUint(lines[1], 10, 64)
	if err != nil {
		return nil, malformed("tree size %q: %v", lines[1], err)
	}
	root, err := base64.StdEncoding.Strict().DecodeString(lines[2])
	if err != nil {
		return nil, malformed("root hash is not base64")
	}
	if len(root) != sha256.Size {
		return nil, malformed("root hash has %d bytes, want 32", len(root))
	}
	if !strings.HasSuffix(signatures, "\n") {
		return nil, malformed("signature block is empty or does not end with a newline")
	}
	for _, line := range strings.Split(strings.TrimSuffix(signatures, "\n"), "\n") {
		if !strings.HasPrefix(line, signaturePrefix) {
			return nil, malformed("signature line %q does not start with an em dash", line)
		}
	}
	return &Checkpoint{
		Origin: lines[0],
		Size:   size,
		Root:   root,
		Body:   []byte(bodyText + "\n"),
		Note:   note,
	}, nil
}

// VerifyCheckpoint parses note and checks that key signed it, and that its origin is origin
// unless origin is "". Fails with CHECKPOINT_MALFORMED, CHECKPOINT_WRONG_ORIGIN, or
// BAD_CHECKPOINT_SIGNATURE when no signature line by key verifies.
func VerifyCheckpoint(note []byte, key LogKey, origin string) (*Checkpoint, error) {
	cp, err := ParseCheckpoint(note)
	if err != nil {
		return nil, err
	}
	if origin != "" && cp.Origin != origin {
		return nil, verificationErrorf(CheckpointWrongOrigin, "origin is %q, want %q", cp.Origin, origin)
	}
	signatures := strings.TrimSuffix(string(note[len(cp.Body)+1:]), "\n")
	wantHash := key.KeyHash()
	for _, line := range strings.Split(signatures, "\n") {
		rest := strings.TrimPrefix(line, signaturePrefix)
		space := strings.LastIndexByte(rest, ' ')
		if space < 0 || rest[:space] != key.Name {
			continue
		}
		raw, err := base64.StdEncoding.Strict().DecodeString(rest[space+1:])
		if err != nil || len(raw) != 4+ed25519.SignatureSize || !bytes.Equal(raw[:4], wantHash) {
			continue
		}
		if len(key.PublicKey) != ed25519.PublicKeySize || !ed25519.Verify(key.PublicKey, cp.Body, raw[4:]) {
			return nil, verificationErrorf(BadCheckpointSignature, "signature by %q does not verify", key.Name)
		}
		return cp, nil
	}
	return nil, verificationErrorf(BadCheckpointSignature, "no signature by key %q (%x)", key.Name, wantHash)
}

// String returns the note text.
func (c *Checkpoint) String() string { return string(c.Note) }
