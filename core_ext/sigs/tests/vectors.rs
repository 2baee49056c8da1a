//! Runs the shared JSON vectors in `tests/vectors/ed25519` (see PROVENANCE.md there), and
//! checks that batch verification equals single verification on all of them at once.

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;
use tabularium_sigs as sigs;

type Case = (PathBuf, Vec<u8>, Vec<u8>, Vec<u8>, bool);

fn unhex(v: &Value) -> Vec<u8> {
    let s = v.as_str().expect("hex string");
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

fn cases() -> Vec<Case> {
    let mut out = Vec::new();
    let mut dirs = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors/ed25519")];
    while let Some(dir) = dirs.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "json") {
                let v: Value = serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
                let i = &v["input"];
                let valid = v["want_err"].is_null();
                out.push((
                    path,
                    unhex(&i["public_key"]),
                    unhex(&i["message"]),
                    unhex(&i["signature"]),
                    valid,
                ));
            }
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    assert!(out.len() > 200, "expected the RFC 8032 and ZIP-215 vectors");
    out
}

#[test]
fn single_verify_matches_vectors() {
    for (path, pk, msg, sig, valid) in cases() {
        assert_eq!(
            sigs::verify(&pk, &msg, &sig).is_ok(),
            valid,
            "{}",
            path.display()
        );
    }
}

#[test]
fn batch_equals_single() {
    let cases = cases();
    let items: Vec<_> = cases.iter().map(|(_, pk, m, s, _)| (pk, m, s)).collect();
    let want: Vec<bool> = cases.iter().map(|c| c.4).collect();
    assert_eq!(sigs::verify_batch(&items), want);
    // Again inside a large batch (several parallel chunks), so bisection is exercised.
    let many: Vec<_> = items
        .iter()
        .cycle()
        .take(5 * sigs::CHUNK_SIZE + 17)
        .collect();
    let many_items: Vec<_> = many.iter().map(|t| (t.0, t.1, t.2)).collect();
    let many_want: Vec<bool> = want.iter().copied().cycle().take(many.len()).collect();
    assert_eq!(sigs::verify_batch(&many_items), many_want);
    // Pools of 1, 2 and 3 threads chunk differently (see `chunk_size`); the answer is the same.
    for threads in [1, 2, 3] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        for n in [
            sigs::MIN_CHUNK_SIZE,
            sigs::CHUNK_SIZE,
            sigs::CHUNK_SIZE + 17,
        ] {
            let got = pool.install(|| sigs::verify_batch(&many_items[..n]));
            assert_eq!(got, many_want[..n], "{n} items, {threads} threads");
        }
    }
}

/// Every batch size that splits differently (one chunk, a short last chunk, two per thread,
/// the largest chunks), with the vectors' invalid items spread through it, on pools of 1, 2
/// and 3 threads: the result is still one per item, equal to single verification.
#[test]
fn batch_equals_single_on_any_pool_and_size() {
    let cases = cases();
    for threads in [1, 2, 3] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        for n in [1, 31, 32, 33, 64, 100, 1024, 2 * sigs::CHUNK_SIZE + 5] {
            let picked: Vec<_> = cases.iter().cycle().skip(n).take(n).collect();
            let items: Vec<_> = picked.iter().map(|c| (&c.1, &c.2, &c.3)).collect();
            let want: Vec<bool> = picked.iter().map(|c| c.4).collect();
            assert_eq!(
                pool.install(|| sigs::verify_batch(&items)),
                want,
                "{n} items, {threads} threads"
            );
        }
    }
}

#[test]
fn wrong_lengths() {
    assert_eq!(
        sigs::verify(&[0; 31], b"", &[0; 64]),
        Err(sigs::CoreError::PublicKeyLength { got: 31 })
    );
    assert_eq!(
        sigs::verify(&[0; 32], b"", &[0; 65]),
        Err(sigs::CoreError::SignatureLength { got: 65 })
    );
    let items = [(vec![0u8; 31], vec![], vec![0u8; 64])];
    assert_eq!(sigs::verify_batch(&items), vec![false]);
    assert_eq!(
        sigs::verify_batch::<(Vec<u8>, Vec<u8>, Vec<u8>)>(&[]),
        Vec::<bool>::new()
    );
}
