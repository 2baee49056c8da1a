package tabularium

import (
	"crypto/ed25519"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"os"
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
