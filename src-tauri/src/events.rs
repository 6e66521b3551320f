//! Typed events the backend emits to the UI. They are collected once in [`crate::specta_builder`]
//! and exported to `ui/src/bindings.ts` with the commands. The session monitor's events arrive with it.
