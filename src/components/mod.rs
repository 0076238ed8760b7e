//! One component per file.

mod area_layer;
mod budget;
mod city_map;
mod compare;
mod filters;
mod getting_around;
mod header;
mod kiosk;
mod living;
mod place_details;
mod place_list;
mod print;
mod qr_code;
mod shortlist;
mod sources;
mod status_bar;
mod text;

pub use city_map::{CityMap, START as START_VIEW};
pub use filters::Filters;
pub use header::Header;
pub use kiosk::Kiosk;
pub use living::{LivingLink, LivingPanel};
pub use place_details::PlaceDetails;
pub use place_list::PlaceList;
pub use print::{install as install_printing, PrintCode};
pub use shortlist::Shortlist;
pub use sources::Sources;
pub use status_bar::StatusBar;
