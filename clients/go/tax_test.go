package tabularium_test

import (
	"bytes"
	"testing"

	tabularium "github.com/tabularium/tabularium/clients/go"
	taxv1 "github.com/tabularium/tabularium/clients/go/gen/tabularium/tax/v1"
)

func TestRecordPaymentBuildsABookedPayment(t *testing.T) {
	account := bytes.Repeat([]byte{0xab}, 16)
	for _, account := range [][]byte{account, nil} {
		action, err := tabularium.RecordPayment(tabularium.TaxPayment{
			Office: "did:web:tax.example", IdempotencyKey: "k1", Account: account, MinorUnits: 12345,
			Currency: "EUR", ValueDate: "2026-03-01", CreditorReference: "RF18539007547034",
			EndToEndID: "E2E-1",
		})
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(action.GetAccount(), account) || action.GetAmount().GetMinorUnits() != 12345 ||
			action.GetAmount().GetCurrency() != "EUR" || action.GetCreditorReference() != "RF18539007547034" ||
			action.GetEndToEndId() != "E2E-1" || action.GetStatus() != taxv1.PaymentStatus_PAYMENT_STATUS_BOOKED {
			t.Fatalf("got %v", action)
		}
	}
}

func TestRecordPaymentRefusesABadAccountOrAmount(t *testing.T) {
	for _, p := range []tabularium.TaxPayment{
		{Account: make([]byte, 15), MinorUnits: 1},
		{Account: make([]byte, 32), MinorUnits: 1},
		{MinorUnits: 0},
		{Account: make([]byte, 16), MinorUnits: -5},
	} {
		if _, err := tabularium.RecordPayment(p); err == nil {
			t.Errorf("%d-byte account, %d minor units: no error", len(p.Account), p.MinorUnits)
		}
	}
}
