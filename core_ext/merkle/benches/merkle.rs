//! Criterion benches: raw SHA-256 on the two input sizes the tree hashes (64 and 65 bytes,
//! same `sha2` crate), this crate's leaf and node hashes (65-byte messages), and the root of 1M
//! leaves. Compare the root time to ~2M raw hashes. `RAYON_NUM_THREADS` limits the root's
//! threads.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use sha2::{Digest, Sha256};
use std::hint::black_box;

fn raw_sha256(c: &mut Criterion) {
    let mut g = c.benchmark_group("sha256");
    for len in [64usize, 65] {
        let data = vec![0xa5u8; len];
        g.throughput(Throughput::Bytes(len as u64));
        g.bench_function(format!("{len}B"), |b| {
            b.iter(|| Sha256::digest(black_box(&data)));
        });
    }
    g.finish();
    let mut g = c.benchmark_group("tree_hash");
    let leaf = [0xa5u8; 64];
    let (left, right) = ([0x5au8; 32], [0xc3u8; 32]);
    g.bench_function("leaf_64B", |b| {
        b.iter(|| tabularium_merkle::leaf_hash(black_box(&leaf)));
    });
    g.bench_function("node", |b| {
        b.iter(|| tabularium_merkle::node_hash(black_box(&left), black_box(&right)));
    });
    g.finish();
}

fn root_1m(c: &mut Criterion) {
    let leaves: Vec<[u8; 64]> = (0u64..1_000_000)
        .map(|i| {
            let mut l = [0u8; 64];
            l[..8].copy_from_slice(&i.to_le_bytes());
            l
        })
        .collect();
    let mut g = c.benchmark_group("merkle");
    g.sample_size(10);
    g.bench_function("root_1m_leaves_64B", |b| {
        b.iter(|| tabularium_merkle::root(black_box(&leaves)));
    });
    g.finish();
}

criterion_group!(benches, raw_sha256, root_1m);
criterion_main!(benches);
