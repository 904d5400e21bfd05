//! How stable each opinion group is: the cluster-wise bootstrap of Hennig, C. (2007),
//! "Cluster-wise assessment of cluster stability", *Computational Statistics & Data Analysis*
//! 52, 258–271, as `fpc::clusterboot` computes it with its defaults (`bootmethod = "boot"`,
//! `multipleboot = FALSE`).
//!
//! B times: draw n of the n pairs with replacement and keep each drawn pair once; group those
//! pairs again with the same k; for each original group, take its pairs among the drawn ones
//! and their Jaccard similarity |A ∩ B| / |A ∪ B| with every new group B; the best match is
//! the group's similarity in this resample (0 when the resample drew none of its pairs, as
//! `fpc` counts it, so a group of one pair can reach at most about 0.63, the chance that a
//! resample draws it). A group's stability is the mean over the resamples. Hennig's reading:
//! below 0.6 a group dissolves, 0.6–0.75 it shows a pattern but which pairs belong to it is
//! doubtful, from 0.75 it is stable, from 0.85 highly stable.

use super::kmeans::SplitMix64;
use crate::i18n::{Lang, t};

/// Bootstrap resamples per grouping (Hennig's and `fpc`'s default B = 100).
pub const RESAMPLES: usize = 100;
/// Seed of the resamples' random numbers, so the same groups always get the same stability.
pub const STABILITY_SEED: u64 = 2007;
/// From this mean Jaccard on, a group is "stable" (Hennig 2007: "a valid, stable cluster
/// should yield a mean Jaccard similarity value of 0.75 or more").
pub const STABLE_FROM: f64 = 0.75;
/// From this mean Jaccard on (and below [`STABLE_FROM`]), a group is "weak": Hennig reads
/// 0.6–0.75 as "indicating patterns in the data, but which points exactly should belong to
/// these clusters is highly doubtful"; below it, "clusters should not be trusted".
pub const WEAK_FROM: f64 = 0.6;

/// A group's stability in words, by Hennig's bands ([`STABLE_FROM`], [`WEAK_FROM`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stability {
    /// Mean Jaccard ≥ 0.75: the group comes back in most resamples.
    Stable,
    /// 0.6 ≤ mean Jaccard < 0.75: a pattern, but its membership is doubtful.
    Weak,
    /// Mean Jaccard < 0.6: the group dissolves when the pairs are resampled.
    Unstable,
}

impl Stability {
    /// The band of a mean Jaccard similarity.
    pub fn of(mean_jaccard: f64) -> Self {
        if mean_jaccard >= STABLE_FROM {
            Self::Stable
        } else if mean_jaccard >= WEAK_FROM {
            Self::Weak
        } else {
            Self::Unstable
        }
    }

    /// The word the screens show, in `l`.
    pub fn word_in(self, l: Lang) -> &'static str {
        match self {
            Self::Stable => t::domain_stability_stable(l),
            Self::Weak => t::domain_stability_weak(l),
            Self::Unstable => t::domain_stability_unstable(l),
        }
    }

    /// The word in English, as the report writes it ([`Stability::word_in`] for a screen).
    pub fn word(self) -> &'static str {
        self.word_in(Lang::EN)
    }
}

/// The mean Jaccard similarity of each of the `k` groups of `labels` (0..k, one per point)
/// over [`RESAMPLES`] bootstrap resamples, each grouped by `cluster(points, k')` with k' the
/// smaller of k and the resample's distinct points (a resample `cluster` cannot group counts
/// as having no match, 0; so does a resample without any of the group's points). `rng` draws the resamples and is passed on to `cluster`.
pub fn stability(
    points: &[Vec<f64>],
    labels: &[usize],
    k: usize,
    rng: &mut SplitMix64,
    mut cluster: impl FnMut(&[Vec<f64>], usize, &mut SplitMix64) -> Option<Vec<usize>>,
) -> Vec<f64> {
    let n = points.len();
    let mut sums = vec![0.0; k];
    let mut drawn = vec![false; n];
    for _ in 0..RESAMPLES {
        drawn.iter_mut().for_each(|d| *d = false);
        for _ in 0..n {
            drawn[rng.below(n)] = true;
        }
        let kept: Vec<usize> = (0..n).filter(|&i| drawn[i]).collect();
        let sample: Vec<Vec<f64>> = kept.iter().map(|&i| points[i].clone()).collect();
        let distinct = count_distinct(&sample);
        let new_k = k.min(distinct).max(1);
        let new_labels = cluster(&sample, new_k, rng);
        // table[g][m]: drawn pairs of original group g in new group m.
        let mut table = vec![vec![0usize; new_k]; k];
        let mut original = vec![0usize; k];
        let mut new_sizes = vec![0usize; new_k];
        for (s, &i) in kept.iter().enumerate() {
            original[labels[i]] += 1;
            if let Some(m) = new_labels.as_ref().map(|l| l[s]) {
                table[labels[i]][m] += 1;
                new_sizes[m] += 1;
            }
        }
        for g in 0..k {
            if original[g] == 0 {
                continue; // Jaccard 0 (fpc's `zerobyzero = 0`)
            }
            let best = (0..new_k)
                .map(|m| {
                    let both = table[g][m];
                    both as f64 / (original[g] + new_sizes[m] - both) as f64
                })
                .fold(0.0, f64::max);
            sums[g] += best;
        }
    }
    sums.iter().map(|s| s / RESAMPLES as f64).collect()
}

/// How many different points there are.
fn count_distinct(points: &[Vec<f64>]) -> usize {
    let mut sorted: Vec<&Vec<f64>> = points.iter().collect();
    sorted.sort_by(|a, b| {
        a.iter().zip(b.iter()).map(|(x, y)| x.total_cmp(y)).find(|o| o.is_ne()).unwrap_or(std::cmp::Ordering::Equal)
    });
    sorted.dedup();
    sorted.len()
}

#[cfg(test)]
mod tests {
    use super::super::kmeans::kmeans;
    use super::*;

    fn run(points: &[Vec<f64>], k: usize) -> Vec<f64> {
        let labels = kmeans(points, k, 50, &mut SplitMix64(1)).unwrap().labels;
        stability(points, &labels, k, &mut SplitMix64(STABILITY_SEED), |p, k, rng| {
            kmeans(p, k, 10, rng).map(|p| p.labels)
        })
    }

    /// Two tight camps far apart come back whole in every resample: stability 1.
    #[test]
    fn two_clear_camps_are_stable() {
        let mut rng = SplitMix64(3);
        let points: Vec<Vec<f64>> = (0..12)
            .map(|i| {
                let centre = if i % 2 == 0 { -40.0 } else { 40.0 };
                vec![centre + rng.unit() * 4.0, rng.unit() * 4.0]
            })
            .collect();
        let s = run(&points, 2);
        assert!(s.iter().all(|&x| x > 0.99), "{s:?}");
        assert!(s.iter().all(|&x| Stability::of(x) == Stability::Stable));
    }

    /// Pairs spread evenly around a circle (uniform noise in the angle, no gap anywhere) have
    /// no groups: k-means cuts them in two anyway, but the cut turns from resample to resample,
    /// so the halves do not come back. The mean Jaccard of a half-disc with one turned by a
    /// uniform angle is (2 ln 1.5 − 0.5)/0.5 ≈ 0.62; the points' own jitter pins the cut a
    /// little. Over ten such rooms of 24 pairs no half is "stable" and the mean is below 0.7.
    /// (Points filling a disc at random are another matter: their random gaps pin k-means'
    /// cuts, and the groups can come back, which is why groups are first gated by the
    /// silhouette; stability is not validity, as Hennig says.)
    #[test]
    fn uniform_noise_is_not_stable() {
        let mut rng = SplitMix64(5);
        let mut all = Vec::new();
        for _ in 0..10 {
            let points: Vec<Vec<f64>> = (0..24)
                .map(|i| {
                    let angle = (i as f64 + rng.unit() * 0.5) * std::f64::consts::TAU / 24.0;
                    vec![50.0 * angle.cos(), 50.0 * angle.sin()]
                })
                .collect();
            all.extend(run(&points, 2));
        }
        let mean = all.iter().sum::<f64>() / all.len() as f64;
        assert!(mean < 0.7 && all.iter().all(|&x| Stability::of(x) != Stability::Stable), "{mean} {all:?}");
    }

    #[test]
    fn words_follow_hennigs_bands() {
        let words: Vec<&str> = [0.9, 0.75, 0.7499, 0.6, 0.5999, 0.0].map(|x| Stability::of(x).word()).to_vec();
        assert_eq!(words, ["stable", "stable", "weak", "weak", "unstable", "unstable"]);
        let welsh: Vec<&str> = [0.9, 0.7, 0.1].map(|x| Stability::of(x).word_in(Lang::CY)).to_vec();
        assert_eq!(welsh, ["cadarn", "gwan", "ansad"]);
    }
}
