import { fileURLToPath } from "node:url";

import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL(".", import.meta.url)),
      // Next enforces server-only at bundle time; in tests every module is server-side.
      "server-only": fileURLToPath(new URL("./tests/support/server-only.ts", import.meta.url)),
    },
  },
  test: {
    include: ["lib/**/*.test.ts", "components/**/*.test.ts", "tests/**/*.test.ts"],
    environment: "node",
    // Each file gets its own freshly migrated database (tests/support/database.ts).
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
