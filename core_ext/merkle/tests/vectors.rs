//! Runs the shared JSON vectors in `tests/vectors/merkle` (see PROVENANCE.md there).

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;
use tabularium_merkle as merkle;

fn vectors(sub: &str) -> Vec<(PathBuf, Value)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/vectors/merkle")
        .join(sub);
    let mut out = Vec::new();
    let mut dirs = vec![root];
    while let Some(dir) = dirs.pop() {
        for entry in fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "json") {
                let v: Value = serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
                out.push((path, v));
            }
        }
    }
    assert!(!out.is_empty(), "no vectors under {sub}");
    out
}

fn unhex(v: &Value) -> Vec<u8> {
    let s = v.as_str().expect("hex string");
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

fn unhex_list(v: &Value) -> Vec<Vec<u8>> {
    v.as_array().expect("array").iter().map(unhex).collect()
}

fn hex(b: &[u8]) -> String {
    merkle::hash::hex(b)
}

fn hex_list(hs: &[merkle::Hash]) -> Value {
    Value::Array(hs.iter().map(|h| Value::String(hex(h))).collect())
}

#[test]
fn roots() {
    for (path, v) in vectors("root") {
        let leaves = unhex_list(&v["input"]["leaves"]);
        assert_eq!(
            hex(&merkle::root(&leaves)),
            v["want"].as_str().unwrap(),
            "{}",
            path.display()
        );
    }
}

#[test]
fn inclusion_proofs() {
    for (path, v) in vectors("inclusion_proof") {
        let leaves = unhex_list(&v["input"]["leaves"]);
        let got = merkle::inclusion_proof(&leaves, v["input"]["index"].as_u64().unwrap());
        match v["want_err"].as_str() {
            None => assert_eq!(hex_list(&got.unwrap()), v["want"], "{}", path.display()),
            Some(_) => assert!(matches!(got, Err(merkle::CoreError::InvalidArgument(_)))),
        }
    }
}

#[test]
fn consistency_proofs() {
    for (path, v) in vectors("consistency_proof") {
        let leaves = unhex_list(&v["input"]["leaves"]);
        let got = merkle::consistency_proof(&leaves, v["input"]["old_size"].as_u64().unwrap());
        match v["want_err"].as_str() {
            None => assert_eq!(hex_list(&got.unwrap()), v["want"], "{}", path.display()),
            Some(_) => assert!(matches!(got, Err(merkle::CoreError::InvalidArgument(_)))),
        }
    }
}

#[test]
fn verify_inclusion() {
    for (path, v) in vectors("inclusion") {
        let i = &v["input"];
        let got = merkle::verify_inclusion(
            &unhex(&i["leaf_hash"]),
            i["leaf_index"].as_u64().unwrap(),
            i["tree_size"].as_u64().unwrap(),
            &unhex_list(&i["proof"]),
            &unhex(&i["root"]),
        );
        match v["want_err"].as_str() {
            None => assert_eq!(got, Ok(()), "{}", path.display()),
            Some(_) => assert!(
                matches!(got, Err(merkle::CoreError::InvalidProof(_))),
                "{}: {got:?}",
                path.display()
            ),
        }
    }
}

#[test]
fn verify_consistency() {
    for (path, v) in vectors("consistency") {
        let i = &v["input"];
        let got = merkle::verify_consistency(
            i["old_size"].as_u64().unwrap(),
            i["new_size"].as_u64().unwrap(),
            &unhex_list(&i["proof"]),
            &unhex(&i["old_root"]),
            &unhex(&i["new_root"]),
        );
        match v["want_err"].as_str() {
            None => assert_eq!(got, Ok(()), "{}", path.display()),
            Some(_) => assert!(
                matches!(got, Err(merkle::CoreError::InvalidProof(_))),
                "{}: {got:?}",
                path.display()
            ),
        }
    }
}

/// Proofs generated from leaves verify, and plans folded over `append`'s nodes equal them.
#[test]
fn generated_proofs_verify_and_match_plans() {
    let leaves: Vec<Vec<u8>> = (0u32..70).map(|i| i.to_le_bytes().to_vec()).collect();
    let hashes = merkle::leaf_hashes(&leaves);
    let appended = merkle::append(0, &[], &hashes).unwrap();
    let node = |id: merkle::NodeId| {
        appended
            .nodes
            .iter()
            .find(|(n, _)| *n == id)
            .map(|(_, h)| *h)
            .unwrap()
    };
    let fold_plan = |plan: Vec<Vec<merkle::NodeId>>| {
        let groups: Vec<Vec<merkle::Hash>> = plan
            .into_iter()
            .map(|g| g.into_iter().map(node).collect())
            .collect();
        merkle::fold_groups(&groups).unwrap()
    };
    for n in 1..=70u64 {
        let tree = &leaves[..n as usize];
        let root = merkle::root(tree);
        for i in 0..n {
            let proof = merkle::inclusion_proof(tree, i).unwrap();
            merkle::verify_inclusion(&hashes[i as usize], i, n, &proof, &root).unwrap();
            assert_eq!(
                fold_plan(merkle::inclusion_proof_plan(i, n).unwrap()),
                proof
            );
        }
        for m in 0..=n {
            let proof = merkle::consistency_proof(tree, m).unwrap();
            let old = merkle::root(&tree[..m as usize]);
            merkle::verify_consistency(m, n, &proof, &old, &root).unwrap();
            assert_eq!(
                fold_plan(merkle::consistency_proof_plan(m, n).unwrap()),
                proof
            );
        }
    }
}
