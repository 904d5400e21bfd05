//! Matching aspects across workshops ("Across sites"): the same aspect set run at several
//! sites is compared aspect by aspect, so aspects are grouped by their text, and a researcher
//! can join differently worded aspects by hand.
//!
//! - [`normalise`] decides which texts count as the same.
//! - [`group_aspects`] groups every workshop's aspects by normalised text, then merges groups
//!   along the manual links (union-find, so links are transitive). Unlinking is removing the
//!   pair from the list: nothing else is remembered.
//! - [`parse_links`] / [`format_links`] read and write the links as they travel in URLs
//!   (`links=<aspectId>~<aspectId>,...`), so a page reload or a shared link keeps them.
//!
//! Everything is deterministic: the same workshops in the same order with the same links give
//! the same groups in the same order, numbered the same.

use uuid::Uuid;

/// The text used to match aspects: trimmed, case-folded (Unicode lower case), inner runs of
/// whitespace collapsed to one space, curly quotes read as straight ones (`‘’‚‛′` as `'`,
/// `“”„‟″` as `"`), and trailing punctuation (`. , ; : ! ? …`) ignored.
///
/// Letters with accents stay distinct from the plain letters (`ŵ` ≠ `w`, `é` ≠ `e`). In
/// Welsh the circumflex and other accents tell words apart (`tân` "fire" and `tan` "until",
/// `gŵr` "husband" and `gwr`), and sites may run the set in Welsh, so folding accents could
/// silently merge two different aspects; a mistyped accent is easy to match by hand, a wrong
/// automatic match is easy to miss. Text is not Unicode-normalised (no NFC): keyboards and
/// phones type the precomposed letters, and a decomposed one can also be matched by hand.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in word.chars().flat_map(char::to_lowercase) {
            out.push(match c {
                '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' => '\'',
                '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' => '"',
                c => c,
            });
        }
    }
    let trimmed = out.trim_end_matches(['.', ',', ';', ':', '!', '?', '…', ' ']);
    trimmed.to_string()
}

/// One aspect of one workshop, as [`group_aspects`] needs it.
#[derive(Clone, Debug, PartialEq)]
pub struct AspectInput {
    /// Aspect id.
    pub id: Uuid,
    /// What the post-it says.
    pub text: String,
}

/// How a group came about, the `match` column of `comparison.csv`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MatchKind {
    /// All its aspects have the same [`normalise`]d text.
    Text,
    /// A manual link joined aspects whose texts differ.
    Manual,
}

impl MatchKind {
    /// `text` or `manual`.
    pub fn as_str(self) -> &'static str {
        match self {
            MatchKind::Text => "text",
            MatchKind::Manual => "manual",
        }
    }
}

/// Aspects of several workshops that are compared as one.
#[derive(Clone, Debug, PartialEq)]
pub struct AspectGroup {
    /// Its number, 1 upwards in [`group_aspects`]' order: stable for the same workshops,
    /// order and links.
    pub number: usize,
    /// The most common original (trimmed) text among its aspects; a tie goes to the text
    /// met first (workshop order, then display order).
    pub label: String,
    /// Whether the texts matched or a manual link joined them.
    pub kind: MatchKind,
    /// Per workshop (same order as the input), the indexes of its aspects in this group, in
    /// display order. Usually zero or one; after manual links a workshop can have two or more
    /// aspects in one group, and then all of them are listed (and compared, each on its own
    /// line): nothing is averaged or dropped.
    pub members: Vec<Vec<usize>>,
}

impl AspectGroup {
    /// Whether every workshop has at least one aspect in this group.
    pub fn in_every_workshop(&self) -> bool {
        self.members.iter().all(|m| !m.is_empty())
    }
}

/// Union-find over aspect positions, with path halving.
struct Sets {
    parent: Vec<usize>,
}

impl Sets {
    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    /// Joins the sets of `a` and `b`; the smaller root stays the root, so roots are the
    /// first-met aspect of each set.
    fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        let (low, high) = if a < b { (a, b) } else { (b, a) };
        self.parent[high] = low;
    }
}

/// Groups the aspects of `workshops` (each a list in display order) by [`normalise`]d text,
/// then merges groups joined by `links` (pairs of aspect ids, in any order and direction;
/// links naming an aspect that is not among the workshops are ignored, so a stale shared link
/// still opens). Groups come in the order their first aspect is met: the first workshop's
/// aspects in display order, then the aspects new in the second workshop, and so on.
pub fn group_aspects(workshops: &[Vec<AspectInput>], links: &[(Uuid, Uuid)]) -> Vec<AspectGroup> {
    // Every aspect gets a position: workshop order, then display order.
    let all: Vec<(usize, usize, &AspectInput)> = workshops
        .iter()
        .enumerate()
        .flat_map(|(w, aspects)| aspects.iter().enumerate().map(move |(i, a)| (w, i, a)))
        .collect();
    let keys: Vec<String> = all.iter().map(|(_, _, a)| normalise(&a.text)).collect();
    let mut sets = Sets { parent: (0..all.len()).collect() };
    for i in 0..all.len() {
        if let Some(first) = keys.iter().position(|k| *k == keys[i]) {
            sets.union(first, i);
        }
    }
    let position = |id: Uuid| all.iter().position(|(_, _, a)| a.id == id);
    for &(a, b) in links {
        if let (Some(a), Some(b)) = (position(a), position(b)) {
            sets.union(a, b);
        }
    }
    let mut roots: Vec<usize> = Vec::new();
    let mut groups: Vec<AspectGroup> = Vec::new();
    let mut texts: Vec<Vec<(String, usize)>> = Vec::new();
    let mut group_keys: Vec<&str> = Vec::new();
    for (i, (w, index, aspect)) in all.iter().enumerate() {
        let root = sets.find(i);
        let g = match roots.iter().position(|&r| r == root) {
            Some(g) => g,
            None => {
                roots.push(root);
                groups.push(AspectGroup {
                    number: groups.len() + 1,
                    label: String::new(),
                    kind: MatchKind::Text,
                    members: vec![Vec::new(); workshops.len()],
                });
                texts.push(Vec::new());
                group_keys.push(&keys[i]);
                groups.len() - 1
            }
        };
        groups[g].members[*w].push(*index);
        if keys[i] != group_keys[g] {
            groups[g].kind = MatchKind::Manual;
        }
        let text = aspect.text.trim();
        match texts[g].iter_mut().find(|(t, _)| t == text) {
            Some((_, count)) => *count += 1,
            None => texts[g].push((text.to_string(), 1)),
        }
    }
    for (group, counts) in groups.iter_mut().zip(texts) {
        // `max_by_key` keeps the last of equal maxima, so search the reversed list to keep
        // the first-met text on a tie.
        group.label = counts.into_iter().rev().max_by_key(|(_, count)| *count).map(|(t, _)| t).unwrap_or_default();
    }
    groups
}

/// The links of a URL's `links=` value: `<aspectId>~<aspectId>` pairs separated by commas
/// (empty parts are skipped). A part that is not two ids is returned as the error, so the
/// refusal can name it.
pub fn parse_links(text: &str) -> Result<Vec<(Uuid, Uuid)>, String> {
    text.split(',')
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .map(|part| {
            let (a, b) = part.split_once('~').ok_or_else(|| part.to_string())?;
            match (Uuid::parse_str(a.trim()), Uuid::parse_str(b.trim())) {
                (Ok(a), Ok(b)) => Ok((a, b)),
                _ => Err(part.to_string()),
            }
        })
        .collect()
}

/// The `links=` value of these links (the inverse of [`parse_links`]).
pub fn format_links(links: &[(Uuid, Uuid)]) -> String {
    links.iter().map(|(a, b)| format!("{a}~{b}")).collect::<Vec<_>>().join(",")
}

#[cfg(test)]
mod tests {
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

    #[test]
    fn no_workshops_or_no_aspects_give_no_groups() {
        assert!(group_aspects(&[], &[]).is_empty());
        assert!(group_aspects(&[vec![], vec![]], &[]).is_empty());
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
}
