// Frame timing for the benchmarks that drive the real app: a probe run in the page and the
// figures both benchmarks report.

/**
 * Page script: records the gap between consecutive requestAnimationFrame callbacks in
 * `window.__frames` until `window.__recording` is set false.
 */
export const FRAME_PROBE = `
  window.__frames = [];
  window.__recording = true;
  let last = null;
  const tick = (t) => {
    if (last !== null) window.__frames.push(t - last);
    last = t;
    if (window.__recording) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
`;

/** p50, p95 and max of frame gaps (ms), how many missed a 60 Hz frame, and gaps over 100 ms. */
export function frameStats(frames: readonly number[]) {
  const sorted = [...frames].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  const round = (v: number) => Math.round(v * 100) / 100;
  return {
    frames: sorted.length,
    p50: round(at(0.5)),
    p95: round(at(0.95)),
    max: round(sorted[sorted.length - 1] ?? NaN),
    over16ms: sorted.filter((f) => f > 16.7).length,
    longTasksOver100ms: sorted.filter((f) => f > 100).length,
  };
}
