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

/// A real number as the CSV and JSON files write it: the shortest digits that read back to the
/// same `f64` (Rust's shortest round-trip formatting), in plain notation (`42.5`, `100`) or with
/// an exponent (`3.552713678800501e-15`, `1e-05`, `1.5e+20`) when that is shorter, ties to
/// the plain one. This is R's rule for printing a number (fixed unless scientific is narrower)
/// and its and Python's way of writing an exponent (a sign and at least two digits), so
/// `3.552713678800501e-15` reads as R and pandas print it. Infinities and NaN are written as
/// Rust writes them (`inf`, `NaN`); the statistics never produce them.
pub fn shortest(x: f64) -> String {
    let plain = x.to_string();
    if !x.is_finite() || x == 0.0 {
        return plain;
    }
    let scientific = format!("{x:e}");
    let (mantissa, exponent) = scientific.split_once('e').unwrap_or((&scientific, "0"));
    let (sign, digits) = exponent.strip_prefix('-').map_or(("+", exponent), |d| ("-", d));
    let scientific = format!("{mantissa}e{sign}{digits:0>2}");
    if scientific.len() < plain.len() { scientific } else { plain }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Plain where that is as short, an exponent where shorter; the digits are always the
    /// shortest that read back exactly (R's `print(x, digits = 17)` shows the same numbers,
    /// Python's `repr` the same digits).
    #[test]
    fn numbers_are_written_in_their_shortest_form() {
        for (x, want) in [
            (42.5, "42.5"),
            (100.0, "100"),
            (0.0, "0"),
            (-0.0, "-0"),
            (0.1 + 0.2, "0.30000000000000004"),
            (-3.552713678800501e-15, "-3.552713678800501e-15"),
            (3.552713678800501e-15, "3.552713678800501e-15"),
            (0.0001, "1e-04"),
            (0.00012, "0.00012"),
            (0.000012, "1.2e-05"),
            (1e20, "1e+20"),
            (123456.0, "123456"),
            (1.5e300, "1.5e+300"),
            (f64::MIN_POSITIVE, "2.2250738585072014e-308"),
        ] {
            assert_eq!(shortest(x), want, "{x:?}");
            assert_eq!(shortest(x).parse::<f64>().unwrap().to_bits(), x.to_bits(), "{want} reads back");
        }
    }
}
