// A history database that will not open: instead of failing to start, the app shows what is wrong
// and where the file is, and on request moves it aside (nothing deleted) and opens a fresh one.
// The run's own database is put back afterwards for the specs that follow.
import { execFileSync } from "node:child_process";
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { pageHelpers } from "./lib/app";
import { e2e } from "./lib/env";
import { Session, waitFor } from "./lib/webdriver";

let session: Session | undefined;
const { by, contentOf } = pageHelpers(() => {
  if (!session) throw new Error("no app window");
  return session;
});

const dataDir = join(e2e.dataHome, "io.mixdeck.desktop");
const db = join(dataDir, "history.sqlite3");
const SUFFIXES = ["", "-wal", "-shm"];
const kept = mkdtempSync(join(tmpdir(), "mixdeck-e2e-db-"));
const GARBAGE = "not a database: a file some other program wrote over Mixdeck's history\n".repeat(8);

/** Waits until no app process is left (the driver ends it with the session). */
async function appGone() {
  await waitFor("the app to exit", async () => {
    try {
      execFileSync("pgrep", ["-f", `^${e2e.application}`]);
      return undefined;
    } catch {
      return true;
    }
  });
}

afterAll(async () => {
  await session?.delete().catch(() => undefined);
  await appGone();
  // Put the run's own database back, and drop what this spec made.
  for (const f of readdirSync(dataDir)) if (f.includes(".aside")) rmSync(join(dataDir, f));
  for (const s of SUFFIXES) {
    rmSync(`${db}${s}`, { force: true });
    if (existsSync(join(kept, `db${s}`))) renameSync(join(kept, `db${s}`), `${db}${s}`);
  }
  rmSync(kept, { recursive: true, force: true });
});

describe(`a database that will not open (${e2e.theme} theme)`, () => {
  it("says what is wrong and where, then moves it aside and opens a fresh history", async () => {
    for (const s of SUFFIXES) if (existsSync(`${db}${s}`)) renameSync(`${db}${s}`, join(kept, `db${s}`));
    writeFileSync(db, GARBAGE);

    session = await Session.create({ driverUrl: e2e.driverUrl, application: e2e.application });
    await by("database-problem", 20_000);
    expect(await contentOf("database-problem-path")).toBe(db);
    expect(await contentOf("database-problem-detail")).toContain("not a database");
    expect(await session.find('[data-testid="app-shell"]')).toBeUndefined();
    await session.screenshot(e2e.screenshot("database-problem"));

    await (await by("database-start-fresh")).click();
    const moved = await waitFor("the moved-aside path", async () => {
      const text = await contentOf("database-moved");
      return text.includes(".aside") ? text : undefined;
    });
    const aside = readdirSync(dataDir).filter(
      (f) => f.startsWith("history.sqlite3.") && f.endsWith(".aside"),
    );
    expect(aside).toHaveLength(1);
    expect(moved).toContain(aside[0]);
    expect(readFileSync(join(dataDir, aside[0] ?? ""), "utf8")).toBe(GARBAGE);

    await (await by("database-continue")).click();
    await by("app-shell", 20_000);
    // The fresh history works: the built-in Sandbox profile is there again.
    await (await by("nav-profiles")).click();
    await waitFor("the Sandbox profile", async () =>
      (await contentOf("view-profiles")).includes("Sandbox") ? true : undefined,
    );
  });
});
