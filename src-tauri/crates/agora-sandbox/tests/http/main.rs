//! The sandbox over real HTTP on loopback: every documented code and state transition it
//! emulates, its faults and its control API. One test binary, one module per area.

mod common;

mod cli;

mod channel;
mod control;
mod faults;
mod fuzz;
mod gateway;
mod guard;
mod recording;
mod recording_files;
mod transcoding;
