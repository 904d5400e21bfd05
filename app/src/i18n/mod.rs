//! Every screen's words in the language each device chose.
//!
//! - The catalogs are `app/locales/<language>.ftl` (Project Fluent); `build.rs` compiles them
//!   into [`t`], one function per message (`join-title` → `t::join_title(lang)`), checking that
//!   every catalog has every message and uses only the variables the code gives.
//! - A device's language ([`Lang`]) is chosen, in order, by `?lang=` in the address, the
//!   `lang` cookie (set when the device chose), and the browser's `Accept-Language`
//!   ([`choose`]). The server renders the page in it and writes it into `<html lang dir>`; the
//!   browser reads it back from there when it hydrates ([`provide_lang`]), so both render the
//!   same words. Switching ([`switch::LanguageSwitch`]) is a link that reloads the page in the
//!   other language.
//! - Plural categories follow CLDR: on the server `intl_pluralrules`, in the browser its own
//!   `Intl.PluralRules` (no rules table in the WebAssembly).

pub mod switch;

include!(concat!(env!("OUT_DIR"), "/messages.rs"));

/// A language of the catalogs, by its index in [`LANGUAGES`] (0 is English, the reference
/// and fallback).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Lang(pub(crate) u8);

/// What a catalog says of itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Language {
    /// BCP 47 code, the catalog's file name (`cy`).
    pub code: &'static str,
    /// Its name in its own language (`Cymraeg`).
    pub name: &'static str,
    /// Written right to left.
    pub rtl: bool,
    /// Its decimal separator.
    pub decimal: &'static str,
    /// A pseudo-language for tests (`ar-XB`: English words laid out right to left): never
    /// offered, opened only by its exact code.
    pub pseudo: bool,
}

/// The name of the cookie that remembers a device's choice, and of the address parameter.
pub const COOKIE: &str = "lang";

impl Lang {
    /// Every language, English first, the test pseudo-language included.
    pub fn all() -> impl Iterator<Item = Lang> {
        (0..LANGUAGES.len() as u8).map(Lang)
    }

    /// The first offered language that is not this one (what a second language starts as).
    pub fn other(self) -> Lang {
        Lang::offered().find(|l| *l != self).unwrap_or(self)
    }

    /// The languages offered to people: the switch's, and those `Accept-Language` can choose.
    pub fn offered() -> impl Iterator<Item = Lang> {
        Lang::all().filter(|l| !l.info().pseudo)
    }

    fn info(self) -> &'static Language {
        &LANGUAGES[usize::from(self.0).min(LANGUAGES.len() - 1)]
    }

    /// `en`, `cy`.
    pub fn code(self) -> &'static str {
        self.info().code
    }

    /// Its own name.
    pub fn name(self) -> &'static str {
        self.info().name
    }

    /// `ltr` or `rtl`, for `dir`.
    pub fn dir(self) -> &'static str {
        if self.info().rtl { "rtl" } else { "ltr" }
    }

    /// The language with this code (`cy`, `CY`, `cy-GB`), if there is a catalog for it.
    pub fn from_code(code: &str) -> Option<Lang> {
        let code = code.trim();
        let primary = code.split(['-', '_']).next().unwrap_or_default();
        Lang::all()
            .find(|l| l.code().eq_ignore_ascii_case(code))
            .or_else(|| Lang::offered().find(|l| l.code().eq_ignore_ascii_case(primary)))
    }

    /// The best language for an `Accept-Language` header (quality values honoured), if any
    /// has a catalog.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        let mut ranges: Vec<(f32, usize, &str)> = header
            .split(',')
            .enumerate()
            .filter_map(|(i, part)| {
                let mut bits = part.split(';');
                let tag = bits.next()?.trim();
                let q = bits
                    .find_map(|b| b.trim().strip_prefix("q="))
                    .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())?;
                (q > 0.0 && !tag.is_empty() && tag != "*").then_some((q, i, tag))
            })
            .collect();
        ranges.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        ranges.into_iter().find_map(|(_, _, tag)| Lang::from_code(tag).filter(|l| !l.info().pseudo))
    }
}

/// A device's language: `?lang=` (`query_lang`), else the cookie, else `Accept-Language`,
/// else English.
pub fn choose(query_lang: Option<&str>, cookie: Option<&str>, accept_language: Option<&str>) -> Lang {
    query_lang
        .and_then(Lang::from_code)
        .or_else(|| cookie.and_then(Lang::from_code))
        .or_else(|| accept_language.and_then(Lang::from_accept_language))
        .unwrap_or_default()
}

/// The value of `lang=` in a query string (`a=1&lang=cy`), if there is one.
pub fn query_lang(query: &str) -> Option<&str> {
    query.split('&').find_map(|pair| pair.strip_prefix("lang="))
}

/// The language a request asks for, from its query string, its `Cookie` header and its
/// `Accept-Language` header ([`choose`]).
pub fn of_request(query: Option<&str>, cookie_header: Option<&str>, accept_language: Option<&str>) -> Lang {
    choose(query.and_then(query_lang), cookie_header.and_then(|c| cookie_value(c, COOKIE)), accept_language)
}

/// The value of the cookie `name` in a `Cookie` header.
pub fn cookie_value<'a>(header: &'a str, name: &str) -> Option<&'a str> {
    header.split(';').find_map(|pair| {
        let (key, value) = pair.split_once('=')?;
        (key.trim() == name).then(|| value.trim())
    })
}

/// The `Set-Cookie` value that remembers `lang` on this device for a year.
pub fn remember_cookie(lang: Lang) -> String {
    format!("{COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax", lang.code())
}

/// A CLDR plural category.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Plural {
    Zero,
    One,
    Two,
    Few,
    Many,
    Other,
}

#[cfg(target_arch = "wasm32")]
impl Plural {
    fn from_name(name: &str) -> Plural {
        match name {
            "zero" => Plural::Zero,
            "one" => Plural::One,
            "two" => Plural::Two,
            "few" => Plural::Few,
            "many" => Plural::Many,
            _ => Plural::Other,
        }
    }
}

/// The cardinal plural category of `n` in `lang`.
#[cfg(not(target_arch = "wasm32"))]
pub fn plural(lang: Lang, n: f64) -> Plural {
    use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};
    use std::sync::OnceLock;
    static RULES: OnceLock<Vec<Option<PluralRules>>> = OnceLock::new();
    let rules = RULES.get_or_init(|| {
        Lang::all()
            .map(|l| {
                let id: unic_langid::LanguageIdentifier = l.code().parse().ok()?;
                PluralRules::create(id, PluralRuleType::CARDINAL).ok()
            })
            .collect()
    });
    let Some(Some(rules)) = rules.get(usize::from(lang.0)) else { return Plural::Other };
    match rules.select(n) {
        Ok(PluralCategory::ZERO) => Plural::Zero,
        Ok(PluralCategory::ONE) => Plural::One,
        Ok(PluralCategory::TWO) => Plural::Two,
        Ok(PluralCategory::FEW) => Plural::Few,
        Ok(PluralCategory::MANY) => Plural::Many,
        _ => Plural::Other,
    }
}

/// The cardinal plural category of `n` in `lang`, by the browser's `Intl.PluralRules` (one
/// per language, made the first time it is asked for: a count on screen asks on every change).
#[cfg(target_arch = "wasm32")]
pub fn plural(lang: Lang, n: f64) -> Plural {
    thread_local! {
        static RULES: std::cell::RefCell<Vec<Option<js_sys::Intl::PluralRules>>> =
            const { std::cell::RefCell::new(Vec::new()) };
    }
    let name = RULES.with_borrow_mut(|rules| {
        let i = usize::from(lang.0);
        if rules.len() <= i {
            rules.resize(i + 1, None);
        }
        let rules = rules[i].get_or_insert_with(|| {
            js_sys::Intl::PluralRules::new(&js_sys::Array::of1(&lang.code().into()), &js_sys::Object::new())
        });
        String::from(rules.select(n))
    });
    Plural::from_name(&name)
}

/// Anything counted: the type of a message's number variables.
pub trait Count {
    fn count(self) -> f64;
}

macro_rules! counts {
    ($($t:ty),*) => {$(
        impl Count for $t {
            fn count(self) -> f64 {
                self as f64
            }
        }
    )*};
}
counts!(usize, u8, u16, u32, u64, i32, i64, f32, f64);

/// Writes `n` as `lang` writes numbers: whole numbers as they are, others with at most two
/// decimals and the language's decimal separator.
pub fn push_number(out: &mut String, lang: Lang, n: f64) {
    out.push_str(&number(lang, n));
}

/// `n` as `lang` writes it (see [`push_number`]).
pub fn number(lang: Lang, n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        return format!("{}", n as i64);
    }
    let text = format!("{:.2}", n);
    let text = text.trim_end_matches('0').trim_end_matches('.');
    text.replace('.', lang.info().decimal)
}

/// A day (`YYYY-MM-DD`) as `l` writes it in a sentence for people ("5 December 2026",
/// "5 Rhagfyr 2026"); anything else is given back as it is. Data (exports, the research
/// list, fields) keeps ISO days.
pub fn long_date(l: Lang, iso: &str) -> String {
    let mut parts = iso.splitn(3, '-');
    let (Some(year), Some(month), Some(day)) = (parts.next(), parts.next(), parts.next()) else {
        return iso.to_string();
    };
    let (Ok(year), Ok(month), Ok(day)) = (year.parse::<u32>(), month.parse::<u32>(), day.parse::<u32>()) else {
        return iso.to_string();
    };
    let months = [
        t::month_1,
        t::month_2,
        t::month_3,
        t::month_4,
        t::month_5,
        t::month_6,
        t::month_7,
        t::month_8,
        t::month_9,
        t::month_10,
        t::month_11,
        t::month_12,
    ];
    match months.get((month as usize).wrapping_sub(1)) {
        Some(name) if (1..=31).contains(&day) => t::date_long(l, day, name(l), year),
        _ => iso.to_string(),
    }
}

/// This page's language (what [`provide_lang`] put in the context; English outside a page).
pub fn use_lang() -> Lang {
    leptos::prelude::use_context::<Lang>().unwrap_or_default()
}

/// Puts the page's language in the context: on the server, chosen from the request
/// ([`choose`]; `?lang=` is remembered in the cookie); in the browser, read from `<html lang>`,
/// which the server wrote.
pub fn provide_lang() -> Lang {
    let lang = page_lang();
    leptos::prelude::provide_context(lang);
    lang
}

#[cfg(feature = "ssr")]
fn page_lang() -> Lang {
    use leptos::prelude::use_context;
    let Some(parts) = use_context::<http::request::Parts>() else { return Lang::default() };
    let header = |name: http::header::HeaderName| parts.headers.get(name).and_then(|v| v.to_str().ok());
    let query_lang = parts.uri.query().and_then(query_lang).and_then(Lang::from_code);
    let cookie = header(http::header::COOKIE).and_then(|c| cookie_value(c, COOKIE));
    let lang = of_request(parts.uri.query(), header(http::header::COOKIE), header(http::header::ACCEPT_LANGUAGE));
    if let Some(chosen) = query_lang
        && cookie.and_then(Lang::from_code) != Some(chosen)
        && let Some(response) = use_context::<leptos_axum::ResponseOptions>()
        && let Ok(value) = http::HeaderValue::from_str(&remember_cookie(chosen))
    {
        response.append_header(http::header::SET_COOKIE, value);
    }
    lang
}

#[cfg(all(feature = "hydrate", not(feature = "ssr")))]
fn page_lang() -> Lang {
    document_lang()
}

/// The language the page was rendered in, from `<html lang>` (for code that runs outside any
/// reactive owner, such as the API calls' own sentences); English outside a browser.
pub fn document_lang() -> Lang {
    #[cfg(feature = "hydrate")]
    {
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
            .and_then(|html| html.get_attribute("lang"))
            .and_then(|code| Lang::from_code(&code))
            .unwrap_or_default()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        Lang::default()
    }
}

#[cfg(not(any(feature = "ssr", feature = "hydrate")))]
fn page_lang() -> Lang {
    Lang::default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn welsh_has_six_plural_categories() {
        let cy = Lang::CY;
        let seen: Vec<Plural> = [0.0, 1.0, 2.0, 3.0, 6.0, 7.0].into_iter().map(|n| plural(cy, n)).collect();
        assert_eq!(seen, [Plural::Zero, Plural::One, Plural::Two, Plural::Few, Plural::Many, Plural::Other]);
        assert_eq!(plural(Lang::EN, 1.0), Plural::One);
        assert_eq!(plural(Lang::EN, 0.0), Plural::Other);
    }

    #[test]
    fn welsh_counts_use_each_form() {
        let cy = Lang::CY;
        let texts: Vec<String> = [0, 1, 2, 3, 6, 7].into_iter().map(|n| t::changes_not_saved(cy, n)).collect();
        // Six different sentences, one per category, each with its number.
        let distinct: std::collections::BTreeSet<&String> = texts.iter().collect();
        assert_eq!(distinct.len(), 6, "{texts:?}");
        for (n, text) in [0, 1, 2, 3, 6, 7].into_iter().zip(&texts) {
            assert!(text.contains(&n.to_string()), "{text}");
        }
        assert_eq!(t::changes_not_saved(Lang::EN, 1), "1 change not yet saved");
        assert_eq!(t::changes_not_saved(Lang::EN, 3), "3 changes not yet saved");
    }

    #[test]
    fn english_counts_say_one_pair_and_two_pairs() {
        assert_eq!(t::spotlight_placed(Lang::EN, 1), "1 pair placed it");
        assert_eq!(t::spotlight_placed(Lang::EN, 2), "2 pairs placed it");
        assert_eq!(t::groups_hidden(Lang::EN, 1), "1 smaller group not shown (privacy threshold).");
        assert_eq!(t::groups_head(Lang::EN, 2, 1, "stable"), "Group 2 (1 pair, stable)");
    }

    #[test]
    fn the_language_is_chosen_by_address_then_cookie_then_browser() {
        assert_eq!(choose(Some("cy"), Some("en"), Some("en-GB")), Lang::CY);
        assert_eq!(choose(Some("xx"), Some("cy"), Some("en-GB")), Lang::CY, "an unknown ?lang= is ignored");
        assert_eq!(choose(None, None, Some("fr-FR, cy;q=0.8, en;q=0.5")), Lang::CY);
        assert_eq!(choose(None, None, Some("en-GB,en;q=0.9,cy;q=0.8")), Lang::EN);
        assert_eq!(choose(None, None, Some("cy-GB")), Lang::CY);
        assert_eq!(choose(None, None, Some("fr, de;q=0.5")), Lang::EN, "English when none has a catalog");
        assert_eq!(choose(None, None, Some("cy;q=0, en")), Lang::EN, "q=0 means not this one");
        assert_eq!(choose(None, None, None), Lang::EN);
    }

    #[test]
    fn a_request_asks_by_its_query_then_cookie_then_header() {
        assert_eq!(of_request(Some("code=A&lang=cy"), Some("lang=en"), Some("en")), Lang::CY);
        assert_eq!(of_request(Some("code=A"), Some("x=1; lang=cy"), Some("en")), Lang::CY);
        assert_eq!(of_request(None, None, Some("cy-GB")), Lang::CY);
        assert_eq!(of_request(Some("lang=xx"), None, None), Lang::EN);
    }

    #[test]
    fn cookies_are_read_by_name() {
        assert_eq!(cookie_value("a=1; lang=cy; b=2", "lang"), Some("cy"));
        assert_eq!(cookie_value("xlang=cy", "lang"), None);
        assert_eq!(remember_cookie(Lang::CY), "lang=cy; Path=/; Max-Age=31536000; SameSite=Lax");
    }

    #[test]
    fn dates_follow_the_language() {
        assert_eq!(long_date(Lang::EN, "2026-12-05"), "5 December 2026");
        assert_eq!(long_date(Lang::CY, "2026-12-05"), "5 Rhagfyr 2026");
        assert_eq!(long_date(Lang::CY, "2026-02-28"), "28 Chwefror 2026");
        assert_eq!(long_date(Lang::EN, "2026-13-01"), "2026-13-01", "not a day: as it is");
        assert_eq!(long_date(Lang::EN, "soon"), "soon");
    }

    #[test]
    fn numbers_follow_the_language() {
        assert_eq!(number(Lang::EN, 3.0), "3");
        assert_eq!(number(Lang::EN, 0.5), "0.5");
        assert_eq!(number(Lang::CY, 12.25), "12.25");
    }

    #[test]
    fn each_language_names_itself() {
        assert_eq!(Lang::EN.name(), "English");
        assert_eq!(Lang::CY.name(), "Cymraeg");
        assert_eq!(Lang::CY.dir(), "ltr");
        assert_eq!(Lang::from_code("CY-gb"), Some(Lang::CY));
        assert_eq!(Lang::from_code("ar-XB").map(Lang::dir), Some("rtl"), "the test pseudo-language, by its code");
        assert_eq!(Lang::from_code("ar"), None, "never for Arabic");
        assert_eq!(Lang::from_accept_language("ar-XB, cy;q=0.5"), Some(Lang::CY), "never from the browser");
        assert!(Lang::offered().all(|l| l.dir() == "ltr"));
    }
}
