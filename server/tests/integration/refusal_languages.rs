//! Refusals in the language of the screen that asked: a change refused on a websocket is
//! explained in the language of that socket's upgrade request (its `lang` cookie, else its
//! `Accept-Language`), in English otherwise; the code and the English of the logs do not change.

use crate::common::{TestServer, control, place};
use app::domain::{Control, Phase, RefusalText};
use app::i18n::Lang;
use app::protocol::{Auth, ClientMsg, ErrorCode, ServerMsg};
use uuid::Uuid;

/// The code and message of a refusal.
fn refused(msg: ServerMsg) -> (ErrorCode, String) {
    match msg {
        ServerMsg::Refused { code, message, .. } => (code, message),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[tokio::test]
async fn a_pair_is_refused_in_the_language_of_its_tablet() {
    let server = TestServer::start().await;
    let created = server.create_joining_workshop(&["Holding patients", "Where people are seen"]).await;
    let welsh = server.join(&created.join_code, "Pair Cymraeg").await;
    let english = server.join(&created.join_code, "Pair English").await;
    let browser = server.join(&created.join_code, "Pair Browser").await;
    let chose = server.join(&created.join_code, "Pair Chose English").await;
    let (mut welsh, view) = server.pair_with_headers(&welsh, &[("Cookie", "theme=dark; lang=cy")]).await;
    let (mut english, _) = server.pair(&english).await;
    let (mut browser, _) = server.pair_with_headers(&browser, &[("Accept-Language", "cy-GB,cy;q=0.9,en;q=0.5")]).await;
    let (mut chose, _) = server.pair_with_headers(&chose, &[("Cookie", "lang=en"), ("Accept-Language", "cy-GB")]).await;
    let card = view.cards[0].id;

    // Placing before the facilitator started placing.
    let blocked = RefusalText::PlacingBlocked(Phase::Joining);
    let (code, message) = refused(welsh.change(&place(card, 40.0)).await);
    assert_eq!(code, ErrorCode::WrongPhase);
    assert_eq!(message, "Nid yw'r gosod wedi dechrau eto: bydd yr hwylusydd yn ei ddechrau.");
    assert_eq!(message, blocked.message(Lang::CY));
    let (code, message) = refused(english.change(&place(card, 40.0)).await);
    assert_eq!(code, ErrorCode::WrongPhase);
    assert_eq!(message, "Placing has not started yet: the facilitator will start it.");
    assert_eq!(refused(browser.change(&place(card, 40.0)).await).1, blocked.message(Lang::CY), "Accept-Language");
    assert_eq!(
        refused(chose.change(&place(card, 40.0)).await).1,
        blocked.message(Lang::EN),
        "the device's choice (the cookie) comes before the browser's languages"
    );

    // Invalid input is said in the tablet's language too.
    let empty = || ClientMsg::AddCard { change_id: Uuid::new_v4(), card_id: Uuid::new_v4(), text: "   ".into() };
    let (code, message) = refused(welsh.change(&empty()).await);
    assert_eq!(code, ErrorCode::Invalid);
    assert_ne!(message, "Post-it text is empty: please write something.");
    assert_eq!(refused(english.change(&empty()).await).1, "Post-it text is empty: please write something.");

    // A sentence the server has no structured form for stays English in every language.
    let (code, message) =
        refused(welsh.change(&ClientMsg::Control { change_id: Uuid::new_v4(), control: Control::PauseTimer }).await);
    assert_eq!(code, ErrorCode::Forbidden);
    assert!(message.starts_with("Only the facilitator's console"), "{message}");
}

#[tokio::test]
async fn a_facilitator_is_refused_in_the_language_of_the_console() {
    let server = TestServer::start().await;
    let created = server.create_joining_workshop(&["Holding patients"]).await;
    let mut console = server.connect_with_headers(&[("Cookie", "lang=cy")]).await;
    console.hello(Auth::Facilitator { secret: created.facilitator_secret.clone() }, None).await;
    console.expect_snapshot().await;
    let (code, message) = refused(console.change(&control(Control::SetPhase { phase: Phase::Reveal })).await);
    assert_eq!(code, ErrorCode::WrongPhase);
    assert_eq!(message, RefusalText::RevealTooSoon.message(Lang::CY));
    assert_ne!(message, RefusalText::RevealTooSoon.message(Lang::EN));
    let (mut english, _) = server.facilitator(&created).await;
    let (_, message) = refused(english.change(&control(Control::SetPhase { phase: Phase::Reveal })).await);
    assert_eq!(message, "Reveal comes after placing: start placing first.");
}
