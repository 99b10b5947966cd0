// The one place process.env is read. Parsed once; a bad value stops the process with a
// message naming the variable instead of failing later somewhere unrelated.
import { z } from "zod";

import { parseTrustedProxies } from "@/lib/http/client-address";

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
  /**
   * Proxies in front of Portico whose X-Forwarded-For/-Host/-Proto may be believed: unset
   * trusts none (the socket address is the client); a hop count ("1"); or addresses, CIDR
   * ranges and the names loopback, linklocal, uniquelocal, comma-separated.
   */
  PORTICO_TRUSTED_PROXIES: z
    .string()
    .optional()
    .superRefine((value, ctx) => {
      try {
        parseTrustedProxies(value);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: `not a hop count or a list of addresses/CIDR ranges (${(error as Error).message})` });
      }
    }),
  /** How long a guest has to finish login → consent before starting again. */
  JOURNEY_TTL_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  /** Signs staff session tokens. `npm start` creates one in .portico/ when unset. */
  NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  /** The staff area's public origin, e.g. https://wifi.example.com. */
  NEXTAUTH_URL: z.url().optional(),
  /** Optional staff single sign-on (OpenID Connect). All three or none. */
  STAFF_OIDC_ISSUER: z.url().optional(),
  STAFF_OIDC_CLIENT_ID: z.string().min(1).optional(),
  STAFF_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  STAFF_OIDC_NAME: z.string().min(1).default("Single sign-on"),
});

export type Env = z.infer<typeof schema>;

function parseEnv(source: NodeJS.ProcessEnv): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment configuration:\n${problems}`);
  }
  const oidc = [result.data.STAFF_OIDC_ISSUER, result.data.STAFF_OIDC_CLIENT_ID, result.data.STAFF_OIDC_CLIENT_SECRET];
  if (oidc.some(Boolean) && !oidc.every(Boolean)) {
    throw new Error("Invalid environment configuration:\n  STAFF_OIDC_*: set ISSUER, CLIENT_ID and CLIENT_SECRET together, or none.");
  }
  return result.data;
}

export const env: Env = parseEnv(process.env);
