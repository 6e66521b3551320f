//! `storageConfig`: where Agora uploads the files, with the per-vendor region tables.

use serde::{Deserialize, Serialize};

use crate::codes::Vendor;
use crate::secret::Sensitive;

#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StorageConfig {
    pub vendor: Vendor,
    /// Per-vendor region code; see [`storage_regions`].
    pub region: u16,
    pub bucket: String,
    pub access_key: Sensitive<String>,
    pub secret_key: Sensitive<String>,
    /// Temporary credentials (vendors 1, 2, 3); valid at least 4 h, refresh hourly through `update`.
    pub sts_token: Option<Sensitive<String>>,
    /// Unix seconds when `stsToken` expires.
    pub sts_expiration: Option<u64>,
    /// Path segments of `a-z A-Z 0-9`; joined as `a/b/`, at most 128 characters.
    pub file_name_prefix: Option<Vec<String>>,
    pub extension_params: Option<ExtensionParams>,
}

#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct ExtensionParams {
    /// Server-side encryption (Amazon S3 only).
    pub sse: Option<Sse>,
    /// Tag for uploaded files (Amazon S3 and Alibaba only).
    pub tag: Option<String>,
    /// Host name of S3-compatible storage; required for vendor 11.
    pub endpoint: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum Sse {
    Kms,
    Aes256,
}

/// `fileNamePrefix` as the folder Agora writes under: `["a", "b"]` is `a/b/`, none is empty.
pub fn prefix_path(prefix: &[String]) -> String {
    prefix.iter().map(|p| format!("{p}/")).collect()
}

/// A storage region: its code and its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct StorageRegion {
    pub code: u16,
    pub name: &'static str,
    /// Listed only by older versions of Agora's docs.
    pub legacy: bool,
}

const fn r(code: u16, name: &'static str) -> StorageRegion {
    StorageRegion {
        code,
        name,
        legacy: false,
    }
}

const fn legacy(code: u16, name: &'static str) -> StorageRegion {
    StorageRegion {
        code,
        name,
        legacy: true,
    }
}

const S3: &[StorageRegion] = &[
    r(0, "US_EAST_1"),
    r(1, "US_EAST_2"),
    r(2, "US_WEST_1"),
    r(3, "US_WEST_2"),
    r(4, "EU_WEST_1"),
    r(5, "EU_WEST_2"),
    r(6, "EU_WEST_3"),
    r(7, "EU_CENTRAL_1"),
    r(8, "AP_SOUTHEAST_1"),
    r(9, "AP_SOUTHEAST_2"),
    r(10, "AP_NORTHEAST_1"),
    r(11, "AP_NORTHEAST_2"),
    r(12, "SA_EAST_1"),
    r(13, "CA_CENTRAL_1"),
    r(14, "AP_SOUTH_1"),
    r(15, "CN_NORTH_1"),
    r(16, "CN_NORTHWEST_1"),
    legacy(17, "US_GOV_WEST_1"),
    r(18, "AF_SOUTH_1"),
    r(19, "AP_EAST_1"),
    r(20, "AP_NORTHEAST_3"),
    r(21, "EU_NORTH_1"),
    r(22, "ME_SOUTH_1"),
    legacy(23, "US_GOV_EAST_1"),
    r(24, "AP_SOUTHEAST_3"),
    r(25, "EU_SOUTH_1"),
    legacy(28, "IL_CENTRAL_1"),
];

const ALIBABA: &[StorageRegion] = &[
    r(0, "CN_Hangzhou"),
    r(1, "CN_Shanghai"),
    r(2, "CN_Qingdao"),
    r(3, "CN_Beijing"),
    r(4, "CN_Zhangjiakou"),
    r(5, "CN_Huhehaote"),
    r(6, "CN_Shenzhen"),
    r(7, "CN_Hongkong"),
    r(8, "US_West_1"),
    r(9, "US_East_1"),
    r(10, "AP_Southeast_1"),
    r(11, "AP_Southeast_2"),
    r(12, "AP_Southeast_3"),
    r(13, "AP_Southeast_5"),
    r(14, "AP_Northeast_1"),
    r(15, "AP_South_1"),
    r(16, "EU_Central_1"),
    r(17, "EU_West_1"),
    r(18, "EU_East_1"),
    r(19, "AP_Southeast_6"),
    r(20, "CN_Heyuan"),
    r(21, "CN_Guangzhou"),
    r(22, "CN_Chengdu"),
    r(23, "CN_Nanjing"),
    r(24, "CN_Fuzhou"),
    r(25, "CN_Wulanchabu"),
    r(26, "CN_Northeast_2"),
    r(27, "CN_Southeast_7"),
];

const TENCENT: &[StorageRegion] = &[
    r(0, "AP_Beijing_1"),
    r(1, "AP_Beijing"),
    r(2, "AP_Shanghai"),
    r(3, "AP_Guangzhou"),
    r(4, "AP_Chengdu"),
    r(5, "AP_Chongqing"),
    r(6, "AP_Shenzhen_FSI"),
    r(7, "AP_Shanghai_FSI"),
    r(8, "AP_Beijing_FSI"),
    r(9, "AP_Hongkong"),
    r(10, "AP_Singapore"),
    r(11, "AP_Mumbai"),
    r(12, "AP_Seoul"),
    r(13, "AP_Bangkok"),
    r(14, "AP_Tokyo"),
    r(15, "NA_Siliconvalley"),
    r(16, "NA_Ashburn"),
    r(17, "NA_Toronto"),
    r(18, "EU_Frankfurt"),
    r(19, "EU_Moscow"),
];

const HUAWEI: &[StorageRegion] = &[
    r(0, "CN_North_1"),
    r(1, "CN_North_4"),
    r(2, "CN_East_2"),
    r(3, "CN_East_3"),
    r(4, "CN_South_1"),
    r(5, "CN_Southwest_2"),
    r(6, "AP_Southeast_1"),
    r(7, "AP_Southeast_2"),
    r(8, "AP_Southeast_3"),
    r(9, "AF_South_1"),
    r(10, "SA_Argentina_1"),
    r(11, "SA_Peru_1"),
    r(12, "NA_Mexico_1"),
    r(13, "SA_Brazil_1"),
    r(14, "LA_South_2"),
    r(15, "SA_Chile_1"),
];

const BAIDU: &[StorageRegion] = &[
    legacy(0, "Beijing"),
    r(1, "Baoding"),
    r(2, "Suzhou"),
    r(3, "Guangzhou"),
    r(4, "Hongkong"),
    r(5, "Singapore"),
    r(6, "Wuhan"),
    r(7, "Shanghai"),
];

const ONLY_ZERO: &[StorageRegion] = &[r(0, "default (region has no effect)")];

const QINIU: &[StorageRegion] = &[
    legacy(0, "East China"),
    legacy(1, "North China"),
    legacy(2, "South China"),
    legacy(3, "North America"),
    legacy(4, "Southeast Asia"),
];

const KINGSOFT: &[StorageRegion] = &[
    legacy(0, "CN_Hangzhou"),
    legacy(1, "CN_Shanghai"),
    legacy(2, "CN_Qingdao"),
    legacy(3, "CN_Beijing"),
    legacy(4, "CN_Guangzhou"),
    legacy(5, "CN_Hongkong"),
    legacy(6, "JR_Beijing"),
    legacy(7, "JR_Shanghai"),
    legacy(8, "NA_Russia_1"),
    legacy(9, "AP_Singapore_1"),
];

/// The region codes a vendor accepts, with names (empty for an unknown vendor).
pub fn storage_regions(vendor: Vendor) -> &'static [StorageRegion] {
    match vendor {
        Vendor::AMAZON_S3 => S3,
        Vendor::ALIBABA => ALIBABA,
        Vendor::TENCENT => TENCENT,
        Vendor::AZURE | Vendor::GOOGLE | Vendor::S3_COMPATIBLE => ONLY_ZERO,
        Vendor::HUAWEI => HUAWEI,
        Vendor::BAIDU => BAIDU,
        Vendor::QINIU => QINIU,
        Vendor::KINGSOFT => KINGSOFT,
        _ => &[],
    }
}

/// The name of a vendor's region code.
pub fn storage_region_name(vendor: Vendor, region: u16) -> Option<&'static str> {
    storage_regions(vendor)
        .iter()
        .find(|r| r.code == region)
        .map(|r| r.name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_prefix_is_its_folders_joined_with_slashes() {
        assert_eq!(prefix_path(&["a".into(), "b".into()]), "a/b/");
        assert_eq!(prefix_path(&[]), "");
    }

    #[test]
    fn region_tables_have_gaps_and_names() {
        assert_eq!(
            storage_region_name(Vendor::AMAZON_S3, 7),
            Some("EU_CENTRAL_1")
        );
        assert_eq!(storage_region_name(Vendor::AMAZON_S3, 26), None);
        assert_eq!(storage_region_name(Vendor::BAIDU, 7), Some("Shanghai"));
        assert_eq!(storage_region_name(Vendor::S3_COMPATIBLE, 1), None);
        assert!(storage_regions(Vendor(9)).is_empty());
        for v in Vendor::KNOWN {
            let regions = storage_regions(v.0);
            assert!(!regions.is_empty(), "{:?}", v.0);
            let mut codes: Vec<u16> = regions.iter().map(|r| r.code).collect();
            codes.dedup();
            assert_eq!(codes.len(), regions.len(), "duplicate codes for {:?}", v.0);
        }
    }
}
