//! `/f/:secret`: the facilitator's console on the laptop plugged into the projector.
//!
//! - [`phase`], [`timer`], [`settings`], [`aspects`] (with [`aspect_item`]): the session
//!   controls. Every button sends one [`Control`]; the server decides, and a refusal shows in
//!   the console's alert.
//! - [`pairs`]: who has joined, connected or not, how far along.
//! - [`sheet`]: the information sheet pairs agree to before the board, and its versions.
//! - [`retention`]: "Delete after", the day the server deletes the workshop.
//! - [`delete`]: "Delete workshop…" with its confirmation.

mod aspect_item;
pub mod aspects;
pub mod deadline;
pub mod delete;
pub mod pairs;
pub mod phase;
pub mod retention;
mod second;
pub mod settings;
pub mod sheet;
pub mod timer;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::urls;
use crate::components::join_info::{join_url, use_join_origin, use_origin};
use crate::components::room_picture::RoomPicture;
use crate::components::session_bar::SessionBar;
use crate::domain::Phase;
use crate::domain::WorkshopInfo;
use crate::i18n::{Lang, t, use_lang};
use crate::live::{Link, Live, LiveConfig, use_live};
use crate::protocol::Auth;

use aspects::AspectControls;
use deadline::DeadlineControl;
use delete::DeleteWorkshop;
use pairs::PairList;
use phase::PhaseControls;
use retention::RetentionControl;
use second::SecondLanguageControl;
use settings::SettingsControls;
use sheet::SheetControl;
use timer::TimerControls;

pub(crate) fn online(live: Live) -> impl Fn() -> bool + Copy + Send + Sync + 'static {
    move || live.link.get() == Link::Online
}

/// Connected, and the workshop is not closed (a closed workshop only changes phase).
pub fn may_change(live: Live) -> impl Fn() -> bool + Copy + Send + Sync + 'static {
    move || live.link.get() == Link::Online && live.view.with(|v| v.as_ref().is_some_and(|v| v.phase != Phase::Closed))
}

#[component]
pub fn ConsolePage() -> impl IntoView {
    let params = use_params_map();
    let secret = Memo::new(move |_| params.with(|p| p.get("secret")).unwrap_or_default());
    let config = Signal::derive(move || {
        let secret = secret.get();
        (!secret.is_empty()).then_some(LiveConfig {
            auth: Auth::Facilitator { secret },
            pending_key: None,
            view_key: None,
        })
    });
    let live = use_live(config);
    let info = Memo::new(move |_| live.view.with(|v| v.as_ref().map(|v| v.workshop.clone())));
    let field = move |get: fn(&WorkshopInfo) -> String| move || info.with(|i| i.as_ref().map(get));
    let title = Signal::derive(move || info.with(|i| i.as_ref().map(|i| i.title.clone()).unwrap_or_default()));
    let deleted = RwSignal::new(None::<String>);
    let l = use_lang();

    view! {
        <main class="console">
            <div class="console-alert">
                {move || {
                    live.last_error
                        .get()
                        .map(|message| {
                            view! {
                                <p role="alert" class="form-error">
                                    {message}
                                    <button
                                        type="button"
                                        class="dismiss"
                                        aria-label=t::console_dismiss_message(l)
                                        on:click=move |_| live.last_error.set(None)
                                    >
                                        "×"
                                    </button>
                                </p>
                            }
                        })
                }}
            </div>
            <Show
                when=move || info.with(Option::is_some) && deleted.with(Option::is_none)
                fallback=move || {
                    if let Some(gone) = deleted.get() {
                        view! {
                            <section class="console-deleted" aria-labelledby="deleted-heading">
                                <h1 id="deleted-heading" tabindex="-1">{t::console_workshop_deleted(l)}</h1>
                                <p>{t::console_workshop_deleted_body(l, gone)}</p>
                                <p><a class="button primary" href="/new">{t::console_set_up_new_workshop(l)}</a></p>
                            </section>
                        }
                        .into_any()
                    } else {
                        view! {
                            <p class="loading">
                                {move || if live.link.get() == Link::Stopped { "" } else { t::console_connecting(l) }}
                            </p>
                        }
                        .into_any()
                    }
                }
            >
                <header class="console-header">
                    <h1>{field(|i| i.title.clone())}</h1>
                    <p class="site">{field(|i| i.site.clone())}</p>
                    <p class="bookmark-note">{t::console_bookmark_note(l)}</p>
                </header>
                <div class="console-session">
                    <SessionBar live/>
                    <PhaseControls live/>
                </div>
                <div class="console-grid">
                    <JoinPanel info secret/>
                    <PairList live/>
                </div>
                <div class="console-grid">
                    <TimerControls live/>
                    <SettingsControls live/>
                </div>
                <AspectControls live/>
                <section class="console-picture" aria-labelledby="picture-heading">
                    <h2 id="picture-heading">{t::console_room_picture(l)}</h2>
                    <p class="picture-question">{field(|i| i.question.clone())}</p>
                    <RoomPicture view=live.view compact=true/>
                </section>
                <SecondLanguageControl live/>
                <SheetControl live secret/>
                <DeadlineControl live/>
                <RetentionControl secret/>
                <DeleteWorkshop secret title deleted/>
            </Show>
        </main>
    }
    .into_any()
}

/// The join code (large, for reading aloud), the join address, the QR code and the links.
#[component]
fn JoinPanel(info: Memo<Option<WorkshopInfo>>, secret: Memo<String>) -> impl IntoView {
    let join_origin = use_join_origin();
    let origin = use_origin();
    let code = move || info.with(|i| i.as_ref().map(|i| i.join_code.clone()).unwrap_or_default());
    let link_origin =
        move || join_origin.with(|j| j.as_ref().map(|j| j.origin.clone())).unwrap_or_else(|| origin.get());
    let loopback = move || join_origin.with(|j| j.as_ref().is_some_and(|j| j.loopback));
    let l = use_lang();
    view! {
        <section class="join-panel" aria-labelledby="join-heading">
            <h2 id="join-heading">{t::console_join_heading(l)}</h2>
            <p class="join-code" role="group" aria-label=t::console_join_code(l)>{code}</p>
            <p class="join-url">{move || join_url(&link_origin(), &code())}</p>
            {move || loopback().then(|| view! { <p class="join-warning" role="alert">{t::console_loopback_warning(l)}</p> })}
            <img class="join-qr" src=move || urls::qr(&code()) alt=t::console_join_qr(l)/>
            <nav class="console-links" aria-label=t::console_links(l)>
                <a
                    class="button"
                    href=move || info.with(|i| i.as_ref().map(|i| urls::projector_page(i.id)))
                    target="_blank"
                >
                    {t::console_projector_view(l)}
                </a>
                <a class="button" href=move || urls::placements_csv(&secret.get()) download="">
                    {t::console_download_placements(l)}
                </a>
                <a class="button" href=move || urls::facilitator_export(&secret.get()) download="">
                    {t::console_download_all(l)}
                </a>
                <a class="button" href=move || urls::facilitator_qdpx(&secret.get()) download="">
                    {t::console_download_nvivo(l)}
                </a>
                // The same exercise at another site: this workshop's set-up as a file for `/new`.
                <a class="button" href=move || urls::facilitator_template(&secret.get()) download="">
                    {t::console_save_template(l)}
                </a>
                // A page of the server's own, not of this app: the browser loads it. One per
                // language, each named in its own ("Room report", "Adroddiad yr ystafell").
                {Lang::offered()
                    .map(|lang| {
                        view! {
                            <a
                                class="button"
                                href=move || format!("{}?lang={}", urls::facilitator_report(&secret.get()), lang.code())
                                rel="external"
                                lang=lang.code()
                                hreflang=lang.code()
                            >
                                {t::console_room_report(lang)}
                            </a>
                        }
                    })
                    .collect_view()}
            </nav>
        </section>
    }
    .into_any()
}
