// "Sign in with <website>" is limited per device and per venue through PostgreSQL: past a
// device's allowance the splash comes back with a notice (429) and no AuthnRequest is stored;
// another device at the venue still signs in.
import { randomBytes } from "node:crypto";

import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createPool, createPrismaClient, type Db } from "@/lib/db/client";
import { samlLoginsPerDevicePerHour } from "@/lib/saml/sp";
import { defaultAttributeMap } from "@/lib/saml/sp/schemas";

import { createFreshDatabase, dropDatabase } from "../support/database";
import { createVenueFixture } from "../support/venue-fixture";

let url: string;
let pool: pg.Pool;
let db: Db;

beforeAll(async () => {
  url = await createFreshDatabase();
  pool = createPool(url, 4);
  db = createPrismaClient(pool);
  // What the route handler reads (lib/env, lib/db): this database and a secret key.
  Object.assign(process.env, { DATABASE_URL: url, PORTICO_SECRET_KEY: randomBytes(32).toString("base64"), NEXTAUTH_URL: "https://wifi.example.com" });
  (globalThis as { porticoPool?: pg.Pool }).porticoPool = pool;
});
afterAll(async () => {
  await db?.$disconnect();
  await pool?.end();
  if (url) await dropDatabase(url);
});

describe("website sign-in", () => {
  it("refuses a device past its hourly allowance, storing nothing, while another device signs in", async () => {
    const { venue } = await createVenueFixture(db);
    await db.samlIdp.create({
      data: {
        venueId: venue.id,
        displayName: "Harbour",
        enabled: true,
        metadataXml: "<md:EntityDescriptor/>",
        entityId: "https://harbour.example/idp",
        ssoUrl: "https://harbour.example/sso",
        signingCerts: [],
        attributeMap: defaultAttributeMap,
      },
    });
    const { GET } = await import("@/app/api/saml/sp/[venue]/login/route");
    const login = (mac: string) =>
      GET(new Request(`https://wifi.example.com/api/saml/sp/${venue.slug}/login?g=${encodeURIComponent(`client_mac=${mac}&client_ip=10.0.0.7`)}`, { headers: { "accept-language": "en" } }), {
        params: Promise.resolve({ venue: venue.slug }),
      });

    for (let i = 0; i < samlLoginsPerDevicePerHour; i++) {
      const answer = await login("aa:bb:cc:00:00:01");
      expect(answer.status).toBe(303);
      expect(answer.headers.get("location")).toMatch(/^https:\/\/harbour\.example\/sso\?SAMLRequest=/);
    }
    const refused = await login("aa:bb:cc:00:00:01");
    expect(refused.status).toBe(429);
    expect(await refused.text()).toContain("Too many sign-in attempts from this device");
    expect(await db.samlRequest.count({ where: { venueId: venue.id } })).toBe(samlLoginsPerDevicePerHour);

    expect((await login("aa:bb:cc:00:00:02")).status).toBe(303);
    expect(await db.samlRequest.count({ where: { venueId: venue.id } })).toBe(samlLoginsPerDevicePerHour + 1);
    // The table holds no MAC.
    expect((await db.rateLimit.findMany({ select: { key: true } })).some((row) => row.key.includes("aa:bb"))).toBe(false);
  });
});
