//! Opinion groups: which pairs placed the aspects alike. Found the way Polis finds them (Small,
//! C., Bjorkegren, M., Erkkilä, T., Shaw, L. & Megill, C. (2021), "Polis: Scaling deliberation
//! by mapping high dimensional opinion spaces", *Recerca* 26(2)): principal components of the
//! pairs' positions, then k-means on the first two components, the number of groups chosen by
//! the silhouette. Every step is deterministic, so the same workshop always gives the same
//! groups, in the browser and in the exports alike.
//!
//! The method, step by step:
//!
//! 1. **Filter.** An aspect is used only if at least [`MIN_PLACED_BY`] (2) pairs placed it; then
//!    a pair is kept only if it placed at least [`MIN_SHARE_PLACED`] (half) of the used aspects,
//!    like Polis's minimum number of votes: a pair that placed little would be mostly imputed.
//!    The two rules are applied in this order and repeated until neither removes anything, so
//!    every used aspect was placed by 2 kept pairs and every kept pair placed half the used
//!    aspects. Then there must be [`MIN_PAIRS`] (6) kept pairs and [`MIN_ASPECTS`] (2) used
//!    aspects, or there are no groups ([`NoGroupsReason`]). "Can't place" counts as not placed.
//! 2. **Impute.** A kept pair's missing position is the mean of that aspect over the kept pairs
//!    that placed it, as in Polis.
//! 3. **Centre.** Each aspect's mean is subtracted; aspects are not scaled, since all are on the
//!    same 0–100 scale.
//! 4. **PCA.** Eigen-decomposition (cyclic Jacobi) of the covariance matrix of the used aspects
//!    (denominator n − 1); the first min([`COMPONENTS`], aspects) components are kept, each with
//!    its sign chosen so that its largest loading in absolute value (the first one on ties) is
//!    positive. A pair's scores are its centred positions projected on them; the share of
//!    variance explained is eigenvalue / total variance.
//! 5. **k-means** on the scores, for k = 2 ..= min([`MAX_GROUPS`], pairs − 1), from
//!    [`STARTS`] k-means++ starts (Arthur, D. & Vassilvitskii, S. (2007), "k-means++: The
//!    advantages of careful seeding", *Proc. 18th ACM-SIAM SODA*, 1027–1035), each refined by
//!    Lloyd's steps (each pair to its nearest centre, the lower-numbered one on ties; each centre
//!    to the mean of its pairs; until no pair changes group, at most 100 iterations) and then by
//!    Hartigan–Wong moves, R's default (a pair moves to another group whenever that lowers the
//!    within-group sum of squares; [`kmeans::hartigan_wong`]). Random numbers come from
//!    SplitMix64 (Steele, G. L., Lea, D. & Flood, C. H. (2014), "Fast splittable pseudorandom
//!    number generators", *OOPSLA '14*) seeded with [`SEED`] + k. Starts whose Lloyd's steps
//!    empty a group are discarded; the lowest within-group sum of squares is kept, the earliest
//!    start on an exact tie (the sum is computed the same way for every partition, so the same
//!    partition reached from two starts ties exactly, and two different partitions tie only
//!    when the points are placed symmetrically).
//! 6. **Choose k** with the highest mean silhouette (Rousseeuw, P. J. (1987), "Silhouettes: A
//!    graphical aid to the interpretation and validation of cluster analysis", *J. Comput.
//!    Appl. Math.* 20, 53–65), Euclidean distances between scores: s(i) = (b − a) / max(a, b),
//!    a the mean distance to the own group, b to the nearest other group, 0 for a pair alone in
//!    its group. Ties go to the smaller k. Below [`MIN_SILHOUETTE`] there are no clear groups.
//! 7. **Number** the groups 1, 2, … in the order their first pair appears in the input rows.
//! 8. **Stability** of each group: Hennig's cluster-wise bootstrap ([`stability`]), the
//!    resamples grouped by step 5 with [`BOOTSTRAP_STARTS`] starts.

pub mod kmeans;
pub mod stability;

use serde::{Deserialize, Serialize};

use self::kmeans::{SplitMix64, distance2, kmeans};
use self::stability::STABILITY_SEED;
use super::stats::summarize;
use crate::i18n::{Lang, t};

/// Fewest pairs (kept after filtering) for which groups are looked for.
pub const MIN_PAIRS: usize = 6;
/// A pair is left out unless it placed at least this share of the used aspects.
pub const MIN_SHARE_PLACED: f64 = 0.5;
/// An aspect is used only if at least this many (kept) pairs placed it.
pub const MIN_PLACED_BY: usize = 2;
/// Fewest used aspects for which groups are looked for.
pub const MIN_ASPECTS: usize = 2;
/// Principal components the pairs are grouped on (as Polis's two-dimensional map).
pub const COMPONENTS: usize = 2;
/// Most groups tried.
pub const MAX_GROUPS: usize = 5;
/// Below this mean silhouette the pairs do not fall into clear groups: Kaufman, L. &
/// Rousseeuw, P. J. (1990), *Finding Groups in Data*, Wiley, call an average silhouette of
/// 0.25 or less "no substantial structure", 0.26–0.50 "weak, could be artificial", 0.51–0.70
/// "reasonable" and above 0.70 "strong". Groups are shown only from "reasonable" on: on the
/// two components, uniformly random positions typically reach 0.35–0.50, so a lower bar
/// would show noise as groups.
pub const MIN_SILHOUETTE: f64 = 0.5;
/// Seed of the random numbers of k-means++ (the generator for k is seeded with `SEED + k`).
pub const SEED: u64 = 42;
/// k-means++ starts per k; the best one is kept.
pub const STARTS: usize = 200;
/// k-means++ starts per bootstrap resample in the stability of the groups.
pub const BOOTSTRAP_STARTS: usize = 10;

const MAX_SWEEPS: usize = 100;

/// The positions of the pairs across the aspects, one round.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupInput {
    /// Pair labels, in row order (only the caller reads them).
    pub pairs: Vec<String>,
    /// Aspect labels, in column order.
    pub aspects: Vec<String>,
    /// `[pair][aspect]`; `None` when not placed or "can't place". Missing cells of short rows
    /// and non-finite values count as `None`.
    pub positions: Vec<Vec<Option<f64>>>,
}

/// The result of [`opinion_groups`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Grouping {
    /// The pairs fall into clear groups.
    Groups(Groups),
    /// No groups, and why.
    NoGroups(NoGroups),
}

/// Opinion groups that were found.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Groups {
    /// Number of groups.
    pub k: usize,
    /// Mean silhouette of the kept pairs (−1 to 1; higher is clearer).
    pub silhouette: f64,
    /// Share of the variance explained by each kept component.
    pub explained: Vec<f64>,
    /// Indices (input order) of the aspects used.
    pub aspects_used: Vec<usize>,
    /// One per input row, in row order.
    pub members: Vec<Member>,
    /// `[group − 1]`: the group's stability, its mean Jaccard similarity with its best match
    /// over the bootstrap resamples ([`stability`]; 0–1, from 0.75 stable).
    pub stability: Vec<f64>,
    /// `[group − 1][aspect]` (all aspects, input order): type-7 median of the positions the
    /// group's members actually gave (not imputed); `None` when none of them placed it.
    pub group_medians: Vec<Vec<Option<f64>>>,
}

/// One pair in [`Groups`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Member {
    /// Row index in [`GroupInput::positions`].
    pub pair: usize,
    /// Group, 1-based; `None` when the pair was left out (placed too few aspects).
    pub group: Option<usize>,
    /// Scores on the kept components; empty when left out.
    pub scores: Vec<f64>,
    /// The pair's silhouette; `None` when left out.
    pub silhouette: Option<f64>,
}

/// No opinion groups.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NoGroups {
    /// Why not.
    pub reason: NoGroupsReason,
}

/// Why there are no opinion groups.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum NoGroupsReason {
    /// Fewer than [`MIN_PAIRS`] pairs placed half of the used aspects.
    TooFewPairs {
        /// Pairs kept.
        have: usize,
        /// Pairs needed ([`MIN_PAIRS`]).
        need: usize,
    },
    /// Fewer than [`MIN_ASPECTS`] aspects were placed by 2 kept pairs.
    TooFewAspects {
        /// Aspects used.
        have: usize,
    },
    /// The best mean silhouette is below [`MIN_SILHOUETTE`] (0 when all kept pairs coincide).
    NoClearStructure {
        /// The best mean silhouette found.
        best_silhouette: f64,
    },
}

impl NoGroupsReason {
    /// A sentence for the researcher, in `l`, for a screen.
    pub fn message_in(&self, l: Lang) -> String {
        match self {
            Self::TooFewPairs { have, need } => t::domain_groups_too_few_pairs(l, need, have),
            Self::TooFewAspects { have } => t::domain_groups_too_few_aspects(l, MIN_ASPECTS, MIN_PLACED_BY, have),
            Self::NoClearStructure { best_silhouette } => {
                t::domain_groups_no_structure(l, format!("{best_silhouette:.2}"), format!("{MIN_SILHOUETTE:.2}"))
            }
        }
    }

    /// The sentence in English, for the exports ([`NoGroupsReason::message_in`] for a screen).
    pub fn message(&self) -> String {
        self.message_in(Lang::EN)
    }
}

/// Opinion groups of the pairs in `input`, by the method of the module documentation.
pub fn opinion_groups(input: &GroupInput) -> Grouping {
    let cell = |p: usize, a: usize| input.positions[p].get(a).copied().flatten().filter(|v| v.is_finite());
    let (pairs, aspects) = filter(input.positions.len(), input.aspects.len(), |p, a| cell(p, a).is_some());
    let no = |reason| Grouping::NoGroups(NoGroups { reason });
    if pairs.len() < MIN_PAIRS {
        return no(NoGroupsReason::TooFewPairs { have: pairs.len(), need: MIN_PAIRS });
    }
    if aspects.len() < MIN_ASPECTS {
        return no(NoGroupsReason::TooFewAspects { have: aspects.len() });
    }
    let means: Vec<f64> = aspects
        .iter()
        .map(|&a| {
            let placed: Vec<f64> = pairs.iter().filter_map(|&p| cell(p, a)).collect();
            placed.iter().sum::<f64>() / placed.len() as f64 // placed by ≥ 2 kept pairs
        })
        .collect();
    let centred: Vec<Vec<f64>> = pairs
        .iter()
        .map(|&p| aspects.iter().zip(&means).map(|(&a, m)| cell(p, a).unwrap_or(*m) - m).collect())
        .collect();
    let Some((explained, scores)) = principal_scores(&centred) else {
        return no(NoGroupsReason::NoClearStructure { best_silhouette: 0.0 });
    };
    let mut best: Option<(f64, usize, Vec<usize>, Vec<f64>)> = None;
    for k in 2..=MAX_GROUPS.min(pairs.len() - 1) {
        if let Some(labels) = best_partition(&scores, k) {
            let s = silhouettes(&scores, &labels, k);
            let mean = s.iter().sum::<f64>() / s.len() as f64;
            if best.as_ref().is_none_or(|(b, ..)| mean > *b) {
                best = Some((mean, k, labels, s));
            }
        }
    }
    let (silhouette, k, labels, s) = match best {
        Some(best) if best.0 >= MIN_SILHOUETTE => best,
        other => {
            let best_silhouette = other.map_or(0.0, |(mean, ..)| mean);
            return no(NoGroupsReason::NoClearStructure { best_silhouette });
        }
    };
    // Renumber 1.. by first appearance; `pairs` is in row order.
    let mut number = vec![0; k];
    let mut next = 0;
    for &l in &labels {
        if number[l] == 0 {
            next += 1;
            number[l] = next;
        }
    }
    let mut members: Vec<Member> =
        (0..input.positions.len()).map(|pair| Member { pair, group: None, scores: vec![], silhouette: None }).collect();
    for (i, &p) in pairs.iter().enumerate() {
        members[p] =
            Member { pair: p, group: Some(number[labels[i]]), scores: scores[i].clone(), silhouette: Some(s[i]) };
    }
    let mut rng = SplitMix64(STABILITY_SEED);
    let by_label = stability::stability(&scores, &labels, k, &mut rng, |points, k, rng| {
        kmeans(points, k, BOOTSTRAP_STARTS, rng).map(|p| p.labels)
    });
    let mut stability = vec![0.0; k];
    for (l, s) in by_label.into_iter().enumerate() {
        stability[number[l] - 1] = s;
    }
    let group_medians = (1..=k)
        .map(|g| {
            let in_group: Vec<usize> = pairs.iter().copied().filter(|&p| members[p].group == Some(g)).collect();
            (0..input.aspects.len())
                .map(|a| summarize(&in_group.iter().filter_map(|&p| cell(p, a)).collect::<Vec<_>>()).map(|s| s.median))
                .collect()
        })
        .collect();
    Grouping::Groups(Groups { k, silhouette, explained, aspects_used: aspects, members, stability, group_medians })
}

/// Step 1: the kept pairs and used aspects (indices, ascending), from `placed(pair, aspect)`.
fn filter(rows: usize, columns: usize, placed: impl Fn(usize, usize) -> bool) -> (Vec<usize>, Vec<usize>) {
    let mut pairs: Vec<usize> = (0..rows).collect();
    let mut aspects: Vec<usize> = (0..columns).collect();
    loop {
        let used: Vec<usize> = aspects
            .iter()
            .copied()
            .filter(|&a| pairs.iter().filter(|&&p| placed(p, a)).count() >= MIN_PLACED_BY)
            .collect();
        let kept: Vec<usize> = pairs
            .iter()
            .copied()
            .filter(|&p| used.iter().filter(|&&a| placed(p, a)).count() as f64 >= MIN_SHARE_PLACED * used.len() as f64)
            .collect();
        if used.len() == aspects.len() && kept.len() == pairs.len() {
            return (pairs, aspects);
        }
        (pairs, aspects) = (kept, used);
    }
}

/// Step 4 on centred rows: (share explained, scores per row) of the kept components; `None`
/// when there is no variance at all.
fn principal_scores(centred: &[Vec<f64>]) -> Option<(Vec<f64>, Vec<Vec<f64>>)> {
    let m = centred.first()?.len();
    let denominator = (centred.len().max(2) - 1) as f64;
    let covariance: Vec<Vec<f64>> = (0..m)
        .map(|i| (0..m).map(|j| centred.iter().map(|r| r[i] * r[j]).sum::<f64>() / denominator).collect())
        .collect();
    let total: f64 = (0..m).map(|i| covariance[i][i]).sum();
    if total <= 1e-9 {
        return None;
    }
    let (values, vectors) = symmetric_eigen(&covariance);
    let kept = m.min(COMPONENTS);
    let loadings: Vec<Vec<f64>> = (0..kept)
        .map(|c| {
            let column: Vec<f64> = vectors.iter().map(|row| row[c]).collect();
            let largest = column.iter().copied().fold(0.0, |big: f64, x| if x.abs() > big.abs() { x } else { big });
            let sign = if largest < 0.0 { -1.0 } else { 1.0 };
            column.iter().map(|x| sign * x).collect()
        })
        .collect();
    let scores = centred
        .iter()
        .map(|row| loadings.iter().map(|l| row.iter().zip(l).map(|(x, w)| x * w).sum()).collect())
        .collect();
    Some((values[..kept].iter().map(|v| v.max(0.0) / total).collect(), scores))
}

/// Eigenvalues (descending) and eigenvectors (the columns of the second matrix, in the same
/// order) of a symmetric matrix, by the cyclic Jacobi method (Golub, G. H. & Van Loan, C. F.
/// (2013), *Matrix Computations*, 4th ed., §8.5): sweeps of plane rotations, each zeroing one
/// off-diagonal element, until the off-diagonal part is negligible.
fn symmetric_eigen(matrix: &[Vec<f64>]) -> (Vec<f64>, Vec<Vec<f64>>) {
    let n = matrix.len();
    let mut a = matrix.to_vec();
    let mut v: Vec<Vec<f64>> = (0..n).map(|i| (0..n).map(|j| if i == j { 1.0 } else { 0.0 }).collect()).collect();
    let norm: f64 = a.iter().flatten().map(|x| x * x).sum();
    for _ in 0..MAX_SWEEPS {
        let off: f64 = (0..n).map(|p| a[p][p + 1..].iter().map(|x| x * x).sum::<f64>()).sum();
        if off <= 1e-30 * norm {
            break;
        }
        for p in 0..n {
            for q in p + 1..n {
                if a[p][q] == 0.0 {
                    continue;
                }
                // tan φ of the rotation that zeroes a[p][q], the smaller root for stability.
                let theta = (a[q][q] - a[p][p]) / (2.0 * a[p][q]);
                let t = theta.signum() / (theta.abs() + (theta * theta + 1.0).sqrt());
                let c = 1.0 / (t * t + 1.0).sqrt();
                let s = t * c;
                let rotate = |x: f64, y: f64| (c * x - s * y, s * x + c * y);
                for row in a.iter_mut().chain(v.iter_mut()) {
                    (row[p], row[q]) = rotate(row[p], row[q]);
                }
                let (above, below) = a.split_at_mut(q);
                for (x, y) in above[p].iter_mut().zip(below[0].iter_mut()) {
                    (*x, *y) = rotate(*x, *y);
                }
                (a[p][q], a[q][p]) = (0.0, 0.0);
            }
        }
    }
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&i, &j| a[j][j].total_cmp(&a[i][i]));
    let values = order.iter().map(|&i| a[i][i]).collect();
    let vectors = (0..n).map(|r| order.iter().map(|&c| v[r][c]).collect()).collect();
    (values, vectors)
}

/// Step 5: the best partition into `k` groups ([`kmeans`] from [`STARTS`] starts, seeded with
/// [`SEED`] + k), as a group index per point; `None` when there are fewer than `k` distinct
/// points.
fn best_partition(points: &[Vec<f64>], k: usize) -> Option<Vec<usize>> {
    kmeans(points, k, STARTS, &mut SplitMix64(SEED.wrapping_add(k as u64))).map(|p| p.labels)
}

/// Rousseeuw's silhouette of every point, for `labels` in 0..k (all groups non-empty).
fn silhouettes(points: &[Vec<f64>], labels: &[usize], k: usize) -> Vec<f64> {
    let mut sizes = vec![0usize; k];
    for &l in labels {
        sizes[l] += 1;
    }
    points
        .iter()
        .zip(labels)
        .map(|(p, &own)| {
            if sizes[own] == 1 {
                return 0.0;
            }
            let mut sums = vec![0.0; k];
            for (q, &l) in points.iter().zip(labels) {
                sums[l] += distance2(p, q).sqrt();
            }
            let a = sums[own] / (sizes[own] - 1) as f64;
            let b = (0..k)
                .filter(|&g| g != own && sizes[g] > 0)
                .map(|g| sums[g] / sizes[g] as f64)
                .fold(f64::INFINITY, f64::min);
            if a.max(b) > 0.0 { (b - a) / a.max(b) } else { 0.0 }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rows separated by `/`, positions by spaces, `-` for "not placed".
    fn grid(rows: &str) -> GroupInput {
        let positions: Vec<Vec<Option<f64>>> =
            rows.split('/').map(|r| r.split_whitespace().map(|v| v.parse().ok()).collect()).collect();
        GroupInput {
            pairs: (1..=positions.len()).map(|i| format!("Pair {i}")).collect(),
            aspects: (1..=positions.first().map_or(0, Vec::len)).map(|i| format!("Aspect {i}")).collect(),
            positions,
        }
    }

    fn groups(input: &GroupInput) -> Groups {
        match opinion_groups(input) {
            Grouping::Groups(g) => g,
            Grouping::NoGroups(n) => panic!("{}", n.reason.message()),
        }
    }

    fn reason(input: &GroupInput) -> NoGroupsReason {
        match opinion_groups(input) {
            Grouping::NoGroups(n) => n.reason,
            Grouping::Groups(g) => panic!("{g:?}"),
        }
    }

    fn labels(g: &Groups) -> Vec<Option<usize>> {
        g.members.iter().map(|m| m.group).collect()
    }

    const TWO_CAMPS: &str = "10 12 8 11 / 90 88 92 89 / 12 9 10 13 / 88 91 90 87 / \
                             8 11 12 9 / 92 89 88 91 / 11 10 9 12 / 89 90 91 92";

    /// Two camps near 10 and near 90, interleaved: k = 2, numbered by their first row.
    #[test]
    fn two_camps() {
        let g = groups(&grid(TWO_CAMPS));
        assert_eq!((g.k, g.aspects_used.as_slice()), (2, [0, 1, 2, 3].as_slice()));
        assert_eq!(labels(&g), [1, 2, 1, 2, 1, 2, 1, 2].map(Some));
        assert!(g.silhouette > 0.9 && g.explained.len() == 2 && g.explained[0] > 0.95, "{g:?}");
        // Type-7 medians of aspect 1: 8, 10, 11, 12 → 10.5; 88, 89, 90, 92 → 89.5.
        assert_eq!((g.group_medians[0][0], g.group_medians[1][0]), (Some(10.5), Some(89.5)));
    }

    const THREE_CAMPS: &str = "10 12 90 88 / 10 9 11 12 / 90 88 10 12 / 12 10 89 91 / 11 12 10 9 / \
                               89 91 12 10 / 9 11 91 90 / 12 11 9 10 / 91 90 11 9";

    #[test]
    fn three_camps_deterministically() {
        let g = groups(&grid(THREE_CAMPS));
        assert_eq!(g.k, 3);
        assert_eq!(labels(&g), [1, 2, 3, 1, 2, 3, 1, 2, 3].map(Some));
        assert_eq!(opinion_groups(&grid(THREE_CAMPS)), Grouping::Groups(g));
    }

    /// Missing positions are imputed and do not change the camps; the last pair placed one
    /// aspect of four and is left out. The group medians use the given positions only.
    #[test]
    fn missing_positions_and_a_pair_left_out() {
        let g = groups(&grid(
            "10 12 - 11 / 90 88 92 89 / 12 9 10 13 / - 91 90 - / \
             8 11 12 9 / 92 89 88 91 / 11 10 9 12 / 89 90 91 92 / - - 50 -",
        ));
        assert_eq!(g.k, 2);
        assert_eq!(labels(&g), [Some(1), Some(2), Some(1), Some(2), Some(1), Some(2), Some(1), Some(2), None]);
        assert_eq!(g.members[8], Member { pair: 8, group: None, scores: vec![], silhouette: None });
        assert_eq!(g.members[3].scores.len(), 2);
        // Group 1 on aspect 3: 10, 12, 9 (row 1 did not place it) → 10; group 2 on aspect 1:
        // 90, 92, 89 → 90.
        assert_eq!((g.group_medians[0][2], g.group_medians[1][0]), (Some(10.0), Some(90.0)));
    }

    #[test]
    fn too_few_pairs() {
        let r = reason(&grid("10 20 / 90 80 / 10 25 / 85 80 / 15 20"));
        assert_eq!(r, NoGroupsReason::TooFewPairs { have: 5, need: 6 });
        assert_eq!(
            r.message(),
            "Opinion groups need at least 6 pairs who placed at least half of the aspects (here: 5)."
        );
        // Seven pairs, but two placed one aspect of four.
        let r =
            reason(&grid("10 20 30 40 / 90 80 70 60 / 10 25 35 45 / 85 80 75 65 / 15 20 30 40 / - - - 50 / 60 - - -"));
        assert_eq!(r, NoGroupsReason::TooFewPairs { have: 5, need: 6 });
    }

    /// The second aspect was placed by one pair only, so one aspect is left.
    #[test]
    fn too_few_aspects() {
        let r = reason(&grid("10 50 / 20 - / 20 - / 20 - / 20 - / 20 - / 20 - / 20 -"));
        assert_eq!(r, NoGroupsReason::TooFewAspects { have: 1 });
        assert_eq!(r.message(), "Opinion groups need at least 2 aspects placed by at least 2 pairs each (here: 1).");
    }

    #[test]
    fn identical_pairs_have_no_structure() {
        let r = reason(&grid(&["50 30 70"; 7].join("/")));
        assert_eq!(r, NoGroupsReason::NoClearStructure { best_silhouette: 0.0 });
        let r = NoGroupsReason::NoClearStructure { best_silhouette: 0.183 };
        assert_eq!(r.message(), "The pairs do not fall into clear groups (best silhouette 0.18, below 0.50).");
        assert_eq!(r.message_in(Lang::CY), "Nid yw'r parau'n rhannu'n grwpiau clir (silwét gorau 0.18, o dan 0.50).");
        assert!(NoGroupsReason::TooFewAspects { have: 1 }.message_in(Lang::CY).contains("(yma: 1)"));
    }

    /// Dropping pair 6 (it placed one aspect of three) leaves aspect 2 placed by one kept pair,
    /// so the second pass drops it too.
    #[test]
    fn filters_repeat_until_stable() {
        let (pairs, aspects) = filter(7, 3, |p, a| (a < 2 && p < 6) || (a == 2 && (p == 0 || p == 6)));
        assert_eq!((pairs, aspects), ((0..6).collect(), vec![0, 1]));
    }

    /// [[2, 1], [1, 2]] has eigenvalues 3 and 1 with eigenvectors ±(1, 1)/√2 and ±(1, −1)/√2.
    #[test]
    fn jacobi_two_by_two() {
        let (values, vectors) = symmetric_eigen(&[vec![2.0, 1.0], vec![1.0, 2.0]]);
        assert!((values[0] - 3.0).abs() < 1e-12 && (values[1] - 1.0).abs() < 1e-12, "{values:?}");
        assert!((vectors[0][0].abs() - 0.5f64.sqrt()).abs() < 1e-12 && (vectors[0][0] - vectors[1][0]).abs() < 1e-12);
        assert!((vectors[0][1] + vectors[1][1]).abs() < 1e-12);
    }

    /// tridiag(−1, 2, −1) of order 3 has eigenvalues 2 − 2cos(jπ/4): 2 + √2, 2, 2 − √2; each
    /// column must satisfy A v = λ v with |v| = 1.
    #[test]
    fn jacobi_three_by_three() {
        let a = vec![vec![2.0, -1.0, 0.0], vec![-1.0, 2.0, -1.0], vec![0.0, -1.0, 2.0]];
        let (values, vectors) = symmetric_eigen(&a);
        for (j, want) in [2.0 + 2f64.sqrt(), 2.0, 2.0 - 2f64.sqrt()].into_iter().enumerate() {
            assert!((values[j] - want).abs() < 1e-12, "{values:?}");
            let v: Vec<f64> = vectors.iter().map(|row| row[j]).collect();
            assert!((v.iter().map(|x| x * x).sum::<f64>() - 1.0).abs() < 1e-12);
            for (row, vi) in a.iter().zip(&v) {
                assert!((row.iter().zip(&v).map(|(x, y)| x * y).sum::<f64>() - want * vi).abs() < 1e-12);
            }
        }
    }

    /// Centred rows (−1, −1), (1, 1): covariance [[2, 2], [2, 2]], eigenvalues 4 and 0, first
    /// loading (1, 1)/√2 with positive sign, scores ∓√2, all variance on the first component.
    #[test]
    fn principal_components_hand_worked() {
        let (explained, scores) = principal_scores(&[vec![-1.0, -1.0], vec![1.0, 1.0]]).unwrap();
        assert!((explained[0] - 1.0).abs() < 1e-12 && explained[1].abs() < 1e-12, "{explained:?}");
        assert!((scores[0][0] + 2f64.sqrt()).abs() < 1e-12 && (scores[1][0] - 2f64.sqrt()).abs() < 1e-12);
        assert_eq!(principal_scores(&[vec![0.0, 0.0], vec![0.0, 0.0]]), None);
    }

    /// Points 0, 1 | 10, 12 on a line. Point 0: a = 1, b = (10 + 12)/2 = 11, s = 10/11;
    /// point 1: a = 1, b = 10, s = 9/10; point 10: a = 2, b = 9.5, s = 7.5/9.5; point 12:
    /// a = 2, b = 11.5, s = 9.5/11.5. A point alone in its group has s = 0.
    #[test]
    fn silhouette_hand_worked() {
        let points: Vec<Vec<f64>> = [0.0, 1.0, 10.0, 12.0].iter().map(|x| vec![*x]).collect();
        let s = silhouettes(&points, &[0, 0, 1, 1], 2);
        let want = [10.0 / 11.0, 0.9, 7.5 / 9.5, 9.5 / 11.5];
        assert!(s.iter().zip(want).all(|(s, w)| (s - w).abs() < 1e-12), "{s:?}");
        let s = silhouettes(&points[..3], &[0, 0, 1], 2);
        assert!((s[0] - 0.9).abs() < 1e-12 && (s[1] - 8.0 / 9.0).abs() < 1e-12 && s[2] == 0.0, "{s:?}");
    }

    #[test]
    fn kmeans_needs_k_distinct_points() {
        let points = vec![vec![0.0, 0.0], vec![0.0, 0.0], vec![5.0, 5.0]];
        assert_eq!(best_partition(&points, 3), None);
        let labels = best_partition(&points, 2).unwrap();
        assert!(labels[0] == labels[1] && labels[1] != labels[2], "{labels:?}");
    }
}
