//! Services: the only place the UI talks to the engine or the network.

pub mod analyze;
pub mod host;
pub mod worker;
