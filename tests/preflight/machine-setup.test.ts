// The test preflight's decisions: when it installs Chromium or starts PostgreSQL, with which
// commands, and what it tells a person it cannot help. Commands are recorded, not run.
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { debianClusters, ensureAptTool, ensureChromium, ensurePostgres, type ChromiumDeps, type PostgresDeps, type ProbeResult, type Shell } from "@/tests/support/machine-setup";

function recordingShell(fails: (line: string) => boolean = () => false): Shell & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    run(command, args) {
      const line = [command, ...args].join(" ");
      lines.push(line);
      return !fails(line);
    },
  };
}

describe("ensureChromium", () => {
  const base = (overrides: Partial<ChromiumDeps>): ChromiumDeps => ({
    configured: undefined,
    find: () => undefined,
    playwrightsOwn: () => undefined,
    shell: recordingShell(),
    privilege: () => "root",
    hasAptGet: true,
    exists: () => false,
    ...overrides,
  });

  it("uses the browser it finds and installs nothing", () => {
    const shell = recordingShell();
    expect(ensureChromium(base({ find: () => "/usr/bin/chromium", shell }))).toEqual({ ok: true, detail: "/usr/bin/chromium" });
    expect(shell.lines).toEqual([]);
  });

  it("installs Debian's chromium as root when there is none, and reports where apt-get put it", () => {
    const shell = recordingShell();
    const find = () => (shell.lines.length > 0 ? "/usr/bin/chromium" : undefined);
    expect(ensureChromium(base({ shell, find }))).toEqual({ ok: true, detail: "/usr/bin/chromium (installed with apt-get)" });
    expect(shell.lines).toEqual(["env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium"]);
  });

  it("updates the package lists and tries again when the first install fails, through sudo when not root", () => {
    let attempts = 0;
    const shell = recordingShell((line) => line.endsWith("install -y chromium") && ++attempts === 1);
    const find = () => (attempts > 1 ? "/usr/bin/chromium" : undefined);
    const result = ensureChromium(base({ shell, find, privilege: () => "sudo" }));
    expect(shell.lines).toEqual([
      "sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium",
      "sudo -n env DEBIAN_FRONTEND=noninteractive apt-get update",
      "sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium",
    ]);
    expect(result).toEqual({ ok: true, detail: "/usr/bin/chromium (installed with apt-get)" });
  });

  it("says what to do, running nothing, when this user cannot install packages", () => {
    const shell = recordingShell();
    const result = ensureChromium(base({ shell, privilege: () => "none" }));
    expect(shell.lines).toEqual([]);
    expect(result).toEqual({ ok: false, problem: expect.stringContaining("this user cannot install packages") });
    expect(!result.ok && result.problem).toContain("PLAYWRIGHT_CHROMIUM_PATH");
  });

  it("says what to do when apt-get fails twice", () => {
    const shell = recordingShell((line) => line.includes("install"));
    expect(ensureChromium(base({ shell }))).toEqual({ ok: false, problem: expect.stringContaining("could not be installed with apt-get") });
  });

  it("takes PLAYWRIGHT_CHROMIUM_PATH as given, and refuses one that does not exist", () => {
    const shell = recordingShell();
    expect(ensureChromium(base({ shell, configured: "/opt/chrome/chrome", exists: () => true }))).toEqual({ ok: true, detail: "/opt/chrome/chrome (PLAYWRIGHT_CHROMIUM_PATH)" });
    expect(ensureChromium(base({ shell, configured: "/nope" }))).toEqual({ ok: false, problem: expect.stringContaining("PLAYWRIGHT_CHROMIUM_PATH=/nope does not exist") });
    expect(shell.lines).toEqual([]);
  });

  it("accepts Playwright's own downloaded browser", () => {
    expect(ensureChromium(base({ playwrightsOwn: () => "/root/.cache/ms-playwright/chromium-1/chrome" }))).toMatchObject({ ok: true });
  });
});

describe("ensurePostgres", () => {
  const url = new URL("postgresql://postgres@127.0.0.1:5432/test");
  const base = (probes: ProbeResult[], overrides: Partial<PostgresDeps> = {}): PostgresDeps & { created: string[] } => {
    const created: string[] = [];
    return {
      url,
      probe: async () => probes.shift() ?? { state: "up" },
      clusters: () => [
        { version: "15", name: "main", port: 5432 },
        { version: "15", name: "other", port: 5433 },
      ],
      createDatabase: async (target) => void created.push(target.pathname),
      shell: recordingShell(),
      privilege: () => "root",
      sleep: async () => undefined,
      created,
      ...overrides,
    };
  };

  it("leaves a running server alone", async () => {
    const shell = recordingShell();
    expect(await ensurePostgres(base([{ state: "up" }], { shell }))).toEqual({ ok: true, detail: "127.0.0.1:5432, database test" });
    expect(shell.lines).toEqual([]);
  });

  it("starts the cluster on TEST_DATABASE_URL's port when nothing answers, and waits until it does", async () => {
    const shell = recordingShell();
    const down: ProbeResult = { state: "down", reason: "ECONNREFUSED" };
    const deps = base([down, down, down, { state: "up" }], { shell });
    expect(await ensurePostgres(deps)).toEqual({ ok: true, detail: "127.0.0.1:5432, database test" });
    expect(shell.lines).toEqual(["pg_ctlcluster --skip-systemctl-redirect 15 main start"]);
  });

  it("goes through sudo when not root, and creates the test database when the server lacks it", async () => {
    const shell = recordingShell();
    const deps = base([{ state: "down", reason: "ECONNREFUSED" }, { state: "no-database" }], { shell, privilege: () => "sudo" });
    expect(await ensurePostgres(deps)).toEqual({ ok: true, detail: "127.0.0.1:5432, database test (created)" });
    expect(shell.lines).toEqual(["sudo -n pg_ctlcluster --skip-systemctl-redirect 15 main start"]);
    expect(deps.created).toEqual(["/test"]);
  });

  it("gives the exact command when this user cannot start the server", async () => {
    const shell = recordingShell();
    const result = await ensurePostgres(base([{ state: "down", reason: "ECONNREFUSED" }], { shell, privilege: () => "none" }));
    expect(shell.lines).toEqual([]);
    expect(result).toEqual({ ok: false, problem: expect.stringContaining("Run: sudo pg_ctlcluster --skip-systemctl-redirect 15 main start") });
  });

  it("says so when no local cluster listens on that port", async () => {
    const result = await ensurePostgres(base([{ state: "down", reason: "ECONNREFUSED" }], { url: new URL("postgresql://postgres@127.0.0.1:6543/test") }));
    expect(result).toEqual({ ok: false, problem: expect.stringContaining("no PostgreSQL cluster in /etc/postgresql listens on port 6543") });
  });

  it("gives up after the wait, pointing at the server's log", async () => {
    const down: ProbeResult = { state: "down", reason: "ECONNREFUSED" };
    const result = await ensurePostgres(base(Array.from({ length: 10 }, () => down), { waitMs: 0 }));
    expect(result).toEqual({ ok: false, problem: expect.stringContaining("still does not answer") });
  });

  it("explains a server that answers but refuses the connection", async () => {
    const result = await ensurePostgres(base([{ state: "refused", reason: 'role "nobody" does not exist' }]));
    expect(result).toEqual({ ok: false, problem: expect.stringContaining('refuses TEST_DATABASE_URL (role "nobody" does not exist)') });
  });
});

describe("debianClusters", () => {
  it("reads each cluster's port from /etc/postgresql/<version>/<name>/postgresql.conf", async () => {
    const root = await mkdtemp(path.join(tmpdir(), "portico-etc-postgresql-"));
    try {
      await mkdir(path.join(root, "15", "main"), { recursive: true });
      await writeFile(path.join(root, "15", "main", "postgresql.conf"), "#port = 1\nport = 5432\t\t# (change requires restart)\n");
      await mkdir(path.join(root, "16", "spare"), { recursive: true });
      await writeFile(path.join(root, "16", "spare", "postgresql.conf"), "listen_addresses = 'localhost'\n");
      expect(debianClusters(root).sort((a, b) => a.version.localeCompare(b.version))).toEqual([
        { version: "15", name: "main", port: 5432 },
        { version: "16", name: "spare", port: 5432 },
      ]);
      expect(debianClusters(path.join(root, "missing"))).toEqual([]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe("ensureAptTool", () => {
  const deps = (present: () => boolean, overrides: Partial<Parameters<typeof ensureAptTool>[0]> = {}) => ({
    name: "FreeRADIUS",
    present,
    packages: ["freeradius", "freeradius-rest"],
    shell: recordingShell(),
    privilege: () => "root" as const,
    hasAptGet: true,
    help: "install it by hand.",
    ...overrides,
  });

  it("installs nothing when the tool is there", () => {
    const shell = recordingShell();
    expect(ensureAptTool(deps(() => true, { shell }))).toEqual({ ok: true, detail: "installed" });
    expect(shell.lines).toEqual([]);
  });

  it("installs the packages with apt-get, updating the package lists when the first try fails", () => {
    let attempts = 0;
    const shell = recordingShell((line) => line.includes(" install ") && ++attempts === 1);
    const result = ensureAptTool(deps(() => attempts === 2, { shell }));
    expect(result).toEqual({ ok: true, detail: "installed with apt-get (freeradius, freeradius-rest)" });
    expect(shell.lines).toEqual([
      "env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends freeradius freeradius-rest",
      "env DEBIAN_FRONTEND=noninteractive apt-get update",
      "env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends freeradius freeradius-rest",
    ]);
  });

  it("says what to do when this user cannot install packages", () => {
    const result = ensureAptTool(deps(() => false, { privilege: () => "none" }));
    expect(result).toEqual({ ok: false, problem: "FreeRADIUS not installed, and this user cannot install packages (not root, no password-less sudo): install it by hand." });
  });
});
