//! How long a big workshop's complete export takes: 100 pairs × 30 aspects × 2 rounds, and
//! 100,000 events. Round 1 places every aspect of every pair, then moves them; the facilitator
//! reveals and opens the second round (which starts from the round-1 positions); round 2
//! moves them again.
//! Not a test (no test asserts a wall-clock time); run it and read the numbers:
//!
//! ```sh
//! cargo run --release -p server --example export_bench
//! ```
//!
//! (An example rather than a `benches/` target: the workspace's release profile aborts on
//! panic, which `cargo bench` cannot combine with the library it links.)
//!
//! It prints the time of each step (read the snapshot in one transaction, compute tables and
//! statistics, render and zip every file) over several runs, the zip's size, and the time of
//! the biggest files alone.

use std::time::{Duration, Instant};

use app::domain::{Event, PairSummary, Phase};
use server::research::bundle::{export_files, export_zip};
use server::research::chart::chart_svg;
use server::research::csv_files::table_csv;
use server::research::json::workshop_json;
use server::research::png::svg_to_png;
use server::research::tables::WorkshopExport;
use server::research::xlsx::workshop_xlsx;
use server::store::{NewWorkshopRecord, Store};
use uuid::Uuid;

const PAIRS: usize = 100;
const ASPECTS: usize = 30;
const EVENTS: usize = 100_000;
const RUNS: usize = 5;

/// A small deterministic generator, so every run builds the same database.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn position(&mut self) -> f64 {
        (self.next() % 1001) as f64 / 10.0
    }
}

/// Builds the workshop: created and joined through the store, then the placements and the
/// event log written in one transaction (100,000 separate durable commits would measure the
/// disk, not the export).
fn build(path: &std::path::Path) -> Uuid {
    let store = Store::open(path).expect("open");
    let record = NewWorkshopRecord {
        title: "Benchmark workshop, \"big\" 🙂".into(),
        site: "Safle ŵ".into(),
        question: "How much discretion?".into(),
        left_pole: "Fixed".into(),
        right_pole: "Flexible".into(),
        aspects: (0..ASPECTS).map(|i| format!("Aspect {i}: how long each appointment lasts, and where")).collect(),
    };
    let start = 1_795_463_640_000;
    let workshop = store.create_workshop(&record, "bench-hash", start).expect("workshop");
    let pairs: Vec<PairSummary> = (0..PAIRS)
        .map(|i| store.join_pair(workshop.id, &format!("Pair {i}"), &format!("token-{i}"), start + i as i64).unwrap().1)
        .collect();
    let room = store.load_room(workshop.id).unwrap().unwrap();
    let cards: Vec<Uuid> = room.view.cards.iter().map(|c| c.id).collect();
    drop(store);

    let mut conn = rusqlite::Connection::open(path).unwrap();
    let tx = conn.transaction().unwrap();
    let wid = workshop.id.to_string();
    let mut seq =
        tx.query_row("SELECT MAX(seq) FROM events WHERE workshop_id = ?1", [&wid], |r| r.get::<_, i64>(0)).unwrap();
    let mut rng = Lcg(42);
    // (position, placed_at, moved_at, moves) per pair × aspect.
    let mut state: Vec<Option<(f64, i64, i64, u32)>> = vec![None; PAIRS * ASPECTS];
    let mut insert = tx
        .prepare(
            "INSERT INTO events (workshop_id, seq, at, actor, actor_label, action, card_id, pair_id,
                                 before_json, after_json, change_id, payload_json)
             VALUES (?1, ?2, ?3, 'pair', ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )
        .unwrap();
    let mut phase_change = tx
        .prepare(
            "INSERT INTO events (workshop_id, seq, at, actor, actor_label, action, after_json, change_id, payload_json)
             VALUES (?1, ?2, ?3, 'facilitator', 'Facilitator', 'phase_changed', ?4, ?5, ?6)",
        )
        .unwrap();
    let first = seq as usize;
    // Placing starts at `first`; the discussion at `half`, the second round right after it.
    let half = first + (EVENTS - first) / 2;
    for n in first..EVENTS {
        seq += 1;
        let at = start + 10_000 + n as i64 * 20;
        let phase = match n {
            _ if n == first => Some(Phase::Placing),
            _ if n == half => Some(Phase::Reveal),
            _ if n == half + 1 => Some(Phase::SecondRound),
            _ => None,
        };
        if let Some(phase) = phase {
            let event = Event::PhaseChanged { phase, at };
            phase_change
                .execute(rusqlite::params![
                    wid,
                    seq,
                    at,
                    serde_json::json!({ "phase": phase }).to_string(),
                    Uuid::new_v4().to_string(),
                    serde_json::to_string(&event).unwrap(),
                ])
                .unwrap();
            continue;
        }
        let round = if n < half { 1 } else { 2 };
        // Round 1 first places every aspect of every pair once; the rest of each round moves
        // randomly chosen placements (round 2 starts from the round-1 positions).
        let slot = if n <= first + PAIRS * ASPECTS {
            (n - first - 1) % (PAIRS * ASPECTS)
        } else {
            rng.next() as usize % (PAIRS * ASPECTS)
        };
        let (pair, card) = (&pairs[slot / ASPECTS], cards[slot % ASPECTS]);
        let position = rng.position();
        let (action, before) = match state[slot] {
            None => {
                state[slot] = Some((position, at, at, 0));
                ("placed", None)
            }
            Some((old, placed_at, _, moves)) => {
                state[slot] = Some((position, placed_at, at, moves + 1));
                ("moved", Some(format!("{{\"position\":{old}}}")))
            }
        };
        let event = Event::Placed { pair_id: pair.id, card_id: card, round, position: Some(position), at };
        insert
            .execute(rusqlite::params![
                wid,
                seq,
                at,
                pair.label,
                action,
                card.to_string(),
                pair.id.to_string(),
                before,
                format!("{{\"position\":{position}}}"),
                Uuid::new_v4().to_string(),
                serde_json::to_string(&event).unwrap(),
            ])
            .unwrap();
    }
    drop(insert);
    drop(phase_change);
    tx.commit().unwrap();
    workshop.id
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bench.sqlite3");
    let built = Instant::now();
    let id = build(&path);
    println!("built {PAIRS} pairs × {ASPECTS} aspects, {EVENTS} events in {}", ms(built.elapsed()));
    let store = Store::open(&path).expect("open");

    let mut totals = Vec::new();
    for run in 1..=RUNS {
        let t0 = Instant::now();
        let snapshot = store.export_snapshot(id).unwrap().unwrap();
        let t1 = Instant::now();
        let export = WorkshopExport::new(snapshot);
        let t2 = Instant::now();
        let zip = export_zip(&export).unwrap();
        let t3 = Instant::now();
        println!(
            "run {run}: read {} + tables {} + files and zip {} = {} ({} placement rows, {} events, zip {} KiB)",
            ms(t1 - t0),
            ms(t2 - t1),
            ms(t3 - t2),
            ms(t3 - t0),
            export.placements.rows.len(),
            export.events.rows.len(),
            zip.len() / 1024
        );
        totals.push(t3 - t0);
    }
    totals.sort();
    let export = WorkshopExport::new(store.export_snapshot(id).unwrap().unwrap());
    let t = Instant::now();
    let files = export_files(&export).unwrap();
    println!("all files without the zip: {}", ms(t.elapsed()));
    let t = Instant::now();
    let room = store.load_room(id).unwrap().unwrap();
    println!("replaying the log alone (load_room): {} ({} placements)", ms(t.elapsed()), room.view.placements.len());
    let rounds: std::collections::BTreeSet<u32> = export.aspect_rounds.iter().map(|a| a.round).collect();
    println!("rounds {rounds:?}, {} summary rows, {} files", export.summary.rows.len(), files.len());
    for (name, bytes) in &files {
        let t = Instant::now();
        let again = match *name {
            "placements.csv" => table_csv(&export.placements).unwrap(),
            "events.csv" => table_csv(&export.events).unwrap(),
            "workshop.json" => workshop_json(&export).unwrap(),
            "workshop.xlsx" => workshop_xlsx(&export, server::research::bundle::DEFLATE_LEVEL as u8).unwrap(),
            "chart.png" => svg_to_png(&chart_svg(&export, 1)).unwrap(),
            "chart-round-2.png" => svg_to_png(&chart_svg(&export, 2)).unwrap(),
            _ => continue,
        };
        println!("  {name}: {} ({} KiB)", ms(t.elapsed()), again.len().max(bytes.len()) / 1024);
    }
    println!("export total: min {}, median {}, max {}", ms(totals[0]), ms(totals[RUNS / 2]), ms(totals[RUNS - 1]));
}
