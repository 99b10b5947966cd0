import { randomBytes } from "node:crypto";

import { afterEach, describe, expect, it, vi } from "vitest";

// lib/env.ts parses the environment once per module instance: each case loads a fresh one.
async function keysFrom(variables: Record<string, string>) {
  vi.resetModules();
  for (const [name, value] of Object.entries(variables)) vi.stubEnv(name, value);
  const { secretKeysFromEnv } = await import("./secret-keys");
  return secretKeysFromEnv();
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("secretKeysFromEnv", () => {
  it("reads the current key in base64 and the previous one in base64url", async () => {
    const current = randomBytes(32);
    const previous = randomBytes(32);
    const keys = await keysFrom({ PORTICO_SECRET_KEY: current.toString("base64"), PORTICO_SECRET_KEY_PREVIOUS: previous.toString("base64url") });
    expect(keys.current.key.equals(current)).toBe(true);
    expect(keys.previous?.key.equals(previous)).toBe(true);
  });

  it("has no previous key unless one is set", async () => {
    const keys = await keysFrom({ PORTICO_SECRET_KEY: randomBytes(32).toString("base64url"), PORTICO_SECRET_KEY_PREVIOUS: "" });
    expect(keys.previous).toBeUndefined();
  });

  it("says which variable is missing when there is no key", async () => {
    await expect(keysFrom({ PORTICO_SECRET_KEY: "" })).rejects.toThrow(/PORTICO_SECRET_KEY is not set/);
  });
});
