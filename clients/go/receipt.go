package tabularium

import (
	"bytes"
	"encoding/json"
	"fmt"

	ledgerv1 "github.com/tabularium/tabularium/clients/go/gen/tabularium/ledger/v1"
	"google.golang.org/protobuf/encoding/protojson"
)

// VerifyReceipt checks a receipt end to end, offline, and returns its verified checkpoint:
//
//  1. tx_hash is SHA-256 of the transaction (TX_HASH_MISMATCH);
//  2. the checkpoint is well formed, has origin (unless origin is ""), and is signed by key
//     (CHECKPOINT_MALFORMED, CHECKPOINT_WRONG_ORIGIN, BAD_CHECKPOINT_SIGNATURE);
//  3. the inclusion proof leads from SHA-256(0x00 || transaction) at entry_index to the
//     checkpoint's root (INCLUSION_PROOF_INVALID).
//
// Errors are *VerificationError.
func VerifyReceipt(receipt *ledgerv1.Receipt, key LogKey, origin string) (*Checkpoint, error) {
	if actual := TxHash(receipt.GetTransaction()); !bytes.Equal(actual, receipt.GetTxHash()) {
		return nil, verificationErrorf(TxHashMismatch,
			"tx_hash is %x, SHA-256 of the transaction is %x", receipt.GetTxHash(), actual)
	}
	cp, err := VerifyCheckpoint(receipt.GetCheckpoint(), key, origin)
	if err != nil {
		return nil, err
	}
	leaf := LeafHash(receipt.GetTransaction())
	if err := VerifyInclusion(leaf, receipt.GetEntryIndex(), cp.Size, receipt.GetInclusionProof(), cp.Root); err != nil {
		return nil, err
	}
	return cp, nil
}

// VerifyCheckpointConsistency checks that checkpoint newNote extends oldNote: both are signed by
// key (and have origin, unless it is ""; they must share one origin in any case), and proof is
// the RFC 9162 consistency proof between their sizes. Errors are *VerificationError.
func VerifyCheckpointConsistency(oldNote, newNote []byte, proof [][]byte, key LogKey, origin string) (oldCp, newCp *Checkpoint, err error) {
	if oldCp, err = VerifyCheckpoint(oldNote, key, origin); err != nil {
		return nil, nil, err
	}
	if newCp, err = VerifyCheckpoint(newNote, key, oldCp.Origin); err != nil {
		return nil, nil, err
	}
	if err = VerifyConsistency(oldCp.Size, newCp.Size, proof, oldCp.Root, newCp.Root); err != nil {
		return nil, nil, err
	}
	return oldCp, newCp, nil
}

// MarshalReceiptJSON writes a receipt in the proto3 JSON mapping (as `tabularium tx notarize`
// prints it: lowerCamelCase names, base64 bytes, defaults omitted), indented.
func MarshalReceiptJSON(receipt *ledgerv1.Receipt) ([]byte, error) {
	compact, err := protojson.Marshal(receipt)
	if err != nil {
		return nil, err
	}
	// protojson's own spacing is deliberately unstable; re-indent for a stable file.
	var out bytes.Buffer
	if err := json.Indent(&out, compact, "", "  "); err != nil {
		return nil, err
	}
	out.WriteByte('\n')
	return out.Bytes(), nil
}

// UnmarshalReceiptJSON parses a receipt in the proto3 JSON mapping; an object
// {"receipt": {...}} (a line of `tabularium tx notarize`) is accepted too.
func UnmarshalReceiptJSON(data []byte) (*ledgerv1.Receipt, error) {
	var wrapper struct {
		Receipt json.RawMessage `json:"receipt"`
	}
	if err := json.Unmarshal(data, &wrapper); err != nil {
		return nil, fmt.Errorf("not a receipt: %w", err)
	}
	if len(wrapper.Receipt) > 0 && wrapper.Receipt[0] == '{' {
		data = wrapper.Receipt
	}
	receipt := &ledgerv1.Receipt{}
	if err := protojson.Unmarshal(data, receipt); err != nil {
		return nil, fmt.Errorf("not a receipt: %w", err)
	}
	return receipt, nil
}
