//! Running a whole session over real websockets: every facilitator control, who may use it,
//! what each screen receives in each phase, bad input, and restarts in the middle of a phase.

use std::time::Duration;

use crate::common::{TestServer, WsClient, control, place};
use app::api::CreatedWorkshop;
use app::domain::{AspectOrder, Control, Event, Focus, Phase, RoomView, Settings};
use app::protocol::{ClientMsg, ErrorCode, ServerMsg};
use server::store::sql::Value;
use uuid::Uuid;

const ASPECTS: &[&str] = &["Holding patients", "Where people are seen", "Caseload balance"];

/// Sends a control and returns the reply (Ack or Refused).
async fn ask(console: &mut WsClient, c: Control) -> ServerMsg {
    console.change(&control(c)).await
}

async fn ok(console: &mut WsClient, c: Control) -> u64 {
    console.acked(&control(c)).await
}

fn refused_with(reply: &ServerMsg, code: ErrorCode) -> String {
    match reply {
        ServerMsg::Refused { code: got, message, .. } if *got == code => message.clone(),
        other => panic!("expected a {code:?} refusal, got {other:?}"),
    }
}

fn sheet(card_id: Uuid, intended: &str, unintended: &str, cant_place: Option<&str>) -> ClientMsg {
    ClientMsg::SaveSheet {
        change_id: Uuid::new_v4(),
        card_id,
        intended: intended.into(),
        unintended: unintended.into(),
        cant_place: cant_place.map(String::from),
        language: None,
    }
}

/// The facilitator's current view, from a fresh console.
async fn console_view(server: &TestServer, created: &CreatedWorkshop) -> RoomView {
    server.facilitator(created).await.1
}

#[tokio::test]
async fn notes_keep_their_line_breaks_and_other_control_characters_are_refused() {
    let server = TestServer::start().await;
    let created = server.create_joining_workshop(ASPECTS).await;
    let (mut console, view) = server.facilitator(&created).await;
    ok(&mut console, Control::SetPhase { phase: Phase::Placing }).await;
    let a = server.join(&created.join_code, "Pair A").await;
    let (mut tablet, _) = server.pair(&a).await;
    let card = view.cards[0].id;
    // Typed on a tablet: Windows line breaks, a blank line between paragraphs, a tab.
    let seq = tablet.acked(&sheet(card, "More time\r\n\r\nwith\tpeople", "Waits\rgrow", Some("It\ndepends"))).await;
    let after = console_view(&server, &created).await;
    assert_eq!(after.seq, seq);
    let note = after.note(a.pair_id, card).expect("saved");
    assert_eq!((note.intended.as_str(), note.unintended.as_str()), ("More time\n\nwith people", "Waits\ngrow"));
    assert_eq!(after.placement(a.pair_id, card).map(|p| p.reason.as_str()), Some("It\ndepends"));
    // Any other control character is refused with a sentence and changes nothing.
    for bad in ["bell\u{7}", "escape\u{1b}[2J", "nul\u{0}"] {
        let message = refused_with(&tablet.change(&sheet(card, bad, "", None)).await, ErrorCode::Invalid);
        assert!(message.contains("Intended outcome contains control characters"), "{message}");
    }
    assert_eq!(console_view(&server, &created).await.seq, seq, "nothing was written");
    // The notes file keeps the line breaks, quoted (RFC 4180).
    let url = server.url(&format!("{}/export.zip", created.console_path));
    let zip = reqwest::get(url).await.unwrap().bytes().await.unwrap();
    let files = crate::research_exports::unzip(&zip);
    let (_, notes) = files.iter().find(|(name, _)| name == "notes.csv").expect("notes.csv");
    let csv = String::from_utf8(notes.clone()).unwrap();
    let mut rows = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let texts: Vec<String> = rows.records().map(|r| r.unwrap()[7].to_string()).collect();
    assert_eq!(texts, ["More time\n\nwith people", "Waits\ngrow", "It\ndepends"], "{csv}");
    assert!(csv.contains("\"More time\n\nwith people\""), "{csv}");
}

#[tokio::test]
async fn only_the_facilitator_runs_the_session() {
    let server = TestServer::start().await;
    let created = server.create_joining_workshop(ASPECTS).await;
    let a = server.join(&created.join_code, "Pair A").await;
    let (mut tablet, view) = server.pair(&a).await;
    let (mut projector, _) = server.projector(created.workshop_id).await;
    let card = view.cards[0].id;
    for c in [
        Control::SetPhase { phase: Phase::Placing },
        Control::StartTimer { minutes: 5 },
        Control::LockCard { card_id: card, locked: true },
        Control::MergeCards { from: card, into: view.cards[1].id },
        Control::RemovePair { pair_id: a.pair_id },
    ] {
        refused_with(&tablet.change(&control(c.clone())).await, ErrorCode::Forbidden);
        refused_with(&projector.change(&control(c)).await, ErrorCode::Forbidden);
    }
    // Pairs cannot place before the facilitator starts placing, and are told why.
    let message = refused_with(&tablet.change(&place(card, 50.0)).await, ErrorCode::WrongPhase);
    assert!(message.contains("not started"), "{message}");
    let (mut console, before) = server.facilitator(&created).await;
    assert_eq!(before.phase, Phase::Joining);
    // The console is not a pair.
    refused_with(&console.change(&place(card, 50.0)).await, ErrorCode::Forbidden);
    let after = console_view(&server, &created).await;
    assert_eq!(after.seq, before.seq, "nothing was written");
}

#[tokio::test]
async fn phases_reach_every_screen_and_private_placing_hides_positions_in_the_messages() {
    let server = TestServer::start().await;
    let created = server.create_joining_workshop(ASPECTS).await;
    let (mut console, view) = server.facilitator(&created).await;
    let card = view.cards[0].id;
    let a = server.join(&created.join_code, "Pair A").await;
    let b = server.join(&created.join_code, "Pair B").await;
    let (mut tablet_a, _) = server.pair(&a).await;
    let (mut tablet_b, _) = server.pair(&b).await;
    let (mut projector, _) = server.projector(created.workshop_id).await;

    let seq = ok(&mut console, Control::SetPhase { phase: Phase::Placing }).await;
    for screen in [&mut tablet_a, &mut tablet_b, &mut projector] {
        let got = screen.recv_until(|m| matches!(m, ServerMsg::Snapshot { view } if view.seq == seq)).await;
        let Some(ServerMsg::Snapshot { view }) = got.last() else { unreachable!() };
        assert_eq!(view.phase, Phase::Placing);
    }

    let placed = tablet_a.acked(&place(card, 20.0)).await;
    tablet_a.acked(&sheet(card, "Fits the person", "Longer waits", None)).await;
    let own = tablet_b.acked(&place(card, 80.0)).await;
    // B's socket: everything up to its own placement, and nothing of A's work.
    let seen = tablet_b.recv_until(|m| matches!(m, ServerMsg::Update { seq, .. } if *seq == own)).await;
    let text = serde_json::to_string(&seen).unwrap();
    assert!(!text.contains(&a.pair_id.to_string()), "B received A's work: {text}");
    assert!(!text.contains("Fits the person"));
    // The projector learns that A placed, not where, and no notes.
    let seen = projector.recv_until(|m| matches!(m, ServerMsg::Update { seq, .. } if *seq == own)).await;
    assert!(seen.iter().any(|m| matches!(m,
        ServerMsg::Update { seq, event: Event::Placed { position: None, .. } } if *seq == placed)));
    let text = serde_json::to_string(&seen).unwrap();
    assert!(!text.contains("20.0") && !text.contains("Fits the person"), "{text}");

    // Reveal: every screen gets a snapshot with both positions; pairs still not others' notes.
    let reveal = ok(&mut console, Control::SetPhase { phase: Phase::Reveal }).await;
    let got = tablet_b.recv_until(|m| matches!(m, ServerMsg::Snapshot { view } if view.seq == reveal)).await;
    let Some(ServerMsg::Snapshot { view }) = got.last() else { unreachable!() };
    assert_eq!(view.placement(a.pair_id, card).and_then(|p| p.shown_position()), Some(20.0));
    assert!(view.notes.is_empty(), "{:?}", view.notes);
    let got = projector.recv_until(|m| matches!(m, ServerMsg::Snapshot { view } if view.seq == reveal)).await;
    let Some(ServerMsg::Snapshot { view }) = got.last() else { unreachable!() };
    assert_eq!(view.placement(a.pair_id, card).and_then(|p| p.shown_position()), Some(20.0));
    assert_eq!(view.note(a.pair_id, card).map(|n| n.intended.as_str()), Some("Fits the person"));
    // Placing is paused while the room discusses; notes can still be saved.
    let message = refused_with(&tablet_b.change(&place(card, 60.0)).await, ErrorCode::WrongPhase);
    assert!(message.contains("paused"), "{message}");
    tablet_b.acked(&sheet(card, "", "Burnout", None)).await;

    // Second round: starts from the first-round positions; both rounds are kept.
    ok(&mut console, Control::SetPhase { phase: Phase::SecondRound }).await;
    tablet_b.acked(&place(card, 40.0)).await;
    let view = console_view(&server, &created).await;
    assert_eq!((view.phase, view.round), (Phase::SecondRound, 2));
    assert_eq!(view.placement_in(1, b.pair_id, card).unwrap().position, 80.0);
    assert_eq!(view.placement_in(2, b.pair_id, card).unwrap().position, 40.0);
    assert_eq!(view.placement_in(2, a.pair_id, card).unwrap().position, 20.0);
    // The export draws round 2 too, with the movement of the median (50 → 30).
    let zip = reqwest::get(server.url(&format!("{}/export.zip", created.console_path))).await.unwrap();
    let files = crate::research_exports::unzip(&zip.bytes().await.unwrap());
    let file = |name: &str| files.iter().find(|(n, _)| n == name).map(|(_, b)| String::from_utf8_lossy(b).into_owned());
    let (round_1, round_2) = (file("chart.svg").unwrap(), file("chart-round-2.svg").unwrap());
    assert!(round_1.contains("— round 1</text>") && round_2.contains("— round 2</text>"));
    assert_eq!((round_1.matches("class=\"dot\"").count(), round_1.matches("class=\"movement\"").count()), (2, 0));
    assert_eq!(round_2.matches("class=\"dot\"").count(), 2);
    assert_eq!(round_2.matches("class=\"median-before\"").count(), 1);
    let arrow = round_2.lines().find(|l| l.contains("class=\"movement\"")).expect("an arrow");
    // From x of 50 to x of 30 on the 400..1160 plot: 780 → 628.
    assert!(arrow.contains("d=\"M780.00 ") && arrow.contains(" H628.00 "), "{arrow}");
    assert!(files.iter().any(|(n, b)| n == "chart-round-2.png" && b.starts_with(b"\x89PNG")));

    // Closed: read-only for everyone, but one step back reopens it.
    ok(&mut console, Control::SetPhase { phase: Phase::Closed }).await;
    refused_with(&tablet_a.change(&place(card, 1.0)).await, ErrorCode::WrongPhase);
    refused_with(&ask(&mut console, Control::StartTimer { minutes: 3 }).await, ErrorCode::WrongPhase);
    let join = server.post_join(&created.join_code, "Late pair").await;
    assert_eq!(join.status(), 400);
    ok(&mut console, Control::SetPhase { phase: Phase::SecondRound }).await;
    tablet_a.acked(&place(card, 1.0)).await;
}

#[tokio::test]
async fn bad_controls_are_refused_with_a_reason_and_change_nothing() {
    let server = TestServer::start().await;
    let created = server.create_joining_workshop(ASPECTS).await;
    let other = server.create_workshop(&["Elsewhere"]).await;
    let foreign_card = console_view(&server, &other).await.cards[0].id;
    let (mut console, view) = server.facilitator(&created).await;
    let [c0, c1] = [view.cards[0].id, view.cards[1].id];
    let before = view.seq;

    let m =
        refused_with(&ask(&mut console, Control::SetPhase { phase: Phase::SecondRound }).await, ErrorCode::WrongPhase);
    assert!(m.contains("second round"), "{m}");
    refused_with(&ask(&mut console, Control::SetPhase { phase: Phase::Reveal }).await, ErrorCode::WrongPhase);
    let m = refused_with(&ask(&mut console, Control::MergeCards { from: c0, into: c0 }).await, ErrorCode::Invalid);
    assert!(m.contains("itself"), "{m}");
    refused_with(
        &ask(&mut console, Control::MergeCards { from: c0, into: foreign_card }).await,
        ErrorCode::UnknownCard,
    );
    refused_with(
        &ask(&mut console, Control::LockCard { card_id: foreign_card, locked: true }).await,
        ErrorCode::UnknownCard,
    );
    refused_with(&ask(&mut console, Control::StartTimer { minutes: 0 }).await, ErrorCode::Invalid);
    refused_with(&ask(&mut console, Control::PauseTimer).await, ErrorCode::Invalid);
    let too_strict = Settings { min_pairs: 0, ..Settings::default() };
    refused_with(&ask(&mut console, Control::ChangeSettings { settings: too_strict }).await, ErrorCode::Invalid);
    let long = "x".repeat(200);
    refused_with(&ask(&mut console, Control::EditCard { card_id: c1, text: long }).await, ErrorCode::Invalid);
    refused_with(&ask(&mut console, Control::RemovePair { pair_id: Uuid::new_v4() }).await, ErrorCode::Invalid);
    let spotlight_foreign = Focus { spotlight: Some(foreign_card), order: AspectOrder::Set };
    refused_with(&ask(&mut console, Control::SetFocus { focus: spotlight_foreign }).await, ErrorCode::UnknownCard);
    assert_eq!(console_view(&server, &created).await.seq, before);

    // A pair: too-long notes, hidden and unknown aspects.
    ok(&mut console, Control::SetPhase { phase: Phase::Placing }).await;
    ok(&mut console, Control::HideCard { card_id: c1, hidden: true }).await;
    let a = server.join(&created.join_code, "Pair A").await;
    let (mut tablet, mine) = server.pair(&a).await;
    assert_eq!(mine.card(c1).map(|c| c.text.as_str()), Some(""), "a hidden card's text is not sent");
    let before = console_view(&server, &created).await.seq;
    let m = refused_with(&tablet.change(&sheet(c0, &"n".repeat(501), "", None)).await, ErrorCode::Invalid);
    assert!(m.contains("Intended outcome is too long"), "{m}");
    let m = refused_with(&tablet.change(&place(c1, 10.0)).await, ErrorCode::UnknownCard);
    assert!(m.contains("hidden"), "{m}");
    refused_with(&tablet.change(&place(foreign_card, 10.0)).await, ErrorCode::UnknownCard);
    refused_with(&tablet.change(&place(c0, 100.5)).await, ErrorCode::Invalid);
    assert_eq!(console_view(&server, &created).await.seq, before);
}

#[tokio::test]
async fn pair_written_post_its_are_edited_locked_and_merged_with_their_data() {
    let server = TestServer::start().await;
    let created = server.create_workshop(ASPECTS).await;
    let (mut console, view) = server.facilitator(&created).await;
    let c0 = view.cards[0].id;
    let a = server.join(&created.join_code, "Pair A").await;
    let b = server.join(&created.join_code, "Pair B").await;
    let (mut tablet_a, _) = server.pair(&a).await;
    let (mut tablet_b, _) = server.pair(&b).await;

    let written = Uuid::new_v4();
    let add = ClientMsg::AddCard { change_id: Uuid::new_v4(), card_id: written, text: "  Home visits ".into() };
    let seq = tablet_a.acked(&add).await;
    let got = console.recv_until(|m| matches!(m, ServerMsg::Update { seq: s, .. } if *s == seq)).await;
    assert!(matches!(got.last(), Some(ServerMsg::Update { event: Event::CardAdded { card, .. }, .. })
        if card.text == "Home visits" && card.author == Some(a.pair_id)));
    // Not shared by default: B neither receives it nor can place it.
    let own = tablet_b.acked(&place(c0, 30.0)).await;
    let seen = tablet_b.recv_until(|m| matches!(m, ServerMsg::Update { seq, .. } if *seq == own)).await;
    assert!(!serde_json::to_string(&seen).unwrap().contains("Home visits"));
    refused_with(&tablet_b.change(&place(written, 5.0)).await, ErrorCode::UnknownCard);

    tablet_a.acked(&place(written, 70.0)).await;
    tablet_a.acked(&sheet(written, "Reach people at home", "Travel time", None)).await;
    ok(&mut console, Control::EditCard { card_id: written, text: "Home and community visits".into() }).await;
    ok(&mut console, Control::LockCard { card_id: written, locked: true }).await;
    refused_with(&tablet_a.change(&place(written, 75.0)).await, ErrorCode::Locked);
    ok(&mut console, Control::LockCard { card_id: written, locked: false }).await;

    let merged = ok(&mut console, Control::MergeCards { from: written, into: c0 }).await;
    let got = tablet_a.recv_until(|m| matches!(m, ServerMsg::Snapshot { view } if view.seq == merged)).await;
    let Some(ServerMsg::Snapshot { view }) = got.last() else { unreachable!() };
    assert_eq!(view.placement(a.pair_id, c0).map(|p| p.position), Some(70.0), "placement carried over");
    assert_eq!(view.note(a.pair_id, c0).map(|n| n.unintended.as_str()), Some("Travel time"));
    assert!(view.active_cards().iter().all(|c| c.id != written));
    refused_with(&tablet_a.change(&place(written, 10.0)).await, ErrorCode::UnknownCard);
    let room = console_view(&server, &created).await;
    assert_eq!(room.placement(b.pair_id, c0).map(|p| p.position), Some(30.0), "B's own placement kept");
    // The merge is in the event log, for researchers.
    let log: Vec<(String, String)> = server
        .db()
        .rows(
            "SELECT action, COALESCE(after_json, '') AS after_json FROM events WHERE workshop_id = ?1 ORDER BY seq",
            &[Value::from(created.workshop_id)],
        )
        .unwrap()
        .iter()
        .map(|r| (r.text("action").unwrap(), r.text("after_json").unwrap()))
        .collect();
    let actions: Vec<&str> = log.iter().map(|(a, _)| a.as_str()).collect();
    for action in ["card_added", "sheet_saved", "card_edited", "card_locked", "card_unlocked", "cards_merged"] {
        assert!(actions.contains(&action), "{action} missing from {actions:?}");
    }
    let merge_row = &log.iter().find(|(a, _)| a == "cards_merged").unwrap().1;
    assert!(merge_row.contains(&c0.to_string()) && merge_row.contains("Holding patients"), "{merge_row}");
}

#[tokio::test]
async fn cant_place_spotlight_order_and_timer_reach_every_screen() {
    let server = TestServer::start().await;
    let created = server.create_workshop(ASPECTS).await;
    let (mut console, view) = server.facilitator(&created).await;
    let c1 = view.cards[1].id;
    let a = server.join(&created.join_code, "Pair A").await;
    let (mut tablet, _) = server.pair(&a).await;
    let (mut projector, _) = server.projector(created.workshop_id).await;

    tablet.acked(&sheet(c1, "", "", Some("Depends on the practice"))).await;
    let timer = ok(&mut console, Control::StartTimer { minutes: 4 }).await;
    for screen in [&mut tablet, &mut projector] {
        let got = screen.recv_until(|m| matches!(m, ServerMsg::Update { seq, .. } if *seq == timer)).await;
        assert!(matches!(got.last(), Some(ServerMsg::Update { event: Event::TimerChanged { timer: Some(t), .. }, .. })
            if t.duration_ms == 240_000 && t.is_running()));
    }
    ok(&mut console, Control::PauseTimer).await;
    ok(&mut console, Control::ExtendTimer { minutes: 1 }).await;
    ok(&mut console, Control::SetPhase { phase: Phase::Reveal }).await;
    let focus = Focus { spotlight: Some(c1), order: AspectOrder::Spread };
    let seq = ok(&mut console, Control::SetFocus { focus }).await;
    let got = projector.recv_until(|m| matches!(m, ServerMsg::Update { seq: s, .. } if *s == seq)).await;
    assert!(
        matches!(got.last(), Some(ServerMsg::Update { event: Event::FocusChanged { focus: f, .. }, .. }) if *f == focus)
    );
    let wall = server.projector(created.workshop_id).await.1;
    let row = wall.aspect_rows().into_iter().find(|r| r.card.id == c1).unwrap();
    assert_eq!((row.cant_place, row.placed), (1, 0));
    assert_eq!(wall.placement(a.pair_id, c1).map(|p| p.reason.as_str()), Some("Depends on the practice"));
    let t = wall.timer.unwrap();
    assert_eq!((t.duration_ms, t.is_running()), (300_000, false));
}

#[tokio::test]
async fn removing_a_pair_signs_its_tablets_out_and_deletes_its_work() {
    let server = TestServer::start().await;
    let created = server.create_workshop(ASPECTS).await;
    let (mut console, view) = server.facilitator(&created).await;
    let test_join = server.join(&created.join_code, "Test").await;
    let (mut tablet, _) = server.pair(&test_join).await;
    tablet.acked(&place(view.cards[0].id, 50.0)).await;
    ok(&mut console, Control::RemovePair { pair_id: test_join.pair_id }).await;
    let message = match tablet.recv_until(|m| matches!(m, ServerMsg::Refused { change_id: None, .. })).await.pop() {
        Some(ServerMsg::Refused { code: ErrorCode::Forbidden, message, .. }) => message,
        other => panic!("{other:?}"),
    };
    assert!(message.contains("removed"), "{message}");
    tablet.expect_closed().await;
    // Its token no longer signs in; its rows are gone.
    let mut again = server.connect().await;
    again.send(&ClientMsg::Hello { auth: crate::common::pair_auth(&test_join), last_seq: None }).await;
    assert!(matches!(again.recv().await, ServerMsg::Refused { code: ErrorCode::Forbidden, .. }));
    let room = console_view(&server, &created).await;
    assert!(room.pairs.is_empty() && room.placements.is_empty());
    let rows = server.db().int("SELECT COUNT(*) FROM events WHERE pair_id = ?1", &[Value::from(test_join.pair_id)]);
    assert_eq!(rows, 0);
}

/// Drives a workshop to `phase` with data of every kind, restarts the server, and checks that
/// the room is exactly as it was (timer included) and that the session goes on.
async fn restart_in(phase: Phase) {
    let mut server = TestServer::start().await;
    let created = server.create_joining_workshop(ASPECTS).await;
    let (mut console, view) = server.facilitator(&created).await;
    let [c0, c1] = [view.cards[0].id, view.cards[1].id];
    let a = server.join(&created.join_code, "Pair A").await;
    let b = server.join(&created.join_code, "Pair B").await;
    ok(&mut console, Control::ChangeSettings { settings: Settings { min_pairs: 2, ..Settings::default() } }).await;
    ok(&mut console, Control::StartTimer { minutes: 10 }).await;
    let steps = [Phase::Placing, Phase::Reveal, Phase::SecondRound, Phase::Closed];
    let reached = steps.iter().position(|s| *s == phase).map_or(0, |i| i + 1);
    for step in &steps[..reached] {
        ok(&mut console, Control::SetPhase { phase: *step }).await;
        let (mut tablet_a, _) = server.pair(&a).await;
        let (mut tablet_b, _) = server.pair(&b).await;
        match step {
            Phase::Placing => {
                tablet_a.acked(&place(c0, 25.0)).await;
                tablet_b.acked(&place(c0, 75.0)).await;
                tablet_b.acked(&sheet(c1, "Flexibility", "", Some("It depends"))).await;
                let add =
                    ClientMsg::AddCard { change_id: Uuid::new_v4(), card_id: Uuid::new_v4(), text: "Mine".into() };
                tablet_a.acked(&add).await;
            }
            Phase::Reveal => {
                ok(
                    &mut console,
                    Control::SetFocus { focus: Focus { spotlight: Some(c0), order: AspectOrder::Spread } },
                )
                .await;
                ok(&mut console, Control::PauseTimer).await;
            }
            Phase::SecondRound => {
                tablet_a.acked(&place(c0, 60.0)).await;
                ok(&mut console, Control::LockCard { card_id: c1, locked: true }).await;
            }
            _ => {}
        }
    }
    let before = console_view(&server, &created).await;
    assert_eq!(before.phase, phase);
    server.restart().await;
    let after = console_view(&server, &created).await;
    assert_eq!(after, before, "{phase:?}: the room after a restart");
    assert!(after.timer.is_some(), "{phase:?}: the timer survived");
    // The session goes on from there.
    let (mut console, _) = server.facilitator(&created).await;
    match phase {
        Phase::Closed => {
            ok(&mut console, Control::SetPhase { phase: Phase::SecondRound }).await;
        }
        Phase::Joining | Phase::Reveal => {
            let next = if phase == Phase::Joining { Phase::Placing } else { Phase::SecondRound };
            ok(&mut console, Control::SetPhase { phase: next }).await;
        }
        Phase::Placing | Phase::SecondRound => {
            let (mut tablet, _) = server.pair(&b).await;
            tablet.acked(&place(c0, 10.0)).await;
        }
    }
}

#[tokio::test]
async fn a_restart_while_joining_continues_the_session() {
    restart_in(Phase::Joining).await;
}

#[tokio::test]
async fn a_restart_while_placing_continues_the_session() {
    restart_in(Phase::Placing).await;
}

#[tokio::test]
async fn a_restart_during_the_discussion_continues_the_session() {
    restart_in(Phase::Reveal).await;
}

#[tokio::test]
async fn a_restart_in_the_second_round_continues_the_session() {
    restart_in(Phase::SecondRound).await;
}

#[tokio::test]
async fn a_restart_after_closing_keeps_the_workshop_closed() {
    restart_in(Phase::Closed).await;
}

#[tokio::test]
async fn a_running_timer_keeps_counting_through_a_restart() {
    let mut server = TestServer::start().await;
    let created = server.create_workshop(ASPECTS).await;
    let (mut console, _) = server.facilitator(&created).await;
    ok(&mut console, Control::StartTimer { minutes: 1 }).await;
    let before = console_view(&server, &created).await.timer.unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    server.restart().await;
    let after = console_view(&server, &created).await.timer.unwrap();
    assert_eq!(after, before, "the same start time and length: it kept counting while the server was down");
    assert!(after.is_running());
}
