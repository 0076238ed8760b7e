//! Pure Rust: the data model, decoding and validation, and the calculations on them.
//! Nothing here depends on the browser, so all of it compiles and is tested natively.

pub mod cluster;
pub mod costs;
pub mod decode;
pub mod embed_protocol;
pub mod fields;
pub mod filter;
pub mod geo;
pub mod kiosk;
pub mod living;
pub mod model;
pub mod number;
pub mod order;
pub mod problem;
pub mod qr;
pub mod travel;
mod read_living;
#[cfg(not(target_arch = "wasm32"))]
pub mod schema;
pub mod url_state;
pub mod stream;
pub mod validate;

pub use model::{City, Lang, LatLng, Localized, Place, PlaceKind, Source};
pub use problem::{Issue, Problem, Severity, Where};
pub use validate::{validate_bytes, validate_str, Validated};
