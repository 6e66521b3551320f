//! Reference data the forms need: storage vendors and their regions, with names.

use agora_rest::codes::Vendor;
use agora_rest::recording::{storage_regions, StorageRegion};
use serde::Serialize;
use specta::Type;

#[derive(Debug, Clone, Serialize, Type)]
pub struct VendorInfo {
    pub vendor: Vendor,
    pub name: &'static str,
    /// Still in Agora's current vendor list.
    pub current: bool,
    pub regions: Vec<StorageRegion>,
}

/// Every storage vendor with its region codes and names, for pickers that show names.
#[tauri::command]
#[specta::specta]
pub fn storage_vendors() -> Vec<VendorInfo> {
    Vendor::KNOWN
        .iter()
        .map(|(vendor, name)| VendorInfo {
            vendor: *vendor,
            name,
            current: vendor.is_current(),
            regions: storage_regions(*vendor).to_vec(),
        })
        .collect()
}
