import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([".next/**", "lib/generated/**", "node_modules/**", ".portico/**", "test-results/**", "playwright-report/**", "next-env.d.ts"]),
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
