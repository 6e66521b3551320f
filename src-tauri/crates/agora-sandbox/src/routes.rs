//! Which documented endpoint a request is for, with its path parameters (percent-decoded).
//!
//! Matching is exact, segment by segment, including the method: anything else is what Agora's
//! gateway answers with 404 "no Route matched with those values".

use hyper::Method;
use percent_encoding::percent_decode_str;
use serde::{Deserialize, Serialize};

/// A route's name, as fault injection and the request log spell it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RouteName {
    #[serde(rename = "acquire")]
    Acquire,
    #[serde(rename = "start")]
    Start,
    #[serde(rename = "query")]
    Query,
    #[serde(rename = "update")]
    Update,
    #[serde(rename = "updateLayout")]
    UpdateLayout,
    #[serde(rename = "stop")]
    Stop,
    #[serde(rename = "ncs")]
    Ncs,
    #[serde(rename = "builderTokens")]
    BuilderTokens,
    #[serde(rename = "create")]
    Create,
    /// Transcoding task query.
    #[serde(rename = "tquery")]
    TaskQuery,
    /// Transcoding task update (PATCH).
    #[serde(rename = "tupdate")]
    TaskUpdate,
    #[serde(rename = "delete")]
    Delete,
    /// Transcoding template create or update.
    #[serde(rename = "templateSave")]
    TemplateSave,
    /// Transcoding templates query.
    #[serde(rename = "templateList")]
    TemplateList,
    /// Channel Management: who is in a channel.
    #[serde(rename = "channelUsers")]
    ChannelUsers,
}

impl RouteName {
    pub const ALL: [RouteName; 15] = [
        RouteName::Acquire,
        RouteName::Start,
        RouteName::Query,
        RouteName::Update,
        RouteName::UpdateLayout,
        RouteName::Stop,
        RouteName::Ncs,
        RouteName::BuilderTokens,
        RouteName::Create,
        RouteName::TaskQuery,
        RouteName::TaskUpdate,
        RouteName::Delete,
        RouteName::TemplateSave,
        RouteName::TemplateList,
        RouteName::ChannelUsers,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RouteName::Acquire => "acquire",
            RouteName::Start => "start",
            RouteName::Query => "query",
            RouteName::Update => "update",
            RouteName::UpdateLayout => "updateLayout",
            RouteName::Stop => "stop",
            RouteName::Ncs => "ncs",
            RouteName::BuilderTokens => "builderTokens",
            RouteName::Create => "create",
            RouteName::TaskQuery => "tquery",
            RouteName::TaskUpdate => "tupdate",
            RouteName::Delete => "delete",
            RouteName::TemplateSave => "templateSave",
            RouteName::TemplateList => "templateList",
            RouteName::ChannelUsers => "channelUsers",
        }
    }

    /// Routes that address a live recording session or transcoding task: the ones a failover
    /// answers with 404.
    pub fn addresses_live_work(self) -> bool {
        matches!(
            self,
            RouteName::Query
                | RouteName::Update
                | RouteName::UpdateLayout
                | RouteName::Stop
                | RouteName::TaskQuery
                | RouteName::TaskUpdate
                | RouteName::Delete
        )
    }
}

impl std::fmt::Display for RouteName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for RouteName {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        RouteName::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| {
                let names: Vec<&str> = RouteName::ALL.iter().map(|r| r.as_str()).collect();
                format!(
                    "unknown route {s:?}: use one of {} or \"*\"",
                    names.join(", ")
                )
            })
    }
}

/// Which API family answers, which decides the shape of its error bodies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    Recording,
    Transcoding,
    Ncs,
    /// Channel Management (`/dev/v1/channel/…`).
    Channel,
}

/// `query`, `update`, `updateLayout` and `stop` share one path shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionAction {
    Query,
    Update,
    UpdateLayout,
    Stop,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Acquire {
        app_id: String,
    },
    Start {
        app_id: String,
        resource_id: String,
        mode: String,
    },
    Session {
        app_id: String,
        resource_id: String,
        sid: String,
        mode: String,
        action: SessionAction,
    },
    Ncs,
    BuilderTokens {
        app_id: String,
    },
    Create {
        app_id: String,
    },
    TaskQuery {
        app_id: String,
        task_id: String,
    },
    TaskUpdate {
        app_id: String,
        task_id: String,
    },
    Delete {
        app_id: String,
        task_id: String,
    },
    /// `POST …/rtls/abr/config/codecs/{codecId}`: create or update a template.
    TemplateSave {
        app_id: String,
        codec_id: String,
    },
    /// `GET …/rtls/abr/config/codecs`.
    TemplateList {
        app_id: String,
    },
    /// `GET /dev/v1/channel/user/{appid}/{channelName}[/hosts_only]`.
    ChannelUsers {
        app_id: String,
        cname: String,
        hosts_only: bool,
    },
}

impl Route {
    pub fn name(&self) -> RouteName {
        match self {
            Route::Acquire { .. } => RouteName::Acquire,
            Route::Start { .. } => RouteName::Start,
            Route::Session { action, .. } => match action {
                SessionAction::Query => RouteName::Query,
                SessionAction::Update => RouteName::Update,
                SessionAction::UpdateLayout => RouteName::UpdateLayout,
                SessionAction::Stop => RouteName::Stop,
            },
            Route::Ncs => RouteName::Ncs,
            Route::BuilderTokens { .. } => RouteName::BuilderTokens,
            Route::Create { .. } => RouteName::Create,
            Route::TaskQuery { .. } => RouteName::TaskQuery,
            Route::TaskUpdate { .. } => RouteName::TaskUpdate,
            Route::Delete { .. } => RouteName::Delete,
            Route::TemplateSave { .. } => RouteName::TemplateSave,
            Route::TemplateList { .. } => RouteName::TemplateList,
            Route::ChannelUsers { .. } => RouteName::ChannelUsers,
        }
    }

    pub fn family(&self) -> Family {
        match self {
            Route::Acquire { .. } | Route::Start { .. } | Route::Session { .. } => {
                Family::Recording
            }
            Route::Ncs => Family::Ncs,
            Route::ChannelUsers { .. } => Family::Channel,
            _ => Family::Transcoding,
        }
    }

    /// The App ID in the path (none for `/v1/ncs/ip`).
    pub fn app_id(&self) -> Option<&str> {
        match self {
            Route::Ncs => None,
            Route::Acquire { app_id }
            | Route::Start { app_id, .. }
            | Route::Session { app_id, .. }
            | Route::BuilderTokens { app_id }
            | Route::Create { app_id }
            | Route::TaskQuery { app_id, .. }
            | Route::TaskUpdate { app_id, .. }
            | Route::Delete { app_id, .. }
            | Route::TemplateSave { app_id, .. }
            | Route::TemplateList { app_id }
            | Route::ChannelUsers { app_id, .. } => Some(app_id),
        }
    }
}

/// Decoded path segments, or `None` when a segment is not UTF-8 after decoding.
fn segments(path: &str) -> Option<Vec<String>> {
    let trimmed = path.strip_prefix('/')?;
    trimmed
        .split('/')
        .map(|s| {
            percent_decode_str(s)
                .decode_utf8()
                .ok()
                .map(|c| c.into_owned())
        })
        .collect()
}

/// The documented endpoint for `method` and `path` (without the query string).
pub fn classify(method: &Method, path: &str) -> Option<Route> {
    let segs = segments(path)?;
    if segs.iter().any(String::is_empty) {
        return None;
    }
    let s: Vec<&str> = segs.iter().map(String::as_str).collect();
    let route = match (method, s.as_slice()) {
        (&Method::GET, ["v1", "ncs", "ip"]) => Route::Ncs,
        (&Method::POST, ["v1", "apps", app, "cloud_recording", "acquire"]) => Route::Acquire {
            app_id: (*app).to_owned(),
        },
        (
            &Method::POST,
            ["v1", "apps", app, "cloud_recording", "resourceid", rid, "mode", mode, "start"],
        ) => Route::Start {
            app_id: (*app).to_owned(),
            resource_id: (*rid).to_owned(),
            mode: (*mode).to_owned(),
        },
        (
            m,
            ["v1", "apps", app, "cloud_recording", "resourceid", rid, "sid", sid, "mode", mode, action],
        ) => {
            let action = match (m, *action) {
                (&Method::GET, "query") => SessionAction::Query,
                (&Method::POST, "update") => SessionAction::Update,
                (&Method::POST, "updateLayout") => SessionAction::UpdateLayout,
                (&Method::POST, "stop") => SessionAction::Stop,
                _ => return None,
            };
            Route::Session {
                app_id: (*app).to_owned(),
                resource_id: (*rid).to_owned(),
                sid: (*sid).to_owned(),
                mode: (*mode).to_owned(),
                action,
            }
        }
        (&Method::POST, ["v1", "projects", app, "rtsc", "cloud-transcoder", "builderTokens"]) => {
            Route::BuilderTokens {
                app_id: (*app).to_owned(),
            }
        }
        (&Method::POST, ["v1", "projects", app, "rtsc", "cloud-transcoder", "tasks"]) => {
            Route::Create {
                app_id: (*app).to_owned(),
            }
        }
        (m, ["v1", "projects", app, "rtsc", "cloud-transcoder", "tasks", task]) => {
            let app_id = (*app).to_owned();
            let task_id = (*task).to_owned();
            match *m {
                Method::GET => Route::TaskQuery { app_id, task_id },
                Method::PATCH => Route::TaskUpdate { app_id, task_id },
                Method::DELETE => Route::Delete { app_id, task_id },
                _ => return None,
            }
        }
        (&Method::POST, ["v1", "projects", app, "rtls", "abr", "config", "codecs", codec]) => {
            Route::TemplateSave {
                app_id: (*app).to_owned(),
                codec_id: (*codec).to_owned(),
            }
        }
        (&Method::GET, ["v1", "projects", app, "rtls", "abr", "config", "codecs"]) => {
            Route::TemplateList {
                app_id: (*app).to_owned(),
            }
        }
        (&Method::GET, ["dev", "v1", "channel", "user", app, cname]) => Route::ChannelUsers {
            app_id: (*app).to_owned(),
            cname: (*cname).to_owned(),
            hosts_only: false,
        },
        (&Method::GET, ["dev", "v1", "channel", "user", app, cname, "hosts_only"]) => {
            Route::ChannelUsers {
                app_id: (*app).to_owned(),
                cname: (*cname).to_owned(),
                hosts_only: true,
            }
        }
        _ => return None,
    };
    Some(route)
}

/// Query parameters, percent-decoded. A `+` stays a `+`: Agora's tokens are not form data.
pub fn query_params(query: Option<&str>) -> Vec<(String, String)> {
    let decode = |s: &str| percent_decode_str(s).decode_utf8_lossy().into_owned();
    query
        .unwrap_or("")
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| match pair.split_once('=') {
            Some((k, v)) => (decode(k), decode(v)),
            None => (decode(pair), String::new()),
        })
        .collect()
}

/// The first value of a query parameter.
pub fn param<'a>(params: &'a [(String, String)], name: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documented_paths_and_methods_are_recognised() {
        let cases = [
            (
                Method::POST,
                "/v1/apps/A/cloud_recording/acquire",
                RouteName::Acquire,
            ),
            (
                Method::POST,
                "/v1/apps/A/cloud_recording/resourceid/R/mode/mix/start",
                RouteName::Start,
            ),
            (
                Method::GET,
                "/v1/apps/A/cloud_recording/resourceid/R/sid/S/mode/mix/query",
                RouteName::Query,
            ),
            (
                Method::POST,
                "/v1/apps/A/cloud_recording/resourceid/R/sid/S/mode/mix/update",
                RouteName::Update,
            ),
            (
                Method::POST,
                "/v1/apps/A/cloud_recording/resourceid/R/sid/S/mode/mix/updateLayout",
                RouteName::UpdateLayout,
            ),
            (
                Method::POST,
                "/v1/apps/A/cloud_recording/resourceid/R/sid/S/mode/mix/stop",
                RouteName::Stop,
            ),
            (Method::GET, "/v1/ncs/ip", RouteName::Ncs),
            (
                Method::POST,
                "/v1/projects/A/rtsc/cloud-transcoder/builderTokens",
                RouteName::BuilderTokens,
            ),
            (
                Method::POST,
                "/v1/projects/A/rtsc/cloud-transcoder/tasks",
                RouteName::Create,
            ),
            (
                Method::GET,
                "/v1/projects/A/rtsc/cloud-transcoder/tasks/T",
                RouteName::TaskQuery,
            ),
            (
                Method::PATCH,
                "/v1/projects/A/rtsc/cloud-transcoder/tasks/T",
                RouteName::TaskUpdate,
            ),
            (
                Method::DELETE,
                "/v1/projects/A/rtsc/cloud-transcoder/tasks/T",
                RouteName::Delete,
            ),
        ];
        for (m, p, name) in cases {
            let route = classify(&m, p).unwrap_or_else(|| panic!("{m} {p}"));
            assert_eq!(route.name(), name, "{m} {p}");
        }
    }

    #[test]
    fn wrong_methods_and_unknown_paths_match_nothing() {
        for (m, p) in [
            (Method::GET, "/v1/apps/A/cloud_recording/acquire"),
            (
                Method::POST,
                "/v1/apps/A/cloud_recording/resourceid/R/sid/S/mode/mix/query",
            ),
            (
                Method::GET,
                "/v1/apps/A/cloud_recording/resourceid/R/sid/S/mode/mix/stop",
            ),
            (Method::PUT, "/v1/projects/A/rtsc/cloud-transcoder/tasks/T"),
            (Method::POST, "/v1/apps/A/recording/acquire"),
            (Method::POST, "/v1/apps//cloud_recording/acquire"),
            (Method::POST, "/v1/apps/A/cloud_recording/acquire/"),
            (Method::GET, "/"),
        ] {
            assert_eq!(classify(&m, p), None, "{m} {p}");
        }
    }

    #[test]
    fn path_segments_are_percent_decoded() {
        let r = classify(
            &Method::POST,
            "/v1/apps/A/cloud_recording/resourceid/res%2F1%2B2/mode/mix/start",
        )
        .unwrap();
        assert!(matches!(r, Route::Start { resource_id, .. } if resource_id == "res/1+2"));
    }

    #[test]
    fn query_strings_are_decoded_without_form_rules() {
        let q = query_params(Some("builderToken=t%2F1+2&sequenceId=3&flag"));
        assert_eq!(param(&q, "builderToken"), Some("t/1+2"));
        assert_eq!(param(&q, "sequenceId"), Some("3"));
        assert_eq!(param(&q, "flag"), Some(""));
        assert_eq!(param(&q, "updateMask"), None);
        assert!(query_params(None).is_empty());
    }

    #[test]
    fn route_names_round_trip() {
        for r in RouteName::ALL {
            assert_eq!(r.as_str().parse::<RouteName>().unwrap(), r);
            assert_eq!(serde_json::to_value(r).unwrap(), r.as_str());
        }
        assert!("nope"
            .parse::<RouteName>()
            .unwrap_err()
            .contains("updateLayout"));
    }
}
