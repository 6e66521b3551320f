import { Component, type ErrorInfo, type ReactNode } from "react";
import { ErrorCallout } from "./ErrorCallout";
import { Button } from "./Button";

interface ErrorBoundaryProps {
  /** What failed, in the user's words, e.g. "The Recording screen". */
  what: string;
  children: ReactNode;
}

interface ErrorBoundaryState {
  error: unknown;
}

/**
 * A render error (a malformed imported preset, a shape this version does not expect) replaces
 * the part of the window it happened in with what went wrong and a way back, rather than
 * blanking the whole window: the sessions bar stays, so a session that may be billing stays
 * visible and stoppable.
 */
export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { error: null };

  static getDerivedStateFromError(error: unknown): ErrorBoundaryState {
    return { error: error ?? new Error("unknown error") };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo) {
    // The webview's console reaches the app's log in development; the stack says where.
    console.error(`${this.props.what} failed to render`, error, info.componentStack);
  }

  override render() {
    if (this.state.error === null) return this.props.children;
    return (
      <div data-testid="render-error" className="mx-auto mt-12 flex max-w-xl flex-col gap-3 p-4">
        <ErrorCallout error={this.state.error} title={`${this.props.what} could not be shown`} />
        <p className="text-[13px] text-muted">
          Nothing was sent and nothing was lost: running sessions are in the bar below. Try again, or open
          another screen.
        </p>
        <div>
          <Button data-testid="render-error-retry" onClick={() => this.setState({ error: null })}>
            Try again
          </Button>
        </div>
      </div>
    );
  }
}
