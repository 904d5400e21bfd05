//! What the compare page shows, worked out without Leptos: the aspect groups with each
//! workshop's numbers in the chosen round, and what "Unmatch" leaves of the links.

use uuid::Uuid;

use crate::api::{ComparedAspect, Comparison, RoundStats};
use crate::domain::compare::{MatchKind, group_aspects};

/// Which round the chart and table show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RoundChoice {
    /// This round in every workshop (a workshop without it shows nothing).
    Round(u32),
    /// Each workshop's last opened round.
    Last,
}

impl RoundChoice {
    /// The select's value: `1`, `2` or `last`.
    pub fn value(self) -> String {
        match self {
            RoundChoice::Round(r) => r.to_string(),
            RoundChoice::Last => "last".into(),
        }
    }

    /// The choice of a select value (round 1 for anything unknown).
    pub fn from_value(value: &str) -> RoundChoice {
        match value {
            "last" => RoundChoice::Last,
            "2" => RoundChoice::Round(2),
            _ => RoundChoice::Round(1),
        }
    }
}

/// One aspect of one workshop in a group, with its numbers in the chosen round.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// Index of the workshop in the comparison.
    pub workshop: usize,
    /// The aspect's own text.
    pub text: String,
    /// Its `summary.csv` numbers in the chosen round; `None` if the workshop has no such round.
    pub stats: Option<RoundStats>,
}

/// One matched aspect group as the chart and the table show it.
#[derive(Clone, Debug, PartialEq)]
pub struct GroupRow {
    /// The group's number (as in `comparison.csv`).
    pub number: usize,
    /// Its label.
    pub label: String,
    /// Joined by a manual match.
    pub manual: bool,
    /// Whether every workshop has an aspect in it.
    pub complete: bool,
    /// Its aspects' ids (for matching and unmatching).
    pub aspect_ids: Vec<Uuid>,
    /// Per workshop, its aspects in this group (usually zero or one).
    pub cells: Vec<Vec<Entry>>,
}

/// The groups of a comparison with these links, numbers taken for `round`.
pub fn group_rows(comparison: &Comparison, links: &[(Uuid, Uuid)], round: RoundChoice) -> Vec<GroupRow> {
    // The aspects themselves: they carry their template aspect ids, matched first.
    let inputs: Vec<&[ComparedAspect]> = comparison.workshops.iter().map(|w| w.aspects.as_slice()).collect();
    group_aspects(&inputs, links)
        .into_iter()
        .map(|group| {
            let mut aspect_ids = Vec::new();
            let cells = group
                .members
                .iter()
                .enumerate()
                .map(|(w, members)| {
                    let workshop = &comparison.workshops[w];
                    members
                        .iter()
                        .map(|&i| {
                            let aspect = &workshop.aspects[i];
                            aspect_ids.push(aspect.id);
                            let stats = match round {
                                RoundChoice::Round(r) => aspect.rounds.iter().find(|s| s.round == r),
                                RoundChoice::Last => aspect.rounds.last(),
                            };
                            Entry { workshop: w, text: aspect.text.clone(), stats: stats.cloned() }
                        })
                        .collect()
                })
                .collect();
            GroupRow {
                number: group.number,
                complete: group.in_every_workshop(),
                manual: group.kind == MatchKind::Manual,
                label: group.label,
                aspect_ids,
                cells,
            }
        })
        .collect()
}

/// The links without those joining two aspects of `group` (what "Unmatch" leaves).
pub fn unmatched(links: &[(Uuid, Uuid)], group: &GroupRow) -> Vec<(Uuid, Uuid)> {
    let inside = |id: &Uuid| group.aspect_ids.contains(id);
    links.iter().filter(|(a, b)| !(inside(a) && inside(b))).copied().collect()
}

/// The distinct sites, in workshop order: a site's index picks its colour and shape.
pub fn sites_of(comparison: &Comparison) -> Vec<String> {
    let mut sites: Vec<String> = Vec::new();
    for w in &comparison.workshops {
        if !sites.contains(&w.site) {
            sites.push(w.site.clone());
        }
    }
    sites
}

/// A statistic with one decimal, `–` when there is none.
pub fn one_decimal(value: Option<f64>) -> String {
    value.map_or_else(|| "–".to_string(), |x| format!("{x:.1}"))
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::api::{ComparedAspect, ComparedWorkshop};

    pub(crate) fn stats(round: u32, median: f64) -> RoundStats {
        RoundStats {
            round,
            n_placed: 1,
            n_cant_place: 0,
            median: Some(median),
            q1: Some(median - 5.0),
            q3: Some(median + 5.0),
        }
    }

    pub(crate) fn workshop(n: u128, site: &str, aspects: &[(&str, Vec<RoundStats>)]) -> ComparedWorkshop {
        ComparedWorkshop {
            id: Uuid::from_u128(n),
            title: format!("W{n}"),
            site: site.into(),
            date: "2026-11-23".into(),
            left_pole: "Fixed".into(),
            right_pole: "Flexible <&>".into(),
            rounds: aspects.iter().map(|(_, r)| r.len() as u32).max().unwrap_or(1),
            aspects: aspects
                .iter()
                .zip(1..)
                .map(|((text, rounds), i)| ComparedAspect {
                    id: Uuid::from_u128(n * 100 + i),
                    text: text.to_string(),
                    author: "facilitator".into(),
                    rounds: rounds.clone(),
                    template_aspect_id: None,
                })
                .collect(),
        }
    }

    pub(crate) fn comparison() -> Comparison {
        Comparison {
            workshops: vec![
                workshop(
                    1,
                    "North",
                    &[
                        ("Holding", vec![stats(1, 30.0), stats(2, 40.0)]),
                        ("Records", vec![stats(1, 70.0), stats(2, 75.0)]),
                    ],
                ),
                workshop(2, "South", &[("holding", vec![stats(1, 60.0)]), ("Keeping records", vec![stats(1, 80.0)])]),
            ],
        }
    }

    #[test]
    fn rows_take_the_chosen_round_or_each_workshops_last() {
        let c = comparison();
        let rows = group_rows(&c, &[], RoundChoice::Round(1));
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0].cells[0][0].stats.as_ref().unwrap().median, Some(30.0));
        assert_eq!(rows[0].cells[1][0].stats.as_ref().unwrap().median, Some(60.0));
        assert!(rows[0].complete && !rows[1].complete);
        let second = group_rows(&c, &[], RoundChoice::Round(2));
        assert_eq!(second[0].cells[0][0].stats.as_ref().unwrap().median, Some(40.0));
        assert_eq!(second[0].cells[1][0].stats, None, "South has no round 2");
        let last = group_rows(&c, &[], RoundChoice::Last);
        assert_eq!(last[0].cells[0][0].stats.as_ref().unwrap().median, Some(40.0));
        assert_eq!(last[0].cells[1][0].stats.as_ref().unwrap().median, Some(60.0));
    }

    #[test]
    fn matching_and_unmatching_change_only_the_links() {
        let c = comparison();
        let link = (Uuid::from_u128(102), Uuid::from_u128(202));
        let other = (Uuid::from_u128(101), Uuid::from_u128(999));
        let rows = group_rows(&c, &[link, other], RoundChoice::Round(1));
        assert_eq!(rows.len(), 2);
        assert!(rows[1].manual && rows[1].complete);
        assert_eq!(rows[1].aspect_ids, [Uuid::from_u128(102), Uuid::from_u128(202)]);
        assert_eq!(unmatched(&[link, other], &rows[1]), [other]);
    }

    #[test]
    fn numbers_have_one_decimal_and_choices_round_trip() {
        assert_eq!(one_decimal(Some(30.0)), "30.0");
        assert_eq!(one_decimal(Some(80.25)), "80.2");
        assert_eq!(one_decimal(None), "–");
        for choice in [RoundChoice::Round(1), RoundChoice::Round(2), RoundChoice::Last] {
            assert_eq!(RoundChoice::from_value(&choice.value()), choice);
        }
    }
}
