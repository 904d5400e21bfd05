//! `/research/replay/{id}`: a time slider over a workshop's event log. Each moment shows the
//! room's picture as it was then (every placement, see [`researcher_picture`]), the phase and
//! round, the time and the change that led to it, so researchers can study how positions moved
//! during the discussion.
//!
//! The answer of `GET /api/research/workshops/{id}/replay` is read once, in the browser (the
//! `ds_admin` cookie signs it); a [`Player`] then moves between moments without replaying from
//! the start on every move, so logs of a hundred thousand changes stay responsive.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use uuid::Uuid;

use crate::api::ApiError;
use crate::api::{Refused, calls};
use crate::components::field::Field;
use crate::components::room_picture::RoomPicture;
use crate::domain::RoomView;
use crate::domain::replay::{Player, researcher_picture};
use crate::domain::session::phase_name;
use crate::i18n::{Lang, t, use_lang};

/// How often "Play" steps to the next change (about four changes a second).
const PLAY_STEP_MS: u64 = 250;

/// Where the page is with its one request.
#[derive(Clone, Debug, PartialEq)]
enum Load {
    /// Waiting for the answer (and on the server-rendered page).
    Loading,
    /// 401: not signed in, or the admin key changed.
    SignedOut,
    /// Any other refusal, or a network error.
    Failed(ApiError),
    /// The replay is here.
    Ready,
}

/// The signals of the page, copied into every handler.
#[derive(Clone, Copy)]
struct Page {
    /// The page's language.
    l: Lang,
    load: RwSignal<Load>,
    player: StoredValue<Option<Player>>,
    /// Title, site and date, once loaded.
    heading: RwSignal<Option<(String, String, String)>>,
    /// The last moment (the number of changes).
    last: RwSignal<usize>,
    /// The moment shown: 0 is before any change, `last` after the last one.
    moment: RwSignal<usize>,
    /// The state at that moment.
    view: RwSignal<Option<RoomView>>,
    /// "14:03:27 UTC · 12:05 after the first change: Pair A placed “…” at 62".
    said: RwSignal<String>,
    /// Whether "Play" is running.
    playing: RwSignal<bool>,
}

impl Page {
    /// Reads the replay and shows moment 0.
    async fn load(self, id: Uuid) {
        match calls::replay(id).await {
            Ok(replay) => {
                let w = &replay.start.workshop;
                self.heading.set(Some((w.title.clone(), w.site.clone(), replay.date.clone())));
                let player = Player::new(replay);
                self.last.set(player.len());
                self.player.set_value(Some(player));
                self.go(0);
                self.load.set(Load::Ready);
            }
            Err(Refused::SignedOut) => self.load.set(Load::SignedOut),
            Err(refused) => self.load.set(Load::Failed(refused.error_in(self.l))),
        }
    }

    /// Shows moment `k` (clamped to the last).
    fn go(self, k: usize) {
        let shown = self.player.try_update_value(|player| {
            let player = player.as_mut()?;
            let view = player.seek(k).clone();
            let replay = player.replay();
            let said = match (replay.moment_time(player.moment(), self.l), player.description(self.l)) {
                (Some((clock, since)), Some(change)) => format!("{clock} · {since}: {change}"),
                _ => t::replay_before_any_change(self.l).to_string(),
            };
            Some((player.moment(), view, said))
        });
        if let Some(Some((moment, view, said))) = shown {
            self.moment.set(moment);
            self.view.set(Some(view));
            self.said.set(said);
        }
    }

    /// One step of "Play": the next change, stopping after the last.
    fn tick(self) {
        let next = self.moment.get_untracked() + 1;
        if next > self.last.get_untracked() {
            self.playing.set(false);
        } else {
            self.go(next);
            if next == self.last.get_untracked() {
                self.playing.set(false);
            }
        }
    }
}

#[component]
pub fn ReplayPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id")).and_then(|id| Uuid::parse_str(&id).ok()));
    let l = use_lang();
    let page = Page {
        l,
        load: RwSignal::new(Load::Loading),
        player: StoredValue::new(None),
        heading: RwSignal::new(None),
        last: RwSignal::new(0),
        moment: RwSignal::new(0),
        view: RwSignal::new(None),
        said: RwSignal::new(String::new()),
        playing: RwSignal::new(false),
    };
    // Effects run only in the browser, once hydrated.
    Effect::new(move |_| match id.get() {
        Some(id) => leptos::task::spawn_local(page.load(id)),
        None => page.load.set(Load::Failed(ApiError { error: t::replay_incomplete_link(l).into(), field: None })),
    });
    play_while_playing(page);

    view! {
        <main class="page research replay">
            <p><a href="/research">{t::research_back(l)}</a></p>
            {move || match page.load.get() {
                Load::Loading => view! {
                    <h1>{t::research_replay(l)}</h1>
                    <p class="hint">{t::replay_loading(l)}</p>
                }
                .into_any(),
                Load::SignedOut => view! {
                    <h1>{t::research_replay(l)}</h1>
                    <p role="alert" class="form-error">
                        {t::research_needs_key(l)}
                        <a href="/research">{t::research_sign_in_at(l)}</a>
                        {t::replay_open_again(l)}
                    </p>
                }
                .into_any(),
                Load::Failed(e) => view! {
                    <h1>{t::research_replay(l)}</h1>
                    <p role="alert" class="form-error">{e.error}</p>
                }
                .into_any(),
                Load::Ready => view! { <Slider page/> }.into_any(),
            }}
        </main>
    }
    .into_any()
}

/// While `page.playing`, steps every [`PLAY_STEP_MS`] (browser only).
fn play_while_playing(page: Page) {
    #[cfg(feature = "hydrate")]
    {
        let handle = StoredValue::new(None::<IntervalHandle>);
        let stop = move || {
            if let Some(h) = handle.try_update_value(Option::take).flatten() {
                h.clear();
            }
        };
        Effect::new(move |_| {
            stop();
            if page.playing.get() {
                let every = std::time::Duration::from_millis(PLAY_STEP_MS);
                if let Ok(h) = set_interval_with_handle(move || page.tick(), every) {
                    handle.set_value(Some(h));
                }
            }
        });
        on_cleanup(stop);
    }
    // Nothing plays on the server.
    #[cfg(not(feature = "hydrate"))]
    let _ = (page, PLAY_STEP_MS, Page::tick);
}

/// The heading, the controls and the picture of the moment.
#[component]
fn Slider(page: Page) -> impl IntoView {
    let l = page.l;
    let picture = Memo::new(move |_| page.view.with(|v| v.as_ref().map(researcher_picture)));
    let heading = move |part: usize| {
        page.heading
            .with(|h| h.as_ref().map(|(title, site, date)| [title, site, date][part].clone()).unwrap_or_default())
    };
    let phase = move || page.view.with(|v| v.as_ref().map(|v| (phase_name(l, v.phase), v.round)));
    let at_start = move || page.moment.get() == 0;
    let at_end = move || page.moment.get() >= page.last.get();
    let step = move |forward: bool| {
        page.playing.set(false);
        let k = page.moment.get_untracked();
        page.go(if forward { k + 1 } else { k.saturating_sub(1) });
    };
    let play = move |_| {
        if page.playing.get_untracked() {
            page.playing.set(false);
        } else {
            if page.moment.get_untracked() >= page.last.get_untracked() {
                page.go(0);
            }
            page.playing.set(true);
        }
    };
    view! {
        <h1>{move || heading(0)}</h1>
        <p class="replay-meta">{move || heading(1)} " · " {move || heading(2)}</p>
        <section class="replay-controls" aria-label=t::replay_time(l)>
            <Field id="replay-moment" label=t::replay_moment(l)>
                <input
                    type="range"
                    id="replay-moment"
                    min="0"
                    max=move || page.last.get().to_string()
                    step="1"
                    prop:value=move || page.moment.get().to_string()
                    aria-valuetext=move || t::replay_changes_of(l, page.moment.get(), page.last.get())
                    on:input=move |ev| {
                        page.playing.set(false);
                        if let Ok(k) = event_target_value(&ev).parse::<usize>() {
                            page.go(k);
                        }
                    }
                />
                <p class="hint">{move || t::replay_change_of(l, page.moment.get(), page.last.get())}</p>
            </Field>
            <div class="replay-buttons">
                <button type="button" id="replay-previous" disabled=at_start on:click=move |_| step(false)>
                    {t::replay_previous(l)}
                </button>
                <button type="button" id="replay-next" disabled=at_end on:click=move |_| step(true)>
                    {t::replay_next(l)}
                </button>
                <button type="button" id="replay-play" class="primary" on:click=play>
                    {move || if page.playing.get() { t::replay_pause(l) } else { t::replay_play(l) }}
                </button>
            </div>
            <output id="replay-said" for="replay-moment" aria-live="polite">{move || page.said.get()}</output>
            <p class="replay-phase" id="replay-phase">
                {move || phase().map(|(name, round)| t::replay_phase(l, name, round))}
            </p>
        </section>
        <RoomPicture view=picture/>
    }
    .into_any()
}
