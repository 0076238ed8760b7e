//! Prints the JSON Schema of the data file, generated from the published Rust types.
//! `cargo run --bin schema > data/nagaoka.schema.json`; a test fails when the two differ.

fn main() {
    println!("{}", nagaoka_map::domain::schema::schema_json());
}
