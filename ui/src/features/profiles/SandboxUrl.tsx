import { useQuery } from "@tanstack/react-query";
import { Copy } from "lucide-react";
import { api, copyText } from "../../lib/ipc";

/**
 * Where the embedded emulator listens, so scripts and curl can use it too, and the token its
 * `/_sandbox` controls (faults, clock, request log) want in `X-Sandbox-Token`.
 */
export function SandboxUrl() {
  const access = useQuery({ queryKey: ["sandboxAccess"], queryFn: api.sandboxAccess, staleTime: Infinity });
  if (access.isError)
    return <p className="mt-1 text-xs text-danger">The emulator did not start: {access.error.message}</p>;
  const token = access.data?.controlToken;
  return (
    <div className="mt-1 flex flex-col gap-0.5 text-xs text-muted">
      <p>
        Listening on{" "}
        <code data-testid="sandbox-url" className="font-mono select-text">
          {access.data?.url ?? "…"}
        </code>
      </p>
      <p className="flex min-w-0 items-center gap-1 whitespace-nowrap">
        <span>
          Controls under <code className="font-mono">/_sandbox</code> with{" "}
          <code className="font-mono">X-Sandbox-Token</code>
        </span>
        <code data-testid="sandbox-control-token" className="min-w-0 truncate font-mono select-text">
          {token ?? "…"}
        </code>
        {token && (
          <button
            type="button"
            aria-label="Copy the control token"
            className="shrink-0 hover:text-fg"
            onClick={() => void copyText(token)}
          >
            <Copy aria-hidden size={12} />
          </button>
        )}
      </p>
    </div>
  );
}
