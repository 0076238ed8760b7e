//! One component per file.

mod city_map;
mod filters;
mod header;
mod place_details;
mod place_list;
mod sources;
mod status_bar;
mod text;

pub use city_map::CityMap;
pub use filters::Filters;
pub use header::Header;
pub use place_details::PlaceDetails;
pub use place_list::PlaceList;
pub use sources::Sources;
pub use status_bar::StatusBar;
