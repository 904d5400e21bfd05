//! "Opinion groups" on the compare page: which pairs, across the compared sites, placed the
//! shared aspects alike in round 1 (the server's [`crate::api::GroupsAcross`], found by
//! [`crate::domain::groups`]), with each group's median per aspect, or, below the method's
//! thresholds, why there are no groups. Read again when the manual matches change.

use leptos::prelude::*;
use uuid::Uuid;

use crate::api::{GroupsAcross, calls};
use crate::domain::groups::Grouping;
use crate::domain::groups::stability::Stability;
use crate::i18n::{t, use_lang};

/// A median as the page shows it.
fn cell(x: Option<f64>) -> String {
    x.map_or_else(|| "–".to_string(), |x| format!("{:.0}", x.round()))
}

/// Each group's pairs, as "Site — Pair" lines, group 1 first.
pub fn members_by_group(groups: &GroupsAcross) -> Vec<Vec<String>> {
    let Grouping::Groups(found) = &groups.grouping else { return Vec::new() };
    let mut out = vec![Vec::new(); found.k];
    for member in &found.members {
        if let (Some(group), Some((site, label))) = (member.group, groups.pairs.get(member.pair)) {
            out[group - 1].push(format!("{site} — {label}"));
        }
    }
    out
}

#[component]
pub(super) fn CompareGroups(ids: String, links: Memo<Vec<(Uuid, Uuid)>>) -> impl IntoView {
    let l = use_lang();
    let answer = RwSignal::new(None::<Result<GroupsAcross, String>>);
    Effect::new(move |_| {
        let (ids, links) = (ids.clone(), links.get());
        leptos::task::spawn_local(async move {
            answer.set(Some(calls::compare_groups(&ids, &links).await.map_err(|r| r.error_in(l).error)));
        });
    });
    view! {
        <section class="compare-groups" aria-labelledby="groups-heading">
            <h2 id="groups-heading">{t::compare_groups_heading(l)}</h2>
            <p class="hint">{t::compare_groups_hint(l)}</p>
            {move || match answer.get() {
                None => view! { <p class="hint">{t::compare_finding_groups(l)}</p> }.into_any(),
                Some(Err(e)) => view! { <p role="alert" class="form-error">{e}</p> }.into_any(),
                Some(Ok(groups)) => view! { <GroupsTable groups/> }.into_any(),
            }}
        </section>
    }
    .into_any()
}

#[component]
fn GroupsTable(groups: GroupsAcross) -> impl IntoView {
    let l = use_lang();
    let found = match &groups.grouping {
        Grouping::NoGroups(none) => {
            return view! { <p class="compare-no-groups">{none.reason.message_in(l)}</p> }.into_any();
        }
        Grouping::Groups(found) => found.clone(),
    };
    let members = members_by_group(&groups);
    let left_out = found.members.iter().filter(|m| m.group.is_none()).count();
    let silhouette = format!("{:.2}", found.silhouette);
    let summary = if left_out > 0 {
        t::compare_groups_summary_left_out(l, found.k, silhouette, left_out)
    } else {
        t::compare_groups_summary(l, found.k, silhouette)
    };
    let word = |g: usize| Stability::of(found.stability.get(g).copied().unwrap_or(0.0)).word_in(l);
    let headers = (1..=found.k)
        .map(|g| view! { <th scope="col">{t::compare_group_header(l, g, word(g - 1))}</th> })
        .collect_view();
    let body = groups
        .aspects
        .iter()
        .enumerate()
        .filter(|(a, _)| found.aspects_used.contains(a))
        .map(|(a, label)| {
            let cells = found.group_medians.iter().map(|medians| view! { <td>{cell(medians[a])}</td> }).collect_view();
            view! {
                <tr>
                    <th scope="row">{label.clone()}</th>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    let lists = members
        .into_iter()
        .enumerate()
        .map(|(g, pairs)| {
            view! {
                <li>
                    <strong>
                        {t::compare_group_members(
                            l,
                            g + 1,
                            pairs.len(),
                            word(g),
                            format!("{:.2}", found.stability.get(g).copied().unwrap_or(0.0)),
                        )}
                    </strong>
                    {pairs.join("; ")}
                </li>
            }
        })
        .collect_view();
    view! {
        <p class="compare-groups-summary">{summary}</p>
        <table class="compare-groups-table">
            <caption>{t::compare_groups_caption(l)}</caption>
            <thead>
                <tr>
                    <th scope="col">{t::compare_aspect(l)}</th>
                    {headers}
                </tr>
            </thead>
            <tbody>{body}</tbody>
        </table>
        <ul class="compare-groups-members">{lists}</ul>
    }
    .into_any()
}
