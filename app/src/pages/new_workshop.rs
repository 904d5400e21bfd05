//! `/new`: the facilitator sets up a workshop in two minutes.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use crate::api::calls;
use crate::api::{ApiError, NewWorkshop};
use crate::browser;
use crate::domain::session::{BadSetting, MAX_MIN_PAIRS, MIN_PAIRS_LABEL, SWITCHES, Switch, parse_min_pairs};
use crate::domain::validate::{
    ASPECT_MAX, InvalidInput, MAX_ASPECTS, POLE_MAX, QUESTION_MAX, SITE_MAX, TITLE_MAX, clean_aspects, clean_text,
};
use crate::domain::{DEFAULT_ASPECTS, DEFAULT_LEFT_POLE, DEFAULT_QUESTION, DEFAULT_RIGHT_POLE, Settings};

/// Checks the form with the same rules the server applies, so most mistakes are shown without
/// a round trip. The error names the field by its visible label, like the server's.
pub fn check_form(form: &NewWorkshop) -> Result<NewWorkshop, ApiError> {
    fn fail(field: &'static str) -> impl Fn(InvalidInput) -> ApiError {
        move |e| ApiError { error: e.to_string(), field: Some(field.to_string()) }
    }
    Ok(NewWorkshop {
        title: clean_text("Title", &form.title, TITLE_MAX).map_err(fail("Title"))?,
        site: clean_text("Site", &form.site, SITE_MAX).map_err(fail("Site"))?,
        question: clean_text("Question", &form.question, QUESTION_MAX).map_err(fail("Question"))?,
        left_pole: clean_text("Left pole", &form.left_pole, POLE_MAX).map_err(fail("Left pole"))?,
        right_pole: clean_text("Right pole", &form.right_pole, POLE_MAX).map_err(fail("Right pole"))?,
        aspects: clean_aspects(&form.aspects).map_err(fail("Aspects"))?,
        settings: form.settings.map(|s| s.check().map(|()| s).map_err(bad_setting)).transpose()?,
    })
}

fn bad_setting(e: BadSetting) -> ApiError {
    ApiError { error: e.message, field: Some(e.field.to_string()) }
}

/// The labels of the form's fields, as the server names them in [`ApiError::field`].
const FIELDS: [&str; 7] = ["Title", "Site", "Question", "Left pole", "Right pole", "Aspects", MIN_PAIRS_LABEL];

/// Where an error about `field` is shown and what gets focus: the field's label when it is one
/// of ours, otherwise the whole form (message above the submit button).
fn error_place(field: Option<&str>) -> &'static str {
    FIELDS.into_iter().find(|f| Some(*f) == field).unwrap_or("form")
}

/// The DOM id to focus for an error shown at `place`.
fn focus_id(place: &str) -> &'static str {
    match place {
        "Title" => "title",
        "Site" => "site",
        "Question" => "question",
        "Left pole" => "left-pole",
        "Right pole" => "right-pole",
        "Aspects" => "aspects-legend",
        MIN_PAIRS_LABEL => "min-pairs",
        _ => "create-workshop",
    }
}

#[derive(Clone, Copy)]
struct AspectItem {
    key: usize,
    text: RwSignal<String>,
}

#[component]
pub fn NewWorkshopPage() -> impl IntoView {
    let title = RwSignal::new(String::new());
    let site = RwSignal::new(String::new());
    let question = RwSignal::new(DEFAULT_QUESTION.to_string());
    let left_pole = RwSignal::new(DEFAULT_LEFT_POLE.to_string());
    let right_pole = RwSignal::new(DEFAULT_RIGHT_POLE.to_string());
    let aspects = RwSignal::new(
        DEFAULT_ASPECTS
            .iter()
            .enumerate()
            .map(|(key, text)| AspectItem { key, text: RwSignal::new(text.to_string()) })
            .collect::<Vec<_>>(),
    );
    let next_key = StoredValue::new(DEFAULT_ASPECTS.len());
    let settings = RwSignal::new(Settings::default());
    let threshold = RwSignal::new(Settings::default().min_pairs.to_string());
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
        aspects.update(|list| list.push(AspectItem { key, text: RwSignal::new(String::new()) }));
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
        let form = NewWorkshop {
            title: typed("title", title),
            site: typed("site", site),
            question: typed("question", question),
            left_pole: typed("left-pole", left_pole),
            right_pole: typed("right-pole", right_pole),
            aspects: aspects.get_untracked().iter().map(|a| typed(&format!("aspect-{}", a.key), a.text)).collect(),
            settings: Some(Settings { min_pairs, ..settings.get_untracked() }),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> NewWorkshop {
        NewWorkshop {
            title: " Knowledge exchange ".into(),
            site: "Site 3".into(),
            question: DEFAULT_QUESTION.into(),
            left_pole: DEFAULT_LEFT_POLE.into(),
            right_pole: DEFAULT_RIGHT_POLE.into(),
            aspects: vec!["A".into(), "  ".into(), "B".into()],
            settings: Some(Settings { live_wall: true, min_pairs: 2, ..Settings::default() }),
        }
    }

    #[test]
    fn a_good_form_is_cleaned() {
        let ok = check_form(&form()).unwrap();
        assert_eq!(ok.title, "Knowledge exchange");
        assert_eq!(ok.aspects, vec!["A".to_string(), "B".to_string()]);
    }

    #[test]
    fn errors_name_the_field_by_its_label() {
        let mut f = form();
        f.site = " ".into();
        assert_eq!(check_form(&f).unwrap_err().field.as_deref(), Some("Site"));
        let mut f = form();
        f.aspects = vec!["Same".into(), "same".into()];
        let e = check_form(&f).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("Aspects"));
        assert!(e.error.contains("appears twice"), "{}", e.error);
        assert_eq!(error_place(Some("Right pole")), "Right pole");
        assert_eq!(focus_id(error_place(Some("Aspects"))), "aspects-legend");
        assert_eq!(error_place(None), "form");
        assert_eq!(error_place(Some("Something else")), "form");
    }

    #[test]
    fn settings_are_checked_like_the_console_and_errors_point_at_the_threshold() {
        let ok = check_form(&form()).unwrap();
        assert_eq!(ok.settings, Some(Settings { live_wall: true, min_pairs: 2, ..Settings::default() }));
        let mut f = form();
        f.settings = None;
        assert_eq!(check_form(&f).unwrap().settings, None, "left out stays left out: the server's defaults");
        f.settings = Some(Settings { min_pairs: 0, ..Settings::default() });
        let e = check_form(&f).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("Privacy threshold (pairs)"));
        assert_eq!(e.error, "Privacy threshold: a whole number of pairs from 1 to 20.");
        assert_eq!(focus_id(error_place(e.field.as_deref())), "min-pairs");
    }
}
