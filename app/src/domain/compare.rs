//! Matching aspects across workshops ("Across sites"): the same aspect set run at several
//! sites is compared aspect by aspect, so aspects are grouped by the template aspect they
//! stand for (workshops made from one template), else by their text, and a researcher can
//! join differently worded aspects by hand.
//!
//! - [`normalise`] decides which texts count as the same.
//! - [`group_aspects`] groups aspects of the same template aspect first (whatever their words:
//!   a site may have reworded or translated one), then every other aspect by normalised text,
//!   then merges groups along the manual links (union-find, so links are transitive).
//!   Unlinking is removing the pair from the list: nothing else is remembered.
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

/// What [`group_aspects`] needs to know of an aspect. Callers pass what they already hold:
/// [`AspectInput`], or the compare API's aspects (`api::ComparedAspect`), which carry their
/// template aspect ids.
pub trait MatchAspect {
    /// Its id (what manual links name).
    fn aspect_id(&self) -> Uuid;
    /// What the post-it says.
    fn aspect_text(&self) -> &str;
    /// The template aspect it stands for, when its workshop was made from (or saved as) a
    /// template; `None` otherwise.
    fn template_aspect_id(&self) -> Option<Uuid>;
}

/// One aspect of one workshop, matched by its text alone.
#[derive(Clone, Debug, PartialEq)]
pub struct AspectInput {
    /// Aspect id.
    pub id: Uuid,
    /// What the post-it says.
    pub text: String,
}

impl MatchAspect for AspectInput {
    fn aspect_id(&self) -> Uuid {
        self.id
    }

    fn aspect_text(&self) -> &str {
        &self.text
    }

    fn template_aspect_id(&self) -> Option<Uuid> {
        None
    }
}

/// How a group came about, the `match` column of `comparison.csv`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MatchKind {
    /// Its aspects stand for one template aspect (any aspect without a template aspect id in it
    /// joined by text): workshops made from one template, whatever words each site used.
    Template,
    /// All its aspects have the same [`normalise`]d text and none a template aspect id.
    Text,
    /// A manual link joined aspects that neither their template nor their text matched.
    Manual,
}

impl MatchKind {
    /// `template`, `text` or `manual`.
    pub fn as_str(self) -> &'static str {
        match self {
            MatchKind::Template => "template",
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
    /// Whether the template, the texts or a manual link matched them.
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

/// Groups the aspects of `workshops` (each a list in display order), in three steps:
///
/// 1. aspects with the same template aspect id are one group, whatever their words;
/// 2. an aspect without a template aspect id joins by [`normalise`]d text: the group of the
///    first-met aspect with a template aspect id and the same text if there is one (so an
///    older workshop is compared with a template's), else the other aspects of that text.
///    Aspects of two different template aspects are never joined by their text;
/// 3. groups joined by `links` (pairs of aspect ids, in any order and direction) are merged;
///    links naming an aspect that is not among the workshops are ignored, so a stale shared
///    link still opens.
///
/// Groups come in the order their first aspect is met: the first workshop's aspects in
/// display order, then the aspects new in the second workshop, and so on.
pub fn group_aspects<W: AsRef<[A]>, A: MatchAspect>(workshops: &[W], links: &[(Uuid, Uuid)]) -> Vec<AspectGroup> {
    // Every aspect gets a position: workshop order, then display order.
    let all: Vec<(usize, usize, &A)> = workshops
        .iter()
        .enumerate()
        .flat_map(|(w, aspects)| aspects.as_ref().iter().enumerate().map(move |(i, a)| (w, i, a)))
        .collect();
    let keys: Vec<String> = all.iter().map(|(_, _, a)| normalise(a.aspect_text())).collect();
    let templates: Vec<Option<Uuid>> = all.iter().map(|(_, _, a)| a.template_aspect_id()).collect();
    let mut sets = Sets { parent: (0..all.len()).collect() };
    for i in 0..all.len() {
        let first = match templates[i] {
            Some(_) => templates.iter().position(|t| *t == templates[i]),
            None => (0..all.len())
                .find(|&j| templates[j].is_some() && keys[j] == keys[i])
                .or_else(|| keys.iter().position(|k| *k == keys[i])),
        };
        if let Some(first) = first {
            sets.union(first, i);
        }
    }
    // The groups as matched without manual links: a group holding two of these is "manual".
    let matched: Vec<usize> = (0..all.len()).map(|i| sets.find(i)).collect();
    let position = |id: Uuid| all.iter().position(|(_, _, a)| a.aspect_id() == id);
    for &(a, b) in links {
        if let (Some(a), Some(b)) = (position(a), position(b)) {
            sets.union(a, b);
        }
    }
    let mut roots: Vec<usize> = Vec::new();
    let mut groups: Vec<AspectGroup> = Vec::new();
    let mut texts: Vec<Vec<(String, usize)>> = Vec::new();
    let mut first_matched: Vec<usize> = Vec::new();
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
                first_matched.push(matched[i]);
                groups.len() - 1
            }
        };
        groups[g].members[*w].push(*index);
        if matched[i] != first_matched[g] {
            groups[g].kind = MatchKind::Manual;
        } else if templates[i].is_some() && groups[g].kind == MatchKind::Text {
            groups[g].kind = MatchKind::Template;
        }
        let text = aspect.aspect_text().trim();
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
mod tests;
