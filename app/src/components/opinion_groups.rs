//! The projector's "Opinion groups", when the facilitator switches them on: which pairs placed
//! the aspects alike in this round ([`crate::domain::opinion`], the same grouping as the
//! export's `groups.csv`), as each group's median per aspect. Pairs are never named. Only
//! what the projector may see counts (nothing before the reveal, unless the wall is live),
//! and a group smaller than the privacy threshold is not shown on its own.

use leptos::prelude::*;

use crate::domain::RoomView;
use crate::domain::board::format_position;
use crate::domain::groups::Grouping;
use crate::domain::opinion::{group_sizes, room_groups};

/// What the panel shows.
#[derive(Clone, Debug, PartialEq)]
pub enum Panel {
    /// Switched off, or nothing may be shown yet.
    Hidden,
    /// Why there are no groups, in words.
    NoGroups(String),
    /// Aspect texts, and per shown group its size and its medians (aspect order).
    Groups { aspects: Vec<String>, groups: Vec<(usize, usize, Vec<Option<f64>>)>, hidden: usize },
}

/// The panel for `view` (the projector's copy).
pub fn panel(view: &RoomView) -> Panel {
    if !view.settings.show_groups || !view.revealed() {
        return Panel::Hidden;
    }
    match room_groups(view, view.round) {
        Grouping::NoGroups(none) => Panel::NoGroups(none.reason.message()),
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
                groups.push((g + 1, sizes[g], used));
            }
            let aspects = found.aspects_used.iter().map(|&a| cards[a].text.clone()).collect();
            Panel::Groups { aspects, groups, hidden }
        }
    }
}

#[component]
pub fn OpinionGroups(#[prop(into)] view: Signal<Option<RoomView>>) -> impl IntoView {
    let shown = Memo::new(move |_| view.with(|v| v.as_ref().map_or(Panel::Hidden, panel)));
    move || match shown.get() {
        Panel::Hidden => ().into_any(),
        Panel::NoGroups(why) => view! {
            <section class="opinion-groups" aria-labelledby="opinion-groups-heading">
                <h2 id="opinion-groups-heading">"Opinion groups"</h2>
                <p>{why}</p>
            </section>
        }
        .into_any(),
        Panel::Groups { aspects, groups, hidden } => {
            let heads = groups
                .iter()
                .map(|(g, size, _)| view! { <th scope="col">{format!("Group {g} ({size} pairs)")}</th> })
                .collect_view();
            let rows = aspects
                .iter()
                .enumerate()
                .map(|(a, text)| {
                    let cells = groups
                        .iter()
                        .map(|(_, _, medians)| view! { <td>{medians[a].map_or("–".to_string(), format_position)}</td> })
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
                    <h2 id="opinion-groups-heading">"Opinion groups"</h2>
                    <table>
                        <caption>"Where each group put the aspects (median)"</caption>
                        <thead>
                            <tr>
                                <th scope="col">"Aspect"</th>
                                {heads}
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                    {(hidden > 0).then(|| view! {
                        <p class="hint">{format!("{hidden} smaller group(s) not shown (privacy threshold).")}</p>
                    })}
                </section>
            }
            .into_any()
        }
    }
}
