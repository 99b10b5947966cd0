// The one place process.env is read or written (ESLint enforces it for app/, components/
// and lib/). A bad value stops the process with a message naming the variable instead of
// failing later somewhere unrelated. Three readers share one set of field definitions:
// - `env`, the app's configuration: parsed once, on first use (not at import), because
//   `npm start` provides DATABASE_URL and NEXTAUTH_SECRET before the app reads them;
// - readStartEnv(), what `npm start` itself needs before that configuration exists;
// - readStaffCliEnv(), the staff:create command.
// An empty variable counts as unset (`DATABASE_URL= npm start` means the embedded database).
import { z } from "zod";

import { parseTrustedProxies } from "@/lib/http/client-address";

/** A variable is missing or malformed; the message names it and says what is expected. */
export class EnvError extends Error {
  constructor(problems: string[]) {
    super(`Invalid environment configuration:\n${problems.map((problem) => `  ${problem}`).join("\n")}`);
    this.name = "EnvError";
  }
}

/** 32 random bytes, base64 (44 characters with its "=") or base64url (43): `openssl rand -base64 32`. */
const secretKeyText = z
  .string()
  .regex(/^(?:[A-Za-z0-9+/]{43}=?|[A-Za-z0-9_-]{43})$/, "must be 32 random bytes in base64 or base64url, e.g. the output of `openssl rand -base64 32` (when unset, `npm start` keeps one in .portico/secret-key)");

function exportCredentialsPaired(env: { PORTICO_EXPORT_S3_ACCESS_KEY_ID?: string; PORTICO_EXPORT_S3_SECRET_ACCESS_KEY?: string }): boolean {
  return Boolean(env.PORTICO_EXPORT_S3_ACCESS_KEY_ID) === Boolean(env.PORTICO_EXPORT_S3_SECRET_ACCESS_KEY);
}
const exportCredentialsIssue = {
  path: ["PORTICO_EXPORT_S3_ACCESS_KEY_ID"],
  message: "set it together with PORTICO_EXPORT_S3_SECRET_ACCESS_KEY, or neither (the AWS SDK's own credential chain).",
};

const fields = {
  NODE_ENV: z.enum(["development", "production", "test"]),
  /** PostgreSQL connection string. Unset: Portico starts its embedded PostgreSQL (PGlite). */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  /**
   * A direct connection for migrations when DATABASE_URL goes through a transaction-mode pooler
   * (PgBouncer): their advisory lock is a session lock, which such a pooler cannot keep.
   */
  DIRECT_DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  /** Connections in the pool. The embedded database takes exactly one client. */
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).optional(),
  /** Where the embedded database keeps its files. */
  PORTICO_DATA_DIR: z.string().min(1).default(".portico/pgdata"),
  /** Seed the demo venue into an empty external database too (the embedded one always is). */
  PORTICO_SEED_DEMO: z.stringbool().default(false),
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
  /**
   * Seals connector credentials at rest (AES-256-GCM, lib/crypto). `npm start` creates one in
   * .portico/secret-key when unset; a production start on an external database requires it.
   */
  PORTICO_SECRET_KEY: secretKeyText.optional(),
  /** The key before the last rotation: what it sealed still opens, and is re-sealed with the current one. */
  PORTICO_SECRET_KEY_PREVIOUS: secretKeyText.optional(),
  /**
   * The password Portico's FreeRADIUS presents (HTTP Basic, user "freeradius") to
   * /api/radius/authorize and /accounting (docs/RADIUS.md). Unset: those endpoints are off.
   */
  PORTICO_RADIUS_TOKEN: z.string().min(32, "must be at least 32 characters, e.g. `openssl rand -base64 33`").regex(/^[A-Za-z0-9+/=_-]+$/, "must be base64 or base64url text (FreeRADIUS expands % and quotes)").optional(),
  /**
   * Consent wording needs a second person: whoever drafted a version cannot approve it. On by
   * default; an installation with a single legal reviewer may turn it off (false).
   */
  PORTICO_FOUR_EYES: z.stringbool().default(true),
  /**
   * When set, /metrics answers only requests with `Authorization: Bearer <token>` (Prometheus's
   * `authorization` scrape setting). Unset: /metrics is open; keep it off the public network.
   */
  PORTICO_METRICS_TOKEN: z.string().min(16, "must be at least 16 characters, e.g. `openssl rand -base64 24`").optional(),
  /** Optional staff single sign-on (OpenID Connect). All three or none. */
  STAFF_OIDC_ISSUER: z.url().optional(),
  STAFF_OIDC_CLIENT_ID: z.string().min(1).optional(),
  STAFF_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  STAFF_OIDC_NAME: z.string().min(1).default("Single sign-on"),
  /** BI exports (docs/EXPORTS.md): the folder they are written to when no bucket is set. */
  PORTICO_EXPORT_DIR: z.string().min(1).default(".portico/exports"),
  /** An S3(-compatible) bucket to write exports to instead of the folder. */
  PORTICO_EXPORT_S3_BUCKET: z.string().min(3).max(63).optional(),
  /** The S3-compatible service's URL (MinIO, Ceph, R2…); unset: AWS. */
  PORTICO_EXPORT_S3_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  PORTICO_EXPORT_S3_REGION: z.string().min(1).default("us-east-1"),
  /** Both or neither; neither: the AWS SDK's own credential chain (instance role…). */
  PORTICO_EXPORT_S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  PORTICO_EXPORT_S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  /** Bucket in the URL path; defaults to on when an endpoint is set (what S3-compatible services expect). */
  PORTICO_EXPORT_S3_FORCE_PATH_STYLE: z.stringbool().optional(),
  /** Prepended to every object key, e.g. "portico". */
  PORTICO_EXPORT_S3_PREFIX: z.string().regex(/^[A-Za-z0-9!_.*'()\/-]{1,200}$/, "letters, digits and / ! _ . * ' ( ) - only").optional(),
  /** How long a download link from the staff area works. */
  PORTICO_EXPORT_LINK_MINUTES: z.coerce.number().int().min(1).max(7 * 24 * 60).default(15),
  /**
   * Guest self-service (docs/RIGHTS.md): the mail server "Manage my data" links are sent through,
   * smtp://user:pass@host:587 (STARTTLS when offered) or smtps://…:465. Unset: no links are sent
   * and the page says so.
   */
  PORTICO_SMTP_URL: z.url({ protocol: /^smtps?$/, message: "must be an smtp:// or smtps:// URL, e.g. smtp://user:password@mail.example.com:587" }).optional(),
  /** The sender of those emails, e.g. "Harbour WiFi <wifi@example.com>". */
  PORTICO_MAIL_FROM: z.string().min(3).max(320).optional(),
  /**
   * The origin guests open emailed links on, e.g. https://wifi.example.com. Unset: NEXTAUTH_URL.
   * Never taken from a request's Host header, which anyone can set.
   */
  PORTICO_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** staff:create's password when --password is not given (keeps it out of the shell history). */
  STAFF_PASSWORD: z.string().min(1).optional(),
};

const appSchema = z
  .object({
    ...fields,
    NODE_ENV: fields.NODE_ENV.default("development"),
  })
  .omit({ PORTICO_SEED_DEMO: true, STAFF_PASSWORD: true })
  .refine(
    (env) => {
      const oidc = [env.STAFF_OIDC_ISSUER, env.STAFF_OIDC_CLIENT_ID, env.STAFF_OIDC_CLIENT_SECRET];
      return oidc.every(Boolean) || !oidc.some(Boolean);
    },
    { path: ["STAFF_OIDC_*"], message: "set ISSUER, CLIENT_ID and CLIENT_SECRET together, or none." },
  )
  .refine(exportCredentialsPaired, exportCredentialsIssue);

/** Export storage settings: the app's, and the export command's. */
const exportFieldNames = {
  PORTICO_EXPORT_DIR: true,
  PORTICO_EXPORT_S3_BUCKET: true,
  PORTICO_EXPORT_S3_ENDPOINT: true,
  PORTICO_EXPORT_S3_REGION: true,
  PORTICO_EXPORT_S3_ACCESS_KEY_ID: true,
  PORTICO_EXPORT_S3_SECRET_ACCESS_KEY: true,
  PORTICO_EXPORT_S3_FORCE_PATH_STYLE: true,
  PORTICO_EXPORT_S3_PREFIX: true,
} as const;

const startSchema = z.object(fields).pick({
  DATABASE_URL: true,
  PORTICO_DATA_DIR: true,
  PORTICO_SEED_DEMO: true,
  PORT: true,
  HOST: true,
  NEXTAUTH_SECRET: true,
  NEXTAUTH_URL: true,
  PORTICO_SECRET_KEY: true,
}).extend({ NODE_ENV: fields.NODE_ENV.optional() });

const staffCliSchema = z.object(fields).pick({ DATABASE_URL: true, PORTICO_DATA_DIR: true, STAFF_PASSWORD: true });

const exportCliSchema = z
  .object(fields)
  .pick({ DATABASE_URL: true, PORTICO_DATA_DIR: true, ...exportFieldNames })
  .refine(exportCredentialsPaired, exportCredentialsIssue);

const workerSchema = z.object(fields).pick({ DATABASE_URL: true, DIRECT_DATABASE_URL: true, DATABASE_POOL_MAX: true, PORTICO_SECRET_KEY: true, PORTICO_SMTP_URL: true, PORTICO_MAIL_FROM: true, PORTICO_PUBLIC_URL: true }).extend({ NODE_ENV: fields.NODE_ENV.optional() });

export type Env = z.infer<typeof appSchema>;
export type StartEnv = Omit<z.infer<typeof startSchema>, "NODE_ENV"> & { NODE_ENV: Env["NODE_ENV"] };
export type StaffCliEnv = z.infer<typeof staffCliSchema>;
export type WorkerEnv = z.infer<typeof workerSchema>;
export type ExportCliEnv = z.infer<typeof exportCliSchema>;
/** What export storage is built from (lib/exports/storage). */
export type ExportStorageEnv = Pick<Env, keyof typeof exportFieldNames>;
type Source = Record<string, string | undefined>;

function parse<T extends z.ZodType>(schema: T, source: Source): z.infer<T> {
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ""));
  const result = schema.safeParse(present);
  if (!result.success) throw new EnvError(result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`));
  return result.data;
}

export function parseEnv(source: Source): Env {
  return parse(appSchema, source);
}

/**
 * What `npm start` / `npm run dev` need before anything else runs. NODE_ENV defaults to
 * production for `npm start` and development for `npm run dev`.
 *
 * A deployment (production on its own DATABASE_URL) must say where staff reach it:
 * next-auth builds sign-in redirects and SSO callbacks from NEXTAUTH_URL, and a silent
 * http://localhost would send staff to their own machine. On the embedded database (a local
 * trial) the runtime defaults it to this machine instead. Likewise PORTICO_SECRET_KEY: a key
 * generated into one machine's .portico/ would leave the credentials it sealed unreadable to
 * every other process on the same database, and lost with that directory.
 */
export function parseStartEnv(source: Source, options: { dev: boolean }): StartEnv {
  const parsed = parse(startSchema, source);
  const NODE_ENV = parsed.NODE_ENV ?? (options.dev ? "development" : "production");
  if (NODE_ENV === "production" && parsed.DATABASE_URL) {
    const problems = [
      ...(parsed.NEXTAUTH_URL ? [] : ["NEXTAUTH_URL: required in production with your own DATABASE_URL: set it to the public address staff open, e.g. https://wifi.example.com."]),
      ...(parsed.PORTICO_SECRET_KEY
        ? []
        : [
            "PORTICO_SECRET_KEY: required in production with your own DATABASE_URL: connector credentials are sealed with it, and every Portico process on that database needs the same key. Create one with `openssl rand -base64 32` and keep it safe: without it the credentials cannot be opened.",
          ]),
    ];
    if (problems.length > 0) throw new EnvError(problems);
  }
  return { ...parsed, NODE_ENV };
}

export function parseStaffCliEnv(source: Source): StaffCliEnv {
  return parse(staffCliSchema, source);
}

export function parseExportCliEnv(source: Source): ExportCliEnv {
  return parse(exportCliSchema, source);
}

let parsedEnv: Env | undefined;

/** The app's configuration, parsed on the first call (or first use of `env`) and kept. */
export function loadEnv(): Env {
  parsedEnv ??= parseEnv(process.env);
  return parsedEnv;
}

/** The app's configuration; reading any variable parses all of them, once. */
export const env: Env = new Proxy({} as Env, {
  get: (_target, key) => Reflect.get(loadEnv(), key),
  has: (_target, key) => Reflect.has(loadEnv(), key),
  ownKeys: () => Reflect.ownKeys(loadEnv()),
  getOwnPropertyDescriptor: (_target, key) => Reflect.getOwnPropertyDescriptor(loadEnv(), key),
});

export function readStartEnv(options: { dev: boolean }): StartEnv {
  return parseStartEnv(process.env, options);
}

/** What `npm run export` needs: the database and the export storage settings. */
export function readExportCliEnv(): ExportCliEnv {
  return parseExportCliEnv(process.env);
}

export function readStaffCliEnv(): StaffCliEnv {
  return parseStaffCliEnv(process.env);
}

/**
 * What `npm run worker` needs: a database it shares with the web process (the embedded one
 * serves a single process, whose own worker already delivers) and the same secret key.
 */
export function readWorkerEnv(): WorkerEnv {
  const parsed = parse(workerSchema, process.env);
  if (!parsed.DATABASE_URL) {
    throw new EnvError([
      "DATABASE_URL: `npm run worker` adds delivery workers to a PostgreSQL database the web process also uses. On the embedded database (no DATABASE_URL) the one Portico process already runs the worker.",
    ]);
  }
  return parsed;
}

/**
 * Hands values to code that reads the environment itself: Next and next-auth in this
 * process, its bundled copy of this module, and the processes this one starts.
 */
export function provideEnv(values: Record<string, string>): void {
  Object.assign(process.env, values);
}
