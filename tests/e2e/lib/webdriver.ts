// A small W3C WebDriver client for tauri-driver. Every request has a timeout, every wait has a
// deadline, and failures say what was being waited for.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

const ELEMENT_KEY = "element-6066-11e4-a52e-4f735466cecf";
const REQUEST_TIMEOUT_MS = 30_000;

export class WebDriverError extends Error {
  constructor(
    message: string,
    readonly error?: string,
  ) {
    super(message);
    this.name = "WebDriverError";
  }
}

interface WireResponse {
  value: unknown;
}

async function request(method: string, url: string, body?: unknown): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (e) {
    throw new WebDriverError(`${method} ${url} failed: ${(e as Error).message}`);
  }
  const text = await res.text();
  let json: WireResponse;
  try {
    json = JSON.parse(text) as WireResponse;
  } catch {
    throw new WebDriverError(`${method} ${url}: HTTP ${res.status}, not JSON: ${text.slice(0, 200)}`);
  }
  if (!res.ok) {
    const v = json.value as { error?: string; message?: string } | undefined;
    throw new WebDriverError(`${method} ${url}: ${v?.error ?? res.status}: ${v?.message ?? text}`, v?.error);
  }
  return json.value;
}

export interface WaitOptions {
  timeoutMs?: number;
  intervalMs?: number;
}

/** Polls `probe` until it returns something other than undefined/false, or throws after the deadline. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  { timeoutMs = 10_000, intervalMs = 100 }: WaitOptions = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined && v !== false) return v;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) {
      const why = lastError ? ` (last error: ${(lastError as Error).message})` : "";
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${why}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export class Element {
  constructor(
    private readonly session: Session,
    readonly id: string,
    readonly selector: string,
  ) {}

  private url(path: string): string {
    return this.session.url(`/element/${this.id}${path}`);
  }

  async click(): Promise<void> {
    await request("POST", this.url("/click"), {});
  }

  async text(): Promise<string> {
    return (await request("GET", this.url("/text"))) as string;
  }

  async attribute(name: string): Promise<string | null> {
    return (await request("GET", this.url(`/attribute/${name}`))) as string | null;
  }

  async displayed(): Promise<boolean> {
    return (await request("GET", this.url("/displayed"))) as boolean;
  }

  async type(text: string): Promise<void> {
    await request("POST", this.url("/value"), { text });
  }

  async clear(): Promise<void> {
    await request("POST", this.url("/clear"), {});
  }
}

export interface SessionOptions {
  /** tauri-driver's base URL, e.g. http://127.0.0.1:4444 */
  driverUrl: string;
  /** Absolute path of the app binary (with embedded assets). */
  application: string;
  args?: string[];
}

export class Session {
  private constructor(
    private readonly base: string,
    readonly id: string,
  ) {}

  static async create({ driverUrl, application, args = [] }: SessionOptions): Promise<Session> {
    const value = (await request("POST", `${driverUrl}/session`, {
      capabilities: { alwaysMatch: { "tauri:options": { application, args } } },
    })) as { sessionId: string };
    return new Session(driverUrl, value.sessionId);
  }

  url(path: string): string {
    return `${this.base}/session/${this.id}${path}`;
  }

  async delete(): Promise<void> {
    await request("DELETE", this.url(""));
  }

  /** The element the CSS selector matches, or undefined when none does (yet). */
  async find(selector: string): Promise<Element | undefined> {
    try {
      const v = (await request("POST", this.url("/element"), {
        using: "css selector",
        value: selector,
      })) as Record<string, string>;
      const id = v[ELEMENT_KEY];
      return id ? new Element(this, id, selector) : undefined;
    } catch (e) {
      if (e instanceof WebDriverError && e.error === "no such element") return undefined;
      throw e;
    }
  }

  /** Waits until the selector matches a displayed element. */
  async waitForElement(selector: string, opts?: WaitOptions): Promise<Element> {
    return waitFor(
      `element ${selector}`,
      async () => {
        const el = await this.find(selector);
        return el && (await el.displayed()) ? el : undefined;
      },
      opts,
    );
  }

  /** `[data-testid=...]` shorthand. */
  byTestId(id: string, opts?: WaitOptions): Promise<Element> {
    return this.waitForElement(`[data-testid="${id}"]`, opts);
  }

  /** Chooses an option of the `<select>` with this test id the way a person does (a click on it). */
  async choose(testId: string, value: string): Promise<void> {
    const option = await this.waitForElement(`[data-testid="${testId}"] option[value="${value}"]`);
    await option.click();
    await waitFor(`${testId} = ${value}`, async () =>
      (await this.execute<string>(`return document.querySelector('[data-testid="${testId}"]').value;`)) ===
      value
        ? true
        : undefined,
    );
  }

  async execute<T>(script: string, args: unknown[] = []): Promise<T> {
    return (await request("POST", this.url("/execute/sync"), { script, args })) as T;
  }

  /** Runs an async script; it finishes by calling `arguments[arguments.length - 1](value)`. */
  async executeAsync<T>(script: string, args: unknown[] = []): Promise<T> {
    return (await request("POST", this.url("/execute/async"), { script, args })) as T;
  }

  /**
   * Drags with a real mouse through W3C Actions: press at `from`, move in `steps` pointer moves to
   * `to` (viewport CSS pixels), release. The page sees pointerdown, pointermove... and pointerup.
   */
  async drag(
    from: { x: number; y: number },
    to: { x: number; y: number },
    { steps = 10, stepMs = 16 }: { steps?: number; stepMs?: number } = {},
  ): Promise<void> {
    await this.pointer(from, to, steps, stepMs, "drag");
  }

  private async pointer(
    from: { x: number; y: number },
    to: { x: number; y: number },
    steps: number,
    stepMs: number,
    how: "drag" | "hover" | "hold",
  ): Promise<void> {
    const at = (x: number, y: number, duration: number) => ({
      type: "pointerMove",
      origin: "viewport",
      x: Math.round(x),
      y: Math.round(y),
      duration,
    });
    const moves = Array.from({ length: steps }, (_, i) => {
      const t = (i + 1) / steps;
      return at(from.x + (to.x - from.x) * t, from.y + (to.y - from.y) * t, stepMs);
    });
    const down =
      how === "hover"
        ? []
        : [
            { type: "pointerDown", button: 0 },
            { type: "pause", duration: 50 },
          ];
    const up =
      how === "drag"
        ? [
            { type: "pause", duration: 50 },
            { type: "pointerUp", button: 0 },
          ]
        : [];
    await request("POST", this.url("/actions"), {
      actions: [
        {
          type: "pointer",
          id: "mouse",
          parameters: { pointerType: "mouse" },
          actions: [at(from.x, from.y, 0), ...down, ...moves, ...up],
        },
      ],
    });
    // A held button stays down until release(); DELETE would let it go.
    if (how !== "hold") await request("DELETE", this.url("/actions"));
  }

  /**
   * Presses at `from` and moves to `to`, keeping the button down (to look at the page mid-drag);
   * `release()` lets go.
   */
  async hold(
    from: { x: number; y: number },
    to: { x: number; y: number },
    { steps = 10, stepMs = 16 }: { steps?: number; stepMs?: number } = {},
  ): Promise<void> {
    await this.pointer(from, to, steps, stepMs, "hold");
  }

  /** Releases the button `hold` pressed, and every other input still held. */
  async release(): Promise<void> {
    await request("POST", this.url("/actions"), {
      actions: [
        {
          type: "pointer",
          id: "mouse",
          parameters: { pointerType: "mouse" },
          actions: [{ type: "pointerUp", button: 0 }],
        },
      ],
    });
    await request("DELETE", this.url("/actions"));
  }

  /** Moves the mouse from `from` to `to` in `steps` moves without pressing a button. */
  async hover(
    from: { x: number; y: number },
    to: { x: number; y: number },
    { steps = 10, stepMs = 16 }: { steps?: number; stepMs?: number } = {},
  ): Promise<void> {
    await this.pointer(from, to, steps, stepMs, "hover");
  }

  /** Presses and releases keys through W3C Actions (e.g. "\uE014" ArrowRight), holding `modifiers`. */
  async keys(keys: readonly string[], modifiers: readonly string[] = []): Promise<void> {
    const down = (value: string) => ({ type: "keyDown", value });
    const up = (value: string) => ({ type: "keyUp", value });
    await request("POST", this.url("/actions"), {
      actions: [
        {
          type: "key",
          id: "keyboard",
          actions: [
            ...modifiers.map(down),
            ...keys.flatMap((k) => [down(k), up(k)]),
            ...[...modifiers].reverse().map(up),
          ],
        },
      ],
    });
    await request("DELETE", this.url("/actions"));
  }

  /** The element's box in viewport CSS pixels. */
  async rectOf(selector: string): Promise<{ x: number; y: number; width: number; height: number }> {
    return this.execute(
      "const r = document.querySelector(arguments[0]).getBoundingClientRect(); return { x: r.x, y: r.y, width: r.width, height: r.height };",
      [selector],
    );
  }

  /** Resolves after the page has painted what the DOM holds now (two animation frames). */
  async painted(): Promise<void> {
    await this.executeAsync(
      "const done = arguments[arguments.length - 1]; requestAnimationFrame(() => requestAnimationFrame(() => done(true)));",
    );
  }

  /** Saves a PNG of the window's viewport, once what the DOM holds has been painted. */
  async screenshot(path: string): Promise<void> {
    await this.painted();
    const b64 = (await request("GET", this.url("/screenshot"))) as string;
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, Buffer.from(b64, "base64"));
  }
}
