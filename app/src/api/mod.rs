//! The HTTP API (`/api/...`): its JSON bodies, shared by the server and the browser; the
//! address of every route ([`urls`]); the browser's typed calls ([`calls`]), which answer
//! with the body or a [`Refused`]; and the template file ([`template`]).

pub mod calls;
pub mod consent;
pub mod join_form;
pub mod second_language;
pub mod template;
pub mod urls;

use crate::domain::consent::{ConsentAnswer, ConsentSheet};
pub use consent::{CurrentSheet, DeclineRequest, SheetSaved};
pub use join_form::{JoinForm, JoinRefusal};
pub use second_language::{NewSecondLanguage, SECOND_LANGUAGE_FIELD};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::domain::{Phase, Settings};
use crate::i18n::{Lang, t};
pub use template::{TemplateAspect, TemplateError, TemplateRef, WorkshopTemplate};

/// `GET /api/join-origin`: the origin the join link and QR code use (the server decides it:
/// `--public-url`, the LAN address in `--lan` mode, else the request's `Host`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JoinOrigin {
    /// e.g. `http://192.168.1.20:3000`.
    pub origin: String,
    /// The origin is this machine itself (`127.0.0.1`, `localhost`): a tablet cannot open it.
    pub loopback: bool,
}

/// `POST /api/workshops`: what the facilitator filled in.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NewWorkshop {
    /// Title of the meeting.
    pub title: String,
    /// Study site label.
    pub site: String,
    /// Question shown above the spectrum.
    pub question: String,
    /// Label of the 0 end.
    pub left_pole: String,
    /// Label of the 100 end.
    pub right_pole: String,
    /// Aspect texts, in display order.
    pub aspects: Vec<String>,
    /// The session settings to start with; `None` (or left out, as older clients do) means
    /// the defaults.
    #[serde(default)]
    pub settings: Option<Settings>,
    /// The template the workshop is made from, so it keeps the template's ids; `None` (or
    /// left out, as older clients do) for a workshop set up from scratch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template: Option<TemplateRef>,
    /// "Delete after": the UTC day (`YYYY-MM-DD`) on which the server deletes the workshop
    /// with all its data; `None` (or left out, or empty) to keep it until someone deletes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delete_after: Option<String>,
    /// The information sheet pairs agree to before the board opens; `None` (or left out) for
    /// a workshop without one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consent_sheet: Option<ConsentSheet>,
    /// The question, poles and aspects in a second language; `None` (or left out) for a
    /// workshop in one language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub second_language: Option<NewSecondLanguage>,
}

/// Reply to `POST /api/workshops`. The secret appears here once; the console URL holds it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CreatedWorkshop {
    /// Public id (projector URL).
    pub workshop_id: Uuid,
    /// Join code for pairs.
    pub join_code: String,
    /// Facilitator secret (at least 128 random bits, hex).
    pub facilitator_secret: String,
    /// Path of the facilitator console (`/f/{secret}`).
    pub console_path: String,
}

/// Reply to `POST /api/research/import` (201): the workshop now on this server.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportedWorkshop {
    /// Its id, the same as on the server it came from.
    pub workshop_id: Uuid,
    /// Title.
    pub title: String,
    /// Study site.
    pub site: String,
    /// Its join code here (a new one: archives carry none).
    pub join_code: String,
}

/// `POST /api/join`: a pair joining with a code and a label.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JoinRequest {
    /// The join code as typed (normalised by the server).
    pub code: String,
    /// The pair's chosen label.
    pub label: String,
    /// Every person's agreement to the workshop's information sheet, when it has one: the
    /// pair is stored only with it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consent: Option<ConsentAnswer>,
}

/// Reply to `POST /api/join`. The device keeps the token; it is the pair's only key.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Joined {
    /// The pair's public id.
    pub pair_id: Uuid,
    /// The pair's secret token (hex), sent back in `Auth::Pair`.
    pub token: String,
    /// The normalised join code.
    pub code: String,
    /// The label as stored.
    pub label: String,
    /// The pair's reference, what it quotes to withdraw (shown on its tablet). Absent in
    /// what a device stored before references existed.
    #[serde(default)]
    pub reference: Option<String>,
}

/// `POST /api/research/workshops/{id}/withdraw`: withdraw the pair with this reference.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WithdrawRequest {
    /// The pair's reference as the participant quoted it (case, spaces and dashes do not
    /// matter).
    pub reference: String,
}

/// Reply to a withdrawal: what was removed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Withdrawal {
    /// The reference withdrawn, normalised.
    pub reference: String,
    /// Sequence number of the content-free `pair_withdrawn` row in the event log.
    pub seq: u64,
    /// Placements removed (every round).
    pub placements: usize,
    /// Outcome notes removed.
    pub notes: usize,
    /// Post-its the pair wrote, removed.
    pub post_its: usize,
    /// Event-log rows deleted.
    pub event_rows: u64,
}

/// Any refused API request: a sentence for the user and, for forms, the field to fix.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ApiError {
    /// What went wrong and what to do, for people.
    pub error: String,
    /// The form field concerned, when there is one (its visible label).
    pub field: Option<String>,
}

/// Why a call did not give its answer, as far as the page acts on it.
#[derive(Clone, Debug, PartialEq)]
pub enum Refused {
    /// 401: this needs the admin key (not signed in, or the key changed).
    SignedOut,
    /// 400: the request was refused as it stands; the error names the field to fix.
    Invalid(ApiError),
    /// 404: there is no such workshop (any more): deleted meanwhile, perhaps.
    NotFound(ApiError),
    /// 409: the workshop is not in a state that allows it (closed meanwhile, …).
    Conflict(ApiError),
    /// Any other refusal in the server's words, or the network failing, or an answer the page
    /// could not read, in words for the user.
    Other(ApiError),
}

impl Refused {
    /// The refusal of an answer with `status` and body `text` (the server's [`ApiError`]
    /// when it sent one; else [`Refused::unexpected`] in `l`).
    pub fn from_answer(l: Lang, status: u16, text: &str) -> Refused {
        let error = || serde_json::from_str(text).unwrap_or_else(|_| Refused::unexpected(l, status));
        match status {
            400 => Refused::Invalid(error()),
            401 => Refused::SignedOut,
            404 => Refused::NotFound(error()),
            409 => Refused::Conflict(error()),
            _ => Refused::Other(error()),
        }
    }

    /// What the page says, in `l`, when the server could not be reached at all.
    pub fn unreachable(l: Lang) -> ApiError {
        ApiError { error: t::domain_unreachable(l).into(), field: None }
    }

    /// A generic error, in `l`, for an answer the page did not expect.
    pub fn unexpected(l: Lang, status: u16) -> ApiError {
        ApiError { error: t::domain_unexpected(l, status), field: None }
    }

    /// What to tell the user, in `l` (the server's own sentences stay as it sent them).
    pub fn error_in(self, l: Lang) -> ApiError {
        match self {
            Refused::SignedOut => ApiError { error: t::domain_signed_out(l).into(), field: Some("Admin key".into()) },
            Refused::Invalid(e) | Refused::NotFound(e) | Refused::Conflict(e) | Refused::Other(e) => e,
        }
    }

    /// What to tell the user, in English: [`Refused::error_in`] for the pages not yet given
    /// their language here (`pages/pair_results.rs`).
    pub fn error(self) -> ApiError {
        self.error_in(Lang::EN)
    }
}

/// Which workshops the researchers' list shows and "Download all" takes: an exact study site
/// and an inclusive range of UTC days (`YYYY-MM-DD`). An empty field means "any". The page
/// filters its list with it, and the server its download: one rule, not two.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkshopFilter {
    /// Exact study site.
    #[serde(default)]
    pub site: String,
    /// First day (`YYYY-MM-DD`), included.
    #[serde(default)]
    pub from: String,
    /// Last day (`YYYY-MM-DD`), included.
    #[serde(default)]
    pub to: String,
}

impl WorkshopFilter {
    /// Whether a workshop of `site`, created on the UTC day `date`, is chosen.
    pub fn accepts(&self, site: &str, date: &str) -> bool {
        (self.site.is_empty() || site == self.site)
            && (self.from.is_empty() || date >= self.from.as_str())
            && (self.to.is_empty() || date <= self.to.as_str())
    }

    /// The filter as a query string (`site=…&from=…`, percent-encoded; empty fields left out).
    pub fn query(&self) -> String {
        [("site", &self.site), ("from", &self.from), ("to", &self.to)]
            .into_iter()
            .filter(|(_, value)| !value.is_empty())
            .map(|(name, value)| format!("{name}={}", urls::percent_encode(value)))
            .collect::<Vec<_>>()
            .join("&")
    }
}

/// `POST /api/research/login`: the key typed into the researcher area's "Admin key" field.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AdminLogin {
    /// The admin key.
    pub key: String,
}

/// One workshop in the researchers' list (`GET /api/research/workshops`, newest first).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResearchWorkshop {
    /// Workshop id (for the download and delete links).
    pub id: Uuid,
    /// Title.
    pub title: String,
    /// Study site.
    pub site: String,
    /// `YYYY-MM-DD` (UTC), the day it was created.
    pub date: String,
    /// Pairs that joined.
    pub pairs: u64,
    /// Aspects.
    pub aspects: u64,
    /// Post-its put on the spectrum (`placed` events, over all pairs and rounds).
    pub placements: u64,
    /// Where the session is now.
    pub phase: Phase,
    /// The retention day, if one is set: the server deletes it on this UTC day.
    #[serde(default)]
    pub delete_after: Option<RetentionDay>,
    /// The last day (UTC, `YYYY-MM-DD`) on which a pair can be withdrawn, if one is set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub withdrawal_deadline: Option<String>,
}

/// A workshop's "Delete after" day as the research list and the console show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RetentionDay {
    /// `YYYY-MM-DD` (UTC).
    pub day: String,
    /// Whole days from today (UTC) to it (0: today).
    pub days_left: i64,
}

/// The visible label of the "Delete after" field, as refusals name it.
pub const DELETE_AFTER_FIELD: &str = "Delete after";

/// How many days before its retention day a workshop is flagged in the research list.
pub const RETENTION_WARNING_DAYS: i64 = 14;

impl RetentionDay {
    /// Whether it is near enough to warn about ([`RETENTION_WARNING_DAYS`] or fewer days).
    pub fn soon(&self) -> bool {
        self.days_left <= RETENTION_WARNING_DAYS
    }

    /// In words, in `l`, for the list and the console: "Deleted on 2026-12-07 (in 3 days)".
    pub fn sentence(&self, l: Lang) -> String {
        match self.days_left {
            d if d <= 0 => t::domain_retention_today(l, &self.day),
            1 => t::domain_retention_tomorrow(l, &self.day),
            d => t::domain_retention_in_days(l, &self.day, d),
        }
    }
}

/// `PUT /f/{secret}/retention` and `PUT /api/research/workshops/{id}/retention`: the new
/// "Delete after" day (`YYYY-MM-DD`, UTC, after today), or empty / `None` for none. The
/// answer (200) is the workshop's [`Retention`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Retention {
    /// The day, if one.
    #[serde(default)]
    pub delete_after: Option<RetentionDay>,
}

/// The body of a retention change: the day as typed (empty for none).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetRetention {
    /// `YYYY-MM-DD`, or empty to keep the workshop until someone deletes it.
    #[serde(default)]
    pub delete_after: String,
}

/// One row of the audit log (`GET /api/research/audit`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditLine {
    /// Its place in the log (grows with every row).
    pub id: i64,
    /// When, ISO 8601 UTC with milliseconds.
    pub at: String,
    /// `researcher`, `facilitator` or `system`.
    pub actor: String,
    /// What was done (`download`, `delete`, `sign_in_failed`, …).
    pub action: String,
    /// The workshop concerned, if one.
    pub workshop_id: Option<Uuid>,
    /// What exactly (which file, which format, …).
    pub detail: String,
    /// The client's network (IPv4 /24, IPv6 /48), if a client did it.
    pub client: Option<String>,
}

/// `GET /api/research/audit?workshop=ID`: the newest rows of the audit log, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditLog {
    /// The rows shown, newest first (at most [`AuditLog::limit`]).
    pub rows: Vec<AuditLine>,
    /// How many rows the log has with this filter (more than shown when over the limit).
    pub total: u64,
    /// The most rows the screen shows; `audit.csv` has them all.
    pub limit: u64,
}

/// One earlier workshop of this server as a template (`GET /api/research/templates`, newest
/// first): what `/new` offers under "Start from an earlier workshop".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EarlierWorkshop {
    /// The workshop.
    pub workshop_id: Uuid,
    /// Its study site (not part of the template: each site types its own).
    pub site: String,
    /// `YYYY-MM-DD` (UTC), the day it was created.
    pub date: String,
    /// Its template, with the ids it (now) shares with every workshop made from it.
    pub template: WorkshopTemplate,
}

/// `GET /api/research/workshops/{id}/replay`: the workshop as created and every change since
/// (see [`crate::domain::replay`], which applies them).
pub use crate::domain::replay::{Replay, ReplayStep};

/// `GET /api/research/compare?ids=...`: the chosen workshops side by side, in the order asked
/// for, with the statistics of `summary.csv` (the same computation, not a second one).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// The workshops, in the order of `ids` (duplicates collapsed).
    pub workshops: Vec<ComparedWorkshop>,
}

/// One workshop of a [`Comparison`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ComparedWorkshop {
    /// Workshop id.
    pub id: Uuid,
    /// Title.
    pub title: String,
    /// Study site.
    pub site: String,
    /// `YYYY-MM-DD` (UTC), the day it was created.
    pub date: String,
    /// Label of the 0 end.
    pub left_pole: String,
    /// Label of the 100 end.
    pub right_pole: String,
    /// Rounds opened (1 or 2).
    pub rounds: u32,
    /// Aspects with data, in display order.
    pub aspects: Vec<ComparedAspect>,
}

/// One aspect of a [`ComparedWorkshop`] with its statistics per round.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ComparedAspect {
    /// Aspect id.
    pub id: Uuid,
    /// What the post-it says.
    pub text: String,
    /// `facilitator`, or the label of the pair that wrote it (as `placements.csv`'s
    /// `aspect_author`).
    pub author: String,
    /// One entry per round opened, round 1 first.
    pub rounds: Vec<RoundStats>,
    /// The template aspect it stands for (as `placements.csv`'s `template_aspect_id`), by
    /// which it is matched first; left out when it has none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template_aspect_id: Option<Uuid>,
}

impl crate::domain::compare::MatchAspect for ComparedAspect {
    fn aspect_id(&self) -> Uuid {
        self.id
    }

    fn aspect_text(&self) -> &str {
        &self.text
    }

    fn template_aspect_id(&self) -> Option<Uuid> {
        self.template_aspect_id
    }
}

/// The `summary.csv` numbers of one aspect in one round.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RoundStats {
    /// The round (1 or 2).
    pub round: u32,
    /// Pairs that placed it.
    pub n_placed: u64,
    /// Pairs that said they cannot place it.
    pub n_cant_place: u64,
    /// Median (type 7), `None` when nobody placed it.
    pub median: Option<f64>,
    /// First quartile (type 7).
    pub q1: Option<f64>,
    /// Third quartile (type 7).
    pub q3: Option<f64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_filter_accepts_by_site_and_inclusive_days_and_writes_its_query() {
        let f =
            |site: &str, from: &str, to: &str| WorkshopFilter { site: site.into(), from: from.into(), to: to.into() };
        assert!(WorkshopFilter::default().accepts("Site 3", "2026-11-23"));
        assert!(f("Site 3", "2026-11-23", "2026-11-23").accepts("Site 3", "2026-11-23"));
        assert!(!f("Site 4", "", "").accepts("Site 3", "2026-11-23"));
        assert!(!f("", "2026-11-24", "").accepts("Site 3", "2026-11-23"));
        assert!(!f("", "", "2026-11-22").accepts("Site 3", "2026-11-23"));
        assert_eq!(WorkshopFilter::default().query(), "");
        assert_eq!(urls::export_all(&WorkshopFilter::default()), "/api/research/export-all.zip");
        assert_eq!(
            urls::export_all(&f("Caerdydd & Ŵ", "2026-01-01", "")),
            "/api/research/export-all.zip?site=Caerdydd%20%26%20%C5%B4&from=2026-01-01"
        );
    }

    #[test]
    fn refusals_keep_the_servers_words() {
        let text = r#"{"error":"There is no such workshop (it may have been deleted).","field":null}"#;
        assert!(
            matches!(Refused::from_answer(Lang::CY, 404, text), Refused::NotFound(e) if e.error.contains("no such workshop"))
        );
        assert_eq!(Refused::from_answer(Lang::EN, 401, ""), Refused::SignedOut);
        assert!(
            matches!(Refused::from_answer(Lang::EN, 409, "nope"), Refused::Conflict(e) if e.error.contains("HTTP 409"))
        );
        assert!(Refused::SignedOut.error_in(Lang::EN).error.contains("Sign in again"));
        assert_eq!(Refused::SignedOut.error(), Refused::SignedOut.error_in(Lang::EN));
        let welsh = Refused::SignedOut.error_in(Lang::CY);
        assert_eq!(welsh.field.as_deref(), Some("Admin key"), "the field stays the English identifier");
        assert!(welsh.error.contains("Mewngofnodwch eto"), "{}", welsh.error);
        assert_eq!(
            Refused::unreachable(Lang::EN).error,
            "Could not reach the server. Check the Wi-Fi connection and try again."
        );
        assert_eq!(
            Refused::unexpected(Lang::EN, 500).error,
            "The server could not do that (HTTP 500). Please try again."
        );
        assert!(Refused::unexpected(Lang::CY, 500).error.contains("HTTP 500"));
    }

    #[test]
    fn the_retention_day_in_words() {
        let day = |days_left| RetentionDay { day: "2026-12-07".into(), days_left };
        let en: Vec<String> = [-1, 0, 1, 3].map(|d| day(d).sentence(Lang::EN)).to_vec();
        assert_eq!(
            en,
            [
                "Deleted on 2026-12-07 (today)",
                "Deleted on 2026-12-07 (today)",
                "Deleted on 2026-12-07 (tomorrow)",
                "Deleted on 2026-12-07 (in 3 days)"
            ]
        );
        assert_eq!(day(2).sentence(Lang::CY), "Caiff ei ddileu ar 2026-12-07 (ymhen 2 ddiwrnod)");
        assert_eq!(day(14).sentence(Lang::CY), "Caiff ei ddileu ar 2026-12-07 (ymhen 14 diwrnod)");
    }
}

/// Reply to `GET /api/research/compare/groups`: the opinion groups of round 1 (each pair's
/// own placing, before the room's discussion) across the compared workshops, on the aspect
/// groups they share.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupsAcross {
    /// The aspect groups (columns), by their label, in group order.
    pub aspects: Vec<String>,
    /// Every pair of every workshop (workshop order, then joining order): site and label.
    pub pairs: Vec<(String, String)>,
    /// The groups, or why there are none.
    pub grouping: crate::domain::groups::Grouping,
}
