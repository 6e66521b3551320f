//! Every composite layout a session was given, in order: the one it started with and each
//! update, drawn from the stored request bodies so the history can show a thumbnail of each.

use agora_rest::codes::MixedVideoLayout;
use agora_rest::recording::LayoutSettings;
use agora_rest::transcoding::{CreateRequest, TranscoderConfig};
use agora_rest::{limits, Op};
use serde::{Deserialize, Serialize};

use crate::store::{CanvasSize, SessionConfig, SessionEvent, SessionRow};

/// One layout as it was applied (or refused).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AppliedLayout {
    /// When it was sent (ms).
    pub at: i64,
    /// The request that carried it: `start`, `updateLayout`, `transcoder create`, `transcoder update`.
    pub op: String,
    /// Agora answered 2xx. A refused or unanswered update is listed too, marked.
    pub accepted: bool,
    /// The output canvas in pixels.
    pub canvas: CanvasSize,
    /// `#RRGGBB`.
    pub background: String,
    /// In a few words: "custom (layoutConfig), 3 regions", "best fit".
    pub arrangement: String,
    /// The regions, in [0, 1] canvas coordinates, bottom first. Empty when Agora arranges the
    /// users itself (floating, best fit, vertical).
    pub tiles: Vec<LayoutTile>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct LayoutTile {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    /// `uid 1001`, `stream`, `watermark`, or `region 2` for a region without a uid.
    pub label: String,
    pub watermark: bool,
}

fn default_side(l: limits::Limit) -> u32 {
    l.default.unwrap_or(0)
}

fn recording_layout(
    at: i64,
    op: &str,
    accepted: bool,
    canvas: CanvasSize,
    l: &LayoutSettings,
) -> AppliedLayout {
    let mode = l.mixed_video_layout.unwrap_or(MixedVideoLayout::FLOATING);
    let mut arrangement = mode
        .label()
        .map_or_else(|| format!("layout {}", mode.0), str::to_owned);
    let regions = l.layout_config.as_deref().unwrap_or_default();
    let tiles = if mode == MixedVideoLayout::CUSTOM {
        arrangement.push_str(&format!(
            ", {} region{}",
            regions.len(),
            if regions.len() == 1 { "" } else { "s" }
        ));
        regions
            .iter()
            .enumerate()
            .map(|(i, r)| LayoutTile {
                x: r.x_axis,
                y: r.y_axis,
                width: r.width,
                height: r.height,
                label: r
                    .uid
                    .as_ref()
                    .map_or_else(|| format!("region {}", i + 1), |u| format!("uid {u}")),
                watermark: false,
            })
            .collect()
    } else {
        Vec::new()
    };
    AppliedLayout {
        at,
        op: op.to_owned(),
        accepted,
        canvas,
        background: l
            .background_color
            .clone()
            .unwrap_or_else(|| "#000000".to_owned()),
        arrangement,
        tiles,
    }
}

fn transcoder_layout(
    at: i64,
    op: &str,
    accepted: bool,
    t: &TranscoderConfig,
) -> Option<AppliedLayout> {
    let canvas = t.canvas.as_ref()?;
    let (w, h) = (
        f64::from(canvas.width.max(1)),
        f64::from(canvas.height.max(1)),
    );
    let mut tiles: Vec<(u32, LayoutTile)> = Vec::new();
    for v in t.video_inputs.iter().flatten() {
        if let Some(r) = v.region {
            let label = v
                .rtc
                .as_ref()
                .map_or_else(|| "stream".to_owned(), |rtc| format!("uid {}", rtc.rtc_uid));
            tiles.push((r.z_order.unwrap_or(2), tile(r, w, h, label, false)));
        }
    }
    for m in t.water_marks.iter().flatten() {
        tiles.push((
            m.region.z_order.unwrap_or(0),
            tile(m.region, w, h, "watermark".to_owned(), true),
        ));
    }
    tiles.sort_by_key(|(z, _)| *z);
    let videos = tiles.iter().filter(|(_, t)| !t.watermark).count();
    let marks = tiles.len() - videos;
    Some(AppliedLayout {
        at,
        op: op.to_owned(),
        accepted,
        canvas: CanvasSize {
            width: canvas.width,
            height: canvas.height,
        },
        background: format!("#{:06X}", canvas.color.unwrap_or(0) & 0xFF_FF_FF),
        arrangement: format!(
            "{videos} video input{}, {marks} watermark{}",
            if videos == 1 { "" } else { "s" },
            if marks == 1 { "" } else { "s" }
        ),
        tiles: tiles.into_iter().map(|(_, t)| t).collect(),
    })
}

fn tile(
    r: agora_rest::transcoding::Region,
    w: f64,
    h: f64,
    label: String,
    watermark: bool,
) -> LayoutTile {
    LayoutTile {
        x: f64::from(r.x) / w,
        y: f64::from(r.y) / h,
        width: f64::from(r.width) / w,
        height: f64::from(r.height) / h,
        label,
        watermark,
    }
}

/// The layouts of `session` over time, oldest first: its start (mix recordings and transcoding
/// tasks) and each update in `events`.
pub fn applied_layouts(session: &SessionRow, events: &[SessionEvent]) -> Vec<AppliedLayout> {
    let ok = |e: &SessionEvent| e.status.is_some_and(|s| (200..300).contains(&s));
    let first = |op: Op| events.iter().find(|e| e.op == op.name());
    let mut out = Vec::new();
    match &session.config {
        SessionConfig::Recording { start, .. } => {
            let Some(tc) = start
                .client_request
                .recording_config
                .as_ref()
                .and_then(|rc| rc.transcoding_config.as_ref())
            else {
                return out;
            };
            let canvas = CanvasSize {
                width: tc.width.unwrap_or(default_side(limits::COMPOSITE_WIDTH)),
                height: tc.height.unwrap_or(default_side(limits::COMPOSITE_HEIGHT)),
            };
            let started = first(Op::Start);
            out.push(recording_layout(
                started.map_or(session.created_at, |e| e.at),
                Op::Start.name(),
                started.is_some_and(ok) || session.sid.is_some(),
                canvas,
                &tc.layout(),
            ));
            for e in events.iter().filter(|e| e.op == Op::UpdateLayout.name()) {
                let Some(body) = e.request_body.as_ref() else {
                    continue;
                };
                let request = body.get("clientRequest").unwrap_or(body);
                if let Ok(l) = serde_json::from_value::<LayoutSettings>(request.clone()) {
                    out.push(recording_layout(e.at, &e.op, ok(e), canvas, &l));
                }
            }
        }
        SessionConfig::Transcoding { .. } => {
            for e in events.iter().filter(|e| {
                e.op == Op::TranscoderCreate.name() || e.op == Op::TranscoderUpdate.name()
            }) {
                let Some(body) = e.request_body.as_ref() else {
                    continue;
                };
                if let Ok(c) = serde_json::from_value::<CreateRequest>(body.clone()) {
                    out.extend(transcoder_layout(
                        e.at,
                        &e.op,
                        ok(e),
                        &c.services.cloud_transcoder.config.transcoder,
                    ));
                }
            }
        }
        SessionConfig::Unrecognized { .. } => {}
    }
    out
}
