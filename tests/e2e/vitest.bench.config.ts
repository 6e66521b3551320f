import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/** Benchmarks that drive the real app (`npm run bench:layout`, `npm run bench:history`; never by `npm test`). */
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
