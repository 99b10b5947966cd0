// The hourly allowances every guest-facing door keeps, against real PostgreSQL: a key's
// allowance is shared by two web processes' clients, a peek takes nothing, spent rows are
// purged only once whole again, and a client key never holds the address it stands for.
import { randomBytes } from "node:crypto";

import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { deriveKeys, secretKey } from "@/lib/crypto";
import { createPool, createPrismaClient, type Db } from "@/lib/db/client";
import { clientKey, hasHourlyRateLeft, purgeSpentRates, takeHourlyRate } from "@/lib/rate-limits";

import { createFreshDatabase, dropDatabase } from "../support/database";

let url: string;
const pools: pg.Pool[] = [];
let a: Db;
let b: Db;

beforeAll(async () => {
  url = await createFreshDatabase();
  // Two clients with pools of their own: what two web processes on one database look like.
  [a, b] = [0, 1].map(() => {
    const pool = createPool(url, 2);
    pools.push(pool);
    return createPrismaClient(pool);
  }) as [Db, Db];
});
afterAll(async () => {
  await Promise.all([a?.$disconnect(), b?.$disconnect()]);
  await Promise.all(pools.map((pool) => pool.end()));
  if (url) await dropDatabase(url);
});

const key = () => `test:${randomBytes(4).toString("hex")}`;

describe("an hourly allowance", () => {
  it("is shared by every process: a burst of perHour, then refused, wherever the next one comes from", async () => {
    const k = key();
    const taken = [];
    for (let i = 0; i < 6; i++) taken.push(await takeHourlyRate(i % 2 ? a : b, k, 6));
    expect(taken).toEqual([true, true, true, true, true, true]);
    expect(await takeHourlyRate(a, k, 6)).toBe(false);
    expect(await takeHourlyRate(b, k, 6)).toBe(false);
    // Another key is untouched.
    expect(await takeHourlyRate(a, key(), 6)).toBe(true);
  });

  it("is peeked at without being spent", async () => {
    const k = key();
    expect(await hasHourlyRateLeft(a, k, 2)).toBe(true);
    await takeHourlyRate(a, k, 2);
    expect(await hasHourlyRateLeft(b, k, 2)).toBe(true);
    expect(await hasHourlyRateLeft(b, k, 2)).toBe(true);
    await takeHourlyRate(b, k, 2);
    expect(await hasHourlyRateLeft(a, k, 2)).toBe(false);
    expect(await takeHourlyRate(a, k, 2)).toBe(false);
  });

  it("is purged only once whole again, which is the same as a fresh start", async () => {
    const spent = key();
    await takeHourlyRate(a, spent, 1);
    const [{ tat }] = await a.$queryRaw<[{ tat: Date }]>`SELECT tat FROM rate_limit WHERE key = ${spent}`;
    // Rows that are whole sooner (the other tests' keys) may go; this one stays.
    await purgeSpentRates(a, new Date(tat.getTime() - 1000));
    expect(await a.rateLimit.count({ where: { key: spent } })).toBe(1);
    expect(await purgeSpentRates(a, new Date(tat.getTime() + 1000))).toBeGreaterThanOrEqual(1);
    expect(await a.rateLimit.count({ where: { key: spent } })).toBe(0);
  });

  it("names a client by a keyed hash of its MAC or address, never the value itself", () => {
    const keys = deriveKeys({ current: secretKey(randomBytes(32)) }, "test rate keys v1");
    const mac = clientKey(keys, "mac", "aa:bb:cc:dd:ee:ff");
    const ip = clientKey(keys, "ip", "203.0.113.9");
    expect(mac).toMatch(/^mac:[A-Za-z0-9_-]{32}$/);
    expect(ip).toMatch(/^ip:[A-Za-z0-9_-]{32}$/);
    expect(mac).not.toContain("aa:bb");
    expect(clientKey(keys, "mac", "aa:bb:cc:dd:ee:ff")).toBe(mac);
    const otherKeys = deriveKeys({ current: secretKey(randomBytes(32)) }, "test rate keys v1");
    expect(clientKey(otherKeys, "mac", "aa:bb:cc:dd:ee:ff")).not.toBe(mac);
  });
});
