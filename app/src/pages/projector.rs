//! `/p/:workshop_id`: the picture the room sees. No controls; readable from the back.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use uuid::Uuid;

use crate::components::join_info::JoinInfo;
use crate::components::opinion_groups::OpinionGroups;
use crate::components::room_picture::{RoomPicture, shown_texts};
use crate::components::session_bar::SessionBar;
use crate::components::spotlight::Spotlight;
use crate::domain::Phase;
use crate::i18n::t;
use crate::live::{Link, LiveConfig, use_live};
use crate::protocol::Auth;

#[component]
pub fn ProjectorPage() -> impl IntoView {
    let params = use_params_map();
    let workshop_id =
        Memo::new(move |_| params.with(|p| p.get("workshop_id")).and_then(|id| Uuid::parse_str(&id).ok()));
    let config = Signal::derive(move || {
        workshop_id.get().map(|workshop_id| LiveConfig {
            auth: Auth::Projector { workshop_id },
            pending_key: None,
            view_key: None,
        })
    });
    let live = use_live(config);
    let l = live.lang;
    let info = Memo::new(move |_| live.view.with(|v| v.as_ref().map(|v| v.workshop.clone())));
    let phase = Memo::new(move |_| live.view.with(|v| v.as_ref().map(|v| v.phase)));
    // While the room is joining, show how, large; once placing has started the join box stays
    // small (late pairs can still read it).
    let joining = Memo::new(move |_| phase.get().is_none_or(|p| p == Phase::Joining));
    let closed = move || phase.get() == Some(Phase::Closed);
    let code = Signal::derive(move || info.with(|i| i.as_ref().map(|i| i.join_code.clone()).unwrap_or_default()));

    view! {
        <main class="projector" class:joining=move || joining.get()>
            {move || live.last_error.get().map(|message| view! { <p role="alert" class="form-error">{message}</p> })}
            {move || workshop_id.get().is_none().then(|| view! {
                <p role="alert" class="form-error">{t::projector_link_incomplete(l)}</p>
            })}
            <Show
                when=move || info.with(Option::is_some)
                fallback=move || view! {
                    <p class="loading">{move || if live.link.get() == Link::Stopped { "" } else { t::sync_connecting(l) }}</p>
                }
            >
                <SessionBar live/>
                <header class="projector-header">
                    <h1 class="question">
                        {move || {
                            live.view.with(|v| {
                                v.as_ref().map(|v| {
                                    let second = v.second_language.as_ref().map_or("", |s| s.question.as_str());
                                    let mut texts = shown_texts(v, l, &v.workshop.question, second);
                                    let first = texts.remove(0);
                                    view! {
                                        {first}
                                        {texts.pop().map(|s| view! { <span class="question-second">{s}</span> })}
                                    }
                                })
                            })
                        }}
                    </h1>
                    <Show when=move || !closed()>
                        <JoinInfo code large=joining/>
                    </Show>
                </header>
                {move || closed().then(|| view! { <p class="closed-note">{t::projector_closed(l)}</p> })}
                <Spotlight view=live.view/>
                <RoomPicture view=live.view/>
                <OpinionGroups view=live.view/>
            </Show>
        </main>
    }
    .into_any()
}
