/* global window, requestAnimationFrame */
// Two frames: the first paint has happened by the time the second callback runs.
requestAnimationFrame(() => requestAnimationFrame(() => window.__TAURI_INTERNALS__.invoke("interactive")));
