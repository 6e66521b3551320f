//! `GET /v1/ncs/ip`: the notification servers' addresses (and a harmless credentials check).

use serde::{Deserialize, Serialize};

use crate::de::Extra;

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct NcsIpResponse {
    #[serde(default)]
    pub data: NcsData,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct NcsData {
    #[serde(default)]
    pub service: NcsService,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct NcsService {
    #[serde(default)]
    pub hosts: Vec<NcsHost>,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct NcsHost {
    #[serde(rename = "primaryIP", default)]
    pub primary_ip: String,
    #[serde(flatten)]
    pub extra: Extra,
}

impl NcsIpResponse {
    pub fn ips(&self) -> Vec<&str> {
        self.data
            .service
            .hosts
            .iter()
            .map(|h| h.primary_ip.as_str())
            .collect()
    }
}
