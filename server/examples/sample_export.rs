//! Writes the export zip of a small sample workshop (with Welsh letters, accents, emoji,
//! quotes, commas and formula-like text) to the path given, for checks with independent
//! readers (`server/tests/check_export.py`):
//!
//! ```sh
//! cargo run -p server --example sample_export -- /tmp/sample-export.zip
//! ```

use server::research::bundle::export_zip;
use server::research::tables::WorkshopExport;
use server::store::{Change, NewWorkshopRecord, Store};
use uuid::Uuid;

fn main() -> anyhow::Result<()> {
    let out = std::env::args().nth(1).unwrap_or_else(|| "sample-export.zip".into());
    let dir = tempfile::tempdir()?;
    let store = Store::open(&dir.path().join("sample.sqlite3"))?;
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
    let t = 1_795_463_640_000;
    let workshop = store.create_workshop(&record, "sample-hash", t)?;
    let cards: Vec<Uuid> = store.load_room(workshop.id)?.expect("stored").view.cards.iter().map(|c| c.id).collect();
    let positions = [[10.0, 20.0, 80.0, 90.0, 50.0, 0.0], [12.5, 95.0, 85.0, 5.0, 55.0, 100.0]];
    for (p, label) in ["Pâr 1", "=Pair 2"].iter().enumerate() {
        let (_, pair) = store.join_pair(workshop.id, label, &format!("token-{p}"), t + 1000)?;
        for (c, card) in cards.iter().enumerate() {
            let change = Change::Place { card_id: *card, position: positions[p][c] };
            store.apply_change(workshop.id, &pair, Uuid::new_v4(), change, t + 2000 + c as i64)?;
        }
    }
    let snapshot = store.export_snapshot(workshop.id)?.expect("stored");
    std::fs::write(&out, export_zip(&WorkshopExport::new(snapshot))?)?;
    println!("{out}");
    Ok(())
}
