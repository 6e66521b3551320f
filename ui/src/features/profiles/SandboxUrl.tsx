import { useQuery } from "@tanstack/react-query";
import { api } from "../../lib/ipc";

/** Where the embedded emulator listens, so scripts and curl can use it too (and its `/_sandbox` controls). */
export function SandboxUrl() {
  const url = useQuery({ queryKey: ["sandboxUrl"], queryFn: api.sandboxUrl, staleTime: Infinity });
  if (url.isError)
    return <p className="mt-1 text-xs text-danger">The emulator did not start: {url.error.message}</p>;
  return (
    <p className="mt-1 text-xs text-muted">
      Listening on{" "}
      <code data-testid="sandbox-url" className="font-mono select-text">
        {url.data ?? "…"}
      </code>{" "}
      · faults, clock and request log under <code className="font-mono">/_sandbox</code>
    </p>
  );
}
