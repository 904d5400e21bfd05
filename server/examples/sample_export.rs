//! Writes the export zip of a small sample workshop (with Welsh letters, accents, emoji,
//! quotes, commas and formula-like text) to the path given, for checks with independent
//! readers (`server/tests/check_export.py`):
//!
//! ```sh
//! cargo run -p server --example sample_export -- /tmp/sample-export.zip
//! ```

use std::sync::Arc;

use app::domain::consent::{ConsentAnswer, ConsentSheet};
use app::domain::{Control, PairAction, Phase};
use server::live::room::Room;
use server::research::bundle::export_zip;
use server::research::tables::WorkshopExport;
use server::store::{NewWorkshopRecord, Store};
use uuid::Uuid;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let out = std::env::args().nth(1).unwrap_or_else(|| "sample-export.zip".into());
    if std::env::args().any(|a| a == "--findings") {
        return findings(&out).await;
    }
    let dir = tempfile::tempdir()?;
    let store = Arc::new(Store::open(&dir.path().join("sample.sqlite3"))?);
    let record = NewWorkshopRecord {
        title: "Cyfarfod cyfnewid gwybodaeth".into(),
        site: "Safle ŵ 3".into(),
        question: "How much discretion?".into(),
        left_pole: "Fixed".into(),
        right_pole: "Flexible".into(),
        aspects: vec![
            "Holding patients".into(),
            "=SUM(A1:A2)".into(),
            "+44 caseload, \"balance\"".into(),
            "-minus".into(),
            "@mention".into(),
            "Café 🙂 Siân".into(),
        ],
    };
    let workshop = store.create_workshop(&record, "sample-hash", 1_795_463_640_000)?;
    let loaded = store.load_room(workshop.id)?.expect("stored");
    let cards: Vec<Uuid> = loaded.view.cards.iter().map(|c| c.id).collect();
    let room = Room::new(workshop.id, Arc::clone(&store), loaded);
    let statements =
        vec!["Rwy'n cytuno / I agree to take part.".to_string(), "=I may withdraw, \"any time\"".to_string()];
    let info_sheet = |version: &str| ConsentSheet {
        title: "Taflen wybodaeth / Information sheet".into(),
        version: version.into(),
        text: format!("Version {version}.\n\nWe record where you place each post-it, and your notes. Café 🙂"),
        statements: statements.clone(),
    };
    room.set_consent_sheet(info_sheet("1")).await?;
    let agree = |version: &str, people: u8| ConsentAnswer {
        version: version.into(),
        people,
        agreed: vec![vec![true; statements.len()]; usize::from(people)],
    };
    let control = |c: Control| room.act_as_facilitator(Uuid::new_v4(), c);
    control(Control::SetPhase { phase: Phase::Placing }).await?;
    let positions = [[10.0, 20.0, 80.0, 90.0, 50.0, 0.0], [12.5, 95.0, 85.0, 5.0, 55.0, 100.0]];
    let mut pairs = Vec::new();
    for (p, label) in ["Pâr 1", "=Pair 2"].iter().enumerate() {
        let (pair, _) = room.join(label.to_string(), Some(agree("1", 2 - p as u8))).await?;
        for (c, card) in cards.iter().enumerate() {
            let place = PairAction::Place { card_id: *card, position: positions[p][c] };
            room.act_as_pair(&pair, Uuid::new_v4(), place).await?;
        }
        pairs.push(pair);
    }
    let sheet = PairAction::SaveSheet {
        card_id: cards[0],
        // Two lines, typed on a tablet (`\r\n`): stored and exported with one `\n`.
        intended: "Patients get \"what matters\",\r\nat their pace".into(),
        unintended: "=Caseloads grow, waiting lists too".into(),
        cant_place: None,
        language: None,
    };
    room.act_as_pair(&pairs[0], Uuid::new_v4(), sheet).await?;
    let cant = PairAction::SaveSheet {
        card_id: cards[3],
        intended: String::new(),
        unintended: String::new(),
        // Welsh letters, curly quotes and an emoji: the NVivo project counts code points.
        cant_place: Some("Depends on the GP practice – “Meddygfa’r Ŵyl” 🙂".into()),
        language: None,
    };
    room.act_as_pair(&pairs[1], Uuid::new_v4(), cant).await?;
    control(Control::SetPhase { phase: Phase::Reveal }).await?;
    control(Control::SetPhase { phase: Phase::SecondRound }).await?;
    room.set_consent_sheet(info_sheet("1.1")).await?;
    room.give_consent(&pairs[0], Uuid::new_v4(), agree("1.1", 2)).await?;
    let moved = PairAction::Place { card_id: cards[0], position: 40.0 };
    room.act_as_pair(&pairs[0], Uuid::new_v4(), moved).await?;
    control(Control::SetPhase { phase: Phase::Closed }).await?;
    let snapshot = store.export_snapshot(workshop.id)?.expect("stored");
    std::fs::write(&out, export_zip(&WorkshopExport::new(snapshot))?)?;
    println!("{out}");
    Ok(())
}

/// `--findings`: eight pairs in two camps over four aspects; in round 2 every pair moves the
/// first aspect by a different amount (no zero, no tie), so R's exact `wilcox.test` applies.
/// The codebook's R and pandas snippets run on this one (`scripts/test.sh`).
async fn findings(out: &str) -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let store = Arc::new(Store::open(&dir.path().join("findings.sqlite3"))?);
    let record = NewWorkshopRecord {
        title: "Knowledge exchange".into(),
        site: "Site 4".into(),
        question: "How much discretion?".into(),
        left_pole: "Fixed".into(),
        right_pole: "Flexible".into(),
        aspects: ["Holding patients", "Where people are seen", "Caseload balance", "Time in the community"]
            .map(String::from)
            .to_vec(),
    };
    let workshop = store.create_workshop(&record, "findings-hash", 1_795_463_640_000)?;
    let loaded = store.load_room(workshop.id)?.expect("stored");
    let cards: Vec<Uuid> = loaded.view.cards.iter().map(|c| c.id).collect();
    let room = Room::new(workshop.id, Arc::clone(&store), loaded);
    let control = |c: Control| room.act_as_facilitator(Uuid::new_v4(), c);
    control(Control::SetPhase { phase: Phase::Placing }).await?;
    let mut pairs = Vec::new();
    for p in 0..8u32 {
        let (pair, _) = room.join(format!("Pair {}", p + 1), None).await?;
        let camp = if p < 4 { 15.0 } else { 80.0 };
        for (c, card) in cards.iter().enumerate() {
            let position = camp + f64::from(p % 4) * 2.5 + c as f64;
            room.act_as_pair(&pair, Uuid::new_v4(), PairAction::Place { card_id: *card, position }).await?;
        }
        pairs.push(pair);
    }
    control(Control::SetPhase { phase: Phase::Reveal }).await?;
    control(Control::SetPhase { phase: Phase::SecondRound }).await?;
    for (pair, change) in pairs.iter().zip([3.0, -7.0, 12.0, 20.0, -1.0, 5.0, 9.0, -15.0]) {
        let p = pairs.iter().position(|q| q.id == pair.id).unwrap_or(0) as u32;
        let first = if p < 4 { 15.0 } else { 80.0 } + f64::from(p % 4) * 2.5;
        let moved = PairAction::Place { card_id: cards[0], position: first + change };
        room.act_as_pair(pair, Uuid::new_v4(), moved).await?;
    }
    control(Control::SetPhase { phase: Phase::Closed }).await?;
    let snapshot = store.export_snapshot(workshop.id)?.expect("stored");
    std::fs::write(out, export_zip(&WorkshopExport::new(snapshot))?)?;
    println!("{out}");
    Ok(())
}
