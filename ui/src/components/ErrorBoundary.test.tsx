import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ErrorBoundary } from "./ErrorBoundary";

afterEach(cleanup);

let broken = true;
function Fragile({ preset }: { preset: unknown }) {
  // What a malformed imported preset did: read a field of something that is not there.
  if (broken) return <p>{(preset as { start: { cname: string } }).start.cname}</p>;
  return <p data-testid="fragile-ok">fine</p>;
}

describe("error boundary", () => {
  it("shows what failed in place of the screen, keeps the rest, and tries again", () => {
    const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
    broken = true;
    render(
      <div>
        <ErrorBoundary what="The Recording screen">
          <Fragile preset={{}} />
        </ErrorBoundary>
        <p data-testid="sessions-bar">2 sessions running</p>
      </div>,
    );
    expect(screen.getByTestId("render-error").textContent).toContain(
      "The Recording screen could not be shown",
    );
    expect(screen.getByTestId("render-error").textContent).toMatch(/cname/);
    expect(screen.getByTestId("sessions-bar")).toBeTruthy();
    broken = false;
    fireEvent.click(screen.getByTestId("render-error-retry"));
    expect(screen.getByTestId("fragile-ok")).toBeTruthy();
    quiet.mockRestore();
  });
});
