//! Matching rules, with the groups worked out by hand.

use super::*;
use crate::domain::fixtures::id;

/// A workshop whose aspects get ids `base + 1`, `base + 2`, ...
fn workshop(base: u128, texts: &[&str]) -> Vec<AspectInput> {
    texts.iter().zip(1..).map(|(t, i)| AspectInput { id: id(base + i), text: t.to_string() }).collect()
}

#[test]
fn normalising_ignores_case_spacing_quotes_and_trailing_punctuation() {
    assert_eq!(normalise("  Holding   the\tpatients. "), "holding the patients");
    assert_eq!(normalise("HOLDING THE PATIENTS!?"), "holding the patients");
    assert_eq!(normalise("The “right” time’s up…"), normalise("the \"right\" time's up"));
    assert_eq!(normalise("Where: people, are seen"), "where: people, are seen", "inner punctuation counts");
    assert_eq!(normalise(" ... "), "");
}

#[test]
fn welsh_letters_and_accents_stay_distinct() {
    assert_ne!(normalise("Tân"), normalise("tan"));
    assert_ne!(normalise("gŵr"), normalise("gwr"));
    assert_eq!(normalise("GŴR"), normalise("gŵr"), "case folding keeps the circumflex");
    assert_ne!(normalise("café"), normalise("cafe"));
}

#[test]
fn aspects_group_by_normalised_text_in_first_met_order() {
    let a = workshop(100, &["Holding patients", "Where people are seen"]);
    let b = workshop(200, &["where people  are SEEN.", "Record keeping", "holding patients"]);
    let groups = group_aspects(&[a, b], &[]);
    let summary: Vec<(usize, &str, Vec<Vec<usize>>)> =
        groups.iter().map(|g| (g.number, g.label.as_str(), g.members.clone())).collect();
    assert_eq!(
        summary,
        [
            (1, "Holding patients", vec![vec![0], vec![2]]),
            (2, "Where people are seen", vec![vec![1], vec![0]]),
            (3, "Record keeping", vec![vec![], vec![1]]),
        ]
    );
    assert!(groups.iter().all(|g| g.kind == MatchKind::Text));
    assert!(groups[0].in_every_workshop() && !groups[2].in_every_workshop(), "workshop A lacks record keeping");
}

#[test]
fn labels_are_the_most_common_text_and_ties_go_to_the_first_met() {
    let groups = group_aspects(
        &[
            workshop(100, &["holding patients"]),
            workshop(200, &["Holding patients"]),
            workshop(300, &["Holding patients"]),
        ],
        &[],
    );
    assert_eq!(groups.len(), 1);
    assert_eq!(groups[0].label, "Holding patients", "two of three say it this way");
    let tie = group_aspects(&[workshop(100, &["holding patients "]), workshop(200, &["Holding Patients"])], &[]);
    assert_eq!(tie[0].label, "holding patients", "a tie goes to the first workshop, trimmed");
}

#[test]
fn manual_links_merge_groups_transitively_in_any_direction() {
    let a = workshop(100, &["Holding patients", "Waiting lists"]);
    let b = workshop(200, &["Keeping patients", "Waiting lists"]);
    let c = workshop(300, &["Retaining patients"]);
    let plain = group_aspects(&[a.clone(), b.clone(), c.clone()], &[]);
    assert_eq!(plain.len(), 4);
    // A1–B1 and C1–B1 (written backwards): all three patients aspects become one group.
    let linked = group_aspects(&[a, b, c], &[(id(101), id(201)), (id(301), id(201))]);
    assert_eq!(linked.len(), 2);
    assert_eq!(linked[0].members, vec![vec![0], vec![0], vec![0]]);
    assert_eq!(linked[0].kind, MatchKind::Manual);
    assert_eq!(linked[0].label, "Holding patients", "each text once: the first met");
    assert_eq!((linked[1].number, linked[1].label.as_str()), (2, "Waiting lists"));
    assert_eq!(linked[1].kind, MatchKind::Text);
}

#[test]
fn unlinking_is_removing_the_pair_and_unknown_ids_are_ignored() {
    let workshops = [workshop(100, &["Holding patients"]), workshop(200, &["Keeping patients"])];
    let links = vec![(id(101), id(201)), (id(101), id(999))];
    assert_eq!(group_aspects(&workshops, &links).len(), 1);
    assert_eq!(group_aspects(&workshops, &links[1..]).len(), 2);
    // A link between aspects of the same text changes nothing and is still "text".
    let same = [workshop(100, &["X"]), workshop(200, &["x"])];
    assert_eq!(group_aspects(&same, &[(id(101), id(201))])[0].kind, MatchKind::Text);
}

#[test]
fn a_workshop_with_two_aspects_in_one_group_lists_both() {
    let a = workshop(100, &["Holding patients", "Keeping patients", "Other"]);
    let b = workshop(200, &["holding patients"]);
    let groups = group_aspects(&[a, b], &[(id(102), id(201))]);
    assert_eq!(groups.len(), 2);
    assert_eq!(groups[0].members, vec![vec![0, 1], vec![0]], "both of A's aspects, in display order");
    assert_eq!(groups[0].label, "Holding patients");
    assert_eq!(groups[1].members, vec![vec![2], vec![]]);
}

/// An aspect of a workshop made from a template (`template` is its template aspect, if any).
struct Templated {
    id: Uuid,
    text: &'static str,
    template: Option<Uuid>,
}

impl MatchAspect for Templated {
    fn aspect_id(&self) -> Uuid {
        self.id
    }
    fn aspect_text(&self) -> &str {
        self.text
    }
    fn template_aspect_id(&self) -> Option<Uuid> {
        self.template
    }
}

/// Aspects `base + 1`, `base + 2`, ... with these texts and template aspects (`id(t)`, 0 for none).
fn from_template(base: u128, aspects: &[(&'static str, u128)]) -> Vec<Templated> {
    aspects
        .iter()
        .zip(1..)
        .map(|(&(text, t), i)| Templated { id: id(base + i), text, template: (t != 0).then(|| id(t)) })
        .collect()
}

fn summary(groups: &[AspectGroup]) -> Vec<(&str, MatchKind, Vec<Vec<usize>>)> {
    groups.iter().map(|g| (g.label.as_str(), g.kind, g.members.clone())).collect()
}

#[test]
fn aspects_of_one_template_aspect_are_matched_whatever_their_words() {
    // Site B reworded template aspect 2 (in Welsh) and put the aspects in another order.
    let a = from_template(100, &[("Holding patients", 1), ("Where people are seen", 2), ("Caseload", 3)]);
    let b = from_template(200, &[("Ble mae pobl yn cael eu gweld", 2), ("holding patients", 1), ("Caseload", 3)]);
    let groups = group_aspects(&[a, b], &[]);
    assert_eq!(
        summary(&groups),
        [
            ("Holding patients", MatchKind::Template, vec![vec![0], vec![1]]),
            ("Where people are seen", MatchKind::Template, vec![vec![1], vec![0]]),
            ("Caseload", MatchKind::Template, vec![vec![2], vec![2]]),
        ]
    );
    assert_eq!(MatchKind::Template.as_str(), "template");
}

#[test]
fn aspects_without_a_template_join_by_text_in_either_order() {
    let templated = from_template(100, &[("Holding patients", 1), ("Where people are seen", 2)]);
    // An older workshop, not from the template, with one aspect of the same words.
    let older = from_template(200, &[("holding patients.", 0), ("Record keeping", 0)]);
    for (order, inputs) in [("template first", [&templated[..], &older[..]]), ("older first", [&older, &templated])] {
        let groups = group_aspects(&inputs, &[]);
        assert_eq!(groups.len(), 3, "{order}");
        let holding = groups.iter().find(|g| g.label.to_lowercase().starts_with("holding")).unwrap();
        assert!(holding.in_every_workshop(), "{order}: the older aspect joins the template's by text");
        assert_eq!(holding.kind, MatchKind::Template, "{order}");
        let records = groups.iter().find(|g| g.label == "Record keeping").unwrap();
        assert_eq!(records.kind, MatchKind::Text, "{order}");
    }
}

#[test]
fn two_template_aspects_with_the_same_words_stay_apart_until_linked() {
    // Two templates that both have "Holding patients": different exercises.
    let a = from_template(100, &[("Holding patients", 1)]);
    let b = from_template(200, &[("Holding patients", 9)]);
    let c = from_template(300, &[("Holding patients", 0)]);
    let groups = group_aspects(&[&a[..], &b[..], &c[..]], &[]);
    assert_eq!(
        summary(&groups),
        [
            ("Holding patients", MatchKind::Template, vec![vec![0], vec![], vec![0]]),
            ("Holding patients", MatchKind::Template, vec![vec![], vec![0], vec![]]),
        ],
        "the aspect without a template joins the first-met template aspect of its words"
    );
    let linked = group_aspects(&[&a[..], &b[..], &c[..]], &[(id(201), id(101))]);
    assert_eq!(summary(&linked), [("Holding patients", MatchKind::Manual, vec![vec![0], vec![0], vec![0]])]);
}

#[test]
fn no_workshops_or_no_aspects_give_no_groups() {
    let none: [Vec<AspectInput>; 0] = [];
    assert!(group_aspects(&none, &[]).is_empty());
    assert!(group_aspects(&[Vec::<AspectInput>::new(), Vec::new()], &[]).is_empty());
}

#[test]
fn links_round_trip_through_the_url_and_bad_parts_are_named() {
    let links = vec![(id(1), id(2)), (id(3), id(4))];
    let text = format_links(&links);
    assert_eq!(text, format!("{}~{},{}~{}", id(1), id(2), id(3), id(4)));
    assert_eq!(parse_links(&text), Ok(links));
    assert_eq!(parse_links(""), Ok(vec![]));
    assert_eq!(parse_links(&format!(",{}~{},", id(1), id(2))), Ok(vec![(id(1), id(2))]));
    assert_eq!(parse_links(&format!("{}~nope", id(1))), Err(format!("{}~nope", id(1))));
    assert_eq!(parse_links("abc"), Err("abc".to_string()));
}
