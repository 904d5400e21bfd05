//! Seeded random rooms for the opinion groups' benchmarks and checks: pairs drawn around a few
//! centres on the 0–100 spectrum, with normal noise, clamped to the spectrum, and a few
//! positions left unplaced. Included with `#[path]` by the examples that need it.

use app::domain::groups::GroupInput;
use app::domain::groups::kmeans::SplitMix64;

/// The shape of a random room.
#[derive(Clone, Copy, Debug)]
pub struct Shape {
    /// Pairs (rows).
    pub pairs: usize,
    /// Aspects (columns).
    pub aspects: usize,
    /// Centres the pairs are drawn around (1 = no groups in truth).
    pub centres: usize,
    /// Standard deviation of the noise around a centre, in points of the spectrum.
    pub noise: f64,
    /// Share of positions left unplaced.
    pub missing: f64,
}

/// A standard normal number (Box–Muller).
fn normal(rng: &mut SplitMix64) -> f64 {
    let (u, v) = (1.0 - rng.unit(), rng.unit());
    (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
}

/// A room of `shape`, from `rng`.
pub fn random_room(shape: Shape, rng: &mut SplitMix64) -> GroupInput {
    let centres: Vec<Vec<f64>> =
        (0..shape.centres).map(|_| (0..shape.aspects).map(|_| rng.unit() * 100.0).collect()).collect();
    let positions = (0..shape.pairs)
        .map(|_| {
            let centre = &centres[rng.below(shape.centres)];
            centre
                .iter()
                .map(|c| {
                    let x = (c + shape.noise * normal(rng)).clamp(0.0, 100.0);
                    (rng.unit() >= shape.missing).then_some((x * 10.0).round() / 10.0)
                })
                .collect()
        })
        .collect();
    GroupInput {
        pairs: (1..=shape.pairs).map(|i| format!("Pair {i}")).collect(),
        aspects: (1..=shape.aspects).map(|i| format!("Aspect {i}")).collect(),
        positions,
    }
}

/// A random shape: 6–300 pairs, 2–8 aspects, 1–5 centres, noise 2–30 points, up to 10 %
/// unplaced.
pub fn random_shape(rng: &mut SplitMix64) -> Shape {
    Shape {
        pairs: 6 + rng.below(295),
        aspects: 2 + rng.below(7),
        centres: 1 + rng.below(5),
        noise: 2.0 + rng.unit() * 28.0,
        missing: rng.unit() * 0.1,
    }
}
