//! The statistics of one aspect in one round, as `summary.csv` reports them: counts, type-7
//! quartiles ([`super::stats`]), mean and sample standard deviation, Tastle & Wierman's
//! consensus on binned positions and the "split into two camps" flag ([`super::agreement`]).
//! One function, so every export computes them the same way.

use serde::{Deserialize, Serialize};

use super::agreement::{bin_positions, consensus, is_split, mean, sample_sd};
use super::stats::summarize;

/// Number of equal-width bins the 0–100 positions are counted into before computing
/// consensus: 0–20, 20–40, 40–60, 60–80, 80–100, like a five-point scale.
pub const CONSENSUS_BINS: usize = 5;

/// Summary of one aspect in one round. Statistics that need more data than there is are
/// `None` (an empty cell in the CSV): median, quartiles, mean and consensus need one
/// position, the standard deviation two.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AspectStats {
    /// Pairs that placed the aspect.
    pub n_placed: usize,
    /// Pairs that said they cannot place it (always 0 until "can't place" exists).
    pub n_cant_place: usize,
    /// Median (type-7 quantile at 0.5).
    pub median: Option<f64>,
    /// First quartile (type 7).
    pub q1: Option<f64>,
    /// Third quartile (type 7).
    pub q3: Option<f64>,
    /// Arithmetic mean.
    pub mean: Option<f64>,
    /// Sample standard deviation (denominator n − 1).
    pub sd: Option<f64>,
    /// Tastle & Wierman's consensus on [`CONSENSUS_BINS`] equal bins, 0–1.
    pub consensus: Option<f64>,
    /// The number of bins consensus was computed on ([`CONSENSUS_BINS`]).
    pub consensus_bins: usize,
    /// Whether the positions are split into two camps ([`is_split`]).
    pub split: bool,
}

/// All statistics of one aspect in one round from the positions of the pairs that placed it
/// and the number of pairs that could not place it.
pub fn aspect_stats(positions: &[f64], n_cant_place: usize) -> AspectStats {
    let quartiles = summarize(positions);
    let counts = bin_positions(positions, CONSENSUS_BINS);
    AspectStats {
        n_placed: positions.len(),
        n_cant_place,
        median: quartiles.map(|s| s.median),
        q1: quartiles.map(|s| s.q1),
        q3: quartiles.map(|s| s.q3),
        mean: mean(positions),
        sd: sample_sd(positions),
        consensus: consensus(&counts),
        consensus_bins: CONSENSUS_BINS,
        split: is_split(positions),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() < 1e-9)
    }

    /// Positions 10, 20, 80, 90, worked by hand:
    /// - type 7: h = 3p; q1 = 10 + 0.75·10 = 17.5, median = 20 + 0.5·60 = 50, q3 = 80 + 0.25·10 = 82.5;
    /// - mean 50; sd = √((40² + 30² + 30² + 40²)/3) = √(5000/3) ≈ 40.8248290;
    /// - bins (1, 1, 0, 0, 2): p = (¼, ¼, 0, 0, ½), μ = 3.25, d = 4,
    ///   Cns = 1 + ¼·log₂(0.4375) + ¼·log₂(0.6875) + ½·log₂(0.5625) ≈ 0.1516591;
    /// - split: 2 ≤ 40, 2 ≥ 60, none between.
    #[test]
    fn two_camps_hand_worked() {
        let s = aspect_stats(&[90.0, 10.0, 80.0, 20.0], 0);
        assert_eq!((s.n_placed, s.n_cant_place, s.consensus_bins), (4, 0, 5));
        assert!(close(s.q1, 17.5) && close(s.median, 50.0) && close(s.q3, 82.5), "{s:?}");
        assert!(close(s.mean, 50.0));
        assert!(close(s.sd, (5000.0f64 / 3.0).sqrt()));
        assert!(s.consensus.is_some_and(|c| (c - 0.151_659_135_9).abs() < 1e-9), "{s:?}");
        assert!(s.split);
    }

    /// Positions 30, 45, 50, 55, 70: bins (0, 1, 3, 1, 0), μ = 3,
    /// Cns = 1 + 2·0.2·log₂(0.75) ≈ 0.8339850; mean 50, sd = √(850/4) ≈ 14.5773797.
    /// Not split: three positions in the middle against one on each side.
    #[test]
    fn one_cluster_hand_worked() {
        let s = aspect_stats(&[30.0, 45.0, 50.0, 55.0, 70.0], 2);
        assert_eq!(s.n_cant_place, 2);
        assert!(close(s.median, 50.0) && close(s.q1, 45.0) && close(s.q3, 55.0), "{s:?}");
        assert!(s.consensus.is_some_and(|c| (c - 0.833_985_000_3).abs() < 1e-9), "{s:?}");
        assert!(close(s.sd, (850.0f64 / 4.0).sqrt()));
        assert!(!s.split);
    }

    #[test]
    fn no_positions() {
        let s = aspect_stats(&[], 0);
        assert_eq!(s.n_placed, 0);
        assert_eq!((s.median, s.q1, s.q3, s.mean, s.sd, s.consensus), (None, None, None, None, None, None));
        assert!(!s.split);
    }

    #[test]
    fn one_position() {
        let s = aspect_stats(&[42.0], 0);
        assert_eq!((s.median, s.q1, s.q3, s.mean, s.sd), (Some(42.0), Some(42.0), Some(42.0), Some(42.0), None));
        assert_eq!(s.consensus, Some(1.0));
    }

    #[test]
    fn identical_positions() {
        let s = aspect_stats(&[70.0; 6], 0);
        assert_eq!((s.median, s.sd, s.consensus), (Some(70.0), Some(0.0), Some(1.0)));
        assert!(!s.split);
    }
}
