//! One builder per route: every address the browser asks for or links to, spelled once.
//! The server's router registers the same paths (`server::api_router`); an integration test
//! requests each of these against a real server, so the two cannot drift apart.

use uuid::Uuid;

use super::WorkshopFilter;
use crate::domain::compare::format_links;

/// `GET`: the origin of join links and QR codes.
pub const JOIN_ORIGIN: &str = "/api/join-origin";
/// `POST`: a new workshop.
pub const WORKSHOPS: &str = "/api/workshops";
/// `POST`: a pair joins.
pub const JOIN: &str = "/api/join";
/// `POST`: the join page's plain form (form-encoded `code` and `label`; see
/// [`super::join_form`]).
pub const JOIN_FORM: &str = "/join";
/// `POST`: the people at a tablet do not agree to the information sheet (only counted).
pub const JOIN_DECLINE: &str = "/api/join/decline";

/// `GET`: the information sheet of the workshop with join code `code` (already normalised).
pub fn consent_sheet_by_code(code: &str) -> String {
    format!("/api/workshops/by-code/{code}/consent-sheet")
}
/// `GET` with the pair's token as `Authorization: Bearer`: the pair's own results.
pub const PAIR_RESULTS: &str = "/api/pair/results";
/// `POST`: the researchers sign in with the admin key.
pub const RESEARCH_LOGIN: &str = "/api/research/login";
/// `POST`: the researchers sign out.
pub const RESEARCH_LOGOUT: &str = "/api/research/logout";
/// `GET`: every workshop, for the researchers.
pub const RESEARCH_WORKSHOPS: &str = "/api/research/workshops";
/// `GET`: every workshop as a template, for "Start from an earlier workshop" (admin key).
pub const RESEARCH_TEMPLATES: &str = "/api/research/templates";

/// `GET`: the audit log's newest rows (of workshop `id` when given), for the "Audit log" screen.
pub fn research_audit(workshop: Option<Uuid>) -> String {
    match workshop {
        Some(id) => format!("/api/research/audit?workshop={id}"),
        None => "/api/research/audit".to_string(),
    }
}

/// `GET`: the whole audit log as CSV (of workshop `id` when given).
pub fn research_audit_csv(workshop: Option<Uuid>) -> String {
    match workshop {
        Some(id) => format!("/api/research/audit.csv?workshop={id}"),
        None => "/api/research/audit.csv".to_string(),
    }
}

/// The "Audit log" screen (of workshop `id` when given).
pub fn audit_page(workshop: Option<Uuid>) -> String {
    match workshop {
        Some(id) => format!("/research/audit?workshop={id}"),
        None => "/research/audit".to_string(),
    }
}

/// `PUT`: the researchers set workshop `id`'s "Delete after" day.
pub fn research_retention(id: Uuid) -> String {
    format!("/api/research/workshops/{id}/retention")
}

/// `PUT`: the console sets a new version of the information sheet.
pub fn facilitator_consent_sheet(secret: &str) -> String {
    format!("/f/{secret}/consent-sheet")
}

/// `GET`/`PUT`: the console's "Delete after" day.
pub fn facilitator_retention(secret: &str) -> String {
    format!("/f/{secret}/retention")
}

/// `DELETE`: the researchers delete workshop `id`.
pub fn research_workshop(id: Uuid) -> String {
    format!("{RESEARCH_WORKSHOPS}/{id}")
}

/// `POST`: the researchers withdraw a pair of workshop `id` by its reference.
pub fn research_withdraw(id: Uuid) -> String {
    format!("{RESEARCH_WORKSHOPS}/{id}/withdraw")
}

/// `POST`: the researchers close workshop `id`.
pub fn research_close(id: Uuid) -> String {
    format!("{RESEARCH_WORKSHOPS}/{id}/close")
}

/// `GET`: the zip of workshop `id`.
pub fn research_export(id: Uuid) -> String {
    format!("{RESEARCH_WORKSHOPS}/{id}/export.zip")
}

/// `GET`: "Download for NVivo (.qdpx)" of workshop `id`.
pub fn research_qdpx(id: Uuid) -> String {
    format!("{RESEARCH_WORKSHOPS}/{id}/notes.qdpx")
}

/// `GET`: one NVivo project (.qdpx) across the workshops `ids` (comma-separated), in that order.
pub fn qdpx_chosen(ids: &str) -> String {
    format!("/api/research/export.qdpx?ids={ids}")
}

/// `GET`: the template file of workshop `id`.
pub fn research_template(id: Uuid) -> String {
    format!("{RESEARCH_WORKSHOPS}/{id}/template.json")
}

/// `GET`: workshop `id` as created and every change since.
pub fn research_replay(id: Uuid) -> String {
    format!("{RESEARCH_WORKSHOPS}/{id}/replay")
}

/// `GET`: "Download all (zip)" of the workshops `filter` accepts.
pub fn export_all(filter: &WorkshopFilter) -> String {
    match filter.query() {
        query if query.is_empty() => "/api/research/export-all.zip".to_string(),
        query => format!("/api/research/export-all.zip?{query}"),
    }
}

/// `GET`: the combined zip of exactly the workshops `ids` (comma-separated), in that order.
pub fn export_chosen(ids: &str) -> String {
    format!("/api/research/export-all.zip?ids={ids}")
}

/// `GET`: the workshops `ids` (comma-separated) side by side.
pub fn compare(ids: &str) -> String {
    format!("/api/research/compare?ids={ids}")
}

/// `GET`: `comparison.csv` of the workshops `ids` with these manual matches.
pub fn compare_csv(ids: &str, links: &[(Uuid, Uuid)]) -> String {
    with_links(format!("/api/research/compare.csv?ids={ids}"), links)
}

/// `GET`: the opinion groups across the workshops `ids` with these manual matches.
pub fn compare_groups(ids: &str, links: &[(Uuid, Uuid)]) -> String {
    with_links(format!("/api/research/compare/groups?ids={ids}"), links)
}

/// The compare page of the workshops `ids` with these manual matches.
pub fn compare_page(ids: &str, links: &[(Uuid, Uuid)]) -> String {
    with_links(format!("/research/compare?ids={ids}"), links)
}

fn with_links(url: String, links: &[(Uuid, Uuid)]) -> String {
    if links.is_empty() { url } else { format!("{url}&links={}", format_links(links)) }
}

/// `POST` (admin): a workshop archive (zip) to import.
pub const RESEARCH_IMPORT: &str = "/api/research/import";

/// `POST` (admin): a new console link for workshop `id`.
pub fn research_console(id: Uuid) -> String {
    format!("/api/research/workshops/{id}/console")
}

/// The printable room report of the workshop with console secret `secret`.
pub fn facilitator_report(secret: &str) -> String {
    format!("/f/{secret}/report")
}

/// The printable room report of workshop `id`, for researchers (admin).
pub fn research_report(id: Uuid) -> String {
    format!("/research/report/{id}")
}

/// The replay page of workshop `id`.
pub fn replay_page(id: Uuid) -> String {
    format!("/research/replay/{id}")
}

/// `GET`: the facilitator's placements CSV.
pub fn placements_csv(secret: &str) -> String {
    format!("/f/{secret}/placements.csv")
}

/// `GET`: the facilitator's complete export.
pub fn facilitator_export(secret: &str) -> String {
    format!("/f/{secret}/export.zip")
}

/// `GET`: the facilitator's "Download for NVivo (.qdpx)".
pub fn facilitator_qdpx(secret: &str) -> String {
    format!("/f/{secret}/notes.qdpx")
}

/// `GET`: the facilitator's "Save as template".
pub fn facilitator_template(secret: &str) -> String {
    format!("/f/{secret}/template.json")
}

/// `DELETE`: the facilitator deletes the workshop.
pub fn facilitator_workshop(secret: &str) -> String {
    format!("/f/{secret}/workshop")
}

/// `GET`: the QR code of the join link for `code` (SVG).
pub fn qr(code: &str) -> String {
    format!("/qr/{code}")
}

/// The projector of workshop `id`.
pub fn projector_page(id: Uuid) -> String {
    format!("/p/{id}")
}

/// A pair's board in the workshop with join code `code`.
pub fn pair_page(code: &str) -> String {
    format!("/pair/{code}")
}

/// "Our results" of this device's pair in the workshop with join code `code`.
pub fn pair_results_page(code: &str) -> String {
    format!("/pair/{code}/results")
}

/// The join page with `code` filled in.
pub fn join_page(code: &str) -> String {
    format!("/join?code={code}")
}

/// Percent-encodes everything but RFC 3986's unreserved characters (UTF-8 bytes).
pub fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
