// Read by the Prisma CLI only. DATABASE_URL may be unset (generate needs no database,
// and the embedded default sets it at start), so it is read directly rather than through
// Prisma's env(), which throws when a variable is missing.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: "tsx prisma/seed.ts" },
  datasource: { url: process.env.DATABASE_URL ?? "" },
});
