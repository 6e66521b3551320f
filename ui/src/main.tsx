import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { preloadView } from "./app/App";
import { Root } from "./app/Root";
import { viewFromHash } from "./app/views";
import { appInfoQuery, profilesQuery } from "./lib/queries";
import { ErrorBoundary } from "./components/ErrorBoundary";
import "./styles.css";

const queryClient = new QueryClient({
  defaultOptions: {
    // Commands are local IPC: retrying hides real errors and window focus means nothing here.
    queries: { retry: false, refetchOnWindowFocus: false },
  },
});

// Everything the first screen needs is asked for at once, not one call after another.
void queryClient.prefetchQuery(appInfoQuery);
void queryClient.prefetchQuery(profilesQuery);
void preloadView(viewFromHash(window.location.hash));

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      {/* The last line of defence; each screen has its own (App), so this only catches the shell. */}
      <ErrorBoundary what="Mixdeck">
        <Root />
      </ErrorBoundary>
    </QueryClientProvider>
  </StrictMode>,
);
