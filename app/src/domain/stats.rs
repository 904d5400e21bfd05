//! Statistics shown to the room: median and quartiles of the positions given to one aspect.
//!
//! Quartiles use the definition R calls `type = 7` (the default of `quantile()` in R and of
//! `numpy.percentile`): for sorted values x₁..xₙ and probability p, h = (n − 1)·p and the
//! quantile is x⌊h⌋₊₁ + (h − ⌊h⌋)(x⌊h⌋₊₂ − x⌊h⌋₊₁). Researchers re-computing the numbers in R
//! or pandas get the same values.

/// Summary of the positions given to one aspect.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Summary {
    /// How many positions were summarised.
    pub n: usize,
    /// Median (the type-7 quantile at 0.5).
    pub median: f64,
    /// First quartile (type-7 quantile at 0.25).
    pub q1: f64,
    /// Third quartile (type-7 quantile at 0.75).
    pub q3: f64,
}

/// The type-7 quantile of already sorted, finite values; `None` when there are none.
pub fn quantile_sorted(sorted: &[f64], p: f64) -> Option<f64> {
    if sorted.is_empty() || !(0.0..=1.0).contains(&p) {
        return None;
    }
    let h = (sorted.len() - 1) as f64 * p;
    let lo = h.floor() as usize;
    let hi = h.ceil() as usize;
    Some(sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo]))
}

/// Median and quartiles of `values` (in any order); `None` when there are no values.
/// Non-finite values are ignored: they can never be stored, so they would only be a bug.
pub fn summarize(values: &[f64]) -> Option<Summary> {
    let mut sorted: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    sorted.sort_by(f64::total_cmp);
    Some(Summary {
        n: sorted.len(),
        median: quantile_sorted(&sorted, 0.5)?,
        q1: quantile_sorted(&sorted, 0.25)?,
        q3: quantile_sorted(&sorted, 0.75)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn no_values_no_summary() {
        assert_eq!(summarize(&[]), None);
    }

    #[test]
    fn one_value_is_every_quantile() {
        let s = summarize(&[42.5]).unwrap();
        assert_eq!((s.n, s.median, s.q1, s.q3), (1, 42.5, 42.5, 42.5));
    }

    #[test]
    fn identical_values() {
        let s = summarize(&[30.0, 30.0, 30.0]).unwrap();
        assert_eq!((s.median, s.q1, s.q3), (30.0, 30.0, 30.0));
    }

    /// R: quantile(c(1, 2, 3, 4), c(.25, .5, .75)) gives 1.75 2.50 3.25.
    /// By hand: n = 4, h = 3p: h(.25) = 0.75 → 1 + 0.75·1; h(.5) = 1.5 → 2 + 0.5; h(.75) = 2.25 → 3.25.
    #[test]
    fn four_values_hand_worked() {
        let s = summarize(&[4.0, 1.0, 3.0, 2.0]).unwrap();
        assert!(close(s.q1, 1.75) && close(s.median, 2.5) && close(s.q3, 3.25), "{s:?}");
    }

    /// R: quantile(c(10, 20, 35, 60, 90), c(.25, .5, .75)) gives 20 35 60 (h = 1, 2, 3 exactly).
    #[test]
    fn five_values_hand_worked() {
        let s = summarize(&[90.0, 10.0, 60.0, 20.0, 35.0]).unwrap();
        assert_eq!((s.q1, s.median, s.q3), (20.0, 35.0, 60.0));
    }

    /// R: quantile(c(0, 12.5, 100), c(.25, .5, .75)) gives 6.25 12.5 56.25.
    /// By hand: h(.25) = 0.5 → 0 + 0.5·12.5; h(.75) = 1.5 → 12.5 + 0.5·87.5.
    #[test]
    fn three_values_with_interpolation() {
        let s = summarize(&[100.0, 0.0, 12.5]).unwrap();
        assert!(close(s.q1, 6.25) && close(s.median, 12.5) && close(s.q3, 56.25), "{s:?}");
    }

    #[test]
    fn quantile_rejects_bad_probability() {
        assert_eq!(quantile_sorted(&[1.0], 1.5), None);
        assert_eq!(quantile_sorted(&[1.0, 2.0], 1.0), Some(2.0));
        assert_eq!(quantile_sorted(&[1.0, 2.0], 0.0), Some(1.0));
    }
}
