// `npm start` refuses, quickly and with a message saying what to do, what would otherwise
// fail later or silently: a production deployment without NEXTAUTH_URL or PORTICO_SECRET_KEY,
// and a Node.js release the dependencies do not support. Runs the real start script in a child process.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { requiredNodeRange } from "@/lib/runtime/node-version";

import { runStart, UNREACHABLE_DATABASE } from "../support/start-process";

const SECRET_KEY = Buffer.alloc(32, 9).toString("base64url");

const start = (env: Record<string, string>, nodeArgs: string[] = []) => runStart(env, { nodeArgs });

describe("npm start refuses", () => {
  let workDir: string;
  let fakeOldNode: string;

  beforeAll(async () => {
    workDir = await mkdtemp(path.join(tmpdir(), "portico-start-"));
    fakeOldNode = path.join(workDir, "node-20.8.mjs");
    await writeFile(fakeOldNode, 'Object.defineProperty(process.versions, "node", { value: "20.8.0" });\n');
  });

  afterAll(async () => {
    await rm(workDir, { recursive: true, force: true });
  });

  it("a production start on an external database without NEXTAUTH_URL, naming the variable", async () => {
    const { code, output } = await start({ DATABASE_URL: UNREACHABLE_DATABASE, NEXTAUTH_SECRET: "x".repeat(32), PORTICO_SECRET_KEY: SECRET_KEY });
    expect(code).toBe(1);
    expect(output).toContain("Portico did not start: Invalid environment configuration:");
    expect(output).toContain("NEXTAUTH_URL: required in production with your own DATABASE_URL");
    // Refused before touching the database.
    expect(output).not.toContain("ECONNREFUSED");
  });

  it("nothing about NEXTAUTH_URL once it is set: that start goes on to the database", async () => {
    const { code, output } = await start({
      DATABASE_URL: UNREACHABLE_DATABASE,
      NEXTAUTH_SECRET: "x".repeat(32),
      NEXTAUTH_URL: "https://wifi.example.com",
      PORTICO_SECRET_KEY: SECRET_KEY,
    });
    expect(code).toBe(1);
    expect(output).not.toContain("NEXTAUTH_URL");
    expect(output).not.toContain("PORTICO_SECRET_KEY");
    expect(output).toContain("ECONNREFUSED");
  });

  it("a production start on an external database without PORTICO_SECRET_KEY, naming the variable", async () => {
    const { code, output } = await start({ DATABASE_URL: UNREACHABLE_DATABASE, NEXTAUTH_SECRET: "x".repeat(32), NEXTAUTH_URL: "https://wifi.example.com" });
    expect(code).toBe(1);
    expect(output).toContain("Portico did not start: Invalid environment configuration:");
    expect(output).toContain("PORTICO_SECRET_KEY: required in production with your own DATABASE_URL");
    expect(output).not.toContain("NEXTAUTH_URL");
    expect(output).not.toContain("ECONNREFUSED");
  });

  it("a PORTICO_SECRET_KEY that is not 32 bytes, naming the variable", async () => {
    const { code, output } = await start({
      DATABASE_URL: UNREACHABLE_DATABASE,
      NEXTAUTH_SECRET: "x".repeat(32),
      NEXTAUTH_URL: "https://wifi.example.com",
      PORTICO_SECRET_KEY: Buffer.alloc(16).toString("base64"),
    });
    expect(code).toBe(1);
    expect(output).toContain("PORTICO_SECRET_KEY: must be 32 random bytes in base64 or base64url");
    expect(output).not.toContain("ECONNREFUSED");
  });

  it("a Node.js release older than package.json's engines, naming the version needed", async () => {
    const { code, output } = await start({ PORTICO_DATA_DIR: path.join(workDir, "pgdata") }, ["--import", fakeOldNode]);
    expect(code).toBe(1);
    expect(output).toContain(`Portico did not start: Portico needs Node.js ${requiredNodeRange()} (package.json "engines"), and this is Node.js 20.8.0.`);
  });
});
