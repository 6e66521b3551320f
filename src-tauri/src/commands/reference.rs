//! Reference data the forms need (mixdeck-core's `reference`): vendors, regions, code tables.

use mixdeck_core::reference::{CodeTables, VendorInfo};

/// Every storage vendor with its region codes and names, for pickers that show names.
#[tauri::command]
#[specta::specta]
pub fn storage_vendors() -> Vec<VendorInfo> {
    mixdeck_core::reference::storage_vendors()
}

/// Every code table's values and what they mean, from the Rust wire types.
#[tauri::command]
#[specta::specta]
pub fn code_tables() -> CodeTables {
    mixdeck_core::reference::code_tables()
}
