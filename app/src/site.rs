//! The site's built files (hashed names) and the scripts that load them, for the server's
//! HTML shell.
//!
//! Leptos's own `HydrationScripts` reads cargo-leptos's `hash.txt` beside the binary and the
//! wasm-split manifest from the site folder at run time; the server embeds both at build time
//! instead (see `server/build.rs`), so the binary works copied alone into an empty folder.

/// Names of the built files in `/pkg/`, fixed when the server was built.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SiteFiles {
    /// The wasm-bindgen JavaScript, e.g. `discretion-spectrum.3kC1….js`.
    pub js: &'static str,
    /// The main WebAssembly module.
    pub wasm: &'static str,
    /// The stylesheet.
    pub css: &'static str,
    /// The wasm-split loader, when the WebAssembly is split per screen.
    pub split_js: Option<&'static str>,
    /// The wasm-split manifest (JSON: each lazy chunk → the modules it needs), or empty.
    pub split_manifest: &'static str,
}

/// The `Content-Security-Policy` of every page: scripts only from this server or inline with
/// this response's `nonce` (Leptos puts it on the scripts it writes; the hydration script
/// carries it too), WebAssembly compiled by the page itself, no plugins, no framing, forms
/// and sockets to this server only. Inline `style` attributes are allowed: the board places
/// post-its with them.
pub fn content_security_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; \
         style-src-attr 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self'; \
         manifest-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; \
         frame-ancestors 'none'"
    )
}

/// The script that registers the service worker on a pair's pages (`register-sw.js`), put
/// inline in every page with the response's nonce: no request of its own on every load.
pub const REGISTER_SW: &str = include_str!("register-sw.js");

/// The script that holds "Join" pressed before the join page is ready, rather than leave the
/// page with its WebAssembly half downloaded (`hold-join.js`), inline in every page like
/// [`REGISTER_SW`]; it acts on `/join` only.
pub const HOLD_JOIN: &str = include_str!("hold-join.js");

/// The `id` of the join page's form, which [`HOLD_JOIN`] looks for.
pub const JOIN_FORM_ID: &str = "join-form";

/// The `id` of the notice shown when the WebAssembly does not start.
pub const TOO_OLD_ID: &str = "too-old";

/// What the notice says: Safari before 16 refuses to compile WebAssembly under this policy
/// (it does not know `'wasm-unsafe-eval'`), silently, and the page would just never work.
pub const TOO_OLD_TEXT: &str = "This browser cannot run the board. Update the iPad to iPadOS 16 or later, \
                                or open the link in another browser.";

/// The attribute on `<html>` that says the WebAssembly has started ([`mark_started`]).
pub const STARTED_ATTRIBUTE: &str = "data-wasm-started";

/// How long after the page's `load` event the WebAssembly must have started, in ms, before the
/// notice is shown. The module is preloaded, so `load` waits for its download; starting it
/// takes well under a second even on an old iPad.
pub const START_GRACE_MS: u32 = 4_000;

/// The inline script (it carries the response's nonce) that shows the notice when the
/// WebAssembly has not started [`START_GRACE_MS`] after `load`, or at once where there is no
/// WebAssembly at all. Plain ES5 without `<` or `&`, so the oldest Safari parses it and
/// nothing in it needs escaping in HTML.
pub fn too_old_script() -> String {
    [
        "(function () {".to_string(),
        "function show() {".to_string(),
        format!("if (document.documentElement.hasAttribute(\"{STARTED_ATTRIBUTE}\")) return;"),
        format!("var notice = document.getElementById(\"{TOO_OLD_ID}\");"),
        "if (notice) notice.hidden = false;".to_string(),
        "}".to_string(),
        "if (typeof WebAssembly !== \"object\") document.addEventListener(\"DOMContentLoaded\", show);".to_string(),
        format!("else window.addEventListener(\"load\", function () {{ setTimeout(show, {START_GRACE_MS}); }});"),
        "})();".to_string(),
    ]
    .join("\n")
}

/// Marks the page as started (hydration calls it first thing), and hides the notice if a
/// slow start had shown it.
#[cfg(feature = "hydrate")]
pub fn mark_started() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    if let Some(html) = document.document_element() {
        let _ = html.set_attribute(STARTED_ATTRIBUTE, "");
    }
    if let Some(notice) = document.get_element_by_id(TOO_OLD_ID) {
        let _ = notice.set_attribute("hidden", "");
    }
}

/// The notice for a browser that cannot run the board: server-rendered and hidden, an alert,
/// so screen readers announce it when the script shows it (an alert is announced when it
/// appears; while hidden it is not there for anyone, and no other alert on a page is
/// confused with it).
#[cfg(feature = "ssr")]
#[leptos::component]
pub fn TooOldNotice() -> impl leptos::IntoView {
    use leptos::prelude::*;
    view! {
        <p id=TOO_OLD_ID class="too-old" role="alert" hidden>{TOO_OLD_TEXT}</p>
        <script nonce=leptos::nonce::use_nonce()>{too_old_script()}</script>
    }
}

/// Where the built files are served.
pub const PKG_PATH: &str = "/pkg";

impl SiteFiles {
    /// `/pkg/{name}`.
    pub fn url(name: &str) -> String {
        format!("{PKG_PATH}/{name}")
    }

    /// The script that imports the JavaScript and hydrates the page with the WebAssembly
    /// (the same as Leptos's `hydration_script.js`).
    pub fn hydration_script(&self) -> String {
        format!(
            "import({js:?}).then(m => m.default({{module_or_path: {wasm:?}}}).then(() => m.hydrate()));",
            js = Self::url(self.js),
            wasm = Self::url(self.wasm),
        )
    }

    /// The lazy chunks listed in the wasm-split manifest, by the name Leptos looks them up.
    pub fn split_preloads(&self) -> std::collections::HashMap<String, Vec<String>> {
        serde_json::from_str(self.split_manifest).unwrap_or_default()
    }
}

/// The favicon (`public/favicon.svg`, 515 bytes) as a `data:` address in every page's
/// `<head>`, so that no page load costs a request, or a revalidation of `/favicon.svg`
/// (issue 25: join + board in at most 15 requests). The file stays served for the manifest.
#[cfg(feature = "ssr")]
pub fn favicon_address() -> &'static str {
    static ADDRESS: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    ADDRESS.get_or_init(|| {
        let svg = include_str!("../../public/favicon.svg").split_whitespace().collect::<Vec<_>>().join(" ");
        format!("data:image/svg+xml,{}", urlencoding::encode(&svg))
    })
}

/// The wasm-split loader and manifest, for a lazy screen's preload links ([`preload_chunks`]).
#[cfg(feature = "ssr")]
#[derive(Clone, Debug)]
struct SplitChunks {
    loader: &'static str,
    modules: std::sync::Arc<std::collections::HashMap<String, Vec<String>>>,
}

/// Puts preload links for the chunks of a lazy screen (its split point's name starts with
/// `split_point`) and for the chunk loader in the page's `<head>`, while the screen renders on
/// the server. `crossorigin=""`, the CORS mode of the loader's `fetch`, so that every engine
/// reuses the preloaded file: Leptos's own links (`WasmSplitManifest`, not provided here) carry
/// the page's nonce as their `crossorigin` (issue 25 saw WebKit fetch every chunk twice).
#[cfg(feature = "ssr")]
pub fn preload_chunks(split_point: &str) {
    use leptos::prelude::*;
    use leptos_meta::Link;
    let Some(split) = use_context::<SplitChunks>() else { return };
    let Some(modules) = split.modules.iter().find(|(name, _)| name.starts_with(split_point)).map(|(_, m)| m) else {
        return;
    };
    for module in modules {
        let href = SiteFiles::url(&format!("{module}.wasm"));
        // Rendering a leptos_meta link registers it with the page's <head>; it returns nothing.
        _ = view! { <Link rel="preload" href=href as_="fetch" type_="application/wasm" crossorigin=""/> }.to_html();
    }
    _ = view! { <Link rel="modulepreload" href=SiteFiles::url(split.loader)/> }.to_html();
}

/// The `<head>` tags that load the app: preloads, the stylesheet and the hydration script.
/// Provides the wasm-split manifest so a lazy screen's chunks are preloaded with its page
/// ([`preload_chunks`]).
#[cfg(feature = "ssr")]
#[leptos::component]
pub fn SiteScripts(files: SiteFiles) -> impl leptos::IntoView {
    use leptos::prelude::*;
    // The files are fixed for the life of the process: read the manifest once.
    static SPLIT: std::sync::OnceLock<Option<SplitChunks>> = std::sync::OnceLock::new();
    let split = SPLIT.get_or_init(|| {
        files.split_js.map(|loader| SplitChunks { loader, modules: std::sync::Arc::new(files.split_preloads()) })
    });
    if let Some(split) = split {
        provide_context(split.clone());
    }
    view! {
        <link rel="modulepreload" href=SiteFiles::url(files.js)/>
        <link rel="preload" href=SiteFiles::url(files.wasm) r#as="fetch" r#type="application/wasm" crossorigin=""/>
        <link rel="stylesheet" href=SiteFiles::url(files.css)/>
        <script type="module" nonce=leptos::nonce::use_nonce()>{files.hydration_script()}</script>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILES: SiteFiles = SiteFiles {
        js: "discretion-spectrum.abc.js",
        wasm: "discretion-spectrum.def.wasm",
        css: "discretion-spectrum.ghi.css",
        split_js: Some("__wasm_split.xyz.js"),
        split_manifest: r#"{"console": ["console.jkl"]}"#,
    };

    #[test]
    fn the_script_loads_the_hashed_files() {
        let script = FILES.hydration_script();
        assert!(script.contains(r#"import("/pkg/discretion-spectrum.abc.js")"#), "{script}");
        assert!(script.contains(r#"module_or_path: "/pkg/discretion-spectrum.def.wasm""#), "{script}");
    }

    #[test]
    fn the_policy_allows_this_responses_nonce_and_nothing_inline_else() {
        let csp = content_security_policy("abc123");
        assert!(csp.contains("script-src 'self' 'nonce-abc123' 'wasm-unsafe-eval';"), "{csp}");
        assert!(csp.contains("frame-ancestors 'none'") && csp.contains("object-src 'none'"), "{csp}");
        let script_src = csp.split(';').find(|d| d.trim().starts_with("script-src")).unwrap();
        assert!(!script_src.contains("unsafe-inline"), "{csp}");
    }

    #[test]
    fn the_too_old_script_shows_the_notice_unless_started_and_needs_no_escaping() {
        let script = too_old_script();
        assert!(script.contains(r#"hasAttribute("data-wasm-started")"#), "{script}");
        assert!(script.contains(r#"getElementById("too-old")"#), "{script}");
        assert!(script.contains("setTimeout(show, 4000)"), "{script}");
        assert!(!script.contains('<') && !script.contains('&') && !script.contains("=>"), "{script}");
        assert!(TOO_OLD_TEXT.contains("iPadOS 16 or later, or open"), "{TOO_OLD_TEXT}");
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn the_favicon_is_inline_and_decodes_to_the_served_file() {
        let address = favicon_address();
        let svg = address.strip_prefix("data:image/svg+xml,").expect("a data address");
        let decoded = urlencoding::decode(svg).unwrap();
        assert!(
            decoded.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\"") && decoded.ends_with("</svg>"),
            "{decoded}"
        );
        let served: String = include_str!("../../public/favicon.svg").split_whitespace().collect::<Vec<_>>().join(" ");
        assert_eq!(decoded, served);
    }

    #[test]
    fn the_hold_script_acts_on_the_join_forms_id_and_cannot_close_its_script_element() {
        assert!(HOLD_JOIN.contains(&format!(r#"form.id !== "{JOIN_FORM_ID}""#)), "{HOLD_JOIN}");
        assert!(HOLD_JOIN.contains(r#"location.pathname === "/join""#), "{HOLD_JOIN}");
        assert!(!HOLD_JOIN.contains("</"), "{HOLD_JOIN}");
    }

    #[test]
    fn the_split_manifest_is_read_and_a_missing_one_is_empty() {
        assert_eq!(FILES.split_preloads()["console"], vec!["console.jkl".to_string()]);
        assert!(SiteFiles { split_manifest: "", ..FILES }.split_preloads().is_empty());
    }
}
