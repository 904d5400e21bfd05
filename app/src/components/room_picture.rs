use leptos::prelude::*;
use uuid::Uuid;

use crate::domain::board::{assign_lanes, format_position};
use crate::domain::{AspectRow, RoomView};

/// Closest two dots may be (in spectrum points) before the second is lifted above the first.
const DOT_GAP: f64 = 2.0;
/// At most this many dots are stacked above each other; more share the top level.
const MAX_STACK: usize = 5;

fn pct(value: f64) -> String {
    format!("{value}%")
}

/// The room's picture: one row per aspect, in card order, with a dot per pair that placed it,
/// the median marked and the middle half (interquartile range) shaded. The projector shows it
/// large; the console (`compact`) smaller. Pair labels are never shown here: the picture is
/// about the spread of views, not who said what.
#[component]
pub fn RoomPicture(#[prop(into)] view: Signal<Option<RoomView>>, #[prop(optional)] compact: bool) -> impl IntoView {
    let rows = Memo::new(move |_| view.with(|v| v.as_ref().map(RoomView::aspect_rows).unwrap_or_default()));
    let pair_count = Memo::new(move |_| view.with(|v| v.as_ref().map_or(0, |v| v.pairs.len())));
    let pole = move |right: bool| {
        view.with(|v| {
            v.as_ref()
                .map(|v| if right { v.workshop.right_pole.clone() } else { v.workshop.left_pole.clone() })
                .unwrap_or_default()
        })
    };
    let keys = move || rows.with(|rows| rows.iter().map(|r| (r.card.id, r.card.text.clone())).collect::<Vec<_>>());
    view! {
        <section class="room-picture" class:compact=compact>
            <div class="picture-scale">
                <span></span>
                <span class="scale-poles">
                    <span class="pole pole-left">"0 · " {move || pole(false)}</span>
                    <span class="pole pole-right">{move || pole(true)} " · 100"</span>
                </span>
                <span></span>
            </div>
            <For
                each=keys
                key=|(id, _)| *id
                children=move |(id, text)| view! { <AspectRowView id text rows pair_count/> }
            />
        </section>
    }
    .into_any()
}

#[component]
fn AspectRowView(id: Uuid, text: String, rows: Memo<Vec<AspectRow>>, pair_count: Memo<usize>) -> impl IntoView {
    let row = Memo::new(move |_| rows.with(|rows| rows.iter().find(|r| r.card.id == id).cloned()));
    let summary = Memo::new(move |_| row.with(|r| r.as_ref().and_then(|r| r.summary)));
    let dots = Memo::new(move |_| {
        row.with(|r| {
            let Some(r) = r else { return Vec::new() };
            let values: Vec<f64> = r.positions.iter().map(|(_, p)| *p).collect();
            let lanes = assign_lanes(&values, DOT_GAP);
            r.positions.iter().zip(lanes).map(|((pair, p), lane)| (*pair, *p, lane.min(MAX_STACK))).collect::<Vec<_>>()
        })
    });
    let placed = move || row.with(|r| r.as_ref().map_or(0, |r| r.positions.len()));
    let spoken = move || match summary.get() {
        Some(s) => format!(
            "Median {}; middle half from {} to {}.",
            format_position(s.median),
            format_position(s.q1),
            format_position(s.q3)
        ),
        None => "Not placed yet.".to_string(),
    };
    let label = text.clone();
    view! {
        <div class="aspect-row" role="group" aria-label=label>
            <span class="aspect-text">{text}</span>
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
            </div>
            <span class="count">{move || format!("{} of {} pairs placed", placed(), pair_count.get())}</span>
            <span class="visually-hidden">{spoken}</span>
        </div>
    }
    .into_any()
}
