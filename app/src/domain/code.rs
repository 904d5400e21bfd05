//! Join codes: short, read aloud in a room, typed on a tablet.
//!
//! The alphabet leaves out `0`, `O`, `1` and `I` so that nobody has to ask "is that an O or a
//! zero?". Six characters from 32 symbols give about a billion codes; codes are not secrets
//! (the pair token is), they only have to be unique among stored workshops.

/// Symbols a join code is made of: A–Z and 2–9 without O and I.
pub const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/// Length of a join code.
pub const CODE_LEN: usize = 6;

/// Builds a code from random bytes (one byte per character; the caller supplies randomness so
/// this stays pure and testable).
pub fn code_from_bytes(bytes: &[u8; CODE_LEN]) -> String {
    bytes.iter().map(|b| ALPHABET[(*b as usize) % ALPHABET.len()] as char).collect()
}

/// Normalises what a person typed: upper case, spaces and dashes removed. Returns `None` when
/// the result cannot be a join code, so the caller can say so instead of looking it up.
pub fn normalize_code(input: &str) -> Option<String> {
    let code: String =
        input.chars().filter(|c| !c.is_whitespace() && *c != '-').map(|c| c.to_ascii_uppercase()).collect();
    let valid = code.len() == CODE_LEN && code.bytes().all(|b| ALPHABET.contains(&b));
    valid.then_some(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alphabet_has_no_ambiguous_symbols() {
        for c in [b'0', b'O', b'1', b'I'] {
            assert!(!ALPHABET.contains(&c), "{} must not be used", c as char);
        }
        assert_eq!(ALPHABET.len(), 32);
    }

    #[test]
    fn codes_use_only_the_alphabet() {
        let code = code_from_bytes(&[0, 31, 32, 255, 100, 7]);
        assert_eq!(code, "A9A9EH");
        assert_eq!(normalize_code(&code).as_deref(), Some("A9A9EH"));
    }

    #[test]
    fn typed_codes_are_normalised() {
        assert_eq!(normalize_code(" abc-def ").as_deref(), Some("ABCDEF"));
        assert_eq!(normalize_code("abc de f").as_deref(), Some("ABCDEF"));
    }

    #[test]
    fn impossible_codes_are_refused() {
        assert_eq!(normalize_code(""), None);
        assert_eq!(normalize_code("ABCDE"), None);
        assert_eq!(normalize_code("ABCDEFG"), None);
        assert_eq!(normalize_code("ABCDE0"), None);
        assert_eq!(normalize_code("ABCDÉF"), None);
    }
}
