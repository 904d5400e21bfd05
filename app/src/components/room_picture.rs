use leptos::prelude::*;
use uuid::Uuid;

use crate::domain::board::{assign_lanes, format_position};
use crate::domain::pair_results::room_may_see;
use crate::domain::stats::Summary;
use crate::domain::{AspectRow, RoomView};
use crate::i18n::{Lang, t, use_lang};

/// Closest two dots may be (in spectrum points) before the second is lifted above the first.
const DOT_GAP: f64 = 2.0;
/// At most this many dots are stacked above each other; more share the top level.
const MAX_STACK: usize = 5;

pub(crate) fn pct(value: f64) -> String {
    format!("{value}%")
}

/// What the whole picture depends on besides the rows themselves.
#[derive(Clone, Copy, Debug, PartialEq)]
struct PictureState {
    /// Positions may be shown (revealed, or live wall).
    revealed: bool,
    /// Small-group privacy threshold.
    min_pairs: u32,
    /// Pairs in the workshop.
    pair_count: usize,
    /// The round shown.
    round: u8,
}

/// Whether a row's individual positions may be shown (revealed, and enough pairs placed it).
pub(crate) fn shows_positions(revealed: bool, min_pairs: u32, row: &AspectRow) -> bool {
    revealed && room_may_see(row.positions.len(), min_pairs)
}

/// "median 40 → 62 · spread 30 → 12" for an aspect between the two rounds.
pub(crate) fn movement_text(l: Lang, from: &Summary, to: &Summary) -> String {
    t::picture_movement(
        l,
        format_position(from.median),
        format_position(to.median),
        format_position(from.q3 - from.q1),
        format_position(to.q3 - to.q1),
    )
}

/// The room's picture: one row per aspect, in the facilitator's chosen order. Before the reveal
/// (and without the live wall) only how many pairs placed each aspect; once revealed a dot per
/// pair, the median marked and the middle half (interquartile range) shaded, unless fewer pairs
/// than the privacy threshold placed it. In a second round each aspect says how it moved. The
/// projector shows it large; the console (`compact`) smaller. Pair labels are never shown
/// here: the picture is about the spread of views, not who said what.
#[component]
pub fn RoomPicture(#[prop(into)] view: Signal<Option<RoomView>>, #[prop(optional)] compact: bool) -> impl IntoView {
    let l = use_lang();
    let rows = Memo::new(move |_| view.with(|v| v.as_ref().map(RoomView::ordered_rows).unwrap_or_default()));
    let first_round = Memo::new(move |_| {
        view.with(|v| v.as_ref().filter(|v| v.round >= 2).map(|v| v.rows_for_round(1)).unwrap_or_default())
    });
    let state = Memo::new(move |_| {
        view.with(|v| {
            v.as_ref().map_or(PictureState { revealed: false, min_pairs: 1, pair_count: 0, round: 1 }, |v| {
                PictureState {
                    revealed: v.revealed(),
                    min_pairs: v.settings.min_pairs,
                    pair_count: v.pairs.len(),
                    round: v.round,
                }
            })
        })
    });
    let pole = move |right: bool| {
        view.with(|v| {
            v.as_ref()
                .map(|v| {
                    let second = v.second_language.as_ref();
                    let texts = if right {
                        shown_texts(v, l, &v.workshop.right_pole, second.map_or("", |s| s.right_pole.as_str()))
                    } else {
                        shown_texts(v, l, &v.workshop.left_pole, second.map_or("", |s| s.left_pole.as_str()))
                    };
                    texts.join(" / ")
                })
                .unwrap_or_default()
        })
    };
    // Each aspect's text in this screen's language, and the second language's below it when
    // the console asked for both.
    let keys = move || {
        view.with(|v| {
            let Some(v) = v else { return Vec::new() };
            rows.with(|rows| {
                rows.iter()
                    .map(|r| {
                        let id = r.card.id;
                        let mut texts = shown_texts(v, l, &r.card.text, v.card_second_text(id).unwrap_or(""));
                        let first = texts.remove(0);
                        (id, first, texts.pop())
                    })
                    .collect::<Vec<_>>()
            })
        })
    };
    view! {
        // Live (a page translator must not rewrite it), and laid out like a number line in
        // every language: 0 and the first pole on the left.
        <section
            class="room-picture"
            translate="no"
            dir="ltr"
            class:compact=compact
            class:revealed=move || state.get().revealed
        >
            <div class="picture-scale">
                <span></span>
                <span class="scale-poles">
                    <span class="pole pole-left">"0 · " {move || pole(false)}</span>
                    <span class="pole pole-right">{move || pole(true)} " · 100"</span>
                </span>
                <span></span>
            </div>
            <p class="picture-note" hidden=move || state.get().revealed>
                {t::picture_private(l)}
            </p>
            <For
                each=keys
                key=|(id, text, second)| (*id, text.clone(), second.clone())
                children=move |(id, text, second)| view! { <AspectRowView id text second rows first_round state/> }
            />
        </section>
    }
    .into_any()
}

/// A text as a screen in `l` shows it: the second language's (`second`, empty when there is
/// none) on a screen in that language, else the first's; and both, the first above, when the
/// console asked for both languages.
pub fn shown_texts(v: &RoomView, l: Lang, first: &str, second: &str) -> Vec<String> {
    if second.is_empty() {
        return vec![first.to_string()];
    }
    if v.settings.both_languages {
        vec![first.to_string(), second.to_string()]
    } else if v.second_in(l).is_some() {
        vec![second.to_string()]
    } else {
        vec![first.to_string()]
    }
}

#[component]
fn AspectRowView(
    id: Uuid,
    text: String,
    /// The text in the workshop's other language, shown under it ("both languages").
    second: Option<String>,
    rows: Memo<Vec<AspectRow>>,
    first_round: Memo<Vec<AspectRow>>,
    state: Memo<PictureState>,
) -> impl IntoView {
    let l = use_lang();
    let row = Memo::new(move |_| rows.with(|rows| rows.iter().find(|r| r.card.id == id).cloned()));
    let shown = Memo::new(move |_| {
        let s = state.get();
        row.with(|r| r.as_ref().is_some_and(|r| shows_positions(s.revealed, s.min_pairs, r)))
    });
    let summary = Memo::new(move |_| if shown.get() { row.with(|r| r.as_ref().and_then(|r| r.summary)) } else { None });
    let dots = Memo::new(move |_| {
        if !shown.get() {
            return Vec::new();
        }
        row.with(|r| {
            let Some(r) = r else { return Vec::new() };
            let values: Vec<f64> = r.positions.iter().map(|(_, p)| *p).collect();
            let lanes = assign_lanes(&values, DOT_GAP);
            r.positions.iter().zip(lanes).map(|((pair, p), lane)| (*pair, *p, lane.min(MAX_STACK))).collect::<Vec<_>>()
        })
    });
    let placed = move || row.with(|r| r.as_ref().map_or(0, |r| r.placed));
    let cant_place = move || row.with(|r| r.as_ref().map_or(0, |r| r.cant_place));
    let split = move || shown.get() && row.with(|r| r.as_ref().is_some_and(|r| r.split));
    let waiting = move || {
        let s = state.get();
        s.revealed && !shown.get() && placed() > 0
    };
    let movement = Memo::new(move |_| {
        if state.get().round < 2 || !shown.get() {
            return None;
        }
        let to = summary.get()?;
        let from = first_round.with(|rows| {
            rows.iter()
                .find(|r| r.card.id == id)
                .filter(|r| shows_positions(true, state.get().min_pairs, r))
                .and_then(|r| r.summary)
        })?;
        Some((from, to))
    });
    let spoken = move || match summary.get() {
        Some(s) => t::picture_spoken(l, format_position(s.median), format_position(s.q1), format_position(s.q3)),
        None if waiting() => t::picture_spoken_waiting(l).to_string(),
        None if state.get().revealed => t::picture_spoken_not_placed(l).to_string(),
        None => String::new(),
    };
    let label = match &second {
        Some(second) => format!("{text} / {second}"),
        None => text.clone(),
    };
    view! {
        <div class="aspect-row" role="group" aria-label=label class:split=split>
            <span class="aspect-text">
                {text}
                {second.map(|s| view! { <span class="aspect-text-second">{s}</span> })}
            </span>
            <div class="track">
                <span class="track-line" aria-hidden="true"></span>
                <span
                    class="iqr"
                    aria-hidden="true"
                    hidden=move || summary.get().is_none()
                    style:left=move || summary.get().map(|s| pct(s.q1)).unwrap_or_default()
                    style:width=move || summary.get().map(|s| pct(s.q3 - s.q1)).unwrap_or_default()
                ></span>
                <For
                    each=move || dots.get()
                    key=|(pair, _, _)| *pair
                    children=move |(pair, _, _)| {
                        let dot = Memo::new(move |_| {
                            dots.with(|d| d.iter().find(|d| d.0 == pair).map(|d| (d.1, d.2)).unwrap_or_default())
                        });
                        view! {
                            <span
                                class="dot"
                                aria-hidden="true"
                                data-position=move || dot.get().0.to_string()
                                style:left=move || pct(dot.get().0)
                                style:transform=move || {
                                    format!("translate(-50%, calc(-50% - {}em))", dot.get().1 as f64 * 0.7)
                                }
                            ></span>
                        }
                    }
                />
                <span
                    class="median"
                    aria-hidden="true"
                    hidden=move || summary.get().is_none()
                    data-value=move || summary.get().map(|s| s.median.to_string())
                    style:left=move || summary.get().map(|s| pct(s.median)).unwrap_or_default()
                ></span>
                <span class="waiting" hidden=move || !waiting()>
                    {t::picture_waiting(l)}
                </span>
            </div>
            <span class="row-facts">
                <span class="count">{move || t::picture_placed(l, placed(), state.get().pair_count)}</span>
                <span class="cant-place-count" hidden=move || cant_place() == 0 || !state.get().revealed>
                    {move || t::picture_cant_place(l, cant_place())}
                </span>
                <span class="split-flag" hidden=move || !split()>
                    {t::picture_split(l)}
                </span>
                {move || {
                    movement
                        .get()
                        .map(|(from, to)| {
                            view! {
                                <span
                                    class="movement"
                                    data-from=from.median.to_string()
                                    data-to=to.median.to_string()
                                >
                                    {movement_text(l, &from, &to)}
                                </span>
                            }
                        })
                }}
            </span>
            <span class="visually-hidden">{spoken}</span>
        </div>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn movement_says_median_and_spread_before_and_after() {
        let from = Summary { n: 3, median: 40.0, q1: 20.0, q3: 50.0 };
        let to = Summary { n: 3, median: 62.0, q1: 55.0, q3: 67.0 };
        assert_eq!(movement_text(Lang::EN, &from, &to), "median 40 → 62 · spread 30 → 12");
    }
}
