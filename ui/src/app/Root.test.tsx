import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { cleanup, fireEvent, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import type { DatabaseProblem } from "../bindings";
import { renderWithQueries } from "../testing/render";
import { Root } from "./Root";
import { appInfo } from "../testing/app";

const renderRoot = () => renderWithQueries(<Root />);

afterEach(() => {
  cleanup();
  clearMocks();
});

const DAMAGED: DatabaseProblem = {
  kind: "damaged",
  path: "/home/u/.local/share/io.mixdeck.desktop/history.sqlite3",
  detail: "history database error: file is not a database",
};

describe("a history database that will not open", () => {
  it("says what is wrong and where, and moves it aside only when asked", async () => {
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      if (cmd === "database_problem") return DAMAGED;
      if (cmd === "start_fresh_database") return `${DAMAGED.path}.1764892800000.aside`;
      if (cmd === "app_info") return appInfo({ logDir: "/d/logs" });
      throw `unexpected command ${cmd}`;
    });
    renderRoot();
    await screen.findByTestId("database-problem");
    expect(screen.getByRole("heading", { level: 1 }).textContent).toContain("damaged");
    expect(screen.getByTestId("database-problem-path").textContent).toBe(DAMAGED.path);
    expect(screen.getByTestId("database-problem-detail").textContent).toContain("not a database");
    expect(screen.queryByTestId("app-shell")).toBeNull();
    expect(await screen.findByTestId("database-problem-log")).toBeTruthy();
    expect(calls.filter((c) => c !== "app_info")).toEqual(["database_problem"]);

    fireEvent.click(screen.getByTestId("database-start-fresh"));
    const moved = await screen.findByTestId("database-moved");
    expect(moved.textContent).toContain(".aside");
    expect(calls.filter((c) => c !== "app_info")).toEqual(["database_problem", "start_fresh_database"]);
  });

  it("shows a failed move and keeps the choice", async () => {
    mockIPC((cmd) => {
      if (cmd === "database_problem") return { ...DAMAGED, kind: "tooNew" };
      if (cmd === "start_fresh_database")
        throw { code: "app.internal", message: "could not move it aside: permission denied" };
      throw `unexpected command ${cmd}`;
    });
    renderRoot();
    expect((await screen.findByRole("heading", { level: 1 })).textContent).toContain("newer Mixdeck");
    fireEvent.click(screen.getByTestId("database-start-fresh"));
    expect((await screen.findByRole("alert")).textContent).toContain("permission denied");
    expect(screen.getByTestId("database-start-fresh")).toBeTruthy();
  });
});
