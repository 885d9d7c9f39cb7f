//! Sets the cfgs the tests use to say what they need (see build-support/probe.rs).
include!("../../build-support/probe.rs");

fn main() {
    probe(&[Need::Shared]);
}
