//! The aspect the facilitator put in the spotlight, large on the projector: every pair's dot,
//! the median and the middle half, who could not place it and why, and the pairs' notes on
//! its intended and unintended outcomes (anonymous unless the facilitator chose otherwise).

use leptos::prelude::*;

use crate::components::room_picture::{movement_text, pct, shown_texts, shows_positions};
use crate::domain::board::{assign_lanes, format_position};
use crate::domain::stats::Summary;
use crate::domain::{AspectRow, RoomView};
use crate::i18n::{Lang, t, use_lang};

/// Closest two dots may be (in spectrum points) before the second is lifted above the first.
const DOT_GAP: f64 = 1.5;
/// At most this many dots are stacked above each other.
const MAX_STACK: usize = 5;

/// One pair's notes or reason, as the room sees them.
#[derive(Clone, Debug, PartialEq)]
struct Voice {
    who: String,
    intended: String,
    unintended: String,
}

/// Everything the spotlight shows, computed from the view.
#[derive(Clone, Debug, PartialEq)]
struct SpotlightData {
    row: AspectRow,
    shown: bool,
    reasons: Vec<(String, String)>,
    notes: Vec<Voice>,
    movement: Option<(Summary, Summary)>,
}

fn spotlight_data(l: Lang, v: &RoomView) -> Option<SpotlightData> {
    if !v.revealed() {
        return None;
    }
    let id = v.focus.spotlight?;
    let row = v.aspect_rows().into_iter().find(|r| r.card.id == id)?;
    let shown = shows_positions(true, v.settings.min_pairs, &row);
    let who = |pair_id| {
        if v.settings.name_notes {
            v.pair(pair_id).map_or_else(|| t::spotlight_a_pair(l).to_string(), |p| p.label.clone())
        } else {
            t::spotlight_a_pair(l).to_string()
        }
    };
    let reasons = if shown {
        v.current_placements()
            .filter(|p| p.card_id == id && p.cant_place)
            .map(|p| (who(p.pair_id), p.reason.clone()))
            .collect()
    } else {
        Vec::new()
    };
    let notes = if shown {
        v.notes
            .iter()
            .filter(|n| n.card_id == id && v.pair(n.pair_id).is_some())
            .map(|n| Voice { who: who(n.pair_id), intended: n.intended.clone(), unintended: n.unintended.clone() })
            .collect()
    } else {
        Vec::new()
    };
    let movement = (v.round >= 2 && shown)
        .then(|| {
            let from = v.rows_for_round(1).into_iter().find(|r| r.card.id == id)?;
            let from = shows_positions(true, v.settings.min_pairs, &from).then_some(from.summary?)?;
            Some((from, row.summary?))
        })
        .flatten();
    Some(SpotlightData { row, shown, reasons, notes, movement })
}

/// The spotlighted aspect, large; nothing when there is none or positions are not revealed.
#[component]
pub fn Spotlight(#[prop(into)] view: Signal<Option<RoomView>>) -> impl IntoView {
    let l = use_lang();
    let data = Memo::new(move |_| view.with(|v| v.as_ref().and_then(|v| spotlight_data(l, v))));
    let poles = move || {
        view.with(|v| {
            v.as_ref()
                .map(|v| {
                    let second = v.second_language.as_ref();
                    let left = shown_texts(v, l, &v.workshop.left_pole, second.map_or("", |s| s.left_pole.as_str()));
                    let right = shown_texts(v, l, &v.workshop.right_pole, second.map_or("", |s| s.right_pole.as_str()));
                    (left.join(" / "), right.join(" / "))
                })
                .unwrap_or_default()
        })
    };
    let inner = move || {
        data.get().map(|d| {
            let summary = if d.shown { d.row.summary } else { None };
            let text = view.with(|v| {
                v.as_ref()
                    .map(|v| shown_texts(v, l, &d.row.card.text, v.card_second_text(d.row.card.id).unwrap_or("")))
                    .unwrap_or_default()
            });
            let label = t::spotlight_label(l, text.join(" / "));
            let (left, right) = poles();
            let dots: Vec<(f64, usize)> = if d.shown {
                let values: Vec<f64> = d.row.positions.iter().map(|(_, p)| *p).collect();
                let lanes = assign_lanes(&values, DOT_GAP);
                values.into_iter().zip(lanes).map(|(p, lane)| (p, lane.min(MAX_STACK))).collect()
            } else {
                Vec::new()
            };
            let reasons = d.reasons.clone();
            let notes = d.notes.clone();
            view! {
                <section class="spotlight" aria-label=label>
                    <p class="spotlight-kicker">{t::spotlight_kicker(l)}</p>
                    <h2 class="spotlight-text">
                        {text.first().cloned()}
                        {text.get(1).cloned().map(|s| view! { <span class="aspect-text-second">{s}</span> })}
                    </h2>
                    <div class="spotlight-poles">
                        <span>"0 · " {left}</span>
                        <span>{right} " · 100"</span>
                    </div>
                    <div class="track spotlight-track">
                        <span class="track-line" aria-hidden="true"></span>
                        {summary
                            .map(|s| {
                                view! {
                                    <span
                                        class="iqr"
                                        aria-hidden="true"
                                        style:left=pct(s.q1)
                                        style:width=pct(s.q3 - s.q1)
                                    ></span>
                                    <span
                                        class="median"
                                        aria-hidden="true"
                                        data-value=s.median.to_string()
                                        style:left=pct(s.median)
                                    ></span>
                                }
                            })}
                        {dots
                            .into_iter()
                            .map(|(p, lane)| {
                                view! {
                                    <span
                                        class="dot"
                                        aria-hidden="true"
                                        data-position=p.to_string()
                                        style:left=pct(p)
                                        style:transform=format!(
                                            "translate(-50%, calc(-50% - {}em))",
                                            lane as f64 * 0.9,
                                        )
                                    ></span>
                                }
                            })
                            .collect_view()}
                    </div>
                    <p class="spotlight-facts">
                        {t::spotlight_placed(l, d.row.placed)}
                        {summary
                            .map(|s| {
                                t::spotlight_summary(
                                    l,
                                    format_position(s.median),
                                    format_position(s.q1),
                                    format_position(s.q3),
                                )
                            })}
                        {(d.row.cant_place > 0).then(|| t::spotlight_cant_place(l, d.row.cant_place))}
                        {d.movement.map(|(from, to)| format!(" · {}", movement_text(l, &from, &to)))}
                    </p>
                    {(d.shown && d.row.split).then(|| view! { <p class="split-flag">{t::picture_split(l)}</p> })}
                    {(!d.shown).then(|| view! { <p class="waiting">{t::picture_waiting(l)}</p> })}
                    {(!reasons.is_empty())
                        .then(|| {
                            view! {
                                <div class="spotlight-reasons">
                                    <h3>{t::spotlight_cant_because(l)}</h3>
                                    <ul>
                                        {reasons
                                            .into_iter()
                                            .map(|(who, reason)| view! { <li><strong>{who}</strong>": " {reason}</li> })
                                            .collect_view()}
                                    </ul>
                                </div>
                            }
                        })}
                    {(!notes.is_empty())
                        .then(|| {
                            view! {
                                <div class="spotlight-notes">
                                    <h3>{t::spotlight_outcomes(l)}</h3>
                                    <ul>
                                        {notes
                                            .into_iter()
                                            .map(|n| {
                                                view! {
                                                    <li class="note">
                                                        <strong class="note-who">{n.who}</strong>
                                                        {(!n.intended.is_empty())
                                                            .then(|| {
                                                                view! {
                                                                    <p class="note-intended">{t::results_intended(l)} {n.intended.clone()}</p>
                                                                }
                                                            })}
                                                        {(!n.unintended.is_empty())
                                                            .then(|| {
                                                                view! {
                                                                    <p class="note-unintended">
                                                                        {t::results_unintended(l)} {n.unintended.clone()}
                                                                    </p>
                                                                }
                                                            })}
                                                    </li>
                                                }
                                            })
                                            .collect_view()}
                                    </ul>
                                </div>
                            }
                        })}
                </section>
            }
        })
    };
    view! { {inner} }.into_any()
}
