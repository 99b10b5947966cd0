// The OpenAPI document against the API itself: every documented operation is served by an
// App Router file, and answers a real request with a documented status whose body matches
// the documented schema (checked with Ajv, JSON Schema 2020-12 as OpenAPI 3.1 uses it).
import { existsSync, readFileSync } from "node:fs";

import Ajv2020 from "ajv/dist/2020";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { openApiDocument } from "@/lib/api/openapi";
import type { ApiRouteSpec } from "@/lib/api/route-spec";
import { apiRoutes } from "@/lib/api/routes";

import { connectGuest } from "../guests/connect-guest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { createVenueFixture } from "../support/venue-fixture";
import { call, createAdmin, createKey } from "./api-fixture";

type Operation = {
  operationId: string;
  parameters: { name: string; in: string; required: boolean; schema: object }[];
  requestBody?: { content: Record<string, { schema: object }> };
  responses: Record<string, { content?: Record<string, { schema: object }>; headers?: Record<string, unknown> }>;
};

const document = openApiDocument() as { openapi: string; paths: Record<string, Record<string, Operation>> };
const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });

let testDb: TestDatabase;
let token: string;
let guestId: string;
let venueId: string;

beforeAll(async () => {
  testDb = await createTestDatabase();
  const admin = await createAdmin(testDb.prisma);
  const { venue } = await createVenueFixture(testDb.prisma, { locales: ["en"] });
  venueId = venue.id;
  await connectGuest(testDb.prisma, venue.slug, "contract@guests.test", { grant: ["marketing"] });
  guestId = (await testDb.prisma.guest.findUniqueOrThrow({ where: { emailNormalized: "contract@guests.test" } })).id;
  token = (await createKey(testDb.prisma, admin, { scopes: ["guests:read", "events:read", "visitor-data:write", "exports:read"], internal: "contract" })).token;
});
afterAll(async () => {
  await testDb?.drop();
});

const operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));
const routeOf = (operationId: string) => (apiRoutes as Record<string, ApiRouteSpec>)[operationId]!;

function sampleQuery(op: Operation): Record<string, string> {
  const samples: Record<string, string> = { email: "contract@guests.test", from: "2026-01-01", to: new Date().toISOString().slice(0, 10) };
  return Object.fromEntries(op.parameters.filter((p) => p.in === "query" && p.required).map((p) => [p.name, samples[p.name] ?? "x"]));
}

function expectDocumented(op: Operation, status: number, headers: Headers, json: unknown) {
  const response = op.responses[String(status)];
  expect(response, `${op.operationId} answered ${status}, which it does not document`).toBeDefined();
  const [type, media] = Object.entries(response!.content ?? {})[0] ?? [];
  if (!type) return;
  expect(headers.get("content-type")).toContain(type);
  const validate = ajv.compile(media!.schema);
  expect(validate(json), `${op.operationId} ${status}: ${ajv.errorsText(validate.errors)}`).toBe(true);
}

describe("the OpenAPI document", () => {
  it("is OpenAPI 3.1 with valid JSON Schemas, one operation per route, each served by an App Router file", () => {
    expect(document.openapi).toBe("3.1.0");
    expect(operations.map((o) => o.op.operationId).sort()).toEqual(Object.keys(apiRoutes).sort());
    for (const { path, method, op } of operations) {
      for (const response of Object.values(op.responses)) for (const media of Object.values(response.content ?? {})) ajv.compile(media.schema);
      for (const p of op.parameters) ajv.compile(p.schema);
      const file = `app/api/v1${path.replace(/\{(\w+)\}/g, "[$1]")}/route.ts`;
      expect(existsSync(file), file).toBe(true);
      expect(readFileSync(file, "utf8")).toContain(`export const ${method.toUpperCase()} = apiRoute(apiRoutes.${op.operationId})`);
    }
  });

  it("serves it at /api/v1/openapi.json", async () => {
    const { GET } = await import("@/app/api/v1/openapi.json/route");
    const response = GET();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(JSON.parse(JSON.stringify(document)));
  });
});

describe.each(operations)("$method $path", ({ path, method, op }) => {
  const route = routeOf(op.operationId);
  const params = () => ({ guestId, venueId });

  it("answers a good request as documented", async () => {
    let headers: Record<string, string> = {};
    let body: unknown;
    if (op.requestBody) {
      const read = await call(testDb.prisma, apiRoutes.getVisitorData, { token, params: { guestId } });
      const type = Object.keys(op.requestBody.content)[0]!;
      headers = { "if-match": read.headers.get("etag")!, "content-type": type };
      body = method === "put" ? { ...(read.json as object), contract: { at: path } } : { contract: { patched: true } };
    }
    const result = await call(testDb.prisma, route, { token, params: params(), query: sampleQuery(op), headers, body });
    expect(result.status, result.text).toBe(200);
    expectDocumented(op, result.status, result.headers, result.json);
    for (const name of Object.keys(op.responses["200"]!.headers ?? {})) expect(result.headers.has(name), name).toBe(true);
  });

  it("answers without a key with its documented 401", async () => {
    const result = await call(testDb.prisma, route, { params: params(), query: sampleQuery(op) });
    expect(result.status).toBe(401);
    expectDocumented(op, result.status, result.headers, result.json);
  });

  if (path.includes("{guestId}")) {
    it("answers an unknown guest with its documented 404", async () => {
      const headers = op.requestBody ? { "if-match": `"${"0".repeat(64)}"`, "content-type": Object.keys(op.requestBody.content)[0]! } : undefined;
      const result = await call(testDb.prisma, route, {
        token,
        params: { guestId: "00000000-0000-4000-8000-000000000000" },
        headers,
        body: op.requestBody ? {} : undefined,
      });
      expect(result.status).toBe(404);
      expectDocumented(op, result.status, result.headers, result.json);
    });
  }
});
