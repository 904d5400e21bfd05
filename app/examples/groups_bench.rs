//! How long the opinion groups take for the biggest room they are made for: 300 pairs × 8
//! aspects, grouped on two principal components, k = 2 … 5, with the stability bootstrap.
//! Not a test (no test asserts a wall-clock time); run it and read the numbers:
//!
//! ```sh
//! cargo run --release -p app --example groups_bench
//! ```
//!
//! It prints the median and the slowest of several runs of the whole `opinion_groups` (a room
//! of four clear camps, and a room of uniform noise, which has no groups and so no bootstrap),
//! and of its parts: the k-means of one k from all its starts, one start, and the bootstrap.

#[path = "shared/random_room.rs"]
#[allow(dead_code)]
mod random_room;

use std::time::{Duration, Instant};

use app::domain::groups::kmeans::{SplitMix64, kmeans};
use app::domain::groups::stability::{STABILITY_SEED, stability};
use app::domain::groups::{BOOTSTRAP_STARTS, Grouping, STARTS, opinion_groups};
use random_room::{Shape, random_room};

const RUNS: usize = 15;

fn time<T>(mut f: impl FnMut() -> T) -> (Duration, Duration) {
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(f());
            start.elapsed()
        })
        .collect();
    times.sort();
    (times[RUNS / 2], times[RUNS - 1])
}

fn main() {
    let camps = random_room(Shape { pairs: 300, aspects: 8, centres: 4, noise: 8.0, missing: 0.0 }, &mut SplitMix64(1));
    let noise =
        random_room(Shape { pairs: 300, aspects: 8, centres: 1, noise: 1000.0, missing: 0.0 }, &mut SplitMix64(2));
    println!("300 pairs × 8 aspects, k = 2..5, {STARTS} starts per k, bootstrap B = 100 × {BOOTSTRAP_STARTS} starts");
    for (name, room) in [("four camps", &camps), ("uniform noise", &noise)] {
        let (median, max) = time(|| opinion_groups(room));
        let found = match opinion_groups(room) {
            Grouping::Groups(g) => format!("k = {}, stability {:.3?}", g.k, g.stability),
            Grouping::NoGroups(n) => n.reason.message(),
        };
        println!("opinion_groups, {name}: median {median:.1?}, slowest {max:.1?} ({found})");
    }
    let Grouping::Groups(groups) = opinion_groups(&camps) else { return };
    let scores: Vec<Vec<f64>> = groups.members.iter().map(|m| m.scores.clone()).collect();
    for k in 2..=5 {
        let (all, _) = time(|| kmeans(&scores, k, STARTS, &mut SplitMix64(42 + k as u64)));
        let (one, _) = time(|| kmeans(&scores, k, 1, &mut SplitMix64(42 + k as u64)));
        println!("k-means k = {k}: {STARTS} starts {all:.2?}, one start {one:.1?}");
    }
    let labels: Vec<usize> = groups.members.iter().map(|m| m.group.unwrap_or(1) - 1).collect();
    let (boot, _) = time(|| {
        stability(&scores, &labels, groups.k, &mut SplitMix64(STABILITY_SEED), |p, k, rng| {
            kmeans(p, k, BOOTSTRAP_STARTS, rng).map(|p| p.labels)
        })
    });
    println!("stability bootstrap, k = {}: {boot:.1?}", groups.k);
}
