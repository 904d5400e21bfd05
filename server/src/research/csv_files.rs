//! The CSV files: UTF-8 with a byte-order mark (so Excel reads Welsh letters, accents and
//! emoji), a header row, RFC 4180 quoting by the `csv` crate, `\n` line ends, and every text
//! cell neutralised against formula injection ([`neutralise_cell`]).

use std::borrow::Cow;

use super::cells::{Cell, Table, shortest};

/// The UTF-8 byte-order mark.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Prefixes a cell with `'` when a spreadsheet would otherwise read it as a formula
/// (it starts with `=`, `+`, `-`, `@`, a tab or a carriage return): OWASP's advice against
/// CSV injection. Other text is returned as it is.
pub fn neutralise_cell(text: &str) -> Cow<'_, str> {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => Cow::Owned(format!("'{text}")),
        _ => Cow::Borrowed(text),
    }
}

/// How a cell is written in CSV: numbers in their shortest form ([`shortest`]: `42.5`, `100`,
/// `3.552713678800501e-15`),
/// flags as `true`/`false`, missing values as an empty field.
pub fn csv_field(cell: &Cell) -> String {
    match cell {
        Cell::Text(text) => neutralise_cell(text).into_owned(),
        Cell::Int(n) => n.to_string(),
        Cell::Num(x) => shortest(*x),
        Cell::Bool(b) => b.to_string(),
        Cell::Empty => String::new(),
    }
}

/// One table as CSV bytes.
pub fn table_csv(table: &Table) -> Result<Vec<u8>, csv::Error> {
    table_csv_without(table, None)
}

/// One table as CSV bytes without the column named `left_out` (if given): the layout of an
/// earlier version, which an import of an older archive compares with.
pub fn table_csv_without(table: &Table, left_out: Option<&str>) -> Result<Vec<u8>, csv::Error> {
    let keep: Vec<bool> = table.columns.iter().map(|c| Some(*c) != left_out).collect();
    let kept = |cells: &mut dyn Iterator<Item = String>| -> Vec<String> {
        cells.zip(&keep).filter(|(_, k)| **k).map(|(c, _)| c).collect()
    };
    let mut writer = csv::Writer::from_writer(BOM.to_vec());
    writer.write_record(kept(&mut table.columns.iter().map(|c| c.to_string())))?;
    for row in &table.rows {
        writer.write_record(kept(&mut row.iter().map(csv_field)))?;
    }
    writer.into_inner().map_err(|e| e.into_error().into())
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn cells_are_typed_and_text_is_neutralised() {
        let table = Table {
            name: "t",
            columns: &["a", "b", "c", "d", "e"],
            rows: vec![vec![
                Cell::Text("=1+1, \"quoted\" 🙂 ŵ".into()),
                Cell::Int(-3),
                Cell::Num(12.5),
                Cell::Bool(true),
                Cell::Empty,
            ]],
        };
        let bytes = table_csv(&table).unwrap();
        assert!(bytes.starts_with(BOM));
        let text = std::str::from_utf8(&bytes[BOM.len()..]).unwrap();
        assert_eq!(text, "a,b,c,d,e\n\"'=1+1, \"\"quoted\"\" 🙂 ŵ\",-3,12.5,true,\n");
    }
}
