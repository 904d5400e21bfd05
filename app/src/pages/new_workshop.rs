//! `/new`: the facilitator sets up a workshop in two minutes, from scratch, from a template
//! file, or from an earlier workshop of this server ([`start_from`]).
//!
//! - [`check`]: the server's rules, run on the form before it is sent.
//! - [`start_from`]: "Start from a template file" and "Start from an earlier workshop".

mod check;
mod start_from;

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use uuid::Uuid;

use crate::api::calls;
use crate::api::{ApiError, NewWorkshop, TemplateRef, WorkshopTemplate};
use crate::browser;
use crate::domain::session::{MAX_MIN_PAIRS, MIN_PAIRS_LABEL, SWITCHES, Switch, parse_min_pairs};
use crate::domain::validate::{ASPECT_MAX, MAX_ASPECTS, POLE_MAX, QUESTION_MAX, SITE_MAX, TITLE_MAX};
use crate::domain::{DEFAULT_ASPECTS, DEFAULT_LEFT_POLE, DEFAULT_QUESTION, DEFAULT_RIGHT_POLE, Settings};
pub use check::check_form;
use check::{bad_setting, error_place, focus_id};
use start_from::{StartFrom, set_field_value};

#[derive(Clone, Copy)]
struct AspectItem {
    key: usize,
    text: RwSignal<String>,
    /// The template aspect this row was loaded from: it stays with the row whatever is typed
    /// into it, and leaves with it when the row is removed.
    template_aspect_id: Option<Uuid>,
}

impl AspectItem {
    fn new(key: usize, text: &str, template_aspect_id: Option<Uuid>) -> AspectItem {
        AspectItem { key, text: RwSignal::new(text.to_string()), template_aspect_id }
    }
}

#[component]
pub fn NewWorkshopPage() -> impl IntoView {
    let title = RwSignal::new(String::new());
    let site = RwSignal::new(String::new());
    let question = RwSignal::new(DEFAULT_QUESTION.to_string());
    let left_pole = RwSignal::new(DEFAULT_LEFT_POLE.to_string());
    let right_pole = RwSignal::new(DEFAULT_RIGHT_POLE.to_string());
    let aspects = RwSignal::new(
        DEFAULT_ASPECTS.iter().enumerate().map(|(key, text)| AspectItem::new(key, text, None)).collect::<Vec<_>>(),
    );
    let next_key = StoredValue::new(DEFAULT_ASPECTS.len());
    let settings = RwSignal::new(Settings::default());
    let threshold = RwSignal::new(Settings::default().min_pairs.to_string());
    // The template the form was filled from, if any.
    let template_id = RwSignal::new(None::<Uuid>);
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let hydrated = crate::components::use_hydrated();
    let invalid =
        move |field: &'static str| move || error.with(|e| e.as_ref().and_then(|e| e.field.as_deref()) == Some(field));
    // The one alert, next to what it is about.
    let message_at = move |place: &'static str| {
        move || {
            error.with(|e| {
                e.as_ref().filter(|e| error_place(e.field.as_deref()) == place).map(|e| {
                    view! { <p role="alert" class="form-error" id="form-error">{e.error.clone()}</p> }
                })
            })
        }
    };
    let described = move |field: &'static str| move || invalid(field)().then_some("form-error");

    let add = move |_: leptos::ev::MouseEvent| {
        if aspects.with_untracked(Vec::len) >= MAX_ASPECTS {
            return;
        }
        let key = next_key.get_value();
        next_key.set_value(key + 1);
        aspects.update(|list| list.push(AspectItem::new(key, "", None)));
        browser::focus_later(format!("aspect-{key}"));
    };
    let move_by = move |key: usize, up: bool| {
        aspects.update(|list| {
            let Some(i) = list.iter().position(|a| a.key == key) else { return };
            let j = if up { i.checked_sub(1) } else { Some(i + 1).filter(|j| *j < list.len()) };
            if let Some(j) = j {
                list.swap(i, j);
            }
        });
        browser::focus_later(format!("aspect-{key}-{}", if up { "up" } else { "down" }));
    };
    let remove = move |key: usize| {
        let mut next_focus = "add-aspect".to_string();
        aspects.update(|list| {
            if let Some(i) = list.iter().position(|a| a.key == key) {
                list.remove(i);
                if let Some(next) = list.get(i).or_else(|| i.checked_sub(1).and_then(|p| list.get(p))) {
                    next_focus = format!("aspect-{}-remove", next.key);
                }
            }
        });
        browser::focus_later(next_focus);
    };

    // Fills the form from a template: every field but the site, in the signals and in the
    // page's fields (which are what is sent).
    let load_template = Callback::new(move |t: WorkshopTemplate| {
        for (id, signal, value) in [
            ("title", title, &t.title),
            ("question", question, &t.question),
            ("left-pole", left_pole, &t.left_pole),
            ("right-pole", right_pole, &t.right_pole),
        ] {
            signal.set(value.clone());
            set_field_value(id, value);
        }
        let first = next_key.get_value();
        next_key.set_value(first + t.aspects.len());
        aspects.set(
            t.aspects.iter().enumerate().map(|(i, a)| AspectItem::new(first + i, &a.text, Some(a.aspect_id))).collect(),
        );
        settings.set(t.settings);
        threshold.set(t.settings.min_pairs.to_string());
        set_field_value("min-pairs", &t.settings.min_pairs.to_string());
        template_id.set(Some(t.template_id));
        browser::focus_later("site".into());
    });

    // What is in a field now: the page's own value (which includes anything typed before the
    // WebAssembly hydrated the page), else the signal that mirrors it.
    let typed = |id: &str, signal: RwSignal<String>| browser::field_value(id).unwrap_or_else(|| signal.get_untracked());
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let show = move |e: ApiError| {
            let id = focus_id(error_place(e.field.as_deref()));
            error.set(Some(e));
            browser::focus_later(id.into());
        };
        let min_pairs = match parse_min_pairs(&typed("min-pairs", threshold)) {
            Ok(n) => n,
            Err(e) => return show(bad_setting(e)),
        };
        let rows = aspects.get_untracked();
        let form = NewWorkshop {
            title: typed("title", title),
            site: typed("site", site),
            question: typed("question", question),
            left_pole: typed("left-pole", left_pole),
            right_pole: typed("right-pole", right_pole),
            aspects: rows.iter().map(|a| typed(&format!("aspect-{}", a.key), a.text)).collect(),
            settings: Some(Settings { min_pairs, ..settings.get_untracked() }),
            template: template_id.get_untracked().map(|template_id| TemplateRef {
                template_id,
                aspect_ids: rows.iter().map(|a| a.template_aspect_id).collect(),
            }),
        };
        let body = match check_form(&form) {
            Ok(body) => body,
            Err(e) => return show(e),
        };
        busy.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            match calls::create_workshop(&body).await {
                Ok(created) => browser::go_to(&created.console_path),
                Err(refused) => {
                    busy.set(false);
                    show(refused.error());
                }
            }
        });
    };

    let text_field = move |id: &'static str, label: &'static str, signal: RwSignal<String>, max: usize| {
        view! {
            <div class="field">
                <label for=id>{label}</label>
                <input
                    type="text"
                    id=id
                    maxlength=max.to_string()
                    value=signal.get_untracked()
                    aria-invalid=move || invalid(label)().then_some("true")
                    aria-describedby=described(label)
                    on:input=move |ev| signal.set(event_target_value(&ev))
                />
                {message_at(label)}
            </div>
        }
    };

    let switch = move |(i, switch): (usize, Switch)| {
        view! {
            <label class="check">
                <input
                    type="checkbox"
                    id=format!("setting-{i}")
                    prop:checked=move || settings.with(|s| (switch.get)(s))
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        settings.update(|s| (switch.set)(s, on));
                    }
                />
                {switch.label}
            </label>
        }
    };

    view! {
        <main class="page new-workshop">
            <h1>"New workshop"</h1>
            <StartFrom on_load=load_template error/>
            <form class="stack" novalidate on:submit=submit>
                {text_field("title", "Title", title, TITLE_MAX)}
                {text_field("site", "Site", site, SITE_MAX)}
                <div class="field">
                    <label for="question">"Question"</label>
                    <textarea
                        id="question"
                        rows="3"
                        maxlength=QUESTION_MAX.to_string()
                        aria-invalid=move || invalid("Question")().then_some("true")
                        aria-describedby=described("Question")
                        on:input=move |ev| question.set(event_target_value(&ev))
                    >
                        {DEFAULT_QUESTION}
                    </textarea>
                    {message_at("Question")}
                </div>
                <div class="field-pair">
                    {text_field("left-pole", "Left pole", left_pole, POLE_MAX)}
                    {text_field("right-pole", "Right pole", right_pole, POLE_MAX)}
                </div>
                <fieldset class="aspects">
                    <legend id="aspects-legend" tabindex="-1">"Aspects"</legend>
                    <p class="hint">"Each aspect becomes a post-it that every pair places. Pairs see them in this order."</p>
                    <ol class="aspect-list" id="aspect-list">
                        <ForEnumerate
                            each=move || aspects.get()
                            key=|a| a.key
                            children=move |index, item| {
                                let n = move || index.get() + 1;
                                let key = item.key;
                                view! {
                                    <li class="aspect-item">
                                        <input
                                            type="text"
                                            id=format!("aspect-{key}")
                                            aria-label=move || format!("Aspect {}", n())
                                            maxlength=ASPECT_MAX.to_string()
                                            value=item.text.get_untracked()
                                            aria-invalid=move || invalid("Aspects")().then_some("true")
                                            on:input=move |ev| item.text.set(event_target_value(&ev))
                                        />
                                        <button type="button" class="small" id=format!("aspect-{key}-up")
                                            aria-label=move || format!("Move aspect {} up", n())
                                            on:click=move |_| move_by(key, true)>
                                            <span aria-hidden="true">"↑ "</span>"Up"
                                        </button>
                                        <button type="button" class="small" id=format!("aspect-{key}-down")
                                            aria-label=move || format!("Move aspect {} down", n())
                                            on:click=move |_| move_by(key, false)>
                                            <span aria-hidden="true">"↓ "</span>"Down"
                                        </button>
                                        <button type="button" class="small danger" id=format!("aspect-{key}-remove")
                                            aria-label=move || format!("Remove aspect {}", n())
                                            on:click=move |_| remove(key)>
                                            "Remove"
                                        </button>
                                    </li>
                                }
                            }
                        />
                    </ol>
                    {message_at("Aspects")}
                    <button
                        type="button"
                        id="add-aspect"
                        disabled=move || { !hydrated.get() || aspects.with(Vec::len) >= MAX_ASPECTS }
                        on:click=add
                    >
                        "Add aspect"
                    </button>
                </fieldset>
                <fieldset class="settings new-settings">
                    <legend>"Session settings"</legend>
                    <p class="hint">"The defaults suit most sessions; you can change them on the console at any time."</p>
                    {SWITCHES.into_iter().enumerate().map(switch).collect_view()}
                    <div class="field min-pairs-field">
                        <label for="min-pairs">{MIN_PAIRS_LABEL}</label>
                        <input
                            type="number"
                            id="min-pairs"
                            min="1"
                            max=MAX_MIN_PAIRS.to_string()
                            step="1"
                            value=threshold.get_untracked()
                            aria-invalid=move || invalid(MIN_PAIRS_LABEL)().then_some("true")
                            aria-describedby=move || {
                                if invalid(MIN_PAIRS_LABEL)() { "form-error" } else { "min-pairs-hint" }
                            }
                            on:input=move |ev| threshold.set(event_target_value(&ev))
                        />
                        <p class="hint" id="min-pairs-hint">
                            "The projector shows an aspect's dots only once at least this many pairs placed it."
                        </p>
                        {message_at(MIN_PAIRS_LABEL)}
                    </div>
                </fieldset>
                {message_at("form")}
                <button type="submit" id="create-workshop" class="primary" disabled=move || busy.get() || !hydrated.get()>
                    {move || if busy.get() { "Creating…" } else { "Create workshop" }}
                </button>
            </form>
        </main>
    }
    .into_any()
}
