//! Seeded random rooms and their opinion groups, for the independent check in R
//! (`server/tests/snippets/groups.R`, run by `scripts/check-snippets.sh`): 6–300 pairs, 2–8
//! aspects, 1–5 centres, noise of 2–30 points. Writes one CSV (numbers written as in
//! `groups.csv`) with a row per grouped pair of every room that has groups, until `ROOMS`
//! rooms with groups are written:
//!
//! ```sh
//! cargo run -p server --example group_rooms -- /tmp/rooms.csv 120
//! ```

#[path = "../../app/examples/shared/random_room.rs"]
#[allow(dead_code)]
mod random_room;

use app::domain::groups::kmeans::SplitMix64;
use app::domain::groups::{Grouping, opinion_groups};
use random_room::{random_room, random_shape};
use server::research::cells::{Cell, Table};
use server::research::csv_files::table_csv;

const COLUMNS: &[&str] =
    &["room", "pairs", "aspects", "centres", "noise", "groups", "pair", "group", "pc1", "pc2", "stability"];

fn main() -> anyhow::Result<()> {
    let out = std::env::args().nth(1).unwrap_or_else(|| "rooms.csv".into());
    let wanted: usize = std::env::args().nth(2).map_or(Ok(120), |n| n.parse())?;
    let mut rng = SplitMix64(29);
    let mut rows = Vec::new();
    let (mut tried, mut grouped) = (0, 0);
    while grouped < wanted {
        tried += 1;
        let shape = random_shape(&mut rng);
        let Grouping::Groups(groups) = opinion_groups(&random_room(shape, &mut rng)) else { continue };
        grouped += 1;
        for member in groups.members.iter().filter(|m| m.group.is_some()) {
            let group = member.group.unwrap_or_default();
            rows.push(vec![
                Cell::Int(tried),
                Cell::Int(shape.pairs as i64),
                Cell::Int(shape.aspects as i64),
                Cell::Int(shape.centres as i64),
                Cell::Num(shape.noise),
                Cell::Int(groups.k as i64),
                Cell::Int(member.pair as i64 + 1),
                Cell::Int(group as i64),
                Cell::Num(member.scores[0]),
                Cell::Num(member.scores[1]),
                Cell::Num(groups.stability[group - 1]),
            ]);
        }
    }
    std::fs::write(&out, table_csv(&Table { name: "rooms", columns: COLUMNS, rows })?)?;
    eprintln!("{grouped} rooms with groups of {tried} drawn, in {out}");
    Ok(())
}
