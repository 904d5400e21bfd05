//! Opinion groups across the compared workshops: every pair of every workshop is a row, every
//! aspect group ([`group_aspects`], the matching of "Across sites", manual links included) a
//! column, and the positions are round 1's (each pair's own placing, before the room talked
//! it over), so sites are grouped on the same footing. A workshop without an aspect of a
//! group leaves its pairs' cells missing there, which the method handles
//! ([`app::domain::groups`]).

use app::api::{ComparedAspect, GroupsAcross};
use app::domain::compare::group_aspects;
use app::domain::groups::{GroupInput, opinion_groups};
use uuid::Uuid;

use super::compare::compared_workshop;
use super::tables::WorkshopExport;

/// The round the groups across workshops are found on.
pub const ROUND: u8 = 1;

/// The groups of the pairs of `exports` on their aspect groups.
pub fn groups_across(exports: &[WorkshopExport], links: &[(Uuid, Uuid)]) -> GroupsAcross {
    let aspects: Vec<Vec<ComparedAspect>> = exports.iter().map(|e| compared_workshop(e).aspects).collect();
    let groups = group_aspects(&aspects, links);
    let mut pairs = Vec::new();
    let mut positions = Vec::new();
    for (w, export) in exports.iter().enumerate() {
        let snapshot = &export.snapshot;
        for pair in &snapshot.pairs {
            pairs.push((snapshot.workshop.site.clone(), pair.label.clone()));
            positions.push(
                groups
                    .iter()
                    .map(|group| {
                        group.members[w].iter().find_map(|&i| {
                            let card = aspects[w].get(i)?.id;
                            snapshot.view.placement_in(ROUND, pair.id, card).and_then(|p| p.shown_position())
                        })
                    })
                    .collect(),
            );
        }
    }
    let columns: Vec<String> = groups.iter().map(|g| g.label.clone()).collect();
    let input = GroupInput {
        pairs: pairs.iter().map(|(site, label)| format!("{site} — {label}")).collect(),
        aspects: columns.clone(),
        positions,
    };
    GroupsAcross { aspects: columns, pairs, grouping: opinion_groups(&input) }
}
