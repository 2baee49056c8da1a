package tabularium

import (
	"context"
	"crypto/sha256"
	"fmt"

	landregistryv1 "github.com/tabularium/tabularium/clients/go/gen/tabularium/landregistry/v1"
)

// TransferIDSize is the length of a land transfer id: the first 16 bytes of the SHA-256 of the
// ProposeTransfer transaction.
const TransferIDSize = 16

// ConsentTransfer is the action by which its signers consent to a land transfer, over exactly
// the deed whose SHA-256 is deed (the node refuses DEED_MISMATCH otherwise).
func ConsentTransfer(transferID, deed []byte) (*landregistryv1.ConsentTransfer, error) {
	if len(transferID) != TransferIDSize {
		return nil, fmt.Errorf("transfer id has %d bytes, want %d", len(transferID), TransferIDSize)
	}
	if len(deed) != sha256.Size {
		return nil, fmt.Errorf("deed sha256 has %d bytes, want 32", len(deed))
	}
	return &landregistryv1.ConsentTransfer{TransferId: transferID, DeedSha256: deed}, nil
}

// Rights returns the rights, restrictions and responsibilities in force on a parcel at
// atHeight (0: the latest block). An unknown parcel is an *RPCError NOT_FOUND PARCEL_NOT_FOUND.
func (c *Client) Rights(ctx context.Context, parcelID string, atHeight uint64) (*landregistryv1.GetRightsResponse, error) {
	return call(ctx, c, c.Timeout, c.Land.GetRights,
		&landregistryv1.GetRightsRequest{ParcelId: parcelID, AtHeight: atHeight})
}
