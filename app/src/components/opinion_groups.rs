//! The projector's "Opinion groups", when the facilitator switches them on: which pairs placed
//! the aspects alike in this round ([`crate::domain::opinion`], the same grouping as the
//! export's `groups.csv`), as each group's median per aspect. Pairs are never named. Only
//! what the projector may see counts (nothing before the reveal, unless the wall is live),
//! and a group smaller than the privacy threshold is not shown on its own. Each group says in
//! a word how stable it is ([`Stability`]: "stable", "weak" or "unstable"), so the room does
//! not over-read a group that would dissolve with a pair more or less.

use leptos::prelude::*;

use crate::domain::RoomView;
use crate::domain::board::format_position;
use crate::domain::groups::stability::Stability;
use crate::domain::groups::{Grouping, MIN_ASPECTS, MIN_PLACED_BY, MIN_SILHOUETTE, NoGroupsReason};
use crate::domain::opinion::{group_sizes, room_groups};
use crate::i18n::{Lang, t, use_lang};

/// What the panel shows.
#[derive(Clone, Debug, PartialEq)]
pub enum Panel {
    /// Switched off, or nothing may be shown yet.
    Hidden,
    /// Why there are no groups ([`no_groups_words`] says it).
    NoGroups(NoGroupsReason),
    /// Aspect texts, and per shown group its number, size, stability and medians (aspect order).
    Groups { aspects: Vec<String>, groups: Vec<(usize, usize, Stability, Vec<Option<f64>>)>, hidden: usize },
}

/// The panel for `view` (the projector's copy).
pub fn panel(view: &RoomView) -> Panel {
    if !view.settings.show_groups || !view.revealed() {
        return Panel::Hidden;
    }
    match room_groups(view, view.round) {
        Grouping::NoGroups(none) => Panel::NoGroups(none.reason),
        Grouping::Groups(found) => {
            let cards = view.active_cards();
            let min = view.settings.min_pairs.max(1) as usize;
            let sizes = group_sizes(&found);
            let mut groups = Vec::new();
            let mut hidden = 0;
            for (g, medians) in found.group_medians.iter().enumerate() {
                if sizes[g] < min {
                    hidden += 1;
                    continue;
                }
                let used = found.aspects_used.iter().map(|&a| medians[a]).collect();
                let stability = Stability::of(found.stability.get(g).copied().unwrap_or(0.0));
                groups.push((g + 1, sizes[g], stability, used));
            }
            let aspects = found.aspects_used.iter().map(|&a| cards[a].text.clone()).collect();
            Panel::Groups { aspects, groups, hidden }
        }
    }
}

/// Why there are no groups, in `l`'s words (the sentences of [`NoGroupsReason::message`]).
pub fn no_groups_words(l: Lang, reason: &NoGroupsReason) -> String {
    match reason {
        NoGroupsReason::TooFewPairs { have, need } => t::groups_too_few_pairs(l, *need, have),
        NoGroupsReason::TooFewAspects { have } => t::groups_too_few_aspects(l, MIN_ASPECTS, MIN_PLACED_BY, have),
        NoGroupsReason::NoClearStructure { best_silhouette } => {
            t::groups_no_structure(l, format!("{best_silhouette:.2}"), format!("{MIN_SILHOUETTE:.2}"))
        }
    }
}

/// A group's stability in one word ("stable", "weak", "unstable").
fn stability_word(l: Lang, stability: Stability) -> &'static str {
    match stability {
        Stability::Stable => t::groups_stable(l),
        Stability::Weak => t::groups_weak(l),
        Stability::Unstable => t::groups_unstable(l),
    }
}

#[component]
pub fn OpinionGroups(#[prop(into)] view: Signal<Option<RoomView>>) -> impl IntoView {
    let l = use_lang();
    let shown = Memo::new(move |_| view.with(|v| v.as_ref().map_or(Panel::Hidden, panel)));
    move || match shown.get() {
        Panel::Hidden => ().into_any(),
        Panel::NoGroups(why) => view! {
            <section class="opinion-groups" aria-labelledby="opinion-groups-heading">
                <h2 id="opinion-groups-heading">{t::groups_title(l)}</h2>
                <p>{no_groups_words(l, &why)}</p>
            </section>
        }
        .into_any(),
        Panel::Groups { aspects, groups, hidden } => {
            let heads = groups
                .iter()
                .map(|(g, size, stability, _)| {
                    view! { <th scope="col">{t::groups_head(l, g, *size, stability_word(l, *stability))}</th> }
                })
                .collect_view();
            let rows = aspects
                .iter()
                .enumerate()
                .map(|(a, text)| {
                    let cells = groups
                        .iter()
                        .map(|(_, _, _, medians)| view! { <td>{medians[a].map_or("–".to_string(), format_position)}</td> })
                        .collect_view();
                    view! {
                        <tr>
                            <th scope="row">{text.clone()}</th>
                            {cells}
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <section class="opinion-groups" aria-labelledby="opinion-groups-heading">
                    <h2 id="opinion-groups-heading">{t::groups_title(l)}</h2>
                    <table>
                        <caption>{t::groups_caption(l)}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{t::groups_aspect(l)}</th>
                                {heads}
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                    <p class="hint">
                        {t::groups_hint(l)}
                    </p>
                    {(hidden > 0).then(|| view! {
                        <p class="hint">{t::groups_hidden(l, hidden)}</p>
                    })}
                </section>
            }
            .into_any()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::fixtures::{id, room_with_pairs};
    use crate::domain::{Card, Event, Phase, Settings};

    /// Eight pairs, three aspects: pairs 1–`left` near 10, the others near 90.
    fn room(left: u128) -> RoomView {
        let cards = vec![Card::new(id(10), "A", 0), Card::new(id(20), "B", 1), Card::new(id(30), "C", 2)];
        let mut view = room_with_pairs(cards, &[1, 2, 3, 4, 5, 6, 7, 8]);
        for pair in 1..=8u128 {
            let base = if pair <= left { 10.0 } else { 90.0 };
            for (i, card) in [10u128, 20, 30].into_iter().enumerate() {
                let position = Some(base + pair as f64 * 0.5 + i as f64);
                let event = Event::Placed { pair_id: id(pair), card_id: id(card), round: 1, position, at: 0 };
                view.apply(view.seq + 1, &event);
            }
        }
        view
    }

    #[test]
    fn groups_show_only_when_switched_on_and_revealed() {
        let mut view = room(4);
        view.phase = Phase::Reveal;
        assert_eq!(panel(&view), Panel::Hidden, "off by default");
        view.settings = Settings { show_groups: true, ..Settings::default() };
        view.phase = Phase::Placing;
        assert_eq!(panel(&view), Panel::Hidden, "nothing before the reveal");
        view.phase = Phase::Reveal;
        let Panel::Groups { aspects, groups, hidden } = panel(&view) else { panic!("two camps") };
        assert_eq!(aspects, ["A", "B", "C"]);
        assert_eq!(hidden, 0);
        let sizes: Vec<(usize, usize, Stability)> = groups.iter().map(|(g, n, s, _)| (*g, *n, *s)).collect();
        assert_eq!(sizes, [(1, 4, Stability::Stable), (2, 4, Stability::Stable)]);
        // Group 1's median on A: pairs 1–4 at 10.5, 11, 11.5, 12.
        assert_eq!(groups[0].3[0], Some(11.25));
    }

    #[test]
    fn a_group_below_the_privacy_threshold_is_not_shown_alone() {
        let mut view = room(2);
        view.phase = Phase::Reveal;
        view.settings = Settings { show_groups: true, min_pairs: 3, ..Settings::default() };
        let Panel::Groups { groups, hidden, .. } = panel(&view) else { panic!("two camps") };
        assert_eq!(hidden, 1, "the group of two");
        assert_eq!(groups.iter().map(|(_, n, ..)| *n).collect::<Vec<_>>(), [6]);
        view.settings.min_pairs = 1;
        let Panel::Groups { hidden, .. } = panel(&view) else { panic!("two camps") };
        assert_eq!(hidden, 0);
        let few = room_with_pairs(vec![Card::new(id(10), "A", 0)], &[1, 2]);
        let mut few = few;
        few.phase = Phase::Reveal;
        few.settings.show_groups = true;
        assert!(
            matches!(panel(&few), Panel::NoGroups(why) if no_groups_words(Lang::EN, &why).starts_with("Opinion groups need at least 6 pairs"))
        );
    }

    #[test]
    fn the_reasons_read_as_the_domain_words_them() {
        for reason in [
            NoGroupsReason::TooFewPairs { have: 2, need: 6 },
            NoGroupsReason::TooFewAspects { have: 1 },
            NoGroupsReason::NoClearStructure { best_silhouette: 0.3141 },
        ] {
            assert_eq!(no_groups_words(Lang::EN, &reason), reason.message());
            assert_ne!(no_groups_words(Lang::CY, &reason), reason.message());
        }
        for s in [Stability::Stable, Stability::Weak, Stability::Unstable] {
            assert_eq!(stability_word(Lang::EN, s), s.word());
        }
    }
}
