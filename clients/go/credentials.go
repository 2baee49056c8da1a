package tabularium

// Offline verification of W3C credentials and presentations (VC 2.0, eddsa-jcs-2022): the
// checks and status order of tests/vectors/presentations/README.md. Nothing here calls a server.

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode/utf16"
)

// Check outcomes.
const (
	Passed  = "PASSED"
	Failed  = "FAILED"
	Unknown = "UNKNOWN"
	Skipped = "SKIPPED"
)

const vcV2 = "https://www.w3.org/ns/credentials/v2"

var (
	credentialOrder   = []string{"MALFORMED", "INVALID_PROOF", "ISSUER_NOT_BOUND", "UNTRUSTED_ISSUER", "REVOKED", "SUSPENDED", "EXPIRED", "NOT_YET_VALID"}
	presentationOrder = []string{"MALFORMED", "INVALID_PROOF", "HOLDER_NOT_BOUND", "DOMAIN_MISMATCH", "CHALLENGE_MISMATCH", "HOLDER_NOT_SUBJECT"}
	credentialChecks  = []string{"proof", "issuer_binding", "validity", "status", "trust"}
	presentChecks     = []string{"proof", "holder_binding", "challenge", "domain", "holder_is_subject"}
	dateTimeRE        = regexp.MustCompile(`^-?\d{4,}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?$`)
)

// Check is the outcome of one check behind a verdict.
type Check struct {
	Outcome string `json:"outcome"`
	Detail  string `json:"detail"`
}

// Verdict is what VerifyCredential or VerifyPresentation found. Checks are keyed by name
// (proof, issuer_binding, validity, status, trust; or for presentations proof, holder_binding,
// challenge, domain, holder_is_subject); Credentials holds a presentation's credential verdicts.
type Verdict struct {
	Status      string           `json:"status"`
	Checks      map[string]Check `json:"checks"`
	Reasons     []string         `json:"reasons"`
	Credentials []*Verdict       `json:"credentials,omitempty"`
}

// OK reports whether the status is VALID.
func (v *Verdict) OK() bool { return v.Status == "VALID" }

type findings map[string][]string

func (f findings) add(status, reason string) { f[status] = append(f[status], reason) }

func (f findings) first(order []string) string {
	for _, s := range order {
		if len(f[s]) > 0 {
			return s
		}
	}
	return ""
}

func (f findings) reasons(order []string) []string {
	out := []string{}
	for _, s := range order {
		out = append(out, f[s]...)
	}
	return out
}

// --- strict JSON and JCS (RFC 8785) ---------------------------------------------------------

// parseJSON decodes one JSON value, refusing duplicate keys and trailing data; numbers stay
// json.Number.
func parseJSON(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	value, err := decodeValue(dec, 0)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("data after the JSON value")
	}
	return value, nil
}

func decodeValue(dec *json.Decoder, depth int) (any, error) {
	if depth > 64 {
		return nil, errors.New("JSON nested too deeply")
	}
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			obj := map[string]any{}
			for dec.More() {
				keyTok, err := dec.Token()
				if err != nil {
					return nil, err
				}
				key, _ := keyTok.(string)
				if _, dup := obj[key]; dup {
					return nil, fmt.Errorf("duplicate key %q", key)
				}
				if obj[key], err = decodeValue(dec, depth+1); err != nil {
					return nil, err
				}
			}
			_, err := dec.Token()
			return obj, err
		case '[':
			arr := []any{}
			for dec.More() {
				v, err := decodeValue(dec, depth+1)
				if err != nil {
					return nil, err
				}
				arr = append(arr, v)
			}
			_, err := dec.Token()
			return arr, err
		}
		return nil, fmt.Errorf("unexpected %v", t)
	default:
		return t, nil
	}
}

// Canonicalize returns the RFC 8785 (JCS) form of a value from parseJSON. Non-integer numbers
// are refused.
func Canonicalize(value any) ([]byte, error) {
	var b strings.Builder
	if err := jcs(&b, value); err != nil {
		return nil, err
	}
	return []byte(b.String()), nil
}

func jcs(b *strings.Builder, value any) error {
	switch v := value.(type) {
	case nil:
		b.WriteString("null")
	case bool:
		if v {
			b.WriteString("true")
		} else {
			b.WriteString("false")
		}
	case json.Number:
		n, ok := new(big.Int).SetString(v.String(), 10)
		if !ok || n.BitLen() > 53 {
			return fmt.Errorf("number %s: only integers up to 2^53 are supported", v)
		}
		b.WriteString(n.String())
	case string:
		jcsString(b, v)
	case []any:
		b.WriteByte('[')
		for i, item := range v {
			if i > 0 {
				b.WriteByte(',')
			}
			if err := jcs(b, item); err != nil {
				return err
			}
		}
		b.WriteByte(']')
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool { return utf16Less(keys[i], keys[j]) })
		b.WriteByte('{')
		for i, k := range keys {
			if i > 0 {
				b.WriteByte(',')
			}
			jcsString(b, k)
			b.WriteByte(':')
			if err := jcs(b, v[k]); err != nil {
				return err
			}
		}
		b.WriteByte('}')
	default:
		return fmt.Errorf("%T is not a JSON value", value)
	}
	return nil
}

func utf16Less(a, b string) bool {
	ua, ub := utf16.Encode([]rune(a)), utf16.Encode([]rune(b))
	for i := 0; i < len(ua) && i < len(ub); i++ {
		if ua[i] != ub[i] {
			return ua[i] < ub[i]
		}
	}
	return len(ua) < len(ub)
}

func jcsString(b *strings.Builder, s string) {
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			if r < 0x20 {
				fmt.Fprintf(b, `\u%04x`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
}

// --- did:key ----------------------------------------------------------------------------------

func base58Decode(s string) ([]byte, error) {
	n := new(big.Int)
	for _, c := range s {
		d := strings.IndexRune(base58Alphabet, c)
		if d < 0 {
			return nil, fmt.Errorf("%q is not base58btc", c)
		}
		n.Mul(n, big.NewInt(58)).Add(n, big.NewInt(int64(d)))
	}
	zeros := len(s) - len(strings.TrimLeft(s, "1"))
	return append(make([]byte, zeros), n.Bytes()...), nil
}

// didKey returns the DID and Ed25519 key of a did:key method, or ok false.
func didKey(method string) (string, ed25519.PublicKey, bool) {
	did, fragment, hasFragment := strings.Cut(method, "#")
	msid, found := strings.CutPrefix(did, "did:key:")
	if !found || !strings.HasPrefix(msid, "z") || (hasFragment && fragment != msid) {
		return "", nil, false
	}
	raw, err := base58Decode(msid[1:])
	if err != nil || len(raw) != 34 || raw[0] != 0xed || raw[1] != 0x01 {
		return "", nil, false
	}
	return did, ed25519.PublicKey(raw[2:]), true
}

// --- helpers ---------------------------------------------------------------------------------

func asList(v any) []any {
	switch t := v.(type) {
	case nil:
		return nil
	case []any:
		return t
	default:
		return []any{t}
	}
}

func idOf(v any) (string, bool) {
	if m, ok := v.(map[string]any); ok {
		v = m["id"]
	}
	s, ok := v.(string)
	return s, ok
}

func parseTime(v any) (time.Time, bool) {
	s, ok := v.(string)
	if !ok || !dateTimeRE.MatchString(s) {
		return time.Time{}, false
	}
	if !strings.HasSuffix(s, "Z") && !regexp.MustCompile(`[+-]\d\d:\d\d$`).MatchString(s) {
		s += "Z"
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	return t, err == nil
}

func startsWith(list, prefix []any) bool {
	if len(prefix) > len(list) {
		return false
	}
	for i := range prefix {
		a, _ := Canonicalize(list[i])
		b, _ := Canonicalize(prefix[i])
		if !bytes.Equal(a, b) {
			return false
		}
	}
	return true
}

type keyRef struct {
	did string
	key ed25519.PublicKey
}

func verifyProof(doc map[string]any, purpose string) (Check, *keyRef) {
	proof, ok := doc["proof"].(map[string]any)
	if !ok {
		return Check{Failed, "proof must be one object"}, nil
	}
	for _, name := range []string{"verificationMethod", "proofPurpose", "proofValue"} {
		if _, ok := proof[name].(string); !ok {
			return Check{Failed, "proof." + name + " is missing"}, nil
		}
	}
	if proof["type"] != "DataIntegrityProof" || proof["cryptosuite"] != "eddsa-jcs-2022" {
		return Check{Failed, "proof is not a DataIntegrityProof with eddsa-jcs-2022"}, nil
	}
	if proof["proofPurpose"] != purpose {
		return Check{Failed, fmt.Sprintf("proof.proofPurpose is %v, want %s", proof["proofPurpose"], purpose)}, nil
	}
	if created, has := proof["created"]; has {
		if _, ok := parseTime(created); !ok {
			return Check{Failed, "proof.created is not a dateTime"}, nil
		}
	}
	value := proof["proofValue"].(string)
	var signature []byte
	if strings.HasPrefix(value, "z") {
		signature, _ = base58Decode(value[1:])
	}
	if len(signature) != ed25519.SignatureSize {
		return Check{Failed, "proof.proofValue is not base58btc of 64 bytes"}, nil
	}
	method := proof["verificationMethod"].(string)
	did, key, ok := didKey(method)
	if !ok {
		return Check{Unknown, "cannot resolve " + method + " offline"}, nil
	}
	ref := &keyRef{did, key}
	options := map[string]any{}
	for k, v := range proof {
		if k != "proofValue" {
			options[k] = v
		}
	}
	unsecured := map[string]any{}
	for k, v := range doc {
		if k != "proof" {
			unsecured[k] = v
		}
	}
	if ctx, has := options["@context"]; has {
		if !startsWith(asList(doc["@context"]), asList(ctx)) {
			return Check{Failed, "document @context does not start with the proof's"}, ref
		}
		unsecured["@context"] = ctx
	}
	proofBytes, err := Canonicalize(options)
	if err != nil {
		return Check{Failed, err.Error()}, ref
	}
	docBytes, err := Canonicalize(unsecured)
	if err != nil {
		return Check{Failed, err.Error()}, ref
	}
	ph, dh := sha256.Sum256(proofBytes), sha256.Sum256(docBytes)
	if !ed25519.Verify(key, append(ph[:], dh[:]...), signature) {
		return Check{Failed, "signature does not verify under " + method}, ref
	}
	return Check{Passed, "eddsa-jcs-2022 signature by " + method + " verifies"}, ref
}

func binding(party string, proof Check, ref *keyRef, bindings map[string]string) Check {
	if ref == nil {
		if proof.Outcome == Unknown {
			return Check{Unknown, proof.Detail}
		}
		return Check{Skipped, "the proof is not readable"}
	}
	if party == ref.did {
		return Check{Passed, party + " controls its did:key"}
	}
	if bound, ok := bindings[party]; ok {
		if did, _, _ := strings.Cut(bound, "#"); did == ref.did {
			return Check{Passed, party + " is bound to " + ref.did + " by a pinned mapping"}
		}
	}
	if strings.HasPrefix(party, "did:key:") {
		return Check{Failed, "the key belongs to " + ref.did + ", not " + party}
	}
	return Check{Unknown, "nothing pinned binds " + party + " to " + ref.did}
}

func malformedVerdict(names []string, reasons []string) *Verdict {
	checks := map[string]Check{}
	for _, n := range names {
		checks[n] = Check{Skipped, "not checked: malformed"}
	}
	return &Verdict{Status: "MALFORMED", Checks: checks, Reasons: reasons}
}

func credentialProblems(doc map[string]any) []string {
	var problems []string
	if ctx := asList(doc["@context"]); len(ctx) == 0 || ctx[0] != vcV2 {
		problems = append(problems, "the first @context must be "+vcV2)
	}
	if !contains(asList(doc["type"]), "VerifiableCredential") {
		problems = append(problems, "type must include VerifiableCredential")
	}
	if _, ok := idOf(doc["issuer"]); !ok {
		problems = append(problems, "issuer is missing")
	}
	if len(asList(doc["credentialSubject"])) == 0 {
		problems = append(problems, "credentialSubject is missing")
	}
	for _, name := range []string{"validFrom", "validUntil"} {
		if v, has := doc[name]; has {
			if _, ok := parseTime(v); !ok {
				problems = append(problems, name+" is not a dateTime")
			}
		}
	}
	if _, has := doc["proof"]; !has {
		problems = append(problems, "the credential has no proof")
	}
	return problems
}

func contains(list []any, want string) bool {
	for _, v := range list {
		if v == want {
			return true
		}
	}
	return false
}

// VerifyCredential verifies a secured credential (JSON) offline at now; bindings pins party ->
// DID (e.g. an https issuer id to the did:key that signs for it).
func VerifyCredential(data []byte, now time.Time, bindings map[string]string) *Verdict {
	value, err := parseJSON(data)
	if err != nil {
		return malformedVerdict(credentialChecks, []string{"not valid JSON: " + err.Error()})
	}
	return verifyCredentialValue(value, now, bindings)
}

func verifyCredentialValue(value any, now time.Time, bindings map[string]string) *Verdict {
	doc, ok := value.(map[string]any)
	if !ok {
		return malformedVerdict(credentialChecks, []string{"a credential must be a JSON object"})
	}
	if problems := credentialProblems(doc); len(problems) > 0 {
		return malformedVerdict(credentialChecks, problems)
	}
	issuer, _ := idOf(doc["issuer"])
	found := findings{}
	proof, ref := verifyProof(doc, "assertionMethod")
	if proof.Outcome == Failed {
		found.add("INVALID_PROOF", "proof: "+proof.Detail)
	}
	bind := binding(issuer, proof, ref, bindings)
	if bind.Outcome == Failed || bind.Outcome == Unknown {
		found.add("ISSUER_NOT_BOUND", "issuer binding: "+bind.Detail)
	}
	validity := Check{Passed, "in its validity period"}
	var window []string
	if start, ok := parseTime(doc["validFrom"]); ok && now.Before(start) {
		found.add("NOT_YET_VALID", fmt.Sprintf("not valid before %v", doc["validFrom"]))
		window = append(window, fmt.Sprintf("not valid before %v", doc["validFrom"]))
	}
	if end, ok := parseTime(doc["validUntil"]); ok && now.After(end) {
		found.add("EXPIRED", fmt.Sprintf("expired at %v", doc["validUntil"]))
		window = append(window, fmt.Sprintf("expired at %v", doc["validUntil"]))
	}
	if len(window) > 0 {
		validity = Check{Failed, strings.Join(window, "; ")}
	}
	status := found.first(credentialOrder)
	if status == "" {
		status = "VALID"
	}
	return &Verdict{
		Status: status,
		Checks: map[string]Check{
			"proof":          proof,
			"issuer_binding": bind,
			"validity":       validity,
			"status":         {Skipped, "no status lists offline; the node checks status"},
			"trust":          {Skipped, "no trust list given"},
		},
		Reasons: found.reasons(credentialOrder),
	}
}

// VerifyPresentation verifies a presentation (JSON) made for the verifier with challenge and
// domain, offline at now, and each credential in it.
func VerifyPresentation(data []byte, challenge, domain string, now time.Time, bindings map[string]string) *Verdict {
	value, err := parseJSON(data)
	if err != nil {
		return malformedVerdict(presentChecks, []string{"not valid JSON: " + err.Error()})
	}
	doc, ok := value.(map[string]any)
	if !ok {
		return malformedVerdict(presentChecks, []string{"a presentation must be a JSON object"})
	}
	var problems []string
	if ctx := asList(doc["@context"]); len(ctx) == 0 || ctx[0] != vcV2 {
		problems = append(problems, "the first @context must be "+vcV2)
	}
	if !contains(asList(doc["type"]), "VerifiablePresentation") {
		problems = append(problems, "type must include VerifiablePresentation")
	}
	holder, ok := idOf(doc["holder"])
	if !ok {
		problems = append(problems, "holder is missing")
	}
	credentials := asList(doc["verifiableCredential"])
	if len(credentials) == 0 {
		problems = append(problems, "nothing is presented")
	}
	for _, c := range credentials {
		if _, ok := c.(map[string]any); !ok {
			problems = append(problems, "verifiableCredential must hold credential objects")
			break
		}
	}
	if _, has := doc["proof"]; !has {
		problems = append(problems, "the presentation has no proof")
	}
	if len(problems) > 0 {
		return malformedVerdict(presentChecks, problems)
	}
	found := findings{}
	proof, ref := verifyProof(doc, "authentication")
	if proof.Outcome == Failed {
		found.add("INVALID_PROOF", "presentation proof: "+proof.Detail)
	}
	bind := binding(holder, proof, ref, bindings)
	if bind.Outcome == Failed || bind.Outcome == Unknown {
		found.add("HOLDER_NOT_BOUND", "holder binding: "+bind.Detail)
	}
	raw, _ := doc["proof"].(map[string]any)
	challengeCheck := Check{Passed, "the proof carries the verifier's challenge"}
	if raw["challenge"] != challenge {
		challengeCheck = Check{Failed, fmt.Sprintf("the proof's challenge is %v, not %s", raw["challenge"], challenge)}
		found.add("CHALLENGE_MISMATCH", challengeCheck.Detail)
	}
	domainCheck := Check{Passed, "made for " + domain}
	if !contains(asList(raw["domain"]), domain) {
		domainCheck = Check{Failed, fmt.Sprintf("made for %v, not %s", raw["domain"], domain)}
		found.add("DOMAIN_MISMATCH", domainCheck.Detail)
	}
	subject := Check{Passed, "the holder is the subject of every credential"}
	var verdicts []*Verdict
	for n, c := range credentials {
		isSubject := false
		for _, s := range asList(c.(map[string]any)["credentialSubject"]) {
			if id, ok := idOf(s); ok && id == holder {
				isSubject = true
			}
		}
		if !isSubject && subject.Outcome == Passed {
			subject = Check{Failed, fmt.Sprintf("the holder is not the subject of credential %d", n)}
			found.add("HOLDER_NOT_SUBJECT", subject.Detail)
		}
		verdicts = append(verdicts, verifyCredentialValue(c, now, bindings))
	}
	status := found.first(presentationOrder)
	if status == "" {
		for _, s := range credentialOrder {
			for _, v := range verdicts {
				if status == "" && v.Status == s {
					status = s
				}
			}
		}
	}
	if status == "" {
		status = "VALID"
	}
	reasons := found.reasons(presentationOrder)
	for n, v := range verdicts {
		for _, r := range v.Reasons {
			reasons = append(reasons, fmt.Sprintf("credential %d: %s", n, r))
		}
	}
	return &Verdict{
		Status: status,
		Checks: map[string]Check{
			"proof":             proof,
			"holder_binding":    bind,
			"challenge":         challengeCheck,
			"domain":            domainCheck,
			"holder_is_subject": subject,
		},
		Reasons:     reasons,
		Credentials: verdicts,
	}
}
