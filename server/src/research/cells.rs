//! Typed cells and named tables: what every export file is rendered from. Cells keep their
//! type so the spreadsheet gets numbers as numbers and text as text, while the CSV gets the
//! same values as text.

/// One typed cell.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    /// Text as the participants or the facilitator typed it.
    Text(String),
    /// A whole number (counts, rounds, sequence numbers).
    Int(i64),
    /// A real number (positions, statistics).
    Num(f64),
    /// A yes/no flag, written `true`/`false` in CSV.
    Bool(bool),
    /// No value (not placed, not computable).
    Empty,
}

impl Cell {
    /// A real number, or [`Cell::Empty`] when there is none.
    pub fn opt_num(value: Option<f64>) -> Cell {
        value.map_or(Cell::Empty, Cell::Num)
    }

    /// Text.
    pub fn text(value: impl Into<String>) -> Cell {
        Cell::Text(value.into())
    }
}

/// A table with its name (the file and sheet name without extension) and columns.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// E.g. `placements`, `groups` or `comparison`.
    pub name: &'static str,
    /// Column names, in file order.
    pub columns: &'static [&'static str],
    /// Rows; each has one cell per column.
    pub rows: Vec<Vec<Cell>>,
}

/// The column lists `parts` one after the other, at compile time; `N` is the whole count
/// (a wrong one fails the build).
pub const fn columns<const N: usize>(parts: &[&[&'static str]]) -> [&'static str; N] {
    let mut out = [""; N];
    let (mut at, mut part) = (0, 0);
    while part < parts.len() {
        let mut i = 0;
        while i < parts[part].len() {
            out[at] = parts[part][i];
            at += 1;
            i += 1;
        }
        part += 1;
    }
    assert!(at == N, "the column count is wrong");
    out
}
