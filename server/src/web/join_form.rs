//! `POST /join`: the join page's form as plain HTML, so a tablet joins before (or without) its
//! WebAssembly. It joins like `POST /api/join` ([`super::api::join_pair`]) and answers
//! `303 See Other`: to the board with the pair in the address's fragment, or back to the join
//! page with what was typed and why not ([`app::api::join_form`]). A join also sets the board's
//! cookie ([`app::pages::device::PAIR_COOKIE`]), so the board's page shows the pair's board
//! before its code runs.

use app::api::join_form::{board_address, refused_address};
use app::api::{JoinForm, JoinRefusal, JoinRequest};
use app::pages::device::pair_cookie;
use axum::Form;
use axum::extract::State;
use axum::extract::rejection::FormRejection;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};

use super::api::join_pair;
use super::serves_https;
use super::state::AppState;

/// `POST /join` (`code`, `label`, form-encoded). A workshop with an information sheet is
/// refused here (`sheet`): the sheet and each person's ticks need the page's own code.
pub async fn join_form(State(state): State<AppState>, form: Result<Form<JoinForm>, FormRejection>) -> Response {
    let Ok(Form(form)) = form else {
        return Redirect::to(&refused_address(&JoinForm::default(), JoinRefusal::Other)).into_response();
    };
    let request = JoinRequest { code: form.code.clone(), label: form.label.clone(), consent: None };
    match join_pair(&state, request).await {
        Ok(joined) => {
            let mut response = Redirect::to(&board_address(&joined)).into_response();
            // The board's cookie: the server draws the pair's board into its page with it,
            // before (or without) the WebAssembly.
            if let Some(cookie) = pair_cookie(&joined.code, &joined.token, serves_https(state.public_url.as_deref()))
                .and_then(|c| HeaderValue::from_str(&c).ok())
            {
                response.headers_mut().append(header::SET_COOKIE, cookie);
            }
            response
        }
        Err(failure) => {
            let refusal = JoinRefusal::of(failure.status.as_u16(), &failure.body);
            if refusal == JoinRefusal::Other {
                tracing::warn!(status = failure.status.as_u16(), error = %failure.body.error, "the join form's join failed");
            }
            Redirect::to(&refused_address(&form, refusal)).into_response()
        }
    }
}
