// What every spec does with the app window and the sandbox it talks to. Specs reopen the app (a
// new Session) and start sandboxes of their own, so both are read through getters.
import { type ChildProcess, spawn } from "node:child_process";
import { e2e } from "./env";
import { type Session, waitFor } from "./webdriver";

/** Where a sandbox listens and the token its control API wants (`X-Sandbox-Token`). */
export interface SandboxAccess {
  url: string;
  token: string;
}

/** The sandbox's control API (`/_sandbox/...`) and documented routes, by plain HTTP. */
export function sandboxClient(access: () => SandboxAccess) {
  return async function sandbox<T>(method: string, path: string, body?: unknown): Promise<T> {
    const { url, token } = access();
    const r = await fetch(`${url}${path}`, {
      method,
      headers: {
        "x-sandbox-token": token,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!r.ok) throw new Error(`${method} ${path}: HTTP ${r.status} ${await r.text()}`);
    const text = await r.text();
    return (text ? JSON.parse(text) : null) as T;
  };
}

/**
 * Runs a command of the app through its IPC, as the UI does; a rejection is thrown with what the
 * command answered.
 */
export function ipcInvoker(current: () => Session) {
  return async function invoke<T>(command: string, args: Record<string, unknown>): Promise<T> {
    const r = await current().executeAsync<{ ok?: T; rejected?: unknown }>(
      `const done = arguments[arguments.length - 1];
       window.__TAURI_INTERNALS__.invoke(${JSON.stringify(command)}, ${JSON.stringify(args)})
         .then((ok) => done({ ok }), (e) => done({ rejected: e }));`,
    );
    if ("rejected" in r && r.rejected !== undefined)
      throw new Error(`${command}: ${JSON.stringify(r.rejected)}`);
    return r.ok as T;
  };
}

/** Finding, reading and clicking elements by test id in the current window. */
export function pageHelpers(current: () => Session) {
  const by = (id: string, timeoutMs?: number) =>
    current().byTestId(id, timeoutMs ? { timeoutMs } : undefined);
  const textOf = async (id: string): Promise<string> => (await by(id)).text();
  /**
   * An element's text content, read in the page. WebDriver's "element text" skips
   * `text-overflow: ellipsis` boxes and empty ones in WebKitGTK (it deems them hidden).
   */
  const contentOf = (id: string): Promise<string> =>
    current().execute<string>(`return document.querySelector('[data-testid="${id}"]')?.textContent ?? "";`);
  /** An input's current value (the property, not the attribute). */
  const valueOf = async (id: string): Promise<string> => {
    await by(id);
    return current().execute<string>(`return document.querySelector('[data-testid="${id}"]').value;`);
  };
  /** Scrolls the element to the middle of the view, then clicks: sticky bars would take the click. */
  const clickCentered = async (id: string): Promise<void> => {
    const el = await by(id);
    await current().execute(
      `document.querySelector('[data-testid="${id}"]').scrollIntoView({ block: "center" });`,
    );
    await el.click();
  };
  const waitForEnabled = (id: string) =>
    waitFor(`${id} enabled`, async () => (await (await by(id)).attribute("disabled")) === null || undefined, {
      timeoutMs: 10_000,
    });
  return { by, textOf, contentOf, valueOf, clickCentered, waitForEnabled };
}

/**
 * The embedded sandbox's URL and control token, read off the Sandbox profile card (the Profiles
 * view must be open; the card shows "…" until the sandbox has started).
 */
export async function embeddedSandbox(contentOf: (id: string) => Promise<string>): Promise<SandboxAccess> {
  return waitFor(
    "the sandbox URL and control token",
    async () => {
      const url = (await contentOf("sandbox-url")).trim();
      const token = (await contentOf("sandbox-control-token")).trim();
      return /^http:\/\/127\.0\.0\.1:\d+$/.test(url) && /^[0-9a-f]{32}$/.test(token)
        ? { url, token }
        : undefined;
    },
    { timeoutMs: 20_000 },
  );
}

/**
 * Starts the standalone agora-sandbox binary (for specs whose sandbox must outlive the app, or
 * needs its own credentials) and reads its URL and control token off the start-up banner.
 */
export async function startSandbox(
  args: string[] = [],
): Promise<{ process: ChildProcess; access: SandboxAccess }> {
  const child = spawn(e2e.sandbox, ["--port", "0", "--no-rate-limit", ...args], {
    stdio: ["ignore", "pipe", "ignore"],
  });
  const access = await new Promise<SandboxAccess>((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`agora-sandbox printed no URL: ${out}`)), 15_000);
    child.stdout?.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      const t = /Control token:\s+(\S+)/.exec(out);
      if (m?.[1] && t?.[1]) {
        clearTimeout(timer);
        resolve({ url: m[1], token: t[1] });
      }
    });
    child.once("exit", (code) => reject(new Error(`agora-sandbox exited (${code})`)));
  });
  return { process: child, access };
}
