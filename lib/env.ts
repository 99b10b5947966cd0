// The one place process.env is read. Parsed once; a bad value stops the process with a
// message naming the variable instead of failing later somewhere unrelated.
import { z } from "zod";

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** PostgreSQL connection string. Unset: Portico starts its embedded PostgreSQL (PGlite). */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  /** Connections in the pool. The embedded database takes exactly one client. */
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).optional(),
  /** Where the embedded database keeps its files. */
  PORTICO_DATA_DIR: z.string().min(1).default(".portico/pgdata"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  /** How long a guest has to finish splash → consent before starting again. */
  JOURNEY_TTL_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
});

export type Env = z.infer<typeof schema>;

function parseEnv(source: NodeJS.ProcessEnv): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment configuration:\n${problems}`);
  }
  return result.data;
}

export const env: Env = parseEnv(process.env);
