//! Defaults and skips of the stored and sent forms, shared by the domain's types.

/// Leaves a `false` flag out of the JSON (absent reads as `false`).
pub(crate) fn is_false(b: &bool) -> bool {
    !*b
}

/// A round missing from older JSON is the first.
pub(crate) fn first_round() -> u8 {
    1
}

/// Leaves a `true` flag out of the JSON, for flags that are on by default.
pub(crate) fn is_true(b: &bool) -> bool {
    *b
}

/// A flag that is on by default, missing from older JSON.
pub(crate) fn yes() -> bool {
    true
}
