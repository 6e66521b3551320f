import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { profileView } from "../testing/profiles";
import { renderWithQueries } from "../testing/render";
import { App, preloadView } from "./App";
import { VIEWS } from "./views";
import { appInfo } from "../testing/app";

const SANDBOX = profileView({
  name: "Sandbox",
  kind: "sandbox",
  appId: "sandbox-app-id",
  customerId: "sandbox-customer-id",
});

const renderApp = () => renderWithQueries(<App />);

// Each view's module is compiled on its first import: do that before the clock of any test starts.
beforeAll(() => Promise.all(VIEWS.map((v) => preloadView(v.id))), 60_000);

beforeEach(() => {
  window.location.hash = "";
  window.localStorage.clear();
});

afterEach(() => {
  cleanup();
  clearMocks();
});

describe("App shell", () => {
  let marks = 0;
  let logsOpened = 0;
  beforeEach(() => {
    marks = 0;
    logsOpened = 0;
    mockIPC((cmd) => {
      if (cmd === "window_interactive") return void marks++;
      if (cmd === "open_log_folder") return void logsOpened++;
      if (cmd === "list_profiles")
        return [
          { ...SANDBOX, secrets: [] },
          { ...profileView({ id: 2, name: "Production", area: "EU" }), secrets: [] },
        ];
      if (cmd === "app_info") return appInfo();
      throw `unexpected command ${cmd}`;
    });
  });

  it("opens on Recording and reaches every view from the sidebar", async () => {
    renderApp();
    expect(await screen.findByTestId("view-recording")).toBeTruthy();
    for (const { id, label } of VIEWS) {
      fireEvent.click(screen.getByTestId(`nav-${id}`));
      const view = await screen.findByTestId(`view-${id}`);
      expect(within(view).getByRole("heading", { level: 1 }).textContent).toBe(label);
      expect(screen.getByTestId(`nav-${id}`).getAttribute("aria-current")).toBe("page");
      expect(window.location.hash).toBe(`#/${id}`);
    }
  });

  it("tells Rust once, when the first screen and the shell's data are on", async () => {
    renderApp();
    await screen.findByTestId("view-recording");
    await screen.findByText("Sandbox");
    await waitFor(() => expect(marks).toBe(1));
    fireEvent.click(screen.getByTestId("nav-history"));
    await screen.findByTestId("view-history");
    await new Promise((r) => setTimeout(r, 50));
    expect(marks).toBe(1);
  });

  it("shows About with the version and folders from Rust, and opens the logs folder", async () => {
    renderApp();
    fireEvent.click(await screen.findByTestId("status-about"));
    const about = await screen.findByTestId("about-dialog");
    expect(within(about).getByTestId("about-version").textContent).toBe(
      "Version 0.1.0 · release build · linux",
    );
    expect(within(about).getByTestId("about-data-dir").textContent).toBe(appInfo().dataDir);
    expect(within(about).getByTestId("about-log-dir").textContent).toBe(appInfo().logDir);
    fireEvent.click(within(about).getByTestId("about-open-logs"));
    await waitFor(() => expect(logsOpened).toBe(1));
    fireEvent.keyDown(about, { key: "Escape" });
    expect(screen.queryByTestId("about-dialog")).toBeNull();
  });

  it("shows the app version and the active profile from the backend", async () => {
    renderApp();
    expect(await screen.findByText("mixdeck 0.1.0")).toBeTruthy();
    expect(await screen.findByText("Sandbox")).toBeTruthy();
  });

  it("switches profiles from the status bar, and opens Profiles from there", async () => {
    renderApp();
    await screen.findByText("Sandbox");
    fireEvent.click(screen.getByTestId("status-profile"));
    fireEvent.click(await screen.findByTestId("profile-menu-2"));
    expect((await screen.findByTestId("status-profile")).textContent).toContain("Production");
    expect(window.localStorage.getItem("mixdeck.activeProfile")).toBe("2");
    fireEvent.click(screen.getByTestId("status-profile"));
    fireEvent.click(screen.getByText("Manage profiles…"));
    expect(await screen.findByTestId("view-profiles")).toBeTruthy();
  });
});

describe("App shell without a backend", () => {
  it("says the backend is unavailable instead of inventing data", async () => {
    mockIPC(() => {
      throw "IPC down";
    });
    renderApp();
    expect(await screen.findByText("Backend unavailable")).toBeTruthy();
  });
});
