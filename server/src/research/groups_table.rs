//! `groups.csv`: the opinion groups of each round ([`app::domain::groups`], built from the
//! room by [`app::domain::opinion`]): one row per round × pair, with the pair's group, its
//! scores on the two principal components and its silhouette, the round's number of groups
//! and mean silhouette, and a note saying why a pair (or the whole round) has no group.

use app::domain::groups::{Grouping, Member};
use app::domain::opinion::room_groups;

use super::tables::{Cell, Table};
use crate::store::WorkshopSnapshot;

/// Columns of `groups.csv`.
pub const GROUP_COLUMNS: &[&str] =
    &["workshop_id", "round", "pair_label", "group", "pc1", "pc2", "silhouette", "groups", "mean_silhouette", "note"];

/// The note of a pair the grouping left out.
pub const LEFT_OUT: &str = "left out: placed fewer than half of the aspects used";

/// The table: rounds ascending, pairs in joining order.
pub fn groups_table(snapshot: &WorkshopSnapshot) -> Table {
    let view = &snapshot.view;
    let workshop_id = snapshot.workshop.id.to_string();
    let mut rows = Vec::new();
    for round in 1..=view.round {
        let grouping = room_groups(view, round);
        for (i, pair) in view.pairs.iter().enumerate() {
            let mut row =
                vec![Cell::Text(workshop_id.clone()), Cell::Int(round.into()), Cell::Text(pair.label.clone())];
            match &grouping {
                Grouping::Groups(groups) => {
                    let member: Option<&Member> = groups.members.get(i);
                    let score = |c: usize| member.and_then(|m| m.scores.get(c).copied()).map_or(Cell::Empty, Cell::Num);
                    let group = member.and_then(|m| m.group);
                    row.extend([
                        group.map_or(Cell::Empty, |g| Cell::Int(g as i64)),
                        score(0),
                        score(1),
                        member.and_then(|m| m.silhouette).map_or(Cell::Empty, Cell::Num),
                        Cell::Int(groups.k as i64),
                        Cell::Num(groups.silhouette),
                        if group.is_some() { Cell::Empty } else { Cell::Text(LEFT_OUT.into()) },
                    ]);
                }
                Grouping::NoGroups(none) => {
                    row.extend([Cell::Empty, Cell::Empty, Cell::Empty, Cell::Empty, Cell::Empty, Cell::Empty]);
                    row.push(Cell::Text(none.reason.message()));
                }
            }
            rows.push(row);
        }
    }
    Table { name: "groups", columns: GROUP_COLUMNS, rows }
}
