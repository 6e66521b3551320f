/** The layout editor's pure geometry: no React, no DOM. */
export * from "./model";
export * from "./canvas";
export * from "./rect";
export * from "./tiles";
export * from "./snap";
export * from "./resize";
export * from "./drag";
export * from "./nudge";
export * from "./align";
export * from "./convert";
export * from "./presets";
export * from "./history";
