//! The opinion groups of the biggest room, built for the browser, to time them there: a bare
//! WebAssembly module (no JavaScript glue) exporting `groups_300x8(seed, centres)`, which makes
//! the seeded 300-pair × 8-aspect room of `groups_bench` and groups it through the same
//! `opinion_groups` the projector and the exports use, in the profile the app's WebAssembly is
//! built with. Not a test; the benchmark instantiates it in Chromium and times the calls:
//!
//! ```sh
//! cargo build -p groups-wasm --target wasm32-unknown-unknown --profile wasm-release
//! node end2end/bench/groups-wasm.mjs target/wasm32-unknown-unknown/wasm-release/groups_wasm.wasm
//! ```

#[path = "../../../app/examples/shared/random_room.rs"]
#[allow(dead_code)]
mod random_room;

use app::domain::groups::kmeans::SplitMix64;
use app::domain::groups::{Grouping, opinion_groups};
use random_room::{Shape, random_room};

/// Groups a seeded room of 300 pairs × 8 aspects drawn around `centres` centres (1 = uniform
/// noise, no groups). Returns the number of groups found, or 0 when there are none.
// Exported by its unmangled name so the page can call it without generated glue; it takes and
// returns plain integers, so nothing unsafe crosses the boundary.
#[allow(unsafe_code)]
#[unsafe(no_mangle)]
pub extern "C" fn groups_300x8(seed: u32, centres: u32) -> u32 {
    let noise = if centres <= 1 { 1000.0 } else { 8.0 };
    let shape = Shape { pairs: 300, aspects: 8, centres: centres.max(1) as usize, noise, missing: 0.0 };
    let room = random_room(shape, &mut SplitMix64(u64::from(seed)));
    match opinion_groups(&room) {
        Grouping::Groups(groups) => groups.k as u32,
        Grouping::NoGroups(_) => 0,
    }
}
