//! The operations, and what may be retried for each without risking a duplicate billed session.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum Op {
    Acquire,
    Start,
    Query,
    Update,
    UpdateLayout,
    Stop,
    NcsIp,
    TranscoderAcquire,
    TranscoderCreate,
    TranscoderQuery,
    TranscoderUpdate,
    TranscoderDelete,
    /// Create or update a transcoding template (`rtls/abr/config/codecs/{codecId}`).
    TemplateSave,
    TemplateList,
    /// Channel Management's user list (`dev/v1/channel/user/{appid}/{channel}`): the pre-flight.
    ChannelUsers,
}

/// How far an operation may be retried automatically.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryClass {
    /// Safe to repeat: query, GET/DELETE, acquire (an unused resource costs nothing), PATCH with a
    /// sequenceId (the server applies the highest). Retried on network errors, 5xx and 429.
    Idempotent,
    /// Replaces state, but must not overlap a call still in flight (update, updateLayout, stop):
    /// retried when the request surely did not arrive or Agora answered 5xx/429, never after a
    /// timeout that may have left it running.
    AnswerOnly,
    /// Creates a billed session (start, create): retried only when the request surely never left
    /// (connection failure) or the gateway refused it (429). Code 65 only when the caller opts in.
    Never,
}

impl Op {
    pub const fn name(self) -> &'static str {
        match self {
            Op::Acquire => "acquire",
            Op::Start => "start",
            Op::Query => "query",
            Op::Update => "update",
            Op::UpdateLayout => "updateLayout",
            Op::Stop => "stop",
            Op::NcsIp => "ncs ip",
            Op::TranscoderAcquire => "transcoder acquire",
            Op::TranscoderCreate => "transcoder create",
            Op::TranscoderQuery => "transcoder query",
            Op::TranscoderUpdate => "transcoder update",
            Op::TranscoderDelete => "transcoder delete",
            Op::TemplateSave => "template save",
            Op::TemplateList => "template list",
            Op::ChannelUsers => "channel users",
        }
    }

    pub const ALL: [Op; 15] = [
        Op::Acquire,
        Op::Start,
        Op::Query,
        Op::Update,
        Op::UpdateLayout,
        Op::Stop,
        Op::NcsIp,
        Op::TranscoderAcquire,
        Op::TranscoderCreate,
        Op::TranscoderQuery,
        Op::TranscoderUpdate,
        Op::TranscoderDelete,
        Op::TemplateSave,
        Op::TemplateList,
        Op::ChannelUsers,
    ];

    /// The operation [`Op::name`] names (as the request log stores it).
    pub fn from_name(name: &str) -> Option<Op> {
        Op::ALL.into_iter().find(|op| op.name() == name)
    }

    pub fn is_transcoding(self) -> bool {
        matches!(
            self,
            Op::TranscoderAcquire
                | Op::TranscoderCreate
                | Op::TranscoderQuery
                | Op::TranscoderUpdate
                | Op::TranscoderDelete
                | Op::TemplateSave
                | Op::TemplateList
        )
    }

    pub fn retry_class(self) -> RetryClass {
        match self {
            Op::Acquire
            | Op::Query
            | Op::NcsIp
            | Op::TranscoderAcquire
            | Op::TranscoderQuery
            | Op::TranscoderUpdate
            | Op::TranscoderDelete
            // Saving a template sets it to the body sent: repeating it changes nothing.
            | Op::TemplateSave
            | Op::TemplateList
            | Op::ChannelUsers => RetryClass::Idempotent,
            Op::Update | Op::UpdateLayout | Op::Stop => RetryClass::AnswerOnly,
            Op::Start | Op::TranscoderCreate => RetryClass::Never,
        }
    }
}

impl std::fmt::Display for Op {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}
