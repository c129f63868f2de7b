//! Services: the only place the UI talks to the engine or the network.

pub mod fetch;
pub mod host;
pub mod sanitize;
pub mod slice;
pub mod source;
