import type { Tile } from "./geometry";

/** How a tile is named to people and screen readers: its place in the list and who it shows. */
export function tileLabel(tile: Tile, index: number): string {
  if (tile.kind === "watermark") return `Tile ${index + 1} (watermark)`;
  return `Tile ${index + 1} (${tile.uid ? `uid ${tile.uid}` : "next to join"})`;
}
