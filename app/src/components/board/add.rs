//! "Add a post-it": a pair writes its own aspect. Queued like every change, so it appears in
//! the tray at once, also offline.

use crate::i18n::t;
use leptos::prelude::*;

use super::state::{BoardCtx, char_count, post_it_dom_id};
use crate::browser;
use crate::domain::PairAction;
use crate::domain::validate::ASPECT_MAX;

#[component]
pub fn AddPostIt(ctx: BoardCtx) -> impl IntoView {
    let l = ctx.live.lang;
    let open = RwSignal::new(false);
    let text = RwSignal::new(String::new());
    let show = move |_| {
        open.set(true);
        browser::focus_later("add-post-it-text".into());
    };
    let close = move || {
        open.set(false);
        text.set(String::new());
        browser::focus_later("add-post-it".into());
    };
    let add = move || {
        let words = text.get_untracked().trim().to_string();
        if words.is_empty() {
            ctx.live.last_error.set(Some(t::board_add_empty(l).into()));
            browser::focus_later("add-post-it-text".into());
            return;
        }
        let card_id = browser::random_uuid();
        if ctx.submit(PairAction::AddCard { card_id, text: words.clone() }) {
            ctx.announcement.set(t::board_added(l, &words));
            open.set(false);
            text.set(String::new());
            ctx.selected.set(Some(card_id));
            browser::focus_later(post_it_dom_id(card_id));
        }
    };
    view! {
        <div class="add-post-it">
            <button type="button" id="add-post-it" hidden=move || open.get() on:click=show>
                {t::board_add(l)}
            </button>
            <form
                class="add-post-it-form"
                hidden=move || !open.get()
                on:submit=move |ev| {
                    ev.prevent_default();
                    add();
                }
                on:keydown=move |ev| {
                    if ev.key() == "Escape" {
                        ev.prevent_default();
                        close();
                    }
                }
            >
                <label for="add-post-it-text">{t::board_add_text(l)}</label>
                <input
                    type="text"
                    id="add-post-it-text"
                    maxlength=ASPECT_MAX
                    autocomplete="off"
                    prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))
                />
                <span class="counter">{move || text.with(|t| char_count(t, ASPECT_MAX))}</span>
                <button type="submit" class="primary">{t::board_add_button(l)}</button>
                <button type="button" on:click=move |_| close()>{t::cancel(l)}</button>
            </form>
        </div>
    }
    .into_any()
}
