//! Tables for people, JSON for scripts.
//!
//! Every listing command builds a [`Table`]: column names (the PowerShell cmdlet's property
//! names, so `--json` output converts with `ConvertFrom-Json` into objects with the same
//! properties) and rows of [`Cell`]s. `render` aligns it as text; `to_json` makes an array of
//! objects keyed by column name, numbers as JSON numbers.

use serde_json::{Map, Value};

/// One value in a table.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(String),
    Int(i64),
    Bool(bool),
    /// Absent (printed empty, JSON null).
    None,
}

impl From<&str> for Cell {
    fn from(s: &str) -> Self {
        Cell::Text(s.to_string())
    }
}
impl From<String> for Cell {
    fn from(s: String) -> Self {
        Cell::Text(s)
    }
}
impl From<bool> for Cell {
    fn from(b: bool) -> Self {
        Cell::Bool(b)
    }
}
macro_rules! int_cell {
    ($($t:ty),*) => {$(
        impl From<$t> for Cell {
            fn from(v: $t) -> Self {
                Cell::Int(i64::from(v))
            }
        }
    )*};
}
int_cell!(u8, u16, u32, i32, i64);
impl From<u64> for Cell {
    fn from(v: u64) -> Self {
        i64::try_from(v).map_or_else(|_| Cell::Text(v.to_string()), Cell::Int)
    }
}
impl From<usize> for Cell {
    fn from(v: usize) -> Self {
        i64::try_from(v).map_or_else(|_| Cell::Text(v.to_string()), Cell::Int)
    }
}
impl<T: Into<Cell>> From<Option<T>> for Cell {
    fn from(v: Option<T>) -> Self {
        v.map_or(Cell::None, Into::into)
    }
}

impl Cell {
    fn text(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Int(v) => v.to_string(),
            Cell::Bool(b) => if *b { "True" } else { "False" }.to_string(),
            Cell::None => String::new(),
        }
    }

    fn json(&self) -> Value {
        match self {
            Cell::Text(s) => Value::String(s.clone()),
            Cell::Int(v) => Value::from(*v),
            Cell::Bool(b) => Value::Bool(*b),
            Cell::None => Value::Null,
        }
    }

    fn is_number(&self) -> bool {
        matches!(self, Cell::Int(_))
    }
}

/// Rows under named columns.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    pub columns: Vec<&'static str>,
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    pub fn new(columns: &[&'static str]) -> Self {
        Table {
            columns: columns.to_vec(),
            rows: Vec::new(),
        }
    }

    /// Add a row; it must have one cell per column.
    pub fn push(&mut self, row: Vec<Cell>) {
        assert_eq!(row.len(), self.columns.len(), "row width");
        self.rows.push(row);
    }

    /// Aligned text like PowerShell's Format-Table: a header, a dashed rule, the rows; numbers
    /// right-aligned. An empty table prints only the header and rule.
    pub fn render(&self) -> String {
        let texts: Vec<Vec<String>> = self
            .rows
            .iter()
            .map(|r| r.iter().map(Cell::text).collect())
            .collect();
        let widths: Vec<usize> = self
            .columns
            .iter()
            .enumerate()
            .map(|(i, c)| {
                texts
                    .iter()
                    .map(|r| r[i].chars().count())
                    .chain(std::iter::once(c.len()))
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let mut out = String::new();
        let line = |cells: Vec<String>, numeric: Vec<bool>| {
            let parts: Vec<String> = cells
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    if numeric[i] {
                        format!("{c:>w$}", w = widths[i])
                    } else {
                        format!("{c:<w$}", w = widths[i])
                    }
                })
                .collect();
            parts.join(" ").trim_end().to_string()
        };
        let none = vec![false; self.columns.len()];
        out.push_str(&line(
            self.columns.iter().map(|c| c.to_string()).collect(),
            none.clone(),
        ));
        out.push('\n');
        out.push_str(&line(widths.iter().map(|w| "-".repeat(*w)).collect(), none));
        out.push('\n');
        for (row, text) in self.rows.iter().zip(texts) {
            out.push_str(&line(text, row.iter().map(Cell::is_number).collect()));
            out.push('\n');
        }
        out
    }

    /// An array of objects, one per row, keys in column order.
    pub fn to_json(&self) -> Value {
        Value::Array(
            self.rows
                .iter()
                .map(|r| {
                    let mut m = Map::new();
                    for (c, v) in self.columns.iter().zip(r) {
                        m.insert((*c).to_string(), v.json());
                    }
                    Value::Object(m)
                })
                .collect(),
        )
    }
}

/// Key/value view (one object): `Name : Value` lines like Format-List.
pub fn render_list(pairs: &[(&str, Cell)]) -> String {
    let w = pairs.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
    pairs
        .iter()
        .map(|(k, v)| format!("{k:<w$} : {}\n", v.text()))
        .collect()
}

/// The JSON object of a key/value view.
pub fn list_json(pairs: &[(&str, Cell)]) -> Value {
    let mut m = Map::new();
    for (k, v) in pairs {
        m.insert((*k).to_string(), v.json());
    }
    Value::Object(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Table {
        let mut t = Table::new(&["QueueID", "MacAddress", "VmFriendlyName"]);
        t.push(vec![0u32.into(), "".into(), Cell::None]);
        t.push(vec![12u32.into(), "00-15-5D-00-00-01".into(), "vm1".into()]);
        t
    }

    #[test]
    fn table_aligns_columns_and_right_aligns_numbers() {
        assert_eq!(
            sample().render(),
            "QueueID MacAddress        VmFriendlyName\n\
             ------- ----------------- --------------\n\
             \x20     0\n\
             \x20    12 00-15-5D-00-00-01 vm1\n"
        );
    }

    #[test]
    fn json_has_one_object_per_row_with_typed_values() {
        let v = sample().to_json();
        assert_eq!(
            v.to_string(),
            r#"[{"QueueID":0,"MacAddress":"","VmFriendlyName":null},{"QueueID":12,"MacAddress":"00-15-5D-00-00-01","VmFriendlyName":"vm1"}]"#
        );
    }

    #[test]
    fn list_view_aligns_names() {
        let pairs = [
            ("Enabled", Cell::Bool(true)),
            ("NumberOfReceiveQueues", Cell::Int(63)),
        ];
        assert_eq!(
            render_list(&pairs),
            "Enabled               : True\nNumberOfReceiveQueues : 63\n"
        );
        assert_eq!(
            list_json(&pairs).to_string(),
            r#"{"Enabled":true,"NumberOfReceiveQueues":63}"#
        );
    }
}
