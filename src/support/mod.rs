//! Support data: `support.yaml` is the one source for support hours, holidays,
//! SLA tiers, processes and help channels. It drives the generated support pages,
//! the contact box, structured data, an `.ics` of holidays, the references writers
//! put in articles, and the data the browser script computes "open now" from.

mod data;
pub mod duration;
pub mod pages;
mod raw;
pub(crate) mod references;
pub mod schedule;
mod times;
pub mod translation;
mod validate;

pub use data::{
    Channel, Pages, Process, Response, SUPPORT_FILE, SecureAccess, Step, Support, Tier, load,
};
