// Without PORTICO_SECRET_KEY, `npm start` creates the key that seals connector credentials into
// .portico/secret-key once, readable by this user only, and keeps it: a replaced key would leave
// every sealed credential unreadable. Runs the real start script in a child process whose
// working directory is a scratch folder, in development on a database nothing listens for, so
// the start gets past the key and stops at its next step.
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { runStart, UNREACHABLE_DATABASE } from "../support/start-process";

const start = (cwd: string, env: Record<string, string> = {}) =>
  runStart({ NODE_ENV: "development", DATABASE_URL: UNREACHABLE_DATABASE, NEXTAUTH_SECRET: "x".repeat(32), ...env }, { cwd });

describe("npm start without PORTICO_SECRET_KEY", () => {
  let workDir: string;
  let keyFile: string;

  beforeEach(async () => {
    workDir = await mkdtemp(path.join(tmpdir(), "portico-secret-key-"));
    keyFile = path.join(workDir, ".portico/secret-key");
  });

  afterEach(async () => {
    await rm(workDir, { recursive: true, force: true });
  });

  it("creates .portico/secret-key once (32 random bytes, mode 0600) and keeps it on the next start", async () => {
    const first = await start(workDir);
    // Past the key: the next step (migrations, which this folder lacks) is what stops it.
    expect(first.output).toContain("Portico did not start: No migrations folder");
    expect(first.output).not.toContain("PORTICO_SECRET_KEY");
    const key = await readFile(keyFile, "utf8");
    expect(Buffer.from(key, "base64url")).toHaveLength(32);
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);

    await start(workDir);
    expect(await readFile(keyFile, "utf8")).toBe(key);
  });

  it("stops, naming the variable and the file, when the file holds something that is not a key, and leaves it as it was", async () => {
    await mkdir(path.dirname(keyFile), { recursive: true });
    await writeFile(keyFile, "not a key\n", { mode: 0o600 });
    const { code, output } = await start(workDir);
    expect(code).toBe(1);
    expect(output).toContain("PORTICO_SECRET_KEY: must be 32 random bytes in base64 or base64url");
    expect(output).toContain(".portico/secret-key");
    expect(await readFile(keyFile, "utf8")).toBe("not a key\n");
  });

  it("writes no file when the environment provides the key", async () => {
    const { output } = await start(workDir, { PORTICO_SECRET_KEY: Buffer.alloc(32, 3).toString("base64") });
    expect(output).toContain("No migrations folder");
    await expect(stat(keyFile)).rejects.toThrow(/ENOENT/);
  });
});
