//! Pair references: the short code a pair quotes to withdraw from a study (e.g. `R7K2QX`).
//!
//! A reference is drawn from the same unambiguous alphabet as join codes ([`super::code`]),
//! but from its own random bytes: it says nothing about the workshop's join code or the
//! pair's token, and knowing one reference tells nothing about another. The server draws the
//! bytes from a cryptographically secure generator and keeps references unique across the
//! database.

use super::code::ALPHABET;

/// Length of a pair reference.
pub const REFERENCE_LEN: usize = 6;

/// Builds a reference from random bytes (one byte per character; 256 is a multiple of the
/// alphabet's 32 symbols, so every symbol is equally likely). The caller supplies the
/// randomness so this stays pure and testable.
pub fn reference_from_bytes(bytes: &[u8; REFERENCE_LEN]) -> String {
    bytes.iter().map(|b| ALPHABET[(*b as usize) % ALPHABET.len()] as char).collect()
}

/// Normalises a reference as a person typed or pasted it: upper case, spaces and dashes
/// removed. `None` when the result cannot be a reference, so the caller can say so instead
/// of looking it up.
pub fn normalize_reference(input: &str) -> Option<String> {
    let reference: String =
        input.chars().filter(|c| !c.is_whitespace() && *c != '-').map(|c| c.to_ascii_uppercase()).collect();
    let valid = reference.len() == REFERENCE_LEN && reference.bytes().all(|b| ALPHABET.contains(&b));
    valid.then_some(reference)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_use_only_the_alphabet() {
        let reference = reference_from_bytes(&[0, 31, 32, 255, 100, 7]);
        assert_eq!(reference, "A9A9EH");
        assert_eq!(normalize_reference(" a9a-9eh ").as_deref(), Some("A9A9EH"));
    }

    #[test]
    fn impossible_references_are_refused() {
        assert_eq!(normalize_reference(""), None);
        assert_eq!(normalize_reference("R7K2Q"), None);
        assert_eq!(normalize_reference("R7K2Q0"), None);
        assert_eq!(normalize_reference("R7K2QXX"), None);
    }
}
