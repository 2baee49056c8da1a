package tabularium

import (
	"crypto/ed25519"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"math/big"
	"os"
	"slices"
)

// LoadPrivateKey reads an unencrypted PEM PKCS#8 Ed25519 private key file (as
// `tabularium keys generate` writes it).
func LoadPrivateKey(path string) (ed25519.PrivateKey, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return ParsePrivateKeyPEM(data)
}

// ParsePrivateKeyPEM parses an unencrypted PEM PKCS#8 Ed25519 private key.
func ParsePrivateKeyPEM(data []byte) (ed25519.PrivateKey, error) {
	block, _ := pem.Decode(data)
	if block == nil || block.Type != "PRIVATE KEY" {
		return nil, fmt.Errorf("not a PEM \"PRIVATE KEY\" block")
	}
	key, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		return nil, err
	}
	ed, ok := key.(ed25519.PrivateKey)
	if !ok {
		return nil, fmt.Errorf("not an Ed25519 private key: %T", key)
	}
	return ed, nil
}

// PublicKeyBytes is the 32-byte public key of key, as listed in TransactionBody.signers.
func PublicKeyBytes(key ed25519.PrivateKey) []byte {
	return []byte(key.Public().(ed25519.PublicKey))
}

const base58Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"

// DIDKey is the did:key of an Ed25519 public key: "did:key:z" followed by base58btc of the
// multicodec prefix 0xed 0x01 and the 32-byte key. A key's identity is named by it.
func DIDKey(public ed25519.PublicKey) string {
	data := append([]byte{0xed, 0x01}, public...)
	n := new(big.Int).SetBytes(data)
	radix, digit := big.NewInt(58), new(big.Int)
	var reversed []byte
	for n.Sign() > 0 {
		n.DivMod(n, radix, digit)
		reversed = append(reversed, base58Alphabet[digit.Int64()])
	}
	for _, b := range data {
		if b != 0 {
			break
		}
		reversed = append(reversed, '1')
	}
	slices.Reverse(reversed)
	return "did:key:z" + string(reversed)
}
