// The history view's filters and selection, kept in the route (`#/history?kind=recording&q=room`)
// so they survive navigating away and, saved as the last history route, a restart.
import {
  RECORDING_MODES,
  SESSION_KINDS,
  SESSION_STATES,
  type Mode,
  type ProfileId,
  type SessionFilter,
  type SessionId,
  type SessionKind,
  type SessionState,
} from "../../bindings";

/** A state, or every state that may still be running (`open`). */
export type StateFilter = SessionState | "open";

export interface HistoryRoute {
  /** Free text: channel (or instanceId), uid, resourceId, sid, taskId. */
  text: string;
  kind: SessionKind | null;
  mode: Mode | null;
  state: StateFilter | null;
  profile: ProfileId | null;
  /** First day shown, `YYYY-MM-DD` in local time. */
  from: string | null;
  /** Last day shown (inclusive). */
  to: string | null;
  /** The session whose detail is open. */
  session: SessionId | null;
}

export const EMPTY_ROUTE: HistoryRoute = {
  text: "",
  kind: null,
  mode: null,
  state: null,
  profile: null,
  from: null,
  to: null,
  session: null,
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function oneOf<T extends string>(values: readonly T[], v: string | null): T | null {
  return v !== null && (values as readonly string[]).includes(v) ? (v as T) : null;
}

function positive(v: string | null): number | null {
  if (v === null || !/^\d+$/.test(v)) return null;
  const n = Number(v);
  return n > 0 && Number.isSafeInteger(n) ? n : null;
}

function day(v: string | null): string | null {
  return v !== null && DAY.test(v) && !Number.isNaN(localMidnight(v)) ? v : null;
}

/** Midnight of a `YYYY-MM-DD` day in local time (ms), NaN for a day that does not exist. */
export function localMidnight(d: string): number {
  const [y, m, dd] = d.split("-").map(Number) as [number, number, number];
  const date = new Date(y, m - 1, dd);
  return date.getFullYear() === y && date.getMonth() === m - 1 && date.getDate() === dd
    ? date.getTime()
    : Number.NaN;
}

/** The route a location hash names; a value that is not valid is left out, never guessed. */
export function parseRoute(hash: string): HistoryRoute {
  const query = hash.includes("?") ? hash.slice(hash.indexOf("?") + 1) : "";
  const p = new URLSearchParams(query);
  const stateValue = p.get("state");
  return {
    text: p.get("q") ?? "",
    kind: oneOf(SESSION_KINDS, p.get("kind")),
    mode: oneOf(RECORDING_MODES, p.get("mode")),
    state: stateValue === "open" ? "open" : oneOf(SESSION_STATES, stateValue),
    profile: positive(p.get("profile")),
    from: day(p.get("from")),
    to: day(p.get("to")),
    session: positive(p.get("session")),
  };
}

/** The hash for a route: `#/history`, then only the parts that are set, in a fixed order. */
export function routeHash(r: HistoryRoute): string {
  const p = new URLSearchParams();
  if (r.text.trim()) p.set("q", r.text);
  if (r.kind) p.set("kind", r.kind);
  if (r.mode) p.set("mode", r.mode);
  if (r.state) p.set("state", r.state);
  if (r.profile !== null) p.set("profile", String(r.profile));
  if (r.from) p.set("from", r.from);
  if (r.to) p.set("to", r.to);
  if (r.session !== null) p.set("session", String(r.session));
  const q = p.toString();
  return q ? `#/history?${q}` : "#/history";
}

/** Whether any filter is set (the selection is not a filter). */
export function isFiltered(r: HistoryRoute): boolean {
  return routeHash({ ...r, session: null }) !== "#/history";
}

const DAY_MS = 86_400_000;

/** The core's filter for a route. A mode implies a recording; `to` includes its whole day. */
export function toFilter(r: HistoryRoute): SessionFilter {
  const from = r.from ? localMidnight(r.from) : null;
  // The next local midnight (a day is not always 24 h: DST), found from noon of the next day.
  const to = r.to ? localMidnight(nextDay(r.to)) : null;
  return {
    text: r.text.trim() || null,
    kind: r.mode ? "recording" : r.kind,
    mode: r.mode,
    state: r.state === "open" ? null : r.state,
    open: r.state === "open" ? true : null,
    profileId: r.profile,
    from,
    to,
    cname: null,
    limit: null,
    offset: null,
  };
}

function nextDay(d: string): string {
  const next = new Date(localMidnight(d) + DAY_MS + DAY_MS / 2);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${next.getFullYear()}-${pad(next.getMonth() + 1)}-${pad(next.getDate())}`;
}

/** Where the last history route is kept between runs of the app. */
export const SAVED_ROUTE_KEY = "mixdeck.history.route";
