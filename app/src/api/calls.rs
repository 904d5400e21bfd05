//! The browser's typed calls of the HTTP API: each sends its body, reads its answer, and
//! turns any other outcome into a [`Refused`]. In the server build they never run (the
//! browser services are inert there), like every effect and event handler that calls them.

use serde::de::DeserializeOwned;
use uuid::Uuid;

use super::{
    AdminLogin, AuditLog, Comparison, CreatedWorkshop, CurrentSheet, DeclineRequest, EarlierWorkshop, GroupsAcross,
    ImportedWorkshop, JoinOrigin, JoinRequest, Joined, NewWorkshop, Refused, Replay, ResearchWorkshop, Retention,
    SetRetention, SheetSaved, WithdrawRequest, Withdrawal, urls,
};
use crate::browser::{Unreachable, fetch};

/// Sends a request; `body` as JSON. The answer's text when it is a success.
async fn send(method: &str, url: &str, body: Option<String>) -> Result<String, Refused> {
    match fetch(method, url, body).await {
        Ok((200..300, text)) => Ok(text),
        Ok((status, text)) => Err(Refused::from_answer(crate::i18n::document_lang(), status, &text)),
        Err(Unreachable) => Err(Refused::Other(Refused::unreachable(crate::i18n::document_lang()))),
    }
}

/// The answer of a `GET` (or of a `POST` of `body`), decoded.
async fn read<R: DeserializeOwned>(method: &str, url: &str, body: Option<String>) -> Result<R, Refused> {
    let text = send(method, url, body).await?;
    serde_json::from_str(&text).map_err(|_| Refused::Other(Refused::unexpected(crate::i18n::document_lang(), 200)))
}

fn json<B: serde::Serialize>(body: &B) -> Option<String> {
    serde_json::to_string(body).ok()
}

/// This pair's own results, by its token (`GET /api/pair/results`).
pub async fn pair_results(token: &str) -> Result<crate::domain::pair_results::PairResults, Refused> {
    match crate::browser::fetch_bearer(urls::PAIR_RESULTS, token).await {
        Ok((200, text)) => serde_json::from_str(&text)
            .map_err(|_| Refused::Other(Refused::unexpected(crate::i18n::document_lang(), 200))),
        Ok((status, text)) => Err(Refused::Other(
            serde_json::from_str(&text).unwrap_or_else(|_| Refused::unexpected(crate::i18n::document_lang(), status)),
        )),
        Err(Unreachable) => Err(Refused::Other(Refused::unreachable(crate::i18n::document_lang()))),
    }
}

/// The origin of join links and QR codes.
pub async fn join_origin() -> Result<JoinOrigin, Refused> {
    read("GET", urls::JOIN_ORIGIN, None).await
}

/// Creates a workshop.
pub async fn create_workshop(body: &NewWorkshop) -> Result<CreatedWorkshop, Refused> {
    read("POST", urls::WORKSHOPS, json(body)).await
}

/// Joins a workshop as a pair.
pub async fn join(body: &JoinRequest) -> Result<Joined, Refused> {
    read("POST", urls::JOIN, json(body)).await
}

/// The information sheet of the workshop with join code `code` (normalised), read before joining.
pub async fn consent_sheet(code: &str) -> Result<CurrentSheet, Refused> {
    read("GET", &urls::consent_sheet_by_code(code), None).await
}

/// "We do not agree" before joining: only the workshop's count of declines grows.
pub async fn decline_consent(code: String) -> Result<(), Refused> {
    send("POST", urls::JOIN_DECLINE, json(&DeclineRequest { code })).await.map(drop)
}

/// Signs the researchers in (the server keeps the key in an HTTP-only cookie).
pub async fn research_login(key: String) -> Result<(), Refused> {
    send("POST", urls::RESEARCH_LOGIN, json(&AdminLogin { key })).await.map(drop)
}

/// Signs the researchers out.
pub async fn research_logout() -> Result<(), Refused> {
    send("POST", urls::RESEARCH_LOGOUT, None).await.map(drop)
}

/// Every workshop, newest first.
pub async fn research_workshops() -> Result<Vec<ResearchWorkshop>, Refused> {
    read("GET", urls::RESEARCH_WORKSHOPS, None).await
}

/// Every workshop of this server as a template, newest first (needs the admin cookie).
pub async fn earlier_workshops() -> Result<Vec<EarlierWorkshop>, Refused> {
    read("GET", urls::RESEARCH_TEMPLATES, None).await
}

/// Closes workshop `id` from the researcher area.
pub async fn close_workshop(id: Uuid) -> Result<(), Refused> {
    send("POST", &urls::research_close(id), None).await.map(drop)
}

/// Withdraws the pair of workshop `id` with this reference, from the researcher area.
pub async fn withdraw_pair(id: Uuid, reference: String) -> Result<Withdrawal, Refused> {
    read("POST", &urls::research_withdraw(id), json(&WithdrawRequest { reference })).await
}

/// Deletes workshop `id` from the researcher area.
pub async fn delete_workshop(id: Uuid) -> Result<(), Refused> {
    send("DELETE", &urls::research_workshop(id), None).await.map(drop)
}

/// Workshop `id` as created and every change since.
pub async fn replay(id: Uuid) -> Result<Replay, Refused> {
    read("GET", &urls::research_replay(id), None).await
}

/// The workshops `ids` (comma-separated) side by side.
pub async fn compare(ids: &str) -> Result<Comparison, Refused> {
    read("GET", &urls::compare(ids), None).await
}

/// Imports the workshop archive chosen in the file input `input_id`; `None` when no file
/// is chosen.
pub async fn import_archive(input_id: &str) -> Option<Result<ImportedWorkshop, Refused>> {
    let answer = crate::browser::post_chosen_file(urls::RESEARCH_IMPORT, input_id, "application/zip").await?;
    Some(match answer {
        Ok((200..300, text)) => serde_json::from_str(&text)
            .map_err(|_| Refused::Other(Refused::unexpected(crate::i18n::document_lang(), 201))),
        Ok((status, text)) => Err(Refused::from_answer(crate::i18n::document_lang(), status, &text)),
        Err(Unreachable) => Err(Refused::Other(Refused::unreachable(crate::i18n::document_lang()))),
    })
}

/// A new console link for workshop `id` (the old one stops working).
pub async fn issue_console(id: Uuid) -> Result<CreatedWorkshop, Refused> {
    read("POST", &urls::research_console(id), None).await
}

/// The opinion groups across the workshops `ids` with these manual matches.
pub async fn compare_groups(ids: &str, links: &[(Uuid, Uuid)]) -> Result<GroupsAcross, Refused> {
    read("GET", &urls::compare_groups(ids, links), None).await
}

/// The facilitator deletes the workshop of console secret `secret`.
pub async fn delete_by_facilitator(secret: &str) -> Result<(), Refused> {
    send("DELETE", &urls::facilitator_workshop(secret), None).await.map(drop)
}

/// The audit log's newest rows, of workshop `workshop` when given.
pub async fn audit_log(workshop: Option<Uuid>) -> Result<AuditLog, Refused> {
    read("GET", &urls::research_audit(workshop), None).await
}

/// Sets a new version of the console's information sheet.
pub async fn set_consent_sheet(
    secret: &str,
    sheet: &crate::domain::consent::ConsentSheet,
) -> Result<SheetSaved, Refused> {
    read("PUT", &urls::facilitator_consent_sheet(secret), json(sheet)).await
}

/// The "Delete after" day of the console's workshop.
pub async fn console_retention(secret: &str) -> Result<Retention, Refused> {
    read("GET", &urls::facilitator_retention(secret), None).await
}

/// Sets (or, empty, clears) the "Delete after" day from the console.
pub async fn set_console_retention(secret: &str, day: String) -> Result<Retention, Refused> {
    read("PUT", &urls::facilitator_retention(secret), json(&SetRetention { delete_after: day })).await
}

/// Sets (or, empty, clears) workshop `id`'s "Delete after" day from the research area.
pub async fn set_research_retention(id: Uuid, day: String) -> Result<Retention, Refused> {
    read("PUT", &urls::research_retention(id), json(&SetRetention { delete_after: day })).await
}
