//! The CSV download of a workshop's placements, for R, pandas, Excel and NVivo.
//!
//! UTF-8 with a byte-order mark, so Excel shows Welsh and accented text correctly; ISO 8601
//! UTC timestamps; text cells that a spreadsheet would run as a formula are neutralised.
//! The file holds no secrets: only labels, aspect texts, positions and times.

use app::domain::WorkshopInfo;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use crate::http::{ApiPath, attachment};
use crate::research::csv_files::{BOM, neutralise_cell};
use crate::state::AppState;
use crate::store::ExportRow;
use crate::time::iso_ms;

/// Column names of the placements CSV.
pub const HEADER: [&str; 7] = ["workshop", "site", "pair", "aspect", "position", "placed_at", "last_moved_at"];

/// The whole CSV file: BOM, header, one row per placed aspect in the order given.
pub fn placements_csv_bytes(workshop: &WorkshopInfo, rows: &[ExportRow]) -> Result<Vec<u8>, csv::Error> {
    let mut writer = csv::Writer::from_writer(BOM.to_vec());
    writer.write_record(HEADER)?;
    let title = neutralise_cell(&workshop.title);
    let site = neutralise_cell(&workshop.site);
    for row in rows {
        writer.write_record([
            title.as_ref(),
            site.as_ref(),
            &neutralise_cell(&row.pair),
            &neutralise_cell(&row.aspect),
            &row.position.to_string(),
            &iso_ms(row.placed_at),
            &iso_ms(row.moved_at),
        ])?;
    }
    writer.into_inner().map_err(|e| e.into_error().into())
}

/// `GET /f/{secret}/placements.csv`: the facilitator's download. A wrong secret is a 404.
pub async fn placements_csv(State(state): State<AppState>, ApiPath(secret): ApiPath<String>) -> Response {
    let workshop = match state.hub.workshop_by_secret(&secret).await {
        Ok(Some(workshop)) => workshop,
        Ok(None) => {
            return (StatusCode::NOT_FOUND, "No workshop has this console link.").into_response();
        }
        Err(e) => return failure(&e),
    };
    let id = workshop.id;
    let rows = match state.store.run(move |s| s.export_rows(id)).await {
        Ok(rows) => rows,
        Err(e) => return failure(&e),
    };
    let body = match placements_csv_bytes(&workshop, &rows) {
        Ok(body) => body,
        Err(e) => return failure(&e),
    };
    attachment("text/csv; charset=utf-8", &format!("placements-{}.csv", workshop.join_code), body)
}

fn failure(e: &dyn std::fmt::Display) -> Response {
    tracing::error!(error = %e, "CSV export failed");
    (StatusCode::INTERNAL_SERVER_ERROR, "The export failed; please try again.").into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    #[test]
    fn formula_like_cells_are_neutralised() {
        for (input, expected) in [
            ("=SUM(A1:A2)", "'=SUM(A1:A2)"),
            ("+44 1234", "'+44 1234"),
            ("-1", "'-1"),
            ("@cmd", "'@cmd"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("Pair 3", "Pair 3"),
            ("a=b", "a=b"),
            ("", ""),
            ("ŵ=", "ŵ="),
        ] {
            assert_eq!(neutralise_cell(input), expected, "{input:?}");
        }
    }

    fn workshop(title: &str, site: &str) -> WorkshopInfo {
        WorkshopInfo {
            id: Uuid::nil(),
            title: title.into(),
            site: site.into(),
            question: "Q".into(),
            left_pole: "L".into(),
            right_pole: "R".into(),
            join_code: "ABCDEF".into(),
            created_at: 0,
        }
    }

    #[test]
    fn csv_has_bom_header_and_exact_rows() {
        let rows = vec![
            ExportRow {
                pair: "Pâr ŵ 🙂".into(),
                aspect: "Café, \"holding\" patients".into(),
                position: 42.5,
                placed_at: 1_795_463_640_123,
                moved_at: 1_795_463_700_000,
            },
            ExportRow {
                pair: "=HYPERLINK(\"x\")".into(),
                aspect: "Where people are seen".into(),
                position: 100.0,
                placed_at: 0,
                moved_at: 0,
            },
        ];
        let bytes = placements_csv_bytes(&workshop("Cyfarfod ŵ", "Safle 1"), &rows).unwrap();
        assert!(bytes.starts_with(BOM));
        let text = std::str::from_utf8(&bytes[BOM.len()..]).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "workshop,site,pair,aspect,position,placed_at,last_moved_at");
        assert_eq!(
            lines[1],
            "Cyfarfod ŵ,Safle 1,Pâr ŵ 🙂,\"Café, \"\"holding\"\" patients\",42.5,\
             2026-11-23T19:54:00.123Z,2026-11-23T19:55:00.000Z"
        );
        assert_eq!(
            lines[2],
            "Cyfarfod ŵ,Safle 1,\"'=HYPERLINK(\"\"x\"\")\",Where people are seen,100,\
             1970-01-01T00:00:00.000Z,1970-01-01T00:00:00.000Z"
        );
        assert_eq!(lines.len(), 3);
    }

    #[test]
    fn csv_round_trips_through_a_reader() {
        let rows = vec![ExportRow {
            pair: "Émilie & Siân".into(),
            aspect: "-minus first".into(),
            position: 0.1,
            placed_at: 5,
            moved_at: 6,
        }];
        let bytes = placements_csv_bytes(&workshop("+Title", "@site"), &rows).unwrap();
        let mut reader = csv::Reader::from_reader(&bytes[BOM.len()..]);
        let record = reader.records().next().unwrap().unwrap();
        let cells: Vec<&str> = record.iter().collect();
        assert_eq!(
            cells,
            vec![
                "'+Title",
                "'@site",
                "Émilie & Siân",
                "'-minus first",
                "0.1",
                "1970-01-01T00:00:00.005Z",
                "1970-01-01T00:00:00.006Z"
            ]
        );
    }
}
