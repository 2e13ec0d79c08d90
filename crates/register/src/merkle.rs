//! Merkle trees over each log's receipts, as Certificate Transparency hashes them (RFC 6962 /
//! RFC 9162, section 2.1): a leaf's hash is SHA-256(0x00 ‖ record), a node's SHA-256(0x01 ‖ left
//! ‖ right), a tree of n leaves splits at the largest power of two below n. A checkpoint signs a
//! log's root at a size; an inclusion proof shows one receipt is in it, offline.

use sha2::{Digest, Sha256};

/// A SHA-256 hash.
pub type Hash = [u8; 32];

/// The leaf hash of `record`.
pub fn leaf_hash(record: &[u8]) -> Hash {
    let mut h = Sha256::new();
    h.update([0u8]);
    h.update(record);
    h.finalize().into()
}

fn node_hash(left: &Hash, right: &Hash) -> Hash {
    let mut h = Sha256::new();
    h.update([1u8]);
    h.update(left);
    h.update(right);
    h.finalize().into()
}

/// The largest power of two strictly below `n` (n ≥ 2).
fn split(n: usize) -> usize {
    let mut k = 1;
    while k << 1 < n {
        k <<= 1;
    }
    k
}

/// The root of the tree of `leaves` (their leaf hashes, in order).
pub fn root(leaves: &[Hash]) -> Hash {
    match leaves.len() {
        0 => Sha256::digest([]).into(),
        1 => leaves[0],
        n => {
            let k = split(n);
            node_hash(&root(&leaves[..k]), &root(&leaves[k..]))
        }
    }
}

/// The inclusion proof of leaf `index` in the tree of `leaves` (RFC 6962, PATH).
pub fn inclusion_proof(index: usize, leaves: &[Hash]) -> Vec<Hash> {
    let n = leaves.len();
    if n <= 1 || index >= n {
        return Vec::new();
    }
    let k = split(n);
    if index < k {
        let mut path = inclusion_proof(index, &leaves[..k]);
        path.push(root(&leaves[k..]));
        path
    } else {
        let mut path = inclusion_proof(index - k, &leaves[k..]);
        path.push(root(&leaves[..k]));
        path
    }
}

/// Whether `proof` shows the leaf `leaf` at `index` in a tree of `size` leaves whose root is
/// `root` (RFC 9162, section 2.1.3.2).
pub fn verify_inclusion(index: u64, size: u64, leaf: &Hash, proof: &[Hash], root: &Hash) -> bool {
    if index >= size {
        return false;
    }
    let (mut fn_, mut sn) = (index, size - 1);
    let mut r = *leaf;
    for p in proof {
        if sn == 0 {
            return false;
        }
        if fn_ & 1 == 1 || fn_ == sn {
            r = node_hash(p, &r);
            if fn_ & 1 == 0 {
                while fn_ & 1 == 0 && fn_ != 0 {
                    fn_ >>= 1;
                    sn >>= 1;
                }
            }
        } else {
            r = node_hash(&r, p);
        }
        fn_ >>= 1;
        sn >>= 1;
    }
    sn == 0 && r == *root
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leaves(n: usize) -> Vec<Hash> {
        (0..n)
            .map(|i| leaf_hash(format!("receipt {i}").as_bytes()))
            .collect()
    }

    #[test]
    fn every_leaf_of_every_size_has_a_proof_that_checks_and_only_there() {
        for n in 1..=33 {
            let all = leaves(n);
            let top = root(&all);
            for i in 0..n {
                let proof = inclusion_proof(i, &all);
                assert!(
                    verify_inclusion(i as u64, n as u64, &all[i], &proof, &top),
                    "{i} of {n}"
                );
                let other = leaf_hash(b"forged");
                assert!(!verify_inclusion(i as u64, n as u64, &other, &proof, &top));
                if n > 1 {
                    let j = (i + 1) % n;
                    assert!(
                        !verify_inclusion(j as u64, n as u64, &all[i], &proof, &top)
                            || all[i] == all[j]
                    );
                }
            }
        }
    }

    #[test]
    fn the_root_changes_with_any_edit_order_or_length() {
        let all = leaves(10);
        let top = root(&all);
        let mut edited = all.clone();
        edited[3] = leaf_hash(b"edited");
        assert_ne!(root(&edited), top);
        let mut swapped = all.clone();
        swapped.swap(2, 7);
        assert_ne!(root(&swapped), top);
        assert_ne!(root(&all[..9]), top);
        // RFC 6962's empty tree and a known two-leaf value.
        assert_eq!(
            hex::encode(root(&[])),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }
}
