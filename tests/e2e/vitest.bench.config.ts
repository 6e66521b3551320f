import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/** Benchmarks that drive the real app (run by `npm run bench:layout`, never by `npm test`). */
export default defineConfig({
  test: {
    root: fileURLToPath(new URL(".", import.meta.url)),
    include: ["bench/**/*.bench.ts"],
    environment: "node",
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 60_000,
  },
});
