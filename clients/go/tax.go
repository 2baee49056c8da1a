package tabularium

import (
	"fmt"

	taxv1 "github.com/tabularium/tabularium/clients/go/gen/tabularium/tax/v1"
)

// TaxAccountIDSize is the length of a tax account id.
const TaxAccountIDSize = 16

// TaxPayment is a payment received by a payment institution, as RecordPayment records it.
type TaxPayment struct {
	// DID of the tax office.
	Office string
	// 1-64 printable ASCII, unique per institution for the office's retention.
	IdempotencyKey string
	// The tax account (16 bytes), or empty when the creditor reference names a liability.
	Account []byte
	// Positive, in minor units of Currency (for EUR, cents).
	MinorUnits int64
	// ISO 4217 alphabetic code, e.g. "EUR".
	Currency string
	// ISO 8601 calendar date "YYYY-MM-DD".
	ValueDate string
	// ISO 11649 creditor reference ("RF" + 2 check digits + up to 21 alphanumerics).
	CreditorReference string
	// ISO 20022 end-to-end id, for reconciliation with bank statements (optional).
	EndToEndID string
}

// RecordPayment is the action by which its signer, a payment institution with the office's
// "bank" role, records a booked payment (allocated at once). The node answers a repeat with the
// same idempotency key and payload with the original receipt, and refuses the same key with
// another payload (ALREADY_EXISTS IDEMPOTENCY_KEY_REUSED).
func RecordPayment(p TaxPayment) (*taxv1.RecordPayment, error) {
	if len(p.Account) != 0 && len(p.Account) != TaxAccountIDSize {
		return nil, fmt.Errorf("account has %d bytes, want %d or none", len(p.Account), TaxAccountIDSize)
	}
	if p.MinorUnits <= 0 {
		return nil, fmt.Errorf("amount is %d minor units, want a positive amount", p.MinorUnits)
	}
	return &taxv1.RecordPayment{
		Office:            p.Office,
		IdempotencyKey:    p.IdempotencyKey,
		Account:           p.Account,
		Amount:            &taxv1.Amount{MinorUnits: p.MinorUnits, Currency: p.Currency},
		ValueDate:         p.ValueDate,
		CreditorReference: p.CreditorReference,
		EndToEndId:        p.EndToEndID,
		Status:            taxv1.PaymentStatus_PAYMENT_STATUS_BOOKED,
	}, nil
}
