import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { recordAudit } from "@/lib/audit/record-audit";
import { listAuditEntries, listAuditFacets } from "@/lib/audit/list-audit-entries";
import { auditFilterSchema } from "@/lib/audit/schemas";
import { readPageRequest } from "@/lib/pagination/keyset-cursor";
import { DomainError } from "@/lib/errors";

import { createTestDatabase, type TestDatabase } from "../support/database";

let testDb: TestDatabase;
let alice: { id: string };
let bob: { id: string };

beforeAll(async () => {
  testDb = await createTestDatabase();
  alice = await testDb.prisma.staffUser.create({ data: { email: "alice.admin@staff.test", role: "ADMIN" } });
  bob = await testDb.prisma.staffUser.create({ data: { email: "bob_legal@staff.test", role: "LEGAL" } });
  // Written through recordAudit, as domain functions do, inside a transaction.
  await testDb.prisma.$transaction(async (tx) => {
    await recordAudit(tx, { actorId: alice.id, action: "venue.created", entityType: "venue", entityId: "v-1", after: { name: "Harbour" }, ip: "203.0.113.9" });
  });
  const entries: [string, string, string, string, string][] = [
    // actor, action, entityType, entityId, at
    [alice.id, "venue.updated", "venue", "v-1", "2026-03-01T09:00:00Z"],
    [alice.id, "zone.created", "zone", "z-1", "2026-03-01T23:59:59.999Z"],
    [bob.id, "consent_text.approved", "consent_text", "t-1", "2026-03-02T00:00:00Z"],
    [bob.id, "consent_text.rejected", "consent_text", "t-2", "2026-03-03T12:00:00Z"],
    [bob.id, "consent_text.approved", "consent_text", "t-3", "2026-03-03T12:00:00Z"],
    [alice.id, "sponsor.updated", "sponsor", "s-1", "2026-03-04T08:00:00Z"],
  ];
  for (const [actorId, action, entityType, entityId, at] of entries) {
    await testDb.prisma.auditEntry.create({ data: { actorId, action, entityType, entityId, at: new Date(at), before: { n: 1 }, after: { n: 2 } } });
  }
});
afterAll(async () => {
  await testDb?.drop();
});

const admin = { role: "ADMIN" as const };
const allPage = readPageRequest({}, { size: 100, idKind: "serial" });

async function list(filter: Record<string, string>, page = allPage) {
  return listAuditEntries(testDb.prisma, admin, auditFilterSchema.parse(filter), page);
}
const ids = async (filter: Record<string, string>) => (await list(filter)).items.map((e) => e.entityId);

describe("the audit log", () => {
  it("lists every entry newest first, with who, what, when, IP and both snapshots", async () => {
    const { items } = await list({});
    expect(items.map((e) => e.entityId)).toEqual(["v-1", "s-1", "t-3", "t-2", "t-1", "z-1", "v-1"]);
    expect(items[0]).toMatchObject({
      action: "venue.created",
      entityType: "venue",
      actor: { email: "alice.admin@staff.test", role: "ADMIN" },
      after: { name: "Harbour" },
      before: null,
      ip: "203.0.113.9",
    });
  });

  it("filters by part of the actor's email, case-insensitively and with wildcards taken literally", async () => {
    expect(await ids({ actor: "  BOB_LEGAL@" })).toEqual(["t-3", "t-2", "t-1"]);
    expect(await ids({ actor: "alice" })).toEqual(["v-1", "s-1", "z-1", "v-1"]);
    // "_" is not a single-character wildcard: "bob_" must not match "bobx".
    expect(await ids({ actor: "b_b" })).toEqual([]);
    expect(await ids({ actor: "%" })).toEqual([]);
  });

  it("filters by entity type, action and entity id, combined", async () => {
    expect(await ids({ entityType: "consent_text" })).toEqual(["t-3", "t-2", "t-1"]);
    expect(await ids({ action: "consent_text.approved" })).toEqual(["t-3", "t-1"]);
    expect(await ids({ entityType: "venue", entityId: "v-1", action: "venue.updated" })).toEqual(["v-1"]);
    expect(await ids({ entityType: "zone", actor: "bob" })).toEqual([]);
  });

  it("filters by a date range in UTC, both ends included", async () => {
    expect(await ids({ from: "2026-03-01", to: "2026-03-01" })).toEqual(["z-1", "v-1"]);
    expect(await ids({ from: "2026-03-02", to: "2026-03-03" })).toEqual(["t-3", "t-2", "t-1"]);
    expect(await ids({ to: "2026-03-01" })).toEqual(["z-1", "v-1"]);
  });

  it("explains bad filters field by field", () => {
    const result = auditFilterSchema.safeParse({ from: "2026-03-05", to: "2026-03-01", entityType: "Robert'); DROP", action: "x y" });
    expect(result.success).toBe(false);
    const fields = result.error!.issues.map((i) => i.path.join("."));
    expect(fields.sort()).toEqual(["action", "entityType", "to"]);
    expect(auditFilterSchema.safeParse({ from: "2026-03-05", to: "2026-03-01" }).error!.issues).toEqual([
      expect.objectContaining({ path: ["to"], message: "The end date is before the start date." }),
    ]);
    expect(auditFilterSchema.safeParse({ from: "2026-02-30" }).error!.issues[0]!.message).toBe("Enter a real date.");
  });

  it("pages with no gaps or duplicates, even across entries written in the same millisecond", async () => {
    const all = (await list({})).items.map((e) => e.id);
    const seen: string[] = [];
    let request = readPageRequest({}, { size: 2, idKind: "serial" });
    for (let n = 0; n < 10; n++) {
      const page = await list({}, request);
      seen.push(...page.items.map((e) => e.id));
      if (!page.older) break;
      request = readPageRequest({ older: page.older }, { size: 2, idKind: "serial" });
    }
    expect(seen).toEqual(all);

    // Filters hold on every page.
    const approved = await list({ entityType: "consent_text" }, readPageRequest({}, { size: 1, idKind: "serial" }));
    const next = await list({ entityType: "consent_text" }, readPageRequest({ older: approved.older! }, { size: 1, idKind: "serial" }));
    expect([approved.items[0]!.entityId, next.items[0]!.entityId]).toEqual(["t-3", "t-2"]);
    const back = await list({ entityType: "consent_text" }, readPageRequest({ newer: next.newer! }, { size: 1, idKind: "serial" }));
    expect(back.items.map((e) => e.entityId)).toEqual(["t-3"]);
    expect(back.newer).toBeUndefined();
  });

  it("offers the entity types and actions it holds as filter choices", async () => {
    expect(await listAuditFacets(testDb.prisma, admin)).toEqual({
      entityTypes: ["consent_text", "sponsor", "venue", "zone"],
      actions: ["consent_text.approved", "consent_text.rejected", "sponsor.updated", "venue.created", "venue.updated", "zone.created"],
    });
  });

  it("is for administrators only", async () => {
    for (const role of ["MARKETER", "LEGAL"] as const) {
      await expect(listAuditEntries(testDb.prisma, { role }, auditFilterSchema.parse({}), allPage)).rejects.toBeInstanceOf(DomainError);
      await expect(listAuditFacets(testDb.prisma, { role })).rejects.toBeInstanceOf(DomainError);
    }
  });
});

describe("changes Portico made itself", () => {
  it("are listed with what made them in place of a staff account", async () => {
    await testDb.prisma.$transaction(async (tx) => {
      await recordAudit(tx, { actorId: null, actorDescription: "the staff:create command", action: "staff_user.created", entityType: "staff_user", entityId: "cli-1" });
    });
    const { items } = await list({ entityId: "cli-1" });
    expect(items).toEqual([expect.objectContaining({ actor: null, actorDescription: "the staff:create command", action: "staff_user.created" })]);
  });
});
