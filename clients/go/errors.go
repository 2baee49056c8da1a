package tabularium

import (
	"fmt"
	"strconv"

	"google.golang.org/grpc/codes"
)

// Verification categories, spelled as want_err in tests/vectors/clients/README.md.
const (
	VerifierKeyInvalid      = "VERIFIER_KEY_INVALID"
	TxHashMismatch          = "TX_HASH_MISMATCH"
	CheckpointMalformed     = "CHECKPOINT_MALFORMED"
	CheckpointWrongOrigin   = "CHECKPOINT_WRONG_ORIGIN"
	BadCheckpointSignature  = "BAD_CHECKPOINT_SIGNATURE"
	InclusionProofInvalid   = "INCLUSION_PROOF_INVALID"
	ConsistencyProofInvalid = "CONSISTENCY_PROOF_INVALID"
	TxMalformed             = "TX_MALFORMED"
	SignatureMalformed      = "SIGNATURE_MALFORMED"
	SignerNotListed         = "SIGNER_NOT_LISTED"
	SignatureDuplicated     = "SIGNATURE_DUPLICATED"
	SignatureMissing        = "SIGNATURE_MISSING"
	BadSignature            = "BAD_SIGNATURE"
	// Checks of a vault read (DocumentReader), named as the server's CLI names them.
	SizeMismatch    = "SIZE_MISMATCH"
	ContentMismatch = "CONTENT_MISMATCH"
)

// VerificationError says which offline check failed (Category) and why.
type VerificationError struct {
	Category string
	Message  string
}

func (e *VerificationError) Error() string { return e.Category + ": " + e.Message }

func verificationErrorf(category, format string, args ...any) error {
	return &VerificationError{Category: category, Message: fmt.Sprintf(format, args...)}
}

// RPCError is a call the node refused: the gRPC code and the ErrorInfo reason and metadata.
type RPCError struct {
	Code     codes.Code
	Message  string
	Reason   string
	Metadata map[string]string
}

func (e *RPCError) Error() string {
	reason := e.Reason
	if reason == "" {
		reason = "-"
	}
	return fmt.Sprintf("%s %s: %s", e.Code, reason, e.Message)
}

// EntryIndex is the log position of a logged refusal (not authorized, or a domain rule).
func (e *RPCError) EntryIndex() (uint64, bool) {
	value, ok := e.Metadata["entry_index"]
	if !ok {
		return 0, false
	}
	index, err := strconv.ParseUint(value, 10, 64)
	return index, err == nil
}
