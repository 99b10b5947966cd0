import { describe, expect, it } from "vitest";

import { EnvError, parseEnv, parseStaffCliEnv, parseStartEnv } from "./env";

const external = "postgresql://portico@db.example.com:5432/portico";

describe("parseStartEnv: NEXTAUTH_URL in production", () => {
  it("refuses a production start on an external database without NEXTAUTH_URL, naming the variable", () => {
    expect(() => parseStartEnv({ DATABASE_URL: external }, { dev: false })).toThrow(EnvError);
    expect(() => parseStartEnv({ DATABASE_URL: external, NODE_ENV: "production" }, { dev: true })).toThrow(/NEXTAUTH_URL: required in production/);
  });

  it("accepts it once NEXTAUTH_URL says where staff reach the deployment", () => {
    const PORTICO_SECRET_KEY = Buffer.alloc(32, 1).toString("base64url");
    const startEnv = parseStartEnv({ DATABASE_URL: external, NEXTAUTH_URL: "https://wifi.example.com", PORTICO_SECRET_KEY }, { dev: false });
    expect(startEnv).toMatchObject({ NODE_ENV: "production", NEXTAUTH_URL: "https://wifi.example.com" });
  });

  it("leaves the localhost default to the runtime on the embedded database (a local trial)", () => {
    const startEnv = parseStartEnv({}, { dev: false });
    expect(startEnv).toMatchObject({ NODE_ENV: "production", PORT: 3000, PORTICO_DATA_DIR: ".portico/pgdata" });
    expect(startEnv.NEXTAUTH_URL).toBeUndefined();
    expect(startEnv.DATABASE_URL).toBeUndefined();
  });

  it("does not ask for it in development, on any database", () => {
    expect(parseStartEnv({ DATABASE_URL: external }, { dev: true }).NODE_ENV).toBe("development");
    expect(parseStartEnv({ DATABASE_URL: external, NODE_ENV: "development" }, { dev: false }).NODE_ENV).toBe("development");
  });
});

describe("parseStartEnv: start-up switches", () => {
  it("treats an empty variable as unset", () => {
    const startEnv = parseStartEnv({ DATABASE_URL: "", PORT: "", PORTICO_DATA_DIR: "" }, { dev: false });
    expect(startEnv.DATABASE_URL).toBeUndefined();
    expect(startEnv).toMatchObject({ PORT: 3000, PORTICO_DATA_DIR: ".portico/pgdata" });
  });

  it("reads PORTICO_SEED_DEMO as a boolean", () => {
    expect(parseStartEnv({}, { dev: false }).PORTICO_SEED_DEMO).toBe(false);
    expect(parseStartEnv({ PORTICO_SEED_DEMO: "1" }, { dev: false }).PORTICO_SEED_DEMO).toBe(true);
    expect(parseStartEnv({ PORTICO_SEED_DEMO: "0" }, { dev: false }).PORTICO_SEED_DEMO).toBe(false);
    expect(() => parseStartEnv({ PORTICO_SEED_DEMO: "maybe" }, { dev: false })).toThrow(/PORTICO_SEED_DEMO/);
  });

  it("names every malformed variable", () => {
    expect(() => parseStartEnv({ PORT: "eighty", DATABASE_URL: "mysql://x@y/z" }, { dev: false })).toThrow(/PORT:[\s\S]*DATABASE_URL:|DATABASE_URL:[\s\S]*PORT:/);
  });
});

describe("parseEnv (the app's configuration)", () => {
  it("applies the defaults", () => {
    expect(parseEnv({})).toMatchObject({ NODE_ENV: "development", JOURNEY_TTL_MINUTES: 30, STAFF_OIDC_NAME: "Single sign-on", HOST: "0.0.0.0" });
  });

  it("wants all three staff SSO settings or none", () => {
    expect(() => parseEnv({ STAFF_OIDC_ISSUER: "https://idp.example.com" })).toThrow(/STAFF_OIDC_\*: set ISSUER, CLIENT_ID and CLIENT_SECRET together/);
  });

  it("refuses a short NEXTAUTH_SECRET", () => {
    expect(() => parseEnv({ NEXTAUTH_SECRET: "short" })).toThrow(/NEXTAUTH_SECRET: must be at least 32 characters/);
  });
});

describe("parseStaffCliEnv", () => {
  it("reads the password, the database and the embedded data directory", () => {
    expect(parseStaffCliEnv({ STAFF_PASSWORD: "correct horse battery staple", DATABASE_URL: external })).toEqual({
      STAFF_PASSWORD: "correct horse battery staple",
      DATABASE_URL: external,
      PORTICO_DATA_DIR: ".portico/pgdata",
    });
  });
});

describe("PORTICO_SECRET_KEY", () => {
  const base64 = Buffer.alloc(32, 7).toString("base64");
  const base64url = Buffer.alloc(32, 0xfb).toString("base64url");

  it("takes 32 bytes in base64 (with or without its padding) or base64url", () => {
    expect(parseEnv({ PORTICO_SECRET_KEY: base64 }).PORTICO_SECRET_KEY).toBe(base64);
    expect(parseEnv({ PORTICO_SECRET_KEY: base64.replace(/=$/, "") }).PORTICO_SECRET_KEY).toBeDefined();
    expect(parseEnv({ PORTICO_SECRET_KEY: base64url, PORTICO_SECRET_KEY_PREVIOUS: base64 }).PORTICO_SECRET_KEY_PREVIOUS).toBe(base64);
  });

  it("refuses any other length or alphabet, naming the variable", () => {
    for (const value of [Buffer.alloc(31).toString("base64"), Buffer.alloc(33).toString("base64"), Buffer.alloc(16).toString("hex"), "x".repeat(32), `${base64url.slice(0, 40)}+_-`]) {
      expect(() => parseEnv({ PORTICO_SECRET_KEY: value }), value).toThrow(/PORTICO_SECRET_KEY: must be 32 random bytes in base64 or base64url/);
    }
    expect(() => parseEnv({ PORTICO_SECRET_KEY_PREVIOUS: "short" })).toThrow(/PORTICO_SECRET_KEY_PREVIOUS: must be 32 random bytes/);
  });

  it("is required for a production start on an external database, alongside NEXTAUTH_URL", () => {
    expect(() => parseStartEnv({ DATABASE_URL: external, NEXTAUTH_URL: "https://wifi.example.com" }, { dev: false })).toThrow(
      /PORTICO_SECRET_KEY: required in production with your own DATABASE_URL/,
    );
    expect(() => parseStartEnv({ DATABASE_URL: external }, { dev: false })).toThrow(/NEXTAUTH_URL: required[\s\S]*PORTICO_SECRET_KEY: required/);
    expect(parseStartEnv({ DATABASE_URL: external, NEXTAUTH_URL: "https://wifi.example.com", PORTICO_SECRET_KEY: base64 }, { dev: false }).PORTICO_SECRET_KEY).toBe(base64);
  });

  it("is left to the runtime to generate on the embedded database and in development", () => {
    expect(parseStartEnv({}, { dev: false }).PORTICO_SECRET_KEY).toBeUndefined();
    expect(parseStartEnv({ DATABASE_URL: external }, { dev: true }).PORTICO_SECRET_KEY).toBeUndefined();
  });
});
