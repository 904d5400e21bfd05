//! Agreement statistics on positions binned into ordered categories, for researchers to cite.
//!
//! - Consensus: Tastle, W. J. & Wierman, M. J. (2007), "Consensus and dissention: A measure of
//!   ordinal dispersion", *International Journal of Approximate Reasoning* 45(3), 531–545.
//!   Cns(X) = 1 + Σᵢ pᵢ · log₂(1 − |Xᵢ − μ| / d), categories Xᵢ = 1..k, μ = Σ pᵢXᵢ, d = k − 1.
//!   1 means everyone in one category, 0 means an even split between the two extremes.
//! - Leik, R. K. (1966), "A measure of ordinal consensus", *Pacific Sociological Review* 9(2),
//!   85–90: ordinal dispersion D = 2 Σᵢ₌₁ᵏ⁻¹ Fᵢ′ / (k − 1), Fᵢ′ = Fᵢ if Fᵢ ≤ ½ else 1 − Fᵢ,
//!   with Fᵢ the cumulative relative frequency. 0 is no dispersion, 1 is polarisation.
//!
//! The "split into two camps" flag of the exports is [`is_split`], this project's own rule.
//!
//! Reference values come from the R package `agrmt` (Ruedin), whose documentation gives, for
//! the frequency vector (30, 40, 210, 130, 530, 50, 10), consensus ≈ 0.7257 and Leik ≈ 0.287.

/// Counts positions (0–100) into `bins` equal-width bins: bin i covers [100·i/bins,
/// 100·(i+1)/bins), and 100 falls in the last bin. Values off the scale are ignored.
pub fn bin_positions(positions: &[f64], bins: usize) -> Vec<f64> {
    let mut counts = vec![0.0; bins];
    if bins == 0 {
        return counts;
    }
    for &p in positions.iter().filter(|p| (0.0..=100.0).contains(*p)) {
        let i = ((p / 100.0) * bins as f64).floor() as usize;
        counts[i.min(bins - 1)] += 1.0;
    }
    counts
}

fn proportions(freqs: &[f64]) -> Option<Vec<f64>> {
    let total: f64 = freqs.iter().sum();
    (freqs.len() >= 2 && total > 0.0 && freqs.iter().all(|f| *f >= 0.0))
        .then(|| freqs.iter().map(|f| f / total).collect())
}

/// Tastle & Wierman's consensus of a frequency vector over ordered categories; `None` with
/// fewer than two categories or no observations.
pub fn consensus(freqs: &[f64]) -> Option<f64> {
    let p = proportions(freqs)?;
    let d = (p.len() - 1) as f64;
    let mu: f64 = p.iter().enumerate().map(|(i, pi)| pi * (i + 1) as f64).sum();
    let sum: f64 = p
        .iter()
        .enumerate()
        .filter(|(_, pi)| **pi > 0.0)
        .map(|(i, pi)| pi * (1.0 - ((i + 1) as f64 - mu).abs() / d).log2())
        .sum();
    Some(1.0 + sum)
}

/// Leik's ordinal dispersion of a frequency vector; `None` as for [`consensus`].
pub fn leik_dispersion(freqs: &[f64]) -> Option<f64> {
    let p = proportions(freqs)?;
    let k = p.len();
    let mut cumulative = 0.0;
    let mut sum = 0.0;
    for pi in &p[..k - 1] {
        cumulative += pi;
        sum += if cumulative <= 0.5 { cumulative } else { 1.0 - cumulative };
    }
    Some(2.0 * sum / (k - 1) as f64)
}

/// Arithmetic mean; `None` for no values.
pub fn mean(values: &[f64]) -> Option<f64> {
    (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
}

/// Sample standard deviation (denominator n − 1, as R's `sd()` and pandas' `std()`);
/// `None` for fewer than two values.
pub fn sample_sd(values: &[f64]) -> Option<f64> {
    let m = mean(values)?;
    (values.len() >= 2).then(|| {
        let ss: f64 = values.iter().map(|v| (v - m).powi(2)).sum();
        (ss / (values.len() - 1) as f64).sqrt()
    })
}

/// Upper edge (inclusive) of the left camp in [`is_split`].
pub const SPLIT_LOW_MAX: f64 = 40.0;
/// Lower edge (inclusive) of the right camp in [`is_split`].
pub const SPLIT_HIGH_MIN: f64 = 60.0;
/// Fewest positions for which [`is_split`] can say "split".
pub const SPLIT_MIN_N: usize = 4;

/// "Split into two camps": the room disagrees in two groups rather than spreading out.
///
/// True when all of these hold:
/// 1. at least [`SPLIT_MIN_N`] (4) positions;
/// 2. at least a quarter of the positions are ≤ 40 (the left camp);
/// 3. at least a quarter of the positions are ≥ 60 (the right camp);
/// 4. fewer positions lie strictly between 40 and 60 than in either camp.
///
/// The rule is this project's own, stated so researchers can apply or reject it; the
/// codebook repeats it.
pub fn is_split(positions: &[f64]) -> bool {
    let n = positions.len();
    if n < SPLIT_MIN_N {
        return false;
    }
    let low = positions.iter().filter(|p| **p <= SPLIT_LOW_MAX).count();
    let high = positions.iter().filter(|p| **p >= SPLIT_HIGH_MIN).count();
    let middle = n - low - high;
    4 * low >= n && 4 * high >= n && middle < low && middle < high
}

#[cfg(test)]
mod tests {
    use super::*;

    const AGRMT_EXAMPLE: [f64; 7] = [30.0, 40.0, 210.0, 130.0, 530.0, 50.0, 10.0];

    #[test]
    fn consensus_matches_agrmt_documentation() {
        let c = consensus(&AGRMT_EXAMPLE).unwrap();
        assert!((c - 0.7257).abs() < 5e-5, "{c}");
    }

    #[test]
    fn leik_matches_agrmt_documentation() {
        let d = leik_dispersion(&AGRMT_EXAMPLE).unwrap();
        assert!((d - 0.287).abs() < 5e-4, "{d}");
    }

    #[test]
    fn consensus_extremes() {
        // Everyone in one category: perfect consensus.
        assert_eq!(consensus(&[0.0, 5.0, 0.0, 0.0, 0.0]), Some(1.0));
        // Half at each pole: no consensus at all (log₂(1 − ½·… ) terms give exactly −1).
        assert!(consensus(&[3.0, 0.0, 0.0, 0.0, 3.0]).unwrap().abs() < 1e-12);
        assert_eq!(leik_dispersion(&[3.0, 0.0, 0.0, 0.0, 3.0]), Some(1.0));
        assert_eq!(leik_dispersion(&[0.0, 0.0, 4.0, 0.0, 0.0]), Some(0.0));
    }

    #[test]
    fn empty_input_has_no_statistic() {
        assert_eq!(consensus(&[0.0; 5]), None);
        assert_eq!(consensus(&[4.0]), None);
        assert_eq!(leik_dispersion(&[]), None);
        assert_eq!(mean(&[]), None);
        assert_eq!(sample_sd(&[5.0]), None);
    }

    #[test]
    fn binning_is_left_closed_and_keeps_100() {
        assert_eq!(bin_positions(&[0.0, 19.9, 20.0, 50.0, 99.9, 100.0, -1.0], 5), vec![2.0, 1.0, 1.0, 0.0, 2.0]);
    }

    /// R: mean(c(2, 4, 4, 4, 5, 5, 7, 9)) = 5; sd(...) = sqrt(32 / 7) ≈ 2.13809.
    #[test]
    fn mean_and_sd_hand_worked() {
        let v = [2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0];
        assert_eq!(mean(&v), Some(5.0));
        assert!((sample_sd(&v).unwrap() - (32.0f64 / 7.0).sqrt()).abs() < 1e-12);
    }

    #[test]
    fn split_rule_edges() {
        // Fewer than four positions are never split.
        assert!(!is_split(&[0.0, 0.0, 100.0]));
        // 40 belongs to the left camp and 60 to the right one.
        assert!(is_split(&[40.0, 40.0, 60.0, 60.0]));
        assert!(!is_split(&[40.1, 40.0, 60.0, 60.0]));
        // A quarter is enough: 3 left, 1 right, nobody between.
        assert!(is_split(&[10.0, 10.0, 10.0, 90.0]));
        // Two in the middle is not fewer than two in each camp.
        assert!(!is_split(&[10.0, 20.0, 50.0, 55.0, 80.0, 90.0]));
        // One in the middle is.
        assert!(is_split(&[10.0, 20.0, 50.0, 80.0, 90.0]));
        // Everyone on one side.
        assert!(!is_split(&[0.0, 5.0, 10.0, 20.0]));
    }
}
