//! Secrets (facilitator secret, pair tokens) and their hashes.
//!
//! A secret is 32 random bytes, hex-encoded. Only its SHA-256 is stored, so a copy of the
//! database does not let anyone act as a facilitator or a pair.

use sha2::{Digest, Sha256};

/// A fresh secret: 256 random bits as 64 hex characters.
pub fn new_secret() -> String {
    hex::encode(rand::random::<[u8; 32]>())
}

/// The SHA-256 of a secret, hex-encoded: what the database stores and looks up.
pub fn hash_secret(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_long_random_hex() {
        let (a, b) = (new_secret(), new_secret());
        assert_eq!(a.len(), 64);
        assert!(a.bytes().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, b);
    }

    #[test]
    fn hash_is_sha256_hex() {
        // SHA-256("abc"), FIPS 180-2 appendix B.1.
        assert_eq!(hash_secret("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
