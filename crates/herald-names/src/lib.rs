//! herald's names and places stage: the `persons`, `organizations` and `locations` layers.
//!
//! Places are resolved against a gazetteer built from GeoNames (countries, US states,
//! cities of 15,000 people or more) plus a short curated list of regions, seas and landmarks;
//! see [`Gazetteer`] and [`locations`]. People and organisations come from the actor
//! mentions and from capitalised-name heuristics ([`persons`], [`organizations`]).

#![warn(missing_docs)]

mod gazetteer;
mod names;
mod places;
mod text;

pub use gazetteer::{Gazetteer, GazetteerError, Place, PlaceKind};
pub use names::{organizations, persons};
pub use places::{dateline, event_location, event_location_among, locations};
