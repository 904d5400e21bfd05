//! k-means for the opinion groups: k-means++ starts, Lloyd's steps, then Hartigan–Wong single
//! moves, from many seeded starts, keeping the lowest within-group sum of squares. Lloyd's
//! steps alone can stop where moving one point to another group still lowers the sum of
//! squares; Hartigan–Wong moves (the default of R's `kmeans`) do not stop there, so the best
//! of many starts is the partition R and scikit-learn find from many starts of their own.
//!
//! Every step is plain `f64` arithmetic in a fixed order, so the server and the browser's
//! WebAssembly give the same partition bit for bit.

/// SplitMix64 (Steele, G. L., Lea, D. & Flood, C. H. (2014), "Fast splittable pseudorandom
/// number generators", *OOPSLA '14*): tiny, fast, and the same on every platform.
#[derive(Clone, Debug)]
pub struct SplitMix64(pub u64);

impl SplitMix64 {
    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1), from the top 53 bits.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        ((self.unit() * n as f64) as usize).min(n - 1)
    }
}

/// A partition of points into `k` non-empty groups.
#[derive(Clone, Debug, PartialEq)]
pub struct Partition {
    /// Group index (0..k) of every point, in point order.
    pub labels: Vec<usize>,
    /// Within-group sum of squared Euclidean distances to the group means.
    pub wcss: f64,
}

/// Lloyd's iterations per start, at most.
const MAX_ITERATIONS: usize = 100;
/// Hartigan–Wong passes over all points per start, at most (each move lowers the sum of
/// squares, so passes end long before this; the cap only guards against rounding cycles).
const MAX_PASSES: usize = 1000;

/// Squared Euclidean distance.
pub fn distance2(x: &[f64], y: &[f64]) -> f64 {
    x.iter().zip(y).map(|(a, b)| (a - b) * (a - b)).sum()
}

/// The best of `starts` runs (k-means++ start, Lloyd's steps, Hartigan–Wong moves): the lowest
/// within-group sum of squares, the earliest start on an exact tie. Random numbers come from
/// `rng`. `None` when no start ends with `k` non-empty groups (fewer than `k` distinct points).
pub fn kmeans(points: &[Vec<f64>], k: usize, starts: usize, rng: &mut SplitMix64) -> Option<Partition> {
    let mut best: Option<Partition> = None;
    for _ in 0..starts {
        let Some(mut labels) = plus_plus(points, k, rng).and_then(|c| lloyd(points, c)) else {
            continue;
        };
        let wcss = hartigan_wong(points, &mut labels, k);
        if best.as_ref().is_none_or(|b| wcss < b.wcss) {
            best = Some(Partition { labels, wcss });
        }
    }
    best
}

/// k-means++ starting centres (Arthur, D. & Vassilvitskii, S. (2007), "k-means++: The
/// advantages of careful seeding", *Proc. 18th ACM-SIAM SODA*, 1027–1035): the first a
/// uniformly drawn point, each next one a point drawn with probability proportional to its
/// squared distance to the nearest centre so far. `None` when fewer than `k` points differ.
fn plus_plus(points: &[Vec<f64>], k: usize, rng: &mut SplitMix64) -> Option<Vec<Vec<f64>>> {
    let first = rng.below(points.len());
    let mut centres = vec![points[first].clone()];
    let mut d2: Vec<f64> = points.iter().map(|p| distance2(p, &centres[0])).collect();
    while centres.len() < k {
        let total: f64 = d2.iter().sum();
        if total <= 0.0 {
            return None;
        }
        let target = rng.unit() * total;
        let mut sum = 0.0;
        let chosen = d2
            .iter()
            .position(|d| {
                sum += d;
                sum > target && *d > 0.0
            })
            .or_else(|| d2.iter().rposition(|d| *d > 0.0))?;
        centres.push(points[chosen].clone());
        for (d, p) in d2.iter_mut().zip(points) {
            *d = d.min(distance2(p, &points[chosen]));
        }
    }
    Some(centres)
}

/// The nearest of `centres` to `p`, the lower-numbered one on ties.
fn nearest(p: &[f64], centres: &[Vec<f64>]) -> usize {
    let mut best = (0, f64::INFINITY);
    for (j, c) in centres.iter().enumerate() {
        let d = distance2(p, c);
        if d < best.1 {
            best = (j, d);
        }
    }
    best.0
}

/// Lloyd's iterations from `centres`: each point to its nearest centre, each centre to the
/// mean of its points, until no point changes group. `None` when a group empties.
pub fn lloyd(points: &[Vec<f64>], mut centres: Vec<Vec<f64>>) -> Option<Vec<usize>> {
    let k = centres.len();
    let mut labels = vec![usize::MAX; points.len()];
    for _ in 0..MAX_ITERATIONS {
        let next: Vec<usize> = points.iter().map(|p| nearest(p, &centres)).collect();
        if next == labels {
            break;
        }
        labels = next;
        let (means, sizes) = group_means(points, &labels, k);
        if sizes.contains(&0) {
            return None;
        }
        centres = means;
    }
    Some(labels)
}

/// Each group's mean and size, summing the points in point order (so the same partition
/// always gives the same means, whatever its numbering).
pub fn group_means(points: &[Vec<f64>], labels: &[usize], k: usize) -> (Vec<Vec<f64>>, Vec<usize>) {
    let dim = points.first().map_or(0, Vec::len);
    let mut sums = vec![vec![0.0; dim]; k];
    let mut sizes = vec![0usize; k];
    for (p, &l) in points.iter().zip(labels) {
        sizes[l] += 1;
        for (s, x) in sums[l].iter_mut().zip(p) {
            *s += x;
        }
    }
    for (s, &n) in sums.iter_mut().zip(&sizes) {
        if n > 0 {
            s.iter_mut().for_each(|x| *x /= n as f64);
        }
    }
    (sums, sizes)
}

/// The within-group sum of squares of a partition into `k` groups, computed the same way for
/// every partition (means by [`group_means`], then the points in order).
pub fn within_ss(points: &[Vec<f64>], labels: &[usize], k: usize) -> f64 {
    let (means, _) = group_means(points, labels, k);
    points.iter().zip(labels).map(|(p, &l)| distance2(p, &means[l])).sum()
}

/// Hartigan–Wong refinement (Hartigan, J. A. & Wong, M. A. (1979), "Algorithm AS 136: A
/// k-means clustering algorithm", *Applied Statistics* 28, 100–108), as single moves: point x
/// of group i (of n_i > 1 points, mean c_i) moves to the group j (n_j points, mean c_j) with
/// the smallest n_j/(n_j+1)·|x − c_j|², the lower-numbered one on ties, when that is smaller
/// than n_i/(n_i−1)·|x − c_i|²: exactly when the move lowers the within-group sum of squares,
/// by the difference. Points are visited in order, the two means updated after each move, and
/// the means recomputed from the points after each pass, until a pass moves nothing. No group
/// ever empties. Returns the within-group sum of squares ([`within_ss`]).
pub fn hartigan_wong(points: &[Vec<f64>], labels: &mut [usize], k: usize) -> f64 {
    let (mut means, mut sizes) = group_means(points, labels, k);
    for _ in 0..MAX_PASSES {
        let mut moved = false;
        for (x, label) in points.iter().zip(labels.iter_mut()) {
            let from = *label;
            let n_from = sizes[from] as f64;
            if sizes[from] < 2 {
                continue;
            }
            let remove = n_from / (n_from - 1.0) * distance2(x, &means[from]);
            let mut best: Option<(usize, f64)> = None;
            for (j, (mean, &n)) in means.iter().zip(&sizes).enumerate() {
                if j == from {
                    continue;
                }
                let add = n as f64 / (n as f64 + 1.0) * distance2(x, mean);
                if best.is_none_or(|(_, b)| add < b) {
                    best = Some((j, add));
                }
            }
            let Some((to, add)) = best else { continue };
            if add < remove {
                let n_to = sizes[to] as f64;
                for (d, xd) in x.iter().enumerate() {
                    means[from][d] = (n_from * means[from][d] - xd) / (n_from - 1.0);
                    means[to][d] = (n_to * means[to][d] + xd) / (n_to + 1.0);
                }
                sizes[from] -= 1;
                sizes[to] += 1;
                *label = to;
                moved = true;
            }
        }
        if !moved {
            break;
        }
        (means, sizes) = group_means(points, labels, k);
    }
    within_ss(points, labels, k)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(xs: &[f64]) -> Vec<Vec<f64>> {
        xs.iter().map(|x| vec![*x]).collect()
    }

    /// 0, 4 | 7 is a fixed point of Lloyd's steps (4 is 2 from its mean 2 and 3 from 7), with
    /// sum of squares 2² + 2² = 8; moving 4 to 7's group gives 0 | 4, 7 with 1.5² + 1.5² = 4.5.
    /// Hartigan–Wong's test for 4: 1/2·3² = 4.5 < 2/1·2² = 8, so it moves.
    #[test]
    fn hartigan_wong_leaves_a_local_optimum_of_lloyd() {
        let points = line(&[0.0, 4.0, 7.0]);
        let mut labels = lloyd(&points, line(&[2.0, 7.0])).unwrap();
        assert_eq!(labels, [0, 0, 1]);
        assert_eq!(within_ss(&points, &labels, 2), 8.0);
        assert_eq!(hartigan_wong(&points, &mut labels, 2), 4.5);
        assert_eq!(labels, [0, 1, 1]);
        // From the same start, the full method finds the better partition too.
        let best = kmeans(&points, 2, 20, &mut SplitMix64(1)).unwrap();
        assert_eq!((best.labels[1] == best.labels[2], best.wcss), (true, 4.5));
    }

    /// On random points and random starting partitions, the refinement never raises the sum of
    /// squares, never empties a group, and ends where no single move lowers it any more.
    #[test]
    fn refinement_never_raises_the_sum_of_squares() {
        let mut rng = SplitMix64(7);
        for case in 0..300 {
            let n = 3 + rng.below(60);
            let k = 2 + rng.below(4.min(n - 1));
            let points: Vec<Vec<f64>> = (0..n).map(|_| vec![rng.unit() * 100.0, rng.unit() * 100.0]).collect();
            let mut labels: Vec<usize> = (0..n).map(|i| if i < k { i } else { rng.below(k) }).collect();
            let before = within_ss(&points, &labels, k);
            let after = hartigan_wong(&points, &mut labels, k);
            assert!(after <= before, "case {case}: {before} → {after}");
            let (means, sizes) = group_means(&points, &labels, k);
            assert!(sizes.iter().all(|&s| s > 0), "case {case}: a group emptied");
            for (x, &i) in points.iter().zip(&labels) {
                let remove = sizes[i] as f64 / (sizes[i] as f64 - 1.0) * distance2(x, &means[i]);
                for j in (0..k).filter(|&j| j != i && sizes[i] > 1) {
                    let add = sizes[j] as f64 / (sizes[j] as f64 + 1.0) * distance2(x, &means[j]);
                    assert!(add >= remove * (1.0 - 1e-12), "case {case}: a move would still help");
                }
            }
        }
    }

    /// The same points and seed give the same partition; the best of many starts is never
    /// worse than the best of one.
    #[test]
    fn deterministic_and_monotone_in_starts() {
        let mut rng = SplitMix64(11);
        let points: Vec<Vec<f64>> = (0..80).map(|_| vec![rng.unit(), rng.unit()]).collect();
        let a = kmeans(&points, 4, 50, &mut SplitMix64(42)).unwrap();
        let b = kmeans(&points, 4, 50, &mut SplitMix64(42)).unwrap();
        assert_eq!(a, b);
        let one = kmeans(&points, 4, 1, &mut SplitMix64(42)).unwrap();
        assert!(a.wcss <= one.wcss);
        assert_eq!(a.wcss, within_ss(&points, &a.labels, 4));
    }
}
