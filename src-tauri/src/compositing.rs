//! Whether WebKitGTK composites the window with GL.
//!
//! Without a GPU (no DRM render node: virtual machines, Xvfb, many remote desktops) WebKitGTK's GL
//! is Mesa's CPU emulation. Compositing through it then costs about 100 MB in the web process and
//! turns a tile drag's frames from 16 ms into 27 ms at p95, where painting directly does neither
//! (docs/performance.md). With a render node WebKit's default stays. `MIXDECK_GPU_COMPOSITING=1`
//! or `=0` overrides the guess; WebKit's own `WEBKIT_DISABLE_COMPOSITING_MODE` wins over both.

use std::path::Path;

/// What was decided, for the log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compositing {
    /// WebKit's default (GL compositing where it sees fit).
    WebKitDefault,
    /// Painted directly: no GPU to composite with.
    Off,
    /// The environment decided (either variable was set).
    AsConfigured,
}

/// Decides before GTK or WebKit start (the web process inherits the environment). Call first in
/// `main`, while the process has one thread.
pub fn choose() -> Compositing {
    if !cfg!(target_os = "linux") {
        return Compositing::WebKitDefault;
    }
    if std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_some() {
        return Compositing::AsConfigured;
    }
    let gpu = match std::env::var("MIXDECK_GPU_COMPOSITING").as_deref() {
        Ok("1") => true,
        Ok("0") => false,
        _ => has_render_node(Path::new("/dev/dri")),
    };
    if gpu {
        return Compositing::WebKitDefault;
    }
    // Edition 2021: safe, and sound here because no other thread exists yet.
    std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
    Compositing::Off
}

/// A GPU the web process could render with: a `renderD*` node under `/dev/dri`.
fn has_render_node(dri: &Path) -> bool {
    std::fs::read_dir(dri)
        .into_iter()
        .flatten()
        .flatten()
        .any(|e| {
            e.file_name()
                .to_str()
                .is_some_and(|n| n.starts_with("renderD"))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_render_node_means_a_gpu_and_a_card_alone_does_not() {
        let dir = tempfile::tempdir().unwrap();
        assert!(!has_render_node(&dir.path().join("missing")));
        assert!(!has_render_node(dir.path()));
        std::fs::write(dir.path().join("card0"), "").unwrap();
        assert!(!has_render_node(dir.path()));
        std::fs::write(dir.path().join("renderD128"), "").unwrap();
        assert!(has_render_node(dir.path()));
    }
}
