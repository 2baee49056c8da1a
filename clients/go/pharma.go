package tabularium

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"fmt"
	"strings"
	"time"

	pharmav1 "github.com/tabularium/tabularium/clients/go/gen/tabularium/pharma/v1"
)

// A medicinal pack is known on the log only by its pack key: HMAC-SHA-256 under the product's
// 32-byte key of "tabularium.pharma.v1.pack" 0x00 GTIN-14 0x00 serial (ASCII). ParseScan reads a
// GS1 element string as a DataMatrix scanner delivers it: an optional symbology identifier "]d2",
// then AIs (01) GTIN-14 with its check digit, (17) expiry YYMMDD, (10) batch and (21) serial in
// any order, the variable-length ones (10, 21: 1-20 characters of GS1 character set 82) ended by
// GS (0x1D) unless last. The node's reader also takes the bracket form, Digital Link URIs and
// AIs 710-715; this one does not. Both agree on tests/vectors/pharma/scans.json.

const (
	// ProductKeySize is the length of a product key.
	ProductKeySize = 32
	// GS is the ASCII group separator a scanner sends for FNC1.
	GS = "\x1d"

	packKeyContext      = "tabularium.pharma.v1.pack\x00"
	maxVariableLength   = 20
	cs82                = "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz"
	aiGTIN, aiExpiry    = "01", "17"
	aiBatch, aiSerial   = "10", "21"
	symbologyDataMatrix = "]d2"
)

var (
	scanReasons = map[string]string{aiGTIN: "BAD_GTIN", aiExpiry: "BAD_EXPIRY", aiBatch: "BAD_BATCH", aiSerial: "BAD_SERIAL"}
	fixedLength = map[string]int{aiGTIN: 14, aiExpiry: 6}
	// The order in which a missing AI is named.
	requiredAIs = []string{aiGTIN, aiSerial, aiBatch, aiExpiry}
	// Length of a GS1 AI by its first two digits, to name an AI this reader refuses.
	aiLength = func() map[string]int {
		m := map[string]int{}
		for length, prefixes := range map[int]string{
			2: "00 01 02 03 10 11 12 13 15 16 17 20 21 22 30 37 90 91 92 93 94 95 96 97 98 99",
			3: "23 24 25 40 41 42 71",
			4: "31 32 33 34 35 36 39 43 70 72 80 81 82",
		} {
			for _, p := range strings.Fields(prefixes) {
				m[p] = length
			}
		}
		return m
	}()
)

// ScanError is a scan this reader refuses: Reason is BAD_GTIN, BAD_SERIAL, BAD_BATCH, BAD_EXPIRY,
// MISSING_AI, UNSUPPORTED_AI, DUPLICATE_AI or BAD_SCAN, and AI the AI at fault ("" if none).
type ScanError struct {
	Reason  string
	AI      string
	Message string
}

func (e *ScanError) Error() string {
	if e.AI == "" {
		return e.Reason + ": " + e.Message
	}
	return fmt.Sprintf("%s (AI %s): %s", e.Reason, e.AI, e.Message)
}

func scanErrorf(reason, ai, format string, args ...any) error {
	return &ScanError{Reason: reason, AI: ai, Message: fmt.Sprintf(format, args...)}
}

// Scan is what a pack's code says. Expiry is as on the pack, YYMMDD (day 00: the month's last).
type Scan struct {
	GTIN, Serial, Batch, Expiry string
}

// ScannedPack is the ScannedPack a VerifyPack or DecommissionPack carries for this scan.
func (s *Scan) ScannedPack(productKey []byte) (*pharmav1.ScannedPack, error) {
	key, err := PackKey(productKey, s.GTIN, s.Serial)
	if err != nil {
		return nil, err
	}
	return &pharmav1.ScannedPack{PackKey: key, Gtin: s.GTIN, Batch: s.Batch, Expiry: s.Expiry}, nil
}

// GS1CheckDigit is the GS1 mod-10 check digit of digits (weights 3, 1, 3... from the right).
func GS1CheckDigit(digits string) int {
	total := 0
	for i := 0; i < len(digits); i++ {
		weight := 1
		if i%2 == 0 {
			weight = 3
		}
		total += int(digits[len(digits)-1-i]-'0') * weight
	}
	return (10 - total%10) % 10
}

func isDigits(value string) bool {
	for i := 0; i < len(value); i++ {
		if value[i] < '0' || value[i] > '9' {
			return false
		}
	}
	return value != ""
}

func checkGTIN(gtin string) error {
	if len(gtin) != 14 || !isDigits(gtin) {
		return scanErrorf("BAD_GTIN", aiGTIN, "GTIN %q must be 14 digits", gtin)
	}
	if expected := GS1CheckDigit(gtin[:13]); int(gtin[13]-'0') != expected {
		return scanErrorf("BAD_GTIN", aiGTIN, "GTIN %s: check digit should be %d", gtin, expected)
	}
	return nil
}

func checkCS82(ai, value string) error {
	if n := len([]rune(value)); n < 1 || n > maxVariableLength {
		return scanErrorf(scanReasons[ai], ai, "%q must be 1 to 20 characters", value)
	}
	for _, c := range value {
		if c > 0x7f || !strings.ContainsRune(cs82, c) {
			return scanErrorf(scanReasons[ai], ai, "%q is not in GS1 character set 82", c)
		}
	}
	return nil
}

// expiryYear is the four-digit year of yy (GS1 General Specifications 7.12): it falls in
// referenceYear-49 .. referenceYear+50.
func expiryYear(yy, referenceYear int) int {
	century := referenceYear - referenceYear%100
	switch difference := yy - referenceYear%100; {
	case difference >= 51:
		century -= 100
	case difference <= -50:
		century += 100
	}
	return century + yy
}

func checkExpiry(value string, referenceYear int) error {
	if len(value) != 6 || !isDigits(value) {
		return scanErrorf("BAD_EXPIRY", aiExpiry, "%q must be 6 digits YYMMDD", value)
	}
	year := expiryYear(int(value[0]-'0')*10+int(value[1]-'0'), referenceYear)
	month := int(value[2]-'0')*10 + int(value[3]-'0')
	day := int(value[4]-'0')*10 + int(value[5]-'0')
	if month < 1 || month > 12 {
		return scanErrorf("BAD_EXPIRY", aiExpiry, "%s: month must be 01 to 12", value)
	}
	// Day 0 of the next month is the last day of this one.
	if last := time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day(); day > last {
		return scanErrorf("BAD_EXPIRY", aiExpiry, "%s: no such day in %d-%02d", value, year, month)
	}
	return nil
}

type element struct{ ai, value string }

func splitElements(data string) ([]element, error) {
	var out []element
	for pos := 0; pos < len(data); {
		if data[pos] == GS[0] {
			pos++
			continue
		}
		if pos+2 > len(data) || !isDigits(data[pos:pos+2]) {
			return nil, scanErrorf("BAD_SCAN", "", "expected an AI at character %d", pos+1)
		}
		length, ok := aiLength[data[pos:pos+2]]
		if !ok {
			length = 2
		}
		ai := data[pos:min(pos+length, len(data))]
		if _, ok := scanReasons[ai]; !ok {
			return nil, scanErrorf("UNSUPPORTED_AI", ai, "a pack carries AIs 01, 17, 10 and 21 only")
		}
		start := pos + len(ai)
		var end int
		if fixed, ok := fixedLength[ai]; ok {
			end = start + fixed
			if end > len(data) || strings.Contains(data[start:end], GS) {
				return nil, scanErrorf(scanReasons[ai], ai, "needs %d characters", fixed)
			}
		} else {
			end = len(data)
			if found := strings.Index(data[start:], GS); found >= 0 {
				end = start + found
			}
			if len([]rune(data[start:end])) > maxVariableLength {
				return nil, scanErrorf(scanReasons[ai], ai, "longer than 20 characters (GS missing?)")
			}
		}
		out = append(out, element{ai, data[start:end]})
		pos = end
	}
	return out, nil
}

// ParseScan reads a scanned element string. referenceYear (the current year) fixes the century
// of the expiry. The error is a *ScanError naming the AI that is missing, unknown or malformed.
func ParseScan(text string, referenceYear int) (*Scan, error) {
	data := strings.Trim(text, " \t\r\n")
	if strings.HasPrefix(data, "]") {
		if !strings.HasPrefix(data, symbologyDataMatrix) {
			return nil, scanErrorf("BAD_SCAN", "", "symbology %q: only ]d2 is read", data[:min(3, len(data))])
		}
		data = data[len(symbologyDataMatrix):]
	} else if data == "" {
		return nil, scanErrorf("BAD_SCAN", "", "scan is empty")
	}
	elements, err := splitElements(data)
	if err != nil {
		return nil, err
	}
	values := map[string]string{}
	for _, e := range elements {
		switch e.ai {
		case aiGTIN:
			err = checkGTIN(e.value)
		case aiExpiry:
			err = checkExpiry(e.value, referenceYear)
		default:
			err = checkCS82(e.ai, e.value)
		}
		if err != nil {
			return nil, err
		}
		if seen, ok := values[e.ai]; ok && seen != e.value {
			return nil, scanErrorf("DUPLICATE_AI", e.ai, "appears twice with different values")
		}
		values[e.ai] = e.value
	}
	for _, ai := range requiredAIs {
		if _, ok := values[ai]; !ok {
			return nil, scanErrorf("MISSING_AI", ai, "a pack carries AIs 01, 21, 10 and 17")
		}
	}
	return &Scan{GTIN: values[aiGTIN], Serial: values[aiSerial], Batch: values[aiBatch], Expiry: values[aiExpiry]}, nil
}

// PackKey is the pack's identity on the log: HMAC-SHA-256 under productKey (32 bytes) of its
// GTIN and serial. A bad GTIN or serial is a *ScanError.
func PackKey(productKey []byte, gtin, serial string) ([]byte, error) {
	if len(productKey) != ProductKeySize {
		return nil, fmt.Errorf("product key has %d bytes, want %d", len(productKey), ProductKeySize)
	}
	if err := checkGTIN(gtin); err != nil {
		return nil, err
	}
	if err := checkCS82(aiSerial, serial); err != nil {
		return nil, err
	}
	mac := hmac.New(sha256.New, productKey)
	mac.Write([]byte(packKeyContext + gtin + "\x00" + serial))
	return mac.Sum(nil), nil
}

// VerifyPack is the action by which organisation checks a pack at its premises siteGLN.
func VerifyPack(organisation, siteGLN string, pack *pharmav1.ScannedPack) *pharmav1.VerifyPack {
	return &pharmav1.VerifyPack{Organisation: organisation, SiteGln: siteGLN, Pack: pack}
}

// DecommissionPack is the action by which organisation decommissions a pack (once) at siteGLN.
func DecommissionPack(organisation, siteGLN string, pack *pharmav1.ScannedPack, reason pharmav1.DecommissionReason) (*pharmav1.DecommissionPack, error) {
	if reason == pharmav1.DecommissionReason_DECOMMISSION_REASON_UNSPECIFIED {
		return nil, fmt.Errorf("a decommissioning needs a reason")
	}
	return &pharmav1.DecommissionPack{Organisation: organisation, SiteGln: siteGLN, Pack: pack, Reason: reason}, nil
}

// SubmitScans submits signed VerifyPack, DecommissionPack or UndoDecommission transactions
// through PharmaService.SubmitScans: one result per item, in order (a refusal is a result with
// its code and reason, not an error). The error is the call's own failure.
func (c *Client) SubmitScans(ctx context.Context, transactions [][]byte) ([]*pharmav1.ScanResult, error) {
	response, err := call(ctx, c, c.SubmitTimeout, c.Pharma.SubmitScans,
		&pharmav1.SubmitScansRequest{Transactions: transactions})
	return response.GetResults(), err
}
