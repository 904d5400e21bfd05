//! The join page as a plain HTML form (`POST /join`): a tablet joins before, or without, its
//! WebAssembly. The server joins the pair and answers `303` to the board, carrying the pair's
//! [`Joined`](super::Joined) in the address's fragment (which never travels to a server); the
//! board's page moves it into the device's storage, where a pair joined by the hydrated page
//! keeps it, and takes it out of the address. A refusal answers `303` back to the join page
//! with the typed code and name and one of the [`JoinRefusal`] words, which the page shows as
//! its sentence (fixed sentences: a link cannot make the page say anything else).

use serde::{Deserialize, Serialize};

use super::{ApiError, Joined};
use crate::i18n::{Lang, t};

/// The form's fields, as the browser posts them (`application/x-www-form-urlencoded`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct JoinForm {
    /// The join code as typed.
    #[serde(default)]
    pub code: String,
    /// The pair's name as typed.
    #[serde(default)]
    pub label: String,
}

/// The fragment that carries a joined pair to its board: `#joined=` and the JSON, percent-encoded.
pub const JOINED_FRAGMENT: &str = "joined=";

/// Why the form's join was refused: a word in the join page's address (`?refused=…`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JoinRefusal {
    /// Not six letters and digits.
    Code,
    /// No workshop has the code.
    Unknown,
    /// The name is empty, too long or has characters that cannot be stored.
    Name,
    /// Another pair of the workshop has the name.
    Taken,
    /// The workshop has as many pairs as it takes.
    Full,
    /// The workshop has an information sheet, which needs the page's own code to show.
    Sheet,
    /// Anything else (the database did not answer, too many joins from this address).
    Other,
}

impl JoinRefusal {
    const ALL: [JoinRefusal; 7] = [
        JoinRefusal::Code,
        JoinRefusal::Unknown,
        JoinRefusal::Name,
        JoinRefusal::Taken,
        JoinRefusal::Full,
        JoinRefusal::Sheet,
        JoinRefusal::Other,
    ];

    /// The word in the address.
    pub fn word(self) -> &'static str {
        match self {
            JoinRefusal::Code => "code",
            JoinRefusal::Unknown => "unknown",
            JoinRefusal::Name => "name",
            JoinRefusal::Taken => "taken",
            JoinRefusal::Full => "full",
            JoinRefusal::Sheet => "sheet",
            JoinRefusal::Other => "other",
        }
    }

    /// The refusal named by `word`, if it is one.
    pub fn from_word(word: &str) -> Option<JoinRefusal> {
        JoinRefusal::ALL.into_iter().find(|r| r.word() == word)
    }

    /// Which refusal an API refusal of `POST /api/join` is (its status and field).
    pub fn of(status: u16, error: &ApiError) -> JoinRefusal {
        match (status, error.field.as_deref()) {
            (404, _) => JoinRefusal::Unknown,
            (400, Some("Join code")) => JoinRefusal::Code,
            (400, Some("Pair name")) => JoinRefusal::Name,
            (409, Some("Pair name")) => JoinRefusal::Taken,
            (409, Some("Information sheet")) => JoinRefusal::Sheet,
            (409, None) => JoinRefusal::Full,
            _ => JoinRefusal::Other,
        }
    }

    /// Which refusal the browser's own join got ([`Refused`](super::Refused): its status).
    pub fn of_refused(refused: &super::Refused) -> JoinRefusal {
        use super::Refused;
        match refused {
            Refused::Invalid(e) => JoinRefusal::of(400, e),
            Refused::NotFound(e) => JoinRefusal::of(404, e),
            Refused::Conflict(e) => JoinRefusal::of(409, e),
            Refused::SignedOut | Refused::Other(_) => JoinRefusal::Other,
        }
    }

    /// What the join page says, in `l`, about the join code `code` (as typed), and the field it
    /// is about (its English label, as the server names fields).
    pub fn error(self, l: Lang, code: &str) -> ApiError {
        let (error, field) = match self {
            JoinRefusal::Code => (t::join_refused_code(l), Some("Join code")),
            JoinRefusal::Unknown => {
                let code = crate::domain::code::normalize_code(code).unwrap_or_else(|| code.trim().to_uppercase());
                return ApiError { error: t::join_refused_unknown(l, code), field: Some("Join code".into()) };
            }
            JoinRefusal::Name => (t::join_refused_name(l), Some("Pair name")),
            JoinRefusal::Taken => (t::join_refused_taken(l), Some("Pair name")),
            JoinRefusal::Full => (t::join_refused_full(l), None),
            JoinRefusal::Sheet => (t::join_refused_sheet(l), None),
            JoinRefusal::Other => (t::join_refused_other(l), None),
        };
        ApiError { error: error.to_string(), field: field.map(str::to_string) }
    }
}

/// The board's address for a pair the form joined: `/pair/{code}#joined=…`.
pub fn board_address(joined: &Joined) -> String {
    let json = serde_json::to_string(joined).unwrap_or_default();
    format!("{}#{JOINED_FRAGMENT}{}", super::urls::pair_page(&joined.code), urlencoding::encode(&json))
}

/// The pair carried by a board address's fragment (`#joined=…`, with or without the `#`),
/// if it is one and is of workshop `code`.
pub fn joined_from_fragment(fragment: &str, code: &str) -> Option<Joined> {
    let encoded = fragment.trim_start_matches('#').strip_prefix(JOINED_FRAGMENT)?;
    let json = urlencoding::decode(encoded).ok()?;
    serde_json::from_str::<Joined>(&json).ok().filter(|j| j.code == code)
}

/// The join page's address after a refusal: the code and name as typed, and the refusal.
pub fn refused_address(form: &JoinForm, refusal: JoinRefusal) -> String {
    format!(
        "/join?code={}&name={}&refused={}",
        urlencoding::encode(form.code.trim()),
        urlencoding::encode(&form.label),
        refusal.word()
    )
}

#[cfg(test)]
mod tests {
    use uuid::Uuid;

    use super::*;

    #[test]
    fn a_joined_pair_travels_in_the_fragment_and_only_to_its_own_workshop() {
        let joined = Joined {
            pair_id: Uuid::from_u128(7),
            token: "t0k3n".into(),
            code: "ABC234".into(),
            label: "Pair #3 & “café” 🙂".into(),
            reference: Some("R7K2QX".into()),
        };
        let address = board_address(&joined);
        let (path, fragment) = address.split_once('#').unwrap();
        assert_eq!(path, "/pair/ABC234");
        assert!(!fragment[JOINED_FRAGMENT.len()..].contains(['#', '&', ' ', '"']), "{fragment}");
        assert_eq!(joined_from_fragment(fragment, "ABC234"), Some(joined.clone()));
        assert_eq!(joined_from_fragment(&format!("#{fragment}"), "ABC234"), Some(joined));
        assert_eq!(joined_from_fragment(fragment, "XYZ789"), None, "another workshop's board");
        assert_eq!(joined_from_fragment("joined=%7Bnot json", "ABC234"), None);
        assert_eq!(joined_from_fragment("", "ABC234"), None);
    }

    #[test]
    fn refusals_round_trip_through_the_address_and_name_their_field() {
        for r in JoinRefusal::ALL {
            assert_eq!(JoinRefusal::from_word(r.word()), Some(r));
            assert!(!r.error(Lang::EN, "abc234").error.is_empty());
            assert_ne!(r.error(Lang::EN, "abc234").error, r.error(Lang::CY, "abc234").error, "{r:?} in Welsh");
        }
        assert_eq!(JoinRefusal::from_word("<script>"), None);
        assert_eq!(
            JoinRefusal::Unknown.error(Lang::EN, " zzzzzz ").error,
            "No workshop has the code ZZZZZZ. Check the code on the projector.",
            "as the server says it"
        );
        let api = |field: Option<&str>| ApiError { error: "x".into(), field: field.map(str::to_string) };
        assert_eq!(JoinRefusal::of(404, &api(Some("Join code"))), JoinRefusal::Unknown);
        assert_eq!(JoinRefusal::of(400, &api(Some("Join code"))), JoinRefusal::Code);
        assert_eq!(JoinRefusal::of(400, &api(Some("Pair name"))), JoinRefusal::Name);
        assert_eq!(JoinRefusal::of(409, &api(Some("Pair name"))), JoinRefusal::Taken);
        assert_eq!(JoinRefusal::of(409, &api(Some("Information sheet"))), JoinRefusal::Sheet);
        assert_eq!(JoinRefusal::of(409, &api(None)), JoinRefusal::Full);
        assert_eq!(JoinRefusal::of(500, &api(None)), JoinRefusal::Other);
        assert_eq!(JoinRefusal::Taken.error(Lang::CY, "").field.as_deref(), Some("Pair name"));
        let form = JoinForm { code: " abc234 ".into(), label: "Pair & 3".into() };
        assert_eq!(refused_address(&form, JoinRefusal::Taken), "/join?code=abc234&name=Pair%20%26%203&refused=taken");
    }
}
