// The two things the suites need from the machine, made ready where this user may do so:
// Chromium for Playwright (installed from Debian's packages) and the PostgreSQL server that
// TEST_DATABASE_URL names (its local cluster started). Each step returns either what it
// found or a problem saying what the person should do; tests/support/preflight.ts runs them.
// Commands go through a Shell so the decisions can be tested without root or apt.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export type StepResult = { ok: true; detail: string } | { ok: false; problem: string };

export interface Shell {
  /** Runs a command with its output shown to the person; true when it exits 0. */
  run(command: string, args: string[]): boolean;
}

/** How this user can run administrative commands: as root, through password-less sudo, or not at all. */
export type Privilege = "root" | "sudo" | "none";

export const systemShell: Shell = {
  run(command, args) {
    return spawnSync(command, args, { stdio: "inherit" }).status === 0;
  },
};

export function detectPrivilege(): Privilege {
  if (process.getuid?.() === 0) return "root";
  return spawnSync("sudo", ["-n", "true"], { stdio: "ignore" }).status === 0 ? "sudo" : "none";
}

function asAdmin(privilege: Exclude<Privilege, "none">, command: string, args: string[]): [string, string[]] {
  return privilege === "root" ? [command, args] : ["sudo", ["-n", command, ...args]];
}

export function commandExists(command: string): boolean {
  return (process.env.PATH ?? "").split(path.delimiter).some((directory) => directory && existsSync(path.join(directory, command)));
}

export interface ChromiumDeps {
  /** The e2e helper's choice (e2e/support/run.ts), asked again after an install. */
  find: () => string | undefined;
  /** Playwright's own browser, when `npx playwright install chromium` downloaded one. */
  playwrightsOwn: () => string | undefined;
  /** Set when PLAYWRIGHT_CHROMIUM_PATH names the browser: then nothing is looked for or installed. */
  configured: string | undefined;
  shell: Shell;
  /** Asked only when something needs installing. */
  privilege: () => Privilege;
  hasAptGet: boolean;
  exists: (file: string) => boolean;
}

const chromiumHelp =
  "install it (Debian/Ubuntu: `sudo apt-get install chromium`), or set PLAYWRIGHT_CHROMIUM_PATH to a Chromium or Chrome binary " +
  "(with internet access, `npx playwright install chromium` also works).";

export function ensureChromium(deps: ChromiumDeps): StepResult {
  if (deps.configured) {
    return deps.exists(deps.configured)
      ? { ok: true, detail: `${deps.configured} (PLAYWRIGHT_CHROMIUM_PATH)` }
      : { ok: false, problem: `PLAYWRIGHT_CHROMIUM_PATH=${deps.configured} does not exist: point it at a Chromium binary, or unset it to use the system Chromium.` };
  }
  const found = deps.find() ?? deps.playwrightsOwn();
  if (found) return { ok: true, detail: found };
  const privilege = deps.hasAptGet ? deps.privilege() : "none";
  if (privilege === "none") {
    const why = deps.hasAptGet ? "not found, and this user cannot install packages (not root, no password-less sudo)" : "not found, and there is no apt-get to install it with";
    return { ok: false, problem: `Chromium ${why}: ${chromiumHelp}` };
  }
  const apt = (...args: string[]) => deps.shell.run(...asAdmin(privilege, "env", ["DEBIAN_FRONTEND=noninteractive", "apt-get", ...args]));
  // A fresh machine's package lists may be empty or stale: update, then try once more.
  const installed = apt("install", "-y", "chromium") || (apt("update") && apt("install", "-y", "chromium"));
  const after = deps.find();
  if (installed && after) return { ok: true, detail: `${after} (installed with apt-get)` };
  return { ok: false, problem: `Chromium could not be installed with apt-get (see its output above): ${chromiumHelp}` };
}

export interface AptToolDeps {
  /** What the step is called in messages ("FreeRADIUS"). */
  name: string;
  /** Whether the tool is there (e.g. its command exists). */
  present: () => boolean;
  packages: string[];
  shell: Shell;
  privilege: () => Privilege;
  hasAptGet: boolean;
  /** How to install it by hand, for the message when this user cannot. */
  help: string;
}

/** A tool the tests start themselves (FreeRADIUS…), installed from Debian's packages when missing. */
export function ensureAptTool(deps: AptToolDeps): StepResult {
  if (deps.present()) return { ok: true, detail: "installed" };
  const privilege = deps.hasAptGet ? deps.privilege() : "none";
  if (privilege === "none") {
    const why = deps.hasAptGet ? "not installed, and this user cannot install packages (not root, no password-less sudo)" : "not installed, and there is no apt-get to install it with";
    return { ok: false, problem: `${deps.name} ${why}: ${deps.help}` };
  }
  const apt = (...args: string[]) => deps.shell.run(...asAdmin(privilege, "env", ["DEBIAN_FRONTEND=noninteractive", "apt-get", ...args]));
  const installed = apt("install", "-y", "--no-install-recommends", ...deps.packages) || (apt("update") && apt("install", "-y", "--no-install-recommends", ...deps.packages));
  if (installed && deps.present()) return { ok: true, detail: `installed with apt-get (${deps.packages.join(", ")})` };
  return { ok: false, problem: `${deps.name} could not be installed with apt-get (see its output above): ${deps.help}` };
}

export type ProbeResult = { state: "up" } | { state: "down"; reason: string } | { state: "no-database" } | { state: "refused"; reason: string };

export interface Cluster {
  version: string;
  name: string;
  port: number;
}

export interface PostgresDeps {
  /** TEST_DATABASE_URL, already checked to be this machine (tests/support/database.ts). */
  url: URL;
  probe: (url: URL) => Promise<ProbeResult>;
  clusters: () => Cluster[];
  createDatabase: (url: URL) => Promise<void>;
  shell: Shell;
  /** Asked only when the server needs starting. */
  privilege: () => Privilege;
  sleep: (ms: number) => Promise<void>;
  /** How long a started cluster has to accept connections. */
  waitMs?: number;
}

function describeServer(url: URL): string {
  const socket = url.searchParams.get("host");
  return `${socket ?? url.hostname}:${url.port || "5432"}`;
}

export async function ensurePostgres(deps: PostgresDeps): Promise<StepResult> {
  const server = describeServer(deps.url);
  const database = decodeURIComponent(deps.url.pathname.slice(1)) || "postgres";
  let probe = await deps.probe(deps.url);

  if (probe.state === "down") {
    const port = Number(deps.url.port || "5432");
    const clusters = deps.clusters().filter((cluster) => cluster.port === port);
    if (clusters.length === 0) {
      return {
        ok: false,
        problem:
          `nothing answers at ${server} (${probe.reason}), and no PostgreSQL cluster in /etc/postgresql listens on port ${port}. ` +
          "Start your PostgreSQL server, or point TEST_DATABASE_URL at a running local one (see docs/TESTING.md).",
      };
    }
    const commands = clusters.map((cluster) => ["pg_ctlcluster", "--skip-systemctl-redirect", cluster.version, cluster.name, "start"]);
    const privilege = deps.privilege();
    if (privilege === "none") {
      const typed = commands.map((command) => `sudo ${command.join(" ")}`).join(" && ");
      return { ok: false, problem: `nothing answers at ${server}, and this user cannot start it (not root, no password-less sudo). Run: ${typed}` };
    }
    for (const [command, ...args] of commands) deps.shell.run(...asAdmin(privilege, command!, args));
    // pg_ctlcluster can return before the server accepts connections (as pg_isready would say).
    const deadline = Date.now() + (deps.waitMs ?? 30_000);
    do {
      probe = await deps.probe(deps.url);
      if (probe.state !== "down") break;
      await deps.sleep(500);
    } while (Date.now() < deadline);
    if (probe.state === "down") {
      return { ok: false, problem: `started ${clusters.map((c) => `${c.version}/${c.name}`).join(", ")}, but ${server} still does not answer (${probe.reason}). Its log is in /var/log/postgresql/.` };
    }
  }

  if (probe.state === "no-database") {
    await deps.createDatabase(deps.url);
    return { ok: true, detail: `${server}, database ${database} (created)` };
  }
  if (probe.state === "refused") {
    return {
      ok: false,
      problem: `${server} answers but refuses TEST_DATABASE_URL (${probe.reason}). The tests expect a superuser with local trust auth, e.g. postgresql://postgres@127.0.0.1:5432/test.`,
    };
  }
  return { ok: true, detail: `${server}, database ${database}` };
}

/** The clusters Debian's postgresql-common knows: /etc/postgresql/<version>/<name>/postgresql.conf. */
export function debianClusters(root = "/etc/postgresql"): Cluster[] {
  if (!existsSync(root)) return [];
  const clusters: Cluster[] = [];
  for (const version of readdirSync(root)) {
    for (const name of readdirSync(path.join(root, version))) {
      const conf = path.join(root, version, name, "postgresql.conf");
      if (!existsSync(conf)) continue;
      const port = /^\s*port\s*=\s*(\d+)/m.exec(readFileSync(conf, "utf8"))?.[1];
      clusters.push({ version, name, port: port ? Number(port) : 5432 });
    }
  }
  return clusters;
}
