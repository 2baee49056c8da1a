package tabularium

import (
	"context"
	"crypto/ed25519"
	"errors"
	"math/rand/v2"
	"sync"
	"time"

	documentsv1 "github.com/tabularium/tabularium/clients/go/gen/tabularium/documents/v1"
	landregistryv1 "github.com/tabularium/tabularium/clients/go/gen/tabularium/landregistry/v1"
	ledgerv1 "github.com/tabularium/tabularium/clients/go/gen/tabularium/ledger/v1"
	pharmav1 "github.com/tabularium/tabularium/clients/go/gen/tabularium/pharma/v1"
	vaultv1 "github.com/tabularium/tabularium/clients/go/gen/tabularium/vault/v1"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc"
	"google.golang.org/grpc/backoff"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"
)

const (
	// DefaultTimeout is the deadline of a read when the context has none.
	DefaultTimeout = 10 * time.Second
	// DefaultSubmitTimeout is the deadline of a submit when the context has none: the node
	// answers after the block is durably committed.
	DefaultSubmitTimeout = 30 * time.Second
)

// RetryPolicy retries calls that fail with UNAVAILABLE: up to Attempts calls in total, sleeping
// InitialBackoff after the first failure, times Multiplier each time up to MaxBackoff, each
// sleep drawn uniformly from [backoff/2, backoff]. Retrying a submit is safe: the node answers
// identical bytes with the original receipt and writes nothing.
type RetryPolicy struct {
	Attempts       int
	InitialBackoff time.Duration
	MaxBackoff     time.Duration
	Multiplier     float64
}

// DefaultRetryPolicy: 5 attempts, 200 ms doubling to at most 3 s.
var DefaultRetryPolicy = RetryPolicy{Attempts: 5, InitialBackoff: 200 * time.Millisecond, MaxBackoff: 3 * time.Second, Multiplier: 2}

// Client is a connection to one node. Methods apply DefaultTimeout / DefaultSubmitTimeout /
// DefaultStreamTimeout (vault uploads and downloads) when the context has no deadline, and fail
// with *RPCError carrying the gRPC code and ErrorInfo.
type Client struct {
	conn          *grpc.ClientConn
	Ledger        ledgerv1.LedgerServiceClient
	Documents     documentsv1.DocumentsServiceClient
	Vault         vaultv1.VaultServiceClient
	Land          landregistryv1.LandRegistryServiceClient
	Pharma        pharmav1.PharmaServiceClient
	Timeout       time.Duration
	SubmitTimeout time.Duration
	StreamTimeout time.Duration
	Retry         RetryPolicy

	mu      sync.Mutex
	chainID string
}

type config struct {
	creds        credentials.TransportCredentials
	retry        RetryPolicy
	interceptors []grpc.UnaryClientInterceptor
}

// Option configures Dial.
type Option func(*config)

// WithTransportCredentials uses TLS (or other credentials) instead of a plaintext channel.
func WithTransportCredentials(creds credentials.TransportCredentials) Option {
	return func(c *config) { c.creds = creds }
}

// WithRetryPolicy replaces DefaultRetryPolicy.
func WithRetryPolicy(policy RetryPolicy) Option { return func(c *config) { c.retry = policy } }

// WithUnaryInterceptor adds a client interceptor (logging, metrics, auth headers).
func WithUnaryInterceptor(interceptor grpc.UnaryClientInterceptor) Option {
	return func(c *config) { c.interceptors = append(c.interceptors, interceptor) }
}

// Dial makes a client for target "host:port". Without WithTransportCredentials the channel is
// plaintext (a node on loopback, or behind a TLS-terminating proxy). It does not connect yet.
func Dial(target string, opts ...Option) (*Client, error) {
	cfg := config{creds: insecure.NewCredentials(), retry: DefaultRetryPolicy}
	for _, opt := range opts {
		opt(&cfg)
	}
	conn, err := grpc.NewClient(target,
		grpc.WithTransportCredentials(cfg.creds),
		grpc.WithChainUnaryInterceptor(cfg.interceptors...),
		// Reconnect soon after a node comes back, so retries do not fail fast for seconds.
		grpc.WithConnectParams(grpc.ConnectParams{
			Backoff:           backoff.Config{BaseDelay: 200 * time.Millisecond, Multiplier: 1.6, Jitter: 0.2, MaxDelay: 2 * time.Second},
			MinConnectTimeout: 5 * time.Second,
		}),
		grpc.WithDefaultCallOptions(grpc.MaxCallRecvMsgSize(64<<20)),
	)
	if err != nil {
		return nil, err
	}
	return &Client{
		conn:          conn,
		Ledger:        ledgerv1.NewLedgerServiceClient(conn),
		Documents:     documentsv1.NewDocumentsServiceClient(conn),
		Vault:         vaultv1.NewVaultServiceClient(conn),
		Land:          landregistryv1.NewLandRegistryServiceClient(conn),
		Pharma:        pharmav1.NewPharmaServiceClient(conn),
		Timeout:       DefaultTimeout,
		SubmitTimeout: DefaultSubmitTimeout,
		StreamTimeout: DefaultStreamTimeout,
		Retry:         cfg.retry,
	}, nil
}

// Close closes the connection.
func (c *Client) Close() error { return c.conn.Close() }

// AsRPCError converts a gRPC error into *RPCError with the ErrorInfo reason and metadata.
func AsRPCError(err error) *RPCError {
	var already *RPCError
	if errors.As(err, &already) {
		return already
	}
	st := status.Convert(err)
	out := &RPCError{Code: st.Code(), Message: st.Message()}
	for _, detail := range st.Details() {
		if info, ok := detail.(*errdetails.ErrorInfo); ok {
			out.Reason, out.Metadata = info.GetReason(), info.GetMetadata()
			break
		}
	}
	return out
}

// call runs one RPC with a default deadline and retries on UNAVAILABLE.
func call[Req, Resp any](ctx context.Context, c *Client, timeout time.Duration,
	method func(context.Context, Req, ...grpc.CallOption) (Resp, error), request Req,
) (Resp, error) {
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, timeout)
		defer cancel()
	}
	attempts := max(c.Retry.Attempts, 1)
	delay := c.Retry.InitialBackoff
	for attempt := 1; ; attempt++ {
		response, err := method(ctx, request)
		if err == nil {
			return response, nil
		}
		failed := AsRPCError(err)
		if failed.Code != codes.Unavailable || attempt >= attempts {
			return response, failed
		}
		sleep := min(delay, c.Retry.MaxBackoff)
		sleep = sleep/2 + time.Duration(rand.Int64N(int64(sleep/2)+1))
		select {
		case <-ctx.Done():
			return response, failed
		case <-time.After(sleep):
		}
		delay = time.Duration(float64(delay) * c.Retry.Multiplier)
	}
}

// LogInfo returns origin, key name and key, chain id, height and tree size.
func (c *Client) LogInfo(ctx context.Context) (*ledgerv1.GetLogInfoResponse, error) {
	info, err := call(ctx, c, c.Timeout, c.Ledger.GetLogInfo, &ledgerv1.GetLogInfoRequest{})
	if err == nil {
		c.mu.Lock()
		c.chainID = info.GetChainId()
		c.mu.Unlock()
	}
	return info, err
}

// ChainID is the node's chain id (asked once, then remembered).
func (c *Client) ChainID(ctx context.Context) (string, error) {
	c.mu.Lock()
	known := c.chainID
	c.mu.Unlock()
	if known != "" {
		return known, nil
	}
	info, err := c.LogInfo(ctx)
	return info.GetChainId(), err
}

// Submit submits one signed transaction and returns its receipt once its block is committed.
// A refusal is an *RPCError whose Reason says why (EntryIndex is set when it was logged).
func (c *Client) Submit(ctx context.Context, transaction []byte) (*ledgerv1.Receipt, error) {
	response, err := call(ctx, c, c.SubmitTimeout, c.Ledger.SubmitTransaction,
		&ledgerv1.SubmitTransactionRequest{Transaction: transaction})
	return response.GetReceipt(), err
}

// SubmitResult is the outcome of one item of SubmitMany: a receipt, or why it was refused.
type SubmitResult struct {
	Receipt *ledgerv1.Receipt
	Err     *RPCError
}

// SubmitMany submits many transactions in one call; one result per item, in order.
func (c *Client) SubmitMany(ctx context.Context, transactions [][]byte) ([]SubmitResult, error) {
	response, err := call(ctx, c, c.SubmitTimeout, c.Ledger.SubmitTransactions,
		&ledgerv1.SubmitTransactionsRequest{Transactions: transactions})
	if err != nil {
		return nil, err
	}
	results := make([]SubmitResult, len(response.GetResults()))
	for i, item := range response.GetResults() {
		if item.GetReceipt() != nil {
			results[i].Receipt = item.GetReceipt()
			continue
		}
		e := item.GetError()
		results[i].Err = &RPCError{
			Code: codes.Code(e.GetCode()), Message: e.GetMessage(), Reason: e.GetReason(), Metadata: e.GetMetadata(),
		}
	}
	return results, nil
}

// Notarize registers a document digest, signed by keys, and returns the receipt.
func (c *Client) Notarize(ctx context.Context, keys []ed25519.PrivateKey, digest []byte, title string) (*ledgerv1.Receipt, error) {
	chainID, err := c.ChainID(ctx)
	if err != nil {
		return nil, err
	}
	action, err := RegisterDocument(digest, title)
	if err != nil {
		return nil, err
	}
	raw, err := BuildSigned(chainID, action, keys, BodyOptions{})
	if err != nil {
		return nil, err
	}
	return c.Submit(ctx, raw)
}

// Receipt returns a receipt for a logged transaction against the checkpoint of treeSize (0: the
// latest).
func (c *Client) Receipt(ctx context.Context, txHash []byte, treeSize uint64) (*ledgerv1.Receipt, error) {
	response, err := call(ctx, c, c.Timeout, c.Ledger.GetReceipt,
		&ledgerv1.GetReceiptRequest{TxHash: txHash, TreeSize: treeSize})
	return response.GetReceipt(), err
}

// Checkpoint returns the signed checkpoint note of treeSize (0: the latest).
func (c *Client) Checkpoint(ctx context.Context, treeSize uint64) ([]byte, error) {
	response, err := call(ctx, c, c.Timeout, c.Ledger.GetCheckpoint, &ledgerv1.GetCheckpointRequest{TreeSize: treeSize})
	return response.GetCheckpoint(), err
}

// ConsistencyProof returns the RFC 9162 consistency proof between two tree sizes.
func (c *Client) ConsistencyProof(ctx context.Context, firstSize, secondSize uint64) ([][]byte, error) {
	response, err := call(ctx, c, c.Timeout, c.Ledger.GetConsistencyProof,
		&ledgerv1.GetConsistencyProofRequest{FirstSize: firstSize, SecondSize: secondSize})
	return response.GetHashes(), err
}

// CheckConsistency fetches the proof between two checkpoints this client has seen and verifies
// it offline with VerifyCheckpointConsistency: a rewritten history fails here.
func (c *Client) CheckConsistency(ctx context.Context, oldNote, newNote []byte, key LogKey) (oldCp, newCp *Checkpoint, err error) {
	if oldCp, err = VerifyCheckpoint(oldNote, key, ""); err != nil {
		return nil, nil, err
	}
	if newCp, err = VerifyCheckpoint(newNote, key, oldCp.Origin); err != nil {
		return nil, nil, err
	}
	proof, err := c.ConsistencyProof(ctx, oldCp.Size, newCp.Size)
	if err != nil {
		return nil, nil, err
	}
	return VerifyCheckpointConsistency(oldNote, newNote, proof, key, "")
}

// VerifyDocument says whether a digest is registered, when and where, with a receipt.
func (c *Client) VerifyDocument(ctx context.Context, digest []byte) (*documentsv1.VerifyDocumentResponse, error) {
	return call(ctx, c, c.Timeout, c.Documents.VerifyDocument, &documentsv1.VerifyDocumentRequest{Sha256: digest})
}
