import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([".next/**", "lib/generated/**", "node_modules/**", ".portico/**", "test-results/**", "playwright-report/**", "next-env.d.ts"]),
  {
    // Configuration is parsed and validated once, in lib/env.ts (docs/ARCHITECTURE.md).
    // Config files, tests/, e2e/ and bench/ set up processes and may read it directly.
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}", "lib/**/*.{ts,tsx}"],
    ignores: ["lib/env.ts"],
    rules: {
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Read configuration through lib/env.ts (env, readStartEnv, readStaffCliEnv); hand values on with provideEnv." },
      ],
    },
  },
  {
    // Data flows one way: route → lib/<domain> → Prisma (docs/ARCHITECTURE.md).
    files: ["components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@/lib/db", "@/lib/db/*", "@/lib/generated/*"], message: "Components never touch the database; pass data in as props." }] },
      ],
    },
  },
]);
