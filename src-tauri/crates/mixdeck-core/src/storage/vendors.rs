//! How each of Agora's storage vendors is reached through its own API: Agora's region codes
//! mapped to the vendor's region names and hosts. Everything but Azure speaks S3 (Google
//! through its interoperability API with HMAC keys, Alibaba, Tencent, Huawei, Baidu and Qiniu
//! through their S3-compatible endpoints).

use agora_rest::codes::Vendor;
use agora_rest::recording::storage_region_name;

use crate::store::StorageDefaults;

/// The API and address a storage check, a listing and a presigned URL go to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Api {
    S3 {
        /// `https://bucket.s3.us-east-1.amazonaws.com` (virtual-hosted: the bucket is in the
        /// host) or `https://host` (path-style: the bucket is the first path segment).
        endpoint: String,
        /// The region requests are signed for.
        region: String,
        virtual_hosted: bool,
    },
    /// The storage account is the access key, the container the bucket. `endpoint` replaces
    /// `https://<account>.blob.core.windows.net` (an emulator, a sovereign cloud).
    Azure { endpoint: Option<String> },
}

/// Agora's region code as the vendor names it (`us-east-1`, `cn-hangzhou`, `bd`), where the
/// vendor has regions.
pub fn region_id(vendor: Vendor, code: u16) -> Option<String> {
    let name = storage_region_name(vendor, code)?;
    let plain = || name.to_ascii_lowercase().replace('_', "-");
    Some(match vendor {
        Vendor::AMAZON_S3 | Vendor::TENCENT | Vendor::HUAWEI => plain(),
        Vendor::ALIBABA => match code {
            // Agora's names for these differ from Alibaba's ids: Dubai, Seoul, Bangkok.
            18 => "me-east-1".into(),
            26 => "ap-northeast-2".into(),
            27 => "ap-southeast-7".into(),
            _ => plain(),
        },
        Vendor::BAIDU => ["bj", "bd", "su", "gz", "hkg", "sin", "fwh", "fsh"]
            .get(usize::from(code))?
            .to_string(),
        Vendor::QINIU => [
            "cn-east-1",
            "cn-north-1",
            "cn-south-1",
            "us-north-1",
            "ap-southeast-1",
        ]
        .get(usize::from(code))?
        .to_string(),
        _ => return None,
    })
}

/// Whether `host` (with or without a port) is this machine, where plain http is allowed.
fn on_this_machine(host: &str) -> bool {
    let name = host
        .strip_prefix('[')
        .and_then(|h| h.split_once(']'))
        .map_or_else(
            || host.rsplit_once(':').map_or(host, |(h, _)| h),
            |(h, _)| h,
        );
    agora_rest::domain::is_loopback_name(name)
}

/// How `storage` is reached; an error says why a vendor cannot be checked from here.
pub fn api(storage: &StorageDefaults) -> Result<Api, String> {
    let bucket = &storage.bucket;
    let region = || {
        region_id(storage.vendor, storage.region).ok_or_else(|| {
            format!(
                "region {} is not in {}'s list, so its host is unknown",
                storage.region,
                storage.vendor.label().unwrap_or("this vendor")
            )
        })
    };
    let hosted = |host: String, region: String| Api::S3 {
        endpoint: format!("https://{bucket}.{host}"),
        region,
        virtual_hosted: true,
    };
    Ok(match storage.vendor {
        Vendor::AMAZON_S3 => {
            let r = region()?;
            let tld = if r.starts_with("cn-") {
                "amazonaws.com.cn"
            } else {
                "amazonaws.com"
            };
            hosted(format!("s3.{r}.{tld}"), r)
        }
        Vendor::ALIBABA => {
            let r = region()?;
            hosted(format!("oss-{r}.aliyuncs.com"), r)
        }
        Vendor::TENCENT => {
            let r = region()?;
            hosted(format!("cos.{r}.myqcloud.com"), r)
        }
        Vendor::HUAWEI => {
            let r = region()?;
            hosted(format!("obs.{r}.myhuaweicloud.com"), r)
        }
        Vendor::BAIDU => {
            let r = region()?;
            hosted(format!("s3.{r}.bcebos.com"), r)
        }
        Vendor::QINIU => {
            let r = region()?;
            hosted(format!("s3.{r}.qiniucs.com"), r)
        }
        // Cloud Storage's XML API takes SigV4 with HMAC keys ("interoperability"); "auto" is
        // the region it documents for them.
        Vendor::GOOGLE => Api::S3 {
            endpoint: "https://storage.googleapis.com".into(),
            region: "auto".into(),
            virtual_hosted: false,
        },
        Vendor::AZURE => Api::Azure { endpoint: None },
        Vendor::S3_COMPATIBLE => {
            let host = storage
                .endpoint
                .as_deref()
                .map(str::trim)
                .filter(|h| !h.is_empty())
                .ok_or("S3-compatible storage needs its host in endpoint")?;
            let host = host.trim_start_matches("https://").trim_end_matches('/');
            if host.contains("://") {
                return Err("endpoint is a host name (storage.example.com), not a URL".into());
            }
            let scheme = if on_this_machine(host) {
                "http"
            } else {
                "https"
            };
            // Path-style is what every S3-compatible server takes; region us-east-1 is the
            // one they assume when they have none.
            Api::S3 {
                endpoint: format!("{scheme}://{host}"),
                region: "us-east-1".into(),
                virtual_hosted: false,
            }
        }
        Vendor::KINGSOFT => {
            return Err(
                "Kingsoft KS3 is no longer in Agora's vendor list; Mixdeck cannot check it".into(),
            )
        }
        other => return Err(format!("vendor {} is unknown to Mixdeck", other.0)),
    })
}

/// The same storage at another address (the sandbox's object store stands in for every
/// vendor): path-style S3, signed for the region the vendor's code names.
pub fn api_at(storage: &StorageDefaults, url: &str) -> Api {
    Api::S3 {
        endpoint: url.trim_end_matches('/').to_owned(),
        region: region_id(storage.vendor, storage.region).unwrap_or_else(|| "us-east-1".into()),
        virtual_hosted: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(vendor: Vendor, region: u16) -> StorageDefaults {
        StorageDefaults {
            vendor,
            region,
            bucket: "rec".into(),
            file_name_prefix: None,
            endpoint: None,
        }
    }

    fn endpoint(s: &StorageDefaults) -> String {
        match api(s).unwrap() {
            Api::S3 {
                endpoint, region, ..
            } => format!("{endpoint} {region}"),
            Api::Azure { .. } => "azure".into(),
        }
    }

    #[test]
    fn agoras_region_codes_become_the_vendors_hosts() {
        assert_eq!(
            endpoint(&at(Vendor::AMAZON_S3, 7)),
            "https://rec.s3.eu-central-1.amazonaws.com eu-central-1"
        );
        assert_eq!(
            endpoint(&at(Vendor::AMAZON_S3, 15)),
            "https://rec.s3.cn-north-1.amazonaws.com.cn cn-north-1"
        );
        assert_eq!(
            endpoint(&at(Vendor::ALIBABA, 0)),
            "https://rec.oss-cn-hangzhou.aliyuncs.com cn-hangzhou"
        );
        assert_eq!(
            endpoint(&at(Vendor::ALIBABA, 18)),
            "https://rec.oss-me-east-1.aliyuncs.com me-east-1"
        );
        assert_eq!(
            endpoint(&at(Vendor::TENCENT, 6)),
            "https://rec.cos.ap-shenzhen-fsi.myqcloud.com ap-shenzhen-fsi"
        );
        assert_eq!(
            endpoint(&at(Vendor::HUAWEI, 1)),
            "https://rec.obs.cn-north-4.myhuaweicloud.com cn-north-4"
        );
        assert_eq!(
            endpoint(&at(Vendor::BAIDU, 1)),
            "https://rec.s3.bd.bcebos.com bd"
        );
        assert_eq!(
            endpoint(&at(Vendor::QINIU, 3)),
            "https://rec.s3.us-north-1.qiniucs.com us-north-1"
        );
        assert_eq!(
            endpoint(&at(Vendor::GOOGLE, 0)),
            "https://storage.googleapis.com auto"
        );
        assert_eq!(endpoint(&at(Vendor::AZURE, 0)), "azure");
        assert!(api(&at(Vendor::AMAZON_S3, 26))
            .unwrap_err()
            .contains("region 26"));
        assert!(api(&at(Vendor::KINGSOFT, 0))
            .unwrap_err()
            .contains("cannot check"));
    }

    #[test]
    fn every_current_region_has_a_vendor_name() {
        for v in [
            Vendor::AMAZON_S3,
            Vendor::ALIBABA,
            Vendor::TENCENT,
            Vendor::HUAWEI,
            Vendor::BAIDU,
        ] {
            for r in agora_rest::recording::storage_regions(v) {
                let id = region_id(v, r.code).unwrap_or_else(|| panic!("{v:?} {}", r.code));
                assert!(
                    id.bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                    "{id}"
                );
            }
        }
    }

    #[test]
    fn s3_compatible_storage_is_https_unless_on_this_machine() {
        let mut s = at(Vendor::S3_COMPATIBLE, 0);
        assert!(api(&s).unwrap_err().contains("endpoint"));
        s.endpoint = Some("minio.example.com:9000".into());
        assert_eq!(endpoint(&s), "https://minio.example.com:9000 us-east-1");
        s.endpoint = Some("127.0.0.1:9000".into());
        assert_eq!(endpoint(&s), "http://127.0.0.1:9000 us-east-1");
        s.endpoint = Some("http://evil.example".into());
        assert!(api(&s).unwrap_err().contains("host name"));
    }
}
