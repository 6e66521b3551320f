import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ProfileView } from "../../bindings";
import { profileView } from "../../testing/profiles";
import { ProfilesView } from "./ProfilesView";

const sandbox: ProfileView = {
  ...profileView({
    name: "Sandbox",
    kind: "sandbox",
    appId: "sandbox-app-id",
    customerId: "sandbox-customer-id",
  }),
  secrets: [],
};

let profiles: ProfileView[];
let calls: { cmd: string; args: unknown }[];

function renderView() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <ProfilesView />
    </QueryClientProvider>,
  );
}

function type(testId: string, value: string) {
  fireEvent.change(screen.getByTestId(testId), { target: { value } });
}

beforeEach(() => {
  profiles = [sandbox];
  calls = [];
  mockIPC((cmd, args) => {
    calls.push({ cmd, args });
    if (cmd === "list_profiles") return profiles;
    if (cmd === "test_connection")
      return { ok: true, code: null, message: "Connected.", host: "http://127.0.0.1", elapsedMs: 3 };
    if (cmd === "create_profile") {
      const input = (args as { input: { appId: string; name: string } }).input;
      if (input.appId.startsWith("0000")) {
        throw {
          code: "validation.failed",
          message: "appId: reserved",
          fields: [{ path: "appId", message: "That App ID is reserved.", severity: "error" }],
        };
      }
      const created: ProfileView = {
        ...sandbox,
        id: 2,
        kind: "agora",
        name: input.name,
        appId: input.appId,
        secrets: [
          { kind: "customerSecret", set: true, last4: "cdef" },
          { kind: "appCertificate", set: false, last4: null },
          { kind: "storageAccessKey", set: false, last4: null },
          { kind: "storageSecretKey", set: false, last4: null },
        ],
      };
      profiles = [sandbox, created];
      return created;
    }
    throw `unexpected ${cmd}`;
  });
});

afterEach(() => {
  cleanup();
  clearMocks();
});

describe("Profiles view", () => {
  it("marks the built-in sandbox and tests its connection", async () => {
    renderView();
    const card = await screen.findByTestId("profile-card-1");
    expect(within(card).getByText("Built-in sandbox")).toBeTruthy();
    fireEvent.click(within(card).getByTestId("profile-test-1"));
    expect((await screen.findByTestId("profile-test-result-1")).textContent).toContain("Connected.");
  });

  it("adds a profile: local rules first, then the backend's, and never shows the secret", async () => {
    renderView();
    await screen.findByTestId("profile-card-1");
    fireEvent.click(screen.getByTestId("profile-add"));
    fireEvent.click(screen.getByTestId("profile-save"));
    expect(await screen.findByText("A name is required.")).toBeTruthy();
    expect(screen.getByText("The Customer Secret is required.")).toBeTruthy();
    expect(calls.some((c) => c.cmd === "create_profile")).toBe(false);

    type("profile-field-name", "Production");
    type("profile-field-appId", "0000aaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    type("profile-field-customerId", "cust");
    type("profile-field-customerSecret", "0123456789abcdef");
    fireEvent.click(screen.getByTestId("profile-save"));
    expect(await screen.findByText("That App ID is reserved.")).toBeTruthy();

    type("profile-field-appId", "1234aaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    fireEvent.click(screen.getByTestId("profile-save"));
    const status = await screen.findByTestId("secret-2-customerSecret-status");
    expect(status.textContent).toBe("set · …cdef");
    const create = calls.filter((c) => c.cmd === "create_profile").at(-1);
    expect(create?.args).toMatchObject({
      input: { name: "Production", appId: "1234aaaaaaaaaaaaaaaaaaaaaaaaaaaa", area: "US", endpoint: null },
      secrets: [{ kind: "customerSecret", value: "0123456789abcdef" }],
    });
    expect(screen.queryByTestId("profile-form")).toBeNull();
    expect(document.body.textContent).not.toContain("0123456789abcdef");
  });
});
