//! Movement of one aspect between round 1 and round 2, as the exports report it: did the room
//! shift (the change of the median and of the interquartile range), how many pairs moved
//! their post-it far, and did the pairs who placed it in both rounds move in one direction
//! more than chance would (the Wilcoxon signed-rank test of the paired differences).
//!
//! The room's median and IQR use every position of each round (type-7 quartiles,
//! [`super::stats`]); the share that moved and the test use only the pairs that placed the
//! aspect in both rounds, because only they have a difference.
//!
//! The test follows Wilcoxon, F. (1945), "Individual comparisons by ranking methods",
//! *Biometrics Bulletin* 1(6), 80–83, and Hollander, M., Wolfe, D. A. & Chicco, E. (2014),
//! *Nonparametric Statistical Methods*, 3rd ed., Wiley, §3.1:
//!
//! 1. the differences d = round 2 − round 1 that are zero are dropped (Wilcoxon's method, as
//!    R's `wilcox.test` does), and counted in [`SignedRank::n_zero`];
//! 2. the |d| are ranked, tied |d| (closer than 1e-9) sharing their mid-rank;
//! 3. V is the sum of the ranks of the positive differences (R's statistic `V`);
//! 4. with n ≤ [`EXACT_MAX_N`] non-zero differences the two-sided p-value is exact:
//!    p = min(1, 2·min(P(V ≤ v), P(V ≥ v))) under the permutation distribution of V over all
//!    2ⁿ sign assignments. Without ties and zeros this is exactly R's
//!    `wilcox.test(round2, round1, paired = TRUE, exact = TRUE)`. With ties or zeros it is the
//!    exact conditional p-value given the mid-ranks of the non-zero differences (Hollander,
//!    Wolfe & Chicco §3.1), where R instead falls back to the normal approximation of point 5
//!    and warns "cannot compute exact p-value with ties" (or "zeroes"), so R's value differs
//!    slightly there. (R's default, `exact = NULL`, is exact only for n < 50.)
//! 5. with more differences, the normal approximation with continuity and tie correction, as
//!    R's `wilcox.test(..., exact = FALSE, correct = TRUE)`:
//!    z = (V − n(n+1)/4 − sign·½) / √(n(n+1)(2n+1)/24 − Σ(t³ − t)/48), p = 2·(1 − Φ(|z|)),
//!    t the sizes of the groups of tied |d|.

use std::f64::consts::SQRT_2;

use serde::{Deserialize, Serialize};

use super::stats::summarize;

/// A pair "moved" an aspect when its two positions differ by more than this many points
/// (strictly; a difference within 1e-9 of 10 counts as 10, so the rounding of, say,
/// 16.1 − 6.1 cannot decide).
pub const MOVED_POINTS: f64 = 10.0;

/// Largest number of non-zero differences for which the p-value is exact; above it the normal
/// approximation is as close as a report needs (R's default switches at 50 too).
pub const EXACT_MAX_N: usize = 50;

/// Differences, and differences of |d|, smaller than this are equal (zero, or tied).
const TOLERANCE: f64 = 1e-9;

/// Wilcoxon signed-rank test of paired differences against 0 (see the module documentation).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SignedRank {
    /// Non-zero differences used.
    pub n: usize,
    /// Zero differences dropped.
    pub n_zero: usize,
    /// Sum of the ranks of the positive differences (R's statistic `V`).
    pub v: f64,
    /// Two-sided p-value.
    pub p_value: f64,
    /// Whether the p-value is exact (n ≤ [`EXACT_MAX_N`]) or the normal approximation.
    pub exact: bool,
}

/// Wilcoxon signed-rank test of `diffs` (round 2 − round 1) against 0. Non-finite values are
/// ignored (they cannot be stored, so they would only be a bug); `None` when no non-zero
/// difference is left, because there is nothing to test.
pub fn wilcoxon_signed_rank(diffs: &[f64]) -> Option<SignedRank> {
    let (zeros, mut nonzero): (Vec<f64>, Vec<f64>) =
        diffs.iter().copied().filter(|d| d.is_finite()).partition(|d| d.abs() < TOLERANCE);
    if nonzero.is_empty() {
        return None;
    }
    nonzero.sort_by(|a, b| a.abs().total_cmp(&b.abs()));
    let n = nonzero.len();
    // Twice the mid-ranks, so they are integers: a run of tied |d| at ranks i..=j gets i + j.
    let mut doubled = vec![0u64; n];
    let mut tie_sizes = Vec::new();
    let mut start = 0;
    while start < n {
        let mut end = start + 1;
        while end < n && nonzero[end].abs() - nonzero[end - 1].abs() < TOLERANCE {
            end += 1;
        }
        doubled[start..end].fill((start + 1 + end) as u64);
        tie_sizes.push(end - start);
        start = end;
    }
    let v2: u64 = doubled.iter().zip(&nonzero).filter(|(_, d)| **d > 0.0).map(|(r, _)| r).sum();
    let v = v2 as f64 / 2.0;
    let exact = n <= EXACT_MAX_N;
    let p_value = if exact { exact_p(&doubled, v2) } else { normal_p(n, v, &tie_sizes) };
    Some(SignedRank { n, n_zero: zeros.len(), v, p_value, exact })
}

/// Exact two-sided p-value of the doubled statistic `v2`: counts of every attainable sum of
/// doubled ranks over the 2ⁿ sign assignments, built one rank at a time (subset-sum dynamic
/// programming). The counts are at most 2⁵⁰, so they are exact in `u64` and in `f64`.
fn exact_p(doubled: &[u64], v2: u64) -> f64 {
    let total: u64 = doubled.iter().sum();
    let mut counts = vec![0u64; total as usize + 1];
    counts[0] = 1;
    let mut reach = 0;
    for &rank in doubled {
        let rank = rank as usize;
        for s in (0..=reach).rev() {
            counts[s + rank] += counts[s];
        }
        reach += rank;
    }
    let v2 = v2 as usize;
    let lower: u64 = counts[..=v2].iter().sum();
    let upper: u64 = counts[v2..].iter().sum();
    (2.0 * lower.min(upper) as f64 / 2f64.powi(doubled.len() as i32)).min(1.0)
}

/// Two-sided p-value by the normal approximation with continuity and tie correction (R's
/// `wilcox.test(..., exact = FALSE, correct = TRUE)`).
fn normal_p(n: usize, v: f64, tie_sizes: &[usize]) -> f64 {
    let n = n as f64;
    let centred = v - n * (n + 1.0) / 4.0;
    let ties: f64 = tie_sizes.iter().map(|&t| (t as f64).powi(3) - t as f64).sum();
    // Positive for n ≥ 1 even if every |d| is tied: n(n+1)(3n+3)/48.
    let sigma = (n * (n + 1.0) * (2.0 * n + 1.0) / 24.0 - ties / 48.0).sqrt();
    let correction = if centred > 0.0 {
        0.5
    } else if centred < 0.0 {
        -0.5
    } else {
        0.0
    };
    // 2·(1 − Φ(|z|)) = erfc(|z|/√2), without the cancellation of 1 − Φ.
    erfc(((centred - correction) / sigma).abs() / SQRT_2).min(1.0)
}

/// Complementary error function, fractional error below 1.2·10⁻⁷ everywhere: the Chebyshev
/// fit `erfcc` of Press, W. H., Teukolsky, S. A., Vetterling, W. T. & Flannery, B. P. (1992),
/// *Numerical Recipes in C*, 2nd ed., §6.2.
fn erfc(x: f64) -> f64 {
    let z = x.abs();
    let t = 1.0 / (1.0 + 0.5 * z);
    let poly = [
        -1.265_512_23,
        1.000_023_68,
        0.374_091_96,
        0.096_784_18,
        -0.186_288_06,
        0.278_868_07,
        -1.135_203_98,
        1.488_515_87,
        -0.822_152_23,
        0.170_872_77,
    ]
    .iter()
    .rev()
    .fold(0.0, |acc, c| c + t * acc);
    let ans = t * (-z * z + poly).exp();
    if x >= 0.0 { ans } else { 2.0 - ans }
}

/// How one aspect moved between round 1 and round 2. Statistics without the data they need
/// are `None` (an empty cell in the CSV).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Movement {
    /// Pairs that placed the aspect in both rounds.
    pub n_paired: usize,
    /// Median of round 2 − median of round 1, over all positions of each round.
    pub median_change: Option<f64>,
    /// IQR (q3 − q1) of round 2 − IQR of round 1: negative when the room converged.
    pub iqr_change: Option<f64>,
    /// Share (0–1) of the paired pairs that moved more than [`MOVED_POINTS`].
    pub share_moved_over_10: Option<f64>,
    /// Wilcoxon signed-rank test of round 2 − round 1 over the paired pairs.
    pub test: Option<SignedRank>,
}

/// Movement of one aspect from `round1` and `round2`, all positions given to it in each round,
/// and `paired`, the (round 1, round 2) positions of the pairs that placed it in both rounds.
/// Non-finite positions are ignored.
pub fn movement(round1: &[f64], round2: &[f64], paired: &[(f64, f64)]) -> Movement {
    let rooms = summarize(round1).zip(summarize(round2));
    let diffs: Vec<f64> = paired.iter().filter(|(a, b)| a.is_finite() && b.is_finite()).map(|(a, b)| b - a).collect();
    let moved = diffs.iter().filter(|d| d.abs() > MOVED_POINTS + TOLERANCE).count();
    Movement {
        n_paired: diffs.len(),
        median_change: rooms.map(|(r1, r2)| r2.median - r1.median),
        iqr_change: rooms.map(|(r1, r2)| (r2.q3 - r2.q1) - (r1.q3 - r1.q1)),
        share_moved_over_10: (!diffs.is_empty()).then(|| moved as f64 / diffs.len() as f64),
        test: wilcoxon_signed_rank(&diffs),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tolerance: f64) -> bool {
        (a - b).abs() < tolerance
    }

    fn test(diffs: &[f64]) -> SignedRank {
        wilcoxon_signed_rank(diffs).unwrap()
    }

    /// All five positive: V = 1 + … + 5 = 15, and only 1 of the 32 sign assignments reaches it,
    /// so p = 2·1/32 (R: `wilcox.test(c(1, 2, 3, 4, 5))` gives V = 15, p-value = 0.0625).
    #[test]
    fn all_positive() {
        let t = test(&[1.0, 2.0, 3.0, 4.0, 5.0]);
        assert_eq!(t, SignedRank { n: 5, n_zero: 0, v: 15.0, p_value: 0.0625, exact: true });
        // The largest exact case: 2 of 2⁵⁰ assignments are as extreme.
        let t = test(&(1..=50).map(f64::from).collect::<Vec<_>>());
        assert_eq!((t.v, t.p_value, t.exact), (1275.0, 2f64.powi(-49), true));
    }

    /// V = 15 − 2 = 13; V ≥ 13 when the negative ranks sum to at most 2: {}, {1}, {2}, so
    /// p = 2·3/32 = 0.1875.
    #[test]
    fn one_negative() {
        let t = test(&[1.0, -2.0, 3.0, 4.0, 5.0]);
        assert_eq!((t.v, t.p_value), (13.0, 0.1875));
    }

    /// V = 0: P(V ≤ 0) = 1/8, p = 0.25; the sign does not matter.
    #[test]
    fn all_negative() {
        let t = test(&[-1.0, -2.0, -3.0]);
        assert_eq!((t.n, t.v, t.p_value), (3, 0.0, 0.25));
    }

    #[test]
    fn zeros_are_dropped_and_counted() {
        let t = test(&[0.0, 2.0, 0.0, 1.0, 3.0, f64::NAN]);
        assert_eq!(t, SignedRank { n: 3, n_zero: 2, v: 6.0, p_value: 0.25, exact: true });
    }

    #[test]
    fn nothing_to_test() {
        assert_eq!(wilcoxon_signed_rank(&[]), None);
        assert_eq!(wilcoxon_signed_rank(&[0.0, 0.0, f64::INFINITY]), None);
    }

    /// |d| = 1, 1, 2, 3 → mid-ranks 1.5, 1.5, 3, 4 and V = 1.5 + 3 + 4 = 8.5. Enumerating the
    /// 16 sign assignments by hand, the positive-rank sums are 0, 1.5, 1.5, 3, 3, 4, 4.5, 4.5,
    /// 5.5, 5.5, 6, 7, 7, 8.5, 8.5, 10: three of them ≥ 8.5, so p = 2·3/16 = 0.375.
    #[test]
    fn ties_use_mid_ranks_and_the_permutation_distribution() {
        let t = test(&[1.0, -1.0, 2.0, 3.0]);
        assert_eq!((t.n, t.v, t.p_value, t.exact), (4, 8.5, 0.375, true));
        // Tied within the tolerance only.
        assert_eq!(test(&[1.0, -(1.0 + 1e-12), 2.0, 3.0]).v, 8.5);
    }

    /// The dynamic programme against brute force: all 2ⁿ sign assignments of the mid-ranks
    /// (rank of x = #{|d| < x} + (#{|d| = x} + 1)/2), counting those as extreme as V.
    #[test]
    fn exact_p_matches_enumeration() {
        for diffs in
            [vec![3.0, -3.0, 3.0, 1.0, -2.0, 5.0, 5.0], vec![2.0, 2.0, 2.0, -2.0], vec![-1.0, 4.0, 4.0, 6.0, -6.0, 7.0]]
        {
            let abs: Vec<f64> = diffs.iter().map(|d: &f64| d.abs()).collect();
            let rank = |x: f64| {
                abs.iter().filter(|a| **a < x).count() as f64
                    + (abs.iter().filter(|a| **a == x).count() as f64 + 1.0) / 2.0
            };
            let ranks: Vec<f64> = abs.iter().map(|a| rank(*a)).collect();
            let v: f64 = ranks.iter().zip(&diffs).filter(|(_, d)| **d > 0.0).map(|(r, _)| r).sum();
            let sums: Vec<f64> = (0..1u32 << diffs.len())
                .map(|mask| ranks.iter().enumerate().filter(|(i, _)| mask >> i & 1 == 1).map(|(_, r)| r).sum())
                .collect();
            let tail = |f: &dyn Fn(f64) -> bool| sums.iter().filter(|s| f(**s)).count() as f64 / sums.len() as f64;
            let want = (2.0 * tail(&|s| s <= v).min(tail(&|s| s >= v))).min(1.0);
            let t = test(&diffs);
            assert_eq!((t.v, t.p_value), (v, want), "{diffs:?}");
        }
    }

    /// The example of R's `?wilcox.test` (Hollander & Wolfe, depression scale):
    /// `wilcox.test(x, y, paired = TRUE)` gives V = 40, p-value = 0.03906. Exactly: V ≥ 40 in
    /// 10 of the 512 sign assignments, p = 20/512 = 0.0390625.
    #[test]
    fn r_help_page_example() {
        let x = [1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30];
        #[allow(clippy::approx_constant)] // 3.14 is a measurement, not π.
        let y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29];
        let diffs: Vec<f64> = x.iter().zip(&y).map(|(x, y)| x - y).collect();
        let t = test(&diffs);
        assert_eq!((t.n, t.v, t.exact), (9, 40.0, true));
        assert!(close(t.p_value, 0.039_062_5, 1e-15), "{t:?}");
    }

    /// 60 non-zero differences with |d| = 1, 1, 2, 2, …, 30, 30 (every third one negative) and
    /// two zeros. Each tied pair |d| = k has mid-rank 2k − ½; V = Σ over the positive ones =
    /// 1200. n(n+1)/4 = 915; σ² = 60·61·121/24 − 30·(2³ − 2)/48 = 18452.5 − 3.75;
    /// z = (285 − ½)/σ ≈ 2.0945889; p = erfc(z/√2) = 0.036207552733 (Python `math.erfc`).
    #[test]
    fn large_n_uses_the_normal_approximation() {
        let mut diffs: Vec<f64> =
            (1..=60).map(|i: i32| if i % 3 == 0 { -((i + 1) / 2) } else { (i + 1) / 2 } as f64).collect();
        diffs.extend([0.0, 0.0]);
        let t = test(&diffs);
        assert_eq!((t.n, t.n_zero, t.v, t.exact), (60, 2, 1200.0, false));
        let sigma = (60.0f64 * 61.0 * 121.0 / 24.0 - 180.0 / 48.0).sqrt();
        assert!(close((1200.0 - 915.0 - 0.5) / sigma, 2.094_588_900_663, 1e-9));
        assert!(close(t.p_value, 0.036_207_552_733, 1e-8), "{t:?}");
    }

    /// Reference values from Python's `math.erfc`.
    #[test]
    fn erfc_is_accurate() {
        for (x, want) in [
            (0.0, 1.0),
            (0.5, 0.479_500_122_186_953_5),
            (1.0, 0.157_299_207_050_285_13),
            (2.0, 0.004_677_734_981_047_265),
            (3.0, 2.209_049_699_858_544e-5),
            (-1.0, 1.842_700_792_949_715),
        ] {
            assert!((erfc(x) - want).abs() <= 1.2e-7 * want, "erfc({x}) = {}", erfc(x));
        }
    }

    /// Round 1: 10, 20, 30, 40, 50 → median 30, IQR 40 − 20 = 20. Round 2: 25, 30, 35, 40 →
    /// h = 3p: q1 = 25 + 0.75·5 = 28.75, median 32.5, q3 = 35 + 0.25·5 = 36.25, IQR 7.5.
    /// Paired differences 15, 10, 5, 0: one moved more than 10 (10 itself does not), and the
    /// test drops the 0 and has V = 6 of 6, p = 2/8.
    #[test]
    fn movement_hand_worked() {
        let paired = [(10.0, 25.0), (20.0, 30.0), (30.0, 35.0), (40.0, 40.0)];
        let m = movement(&[10.0, 20.0, 30.0, 40.0, 50.0], &[25.0, 30.0, 35.0, 40.0], &paired);
        assert_eq!(m.n_paired, 4);
        assert_eq!((m.median_change, m.iqr_change, m.share_moved_over_10), (Some(2.5), Some(-12.5), Some(0.25)));
        assert_eq!(m.test, Some(SignedRank { n: 3, n_zero: 1, v: 6.0, p_value: 0.25, exact: true }));
    }

    /// 16.1 − 6.1 is 10.000000000000002 in floating point, and still not "more than 10".
    #[test]
    fn ten_points_is_not_moved() {
        const { assert!(16.1 - 6.1 > MOVED_POINTS) };
        let m = movement(&[6.1, 10.0], &[16.1, 21.0], &[(6.1, 16.1), (10.0, 21.0)]);
        assert_eq!(m.share_moved_over_10, Some(0.5));
    }

    #[test]
    fn movement_without_data() {
        let m = movement(&[], &[40.0], &[]);
        assert_eq!(
            m,
            Movement { n_paired: 0, median_change: None, iqr_change: None, share_moved_over_10: None, test: None }
        );
        let m = movement(&[40.0], &[40.0], &[(40.0, 40.0)]);
        assert_eq!((m.n_paired, m.median_change, m.share_moved_over_10, m.test), (1, Some(0.0), Some(0.0), None));
    }
}
