// Where one end-to-end run's app and database live. playwright.config.ts decides once (in
// the runner process, whose environment the web server and the workers inherit), the serve
// script creates them, and the fixtures read them back — so a run never touches another's.
import { execFileSync } from "node:child_process";
import { accessSync, constants, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export interface E2eRun {
  /** Unique per run: names the database and the state file. */
  id: string;
  port: number;
  baseURL: string;
  /** Where the app sends guest emails (PORTICO_SMTP_URL); e2e/self-service.spec.ts listens there. */
  smtpPort: number;
  /** Created by tests/support/database.ts, which only ever touches portico_* databases. */
  databaseName: string;
  /** Written by the serve script once the database is ready: `{ "databaseUrl": "…" }`. */
  stateFile: string;
}

export function e2eRun(): E2eRun {
  process.env.PORTICO_E2E_RUN ??= `${Date.now().toString(36)}_${process.pid}`;
  process.env.PORTICO_E2E_PORT ??= String(freePort());
  process.env.PORTICO_E2E_SMTP_PORT ??= String(freePort());
  const id = process.env.PORTICO_E2E_RUN.toLowerCase().replace(/[^a-z0-9_]/g, "_").slice(0, 40);
  const port = Number(process.env.PORTICO_E2E_PORT);
  return {
    id,
    port,
    baseURL: `http://127.0.0.1:${port}`,
    smtpPort: Number(process.env.PORTICO_E2E_SMTP_PORT),
    databaseName: `portico_e2e_${id}`,
    stateFile: path.join(tmpdir(), `portico-e2e-${id}.json`),
  };
}

/** Looked for on PATH, in this order, when PLAYWRIGHT_CHROMIUM_PATH is unset. */
export const chromiumCommands = ["chromium", "chromium-browser", "google-chrome-stable", "google-chrome"];

/**
 * The browser the e2e projects launch: PLAYWRIGHT_CHROMIUM_PATH, else the system Chromium
 * (Playwright's own download needs the internet). Undefined leaves Playwright to its own
 * browser, if `npx playwright install chromium` put one there. The test preflight
 * (tests/support/preflight.ts) asks this same function, and installs Chromium when it finds none.
 */
export function chromiumExecutable(): string | undefined {
  const configured = process.env.PLAYWRIGHT_CHROMIUM_PATH;
  if (configured) return configured;
  const directories = [...(process.env.PATH ?? "").split(path.delimiter).filter(Boolean), "/usr/bin"];
  for (const command of chromiumCommands) {
    for (const directory of directories) {
      const candidate = path.join(directory, command);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return undefined;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

export const chromiumArgs = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

// Synchronous because Playwright reads its configuration synchronously; the port is free
// when asked and the serve script fails loudly if something takes it in between.
function freePort(): number {
  const script = "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})";
  return Number(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }));
}
