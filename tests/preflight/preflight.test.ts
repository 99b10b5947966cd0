// The real preflight script, as `npm test` runs it first: it stops within seconds, with
// every problem listed, rather than letting a suite fail minutes later.
import { spawnSync } from "node:child_process";

import { describe, expect, it } from "vitest";

function preflight(env: Record<string, string>) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "tests/support/preflight.ts"], {
    env: { ...process.env, ...env },
    encoding: "utf8",
    timeout: 20_000,
  });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

describe("the test preflight", () => {
  it("passes on a machine that is ready (this one, as npm test just checked)", () => {
    const { code, output } = preflight({});
    expect(code).toBe(0);
    expect(output).toMatch(/\[preflight\] Chromium: \S+/);
    expect(output).toMatch(/\[preflight\] PostgreSQL: \S+, database \w+/);
  });

  it("exits non-zero at once, naming each problem and what to do", () => {
    const { code, output } = preflight({ PLAYWRIGHT_CHROMIUM_PATH: "/nonexistent/chromium", TEST_DATABASE_URL: "postgresql://postgres@127.0.0.1:1/test" });
    expect(code).toBe(1);
    expect(output).toContain("The tests cannot run on this machine yet:");
    expect(output).toContain("Chromium: PLAYWRIGHT_CHROMIUM_PATH=/nonexistent/chromium does not exist");
    expect(output).toContain("PostgreSQL: nothing answers at 127.0.0.1:1");
  });
});
