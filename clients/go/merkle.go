package tabularium

import (
	"bytes"
	"crypto/sha256"
)

// RFC 9162 hashing: leaf SHA-256(0x00 || data), node SHA-256(0x01 || left || right).

// EmptyRoot is the root of the tree with no leaves, SHA-256 of nothing.
var EmptyRoot = func() []byte { sum := sha256.Sum256(nil); return sum[:] }()

// LeafHash is SHA-256(0x00 || data).
func LeafHash(data []byte) []byte {
	h := sha256.New()
	h.Write([]byte{0x00})
	h.Write(data)
	return h.Sum(nil)
}

// NodeHash is SHA-256(0x01 || left || right).
func NodeHash(left, right []byte) []byte {
	h := sha256.New()
	h.Write([]byte{0x01})
	h.Write(left)
	h.Write(right)
	return h.Sum(nil)
}

func checkHashes(category, what string, hashes ...[]byte) error {
	for i, h := range hashes {
		if len(h) != sha256.Size {
			return verificationErrorf(category, "%s %d has %d bytes, want 32", what, i, len(h))
		}
	}
	return nil
}

// RootFromInclusionProof computes the root that proof leads to from leaf at index in a tree of
// size leaves (RFC 9162 §2.1.3.2). It fails with INCLUSION_PROOF_INVALID if index >= size, a
// hash is not 32 bytes, or the proof is longer or shorter than (index, size) requires.
func RootFromInclusionProof(leaf []byte, index, size uint64, proof [][]byte) ([]byte, error) {
	if index >= size {
		return nil, verificationErrorf(InclusionProofInvalid, "index %d is not in a tree of size %d", index, size)
	}
	if err := checkHashes(InclusionProofInvalid, "proof hash", append([][]byte{leaf}, proof...)...); err != nil {
		return nil, err
	}
	fn, sn, r := index, size-1, leaf
	for _, p := range proof {
		if sn == 0 {
			return nil, verificationErrorf(InclusionProofInvalid, "proof has %d hashes, too many", len(proof))
		}
		if fn&1 == 1 || fn == sn {
			r = NodeHash(p, r)
			for fn&1 == 0 && fn != 0 {
				fn >>= 1
				sn >>= 1
			}
		} else {
			r = NodeHash(r, p)
		}
		fn >>= 1
		sn >>= 1
	}
	if sn != 0 {
		return nil, verificationErrorf(InclusionProofInvalid, "proof has %d hashes, too few", len(proof))
	}
	return r, nil
}

// VerifyInclusion checks that leaf is entry index of the tree of size leaves with root.
func VerifyInclusion(leaf []byte, index, size uint64, proof [][]byte, root []byte) error {
	got, err := RootFromInclusionProof(leaf, index, size, proof)
	if err != nil {
		return err
	}
	if !bytes.Equal(got, root) {
		return verificationErrorf(InclusionProofInvalid, "proof leads to root %x, the checkpoint has %x", got, root)
	}
	return nil
}

// VerifyConsistency checks that the tree (oldSize, oldRoot) is a prefix of (newSize, newRoot)
// (RFC 9162 §2.1.4.2). Equal sizes need an empty proof and equal roots; oldSize 0 needs an empty
// proof and the empty-tree root. Fails with CONSISTENCY_PROOF_INVALID saying why.
func VerifyConsistency(oldSize, newSize uint64, proof [][]byte, oldRoot, newRoot []byte) error {
	const bad = ConsistencyProofInvalid
	if oldSize > newSize {
		return verificationErrorf(bad, "old size %d is larger than new size %d", oldSize, newSize)
	}
	if err := checkHashes(bad, "hash", append([][]byte{oldRoot, newRoot}, proof...)...); err != nil {
		return err
	}
	if oldSize == newSize || oldSize == 0 {
		switch {
		case len(proof) != 0:
			return verificationErrorf(bad, "proof has %d hashes, want 0", len(proof))
		case oldSize == newSize && !bytes.Equal(oldRoot, newRoot):
			return verificationErrorf(bad, "equal sizes with different roots")
		case oldSize == 0 && !bytes.Equal(oldRoot, EmptyRoot):
			return verificationErrorf(bad, "old root of size 0 is not the empty-tree root")
		}
		return nil
	}
	if len(proof) == 0 {
		return verificationErrorf(bad, "proof is empty")
	}
	path := proof
	if oldSize&(oldSize-1) == 0 { // a power of two: the old root is a node of the new tree
		path = append([][]byte{oldRoot}, proof...)
	}
	fn, sn := oldSize-1, newSize-1
	for fn&1 == 1 {
		fn >>= 1
		sn >>= 1
	}
	fr, sr := path[0], path[0]
	for _, c := range path[1:] {
		if sn == 0 {
			return verificationErrorf(bad, "proof has %d hashes, too many", len(proof))
		}
		if fn&1 == 1 || fn == sn {
			fr = NodeHash(c, fr)
			sr = NodeHash(c, sr)
			for fn&1 == 0 && fn != 0 {
				fn >>= 1
				sn >>= 1
			}
		} else {
			sr = NodeHash(sr, c)
		}
		fn >>= 1
		sn >>= 1
	}
	switch {
	case sn != 0:
		return verificationErrorf(bad, "proof has %d hashes, too few", len(proof))
	case !bytes.Equal(fr, oldRoot):
		return verificationErrorf(bad, "proof leads to old root %x, want %x", fr, oldRoot)
	case !bytes.Equal(sr, newRoot):
		return verificationErrorf(bad, "proof leads to new root %x, want %x", sr, newRoot)
	}
	return nil
}
