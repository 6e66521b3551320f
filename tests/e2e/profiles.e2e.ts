// Profiles in the real app: the built-in sandbox answers a connection test through the real IPC
// and emulator; a new profile's secret goes to the (real, private) keychain and shows as status.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { e2e } from "./lib/env";
import { Session, waitFor } from "./lib/webdriver";

let session: Session;

beforeAll(async () => {
  session = await Session.create({ driverUrl: e2e.driverUrl, application: e2e.application });
  await (await session.byTestId("nav-profiles", { timeoutMs: 20_000 })).click();
  await session.byTestId("view-profiles");
});

afterAll(async () => {
  await session?.delete();
});

async function textOf(testId: string): Promise<string> {
  return (await session.byTestId(testId)).text();
}

describe(`profiles (${e2e.theme} theme)`, () => {
  it("tests the built-in sandbox's connection", async () => {
    const card = await session.waitForElement('[data-testid^="profile-card-"]');
    expect(await card.text()).toContain("Built-in sandbox");
    const id = (await card.attribute("data-testid"))?.replace("profile-card-", "") ?? "";
    await (await session.byTestId(`profile-test-${id}`)).click();
    const result = await waitFor(
      "the connection test result",
      async () => {
        const el = await session.find(`[data-testid="profile-test-result-${id}"]`);
        return el ? el.text() : undefined;
      },
      { timeoutMs: 20_000 },
    );
    expect(result).toContain("Connected");
    await session.screenshot(e2e.screenshot("profiles-sandbox"));
  });

  it("adds a profile with its secret in the keychain, then deletes it", async () => {
    await (await session.byTestId("profile-add")).click();
    await (await session.byTestId("profile-field-name")).type(`E2E ${e2e.theme}`);
    await (await session.byTestId("profile-field-appId")).type("not-hex");
    await (await session.byTestId("profile-field-customerId")).type("e2e-customer");
    await (await session.byTestId("profile-field-customerSecret")).type("e2e-secret-value-7788");
    await (await session.byTestId("profile-save")).click();
    const form = await session.byTestId("profile-form");
    await waitFor("the App ID rule", async () => (await form.text()).includes("32 hexadecimal") || undefined);
    await session.screenshot(e2e.screenshot("profiles-form-error"));

    const appId = await session.byTestId("profile-field-appId");
    await appId.clear();
    await appId.type("0123456789abcdef0123456789abcdef");
    await (await session.byTestId("profile-save")).click();
    const status = await waitFor("the new profile's secret status", async () => {
      const el = await session.find('[data-testid$="-customerSecret-status"]');
      return el ? el.text() : undefined;
    });
    expect(status).toBe("set · …7788");
    const page = await session.execute<string>("return document.body.innerText;");
    expect(page).not.toContain("e2e-secret-value-7788");
    await session.screenshot(e2e.screenshot("profiles-added"));

    // Editing it to another area: the form says the stored secrets go, and asks for the secret.
    await (await session.waitForElement(`[aria-label="Edit E2E ${e2e.theme}"]`)).click();
    const area = await session.byTestId("profile-field-area");
    await session.execute(
      `const s = document.querySelector('[data-testid="profile-field-area"]');
       Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, "value").set.call(s, "EU");
       s.dispatchEvent(new Event("change", { bubbles: true }));`,
    );
    expect(await area.attribute("data-testid")).toBe("profile-field-area");
    const note = await session.byTestId("profile-destination-note");
    expect(await note.text()).toContain("deletes this profile's stored secrets");
    await session.byTestId("profile-field-customerSecret");
    await session.execute(
      `document.querySelector('[data-testid="profile-destination-note"]').scrollIntoView({ block: "center" });`,
    );
    await session.screenshot(e2e.screenshot("profiles-edit-destination"));
    await (
      await session.waitForElement('[data-testid="profile-form"] button[type="button"]:not([aria-expanded])')
    ).click();
    await waitFor(
      "the form closed",
      async () => (await session.find('[data-testid="profile-form"]')) === undefined || undefined,
    );

    const name = `E2E ${e2e.theme}`;
    // One click from the status bar makes it the active profile, and back.
    await (await session.byTestId("status-profile")).click();
    await session.byTestId("profile-menu");
    await session.screenshot(e2e.screenshot("profiles-switcher"));
    const item = await session.waitForElement(
      '[data-testid^="profile-menu-"]:not([data-testid="profile-menu-1"])',
    );
    await item.click();
    await waitFor(
      "the new active profile",
      async () => (await textOf("status-profile")).includes(name) || undefined,
    );
    await (await session.byTestId("status-profile")).click();
    await (await session.byTestId("profile-menu-1")).click();
    await waitFor(
      "the sandbox active again",
      async () => (await textOf("status-profile")).includes("Sandbox") || undefined,
    );

    await (await session.waitForElement(`[aria-label="Delete ${name}"]`)).click();
    await session.waitForElement('[role="alertdialog"]');
    await (await session.waitForElement('[role="alertdialog"] button[type="button"]')).click();
    await waitFor(
      "the profile to disappear",
      async () => (await session.find(`[aria-label="Delete ${name}"]`)) === undefined || undefined,
    );
    expect(await textOf("status-profile")).toContain("Sandbox");
  });
});
