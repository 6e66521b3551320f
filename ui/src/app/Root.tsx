import { useQuery } from "@tanstack/react-query";
import { api } from "../lib/ipc";
import { App } from "./App";
import { DatabaseProblemScreen } from "./DatabaseProblemScreen";

/** The app, or (when the history database would not open) what is wrong with it. */
export function Root() {
  const problem = useQuery({
    queryKey: ["databaseProblem"],
    queryFn: api.databaseProblem,
    staleTime: Infinity,
  });
  // One local call before the first paint; if it fails the app itself will say what is wrong.
  if (problem.isPending) return null;
  if (problem.data) return <DatabaseProblemScreen problem={problem.data} />;
  return <App />;
}
