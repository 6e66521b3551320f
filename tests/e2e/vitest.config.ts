import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    root: fileURLToPath(new URL(".", import.meta.url)),
    include: ["**/*.e2e.ts"],
    // Benchmarks (bench/*.bench.ts) run only through `npm run bench:layout`.
    environment: "node",
    // One app window at a time: specs share the display and the driver.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
