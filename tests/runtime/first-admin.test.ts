import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { authenticateStaff } from "@/lib/auth/authenticate";
import { ensureFirstAdmin, firstAdminEmail } from "@/lib/runtime/first-admin";

import { createTestDatabase, type TestDatabase } from "../support/database";

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(async () => {
  await testDb?.drop();
});

describe("ensureFirstAdmin (embedded first run)", () => {
  it("creates one admin with a random password that signs in, then never again", async () => {
    const first = await ensureFirstAdmin(testDb.prisma);
    expect(first?.email).toBe(firstAdminEmail);
    expect(first!.password.length).toBeGreaterThanOrEqual(20);
    const signedIn = await authenticateStaff(testDb.prisma, { email: firstAdminEmail, password: first!.password, ip: null });
    expect(signedIn.status).toBe("ok");
    expect(signedIn.status === "ok" && signedIn.staff.role).toBe("ADMIN");

    expect(await ensureFirstAdmin(testDb.prisma)).toBeNull();
    expect(await testDb.prisma.staffUser.count()).toBe(1);
  });

  it("audits the admin it creates under the first run, as no staff member made it", async () => {
    const fresh = await createTestDatabase();
    try {
      await ensureFirstAdmin(fresh.prisma);
      const admin = await fresh.prisma.staffUser.findUniqueOrThrow({ where: { email: firstAdminEmail } });
      const entries = await fresh.prisma.auditEntry.findMany();
      expect(entries).toEqual([expect.objectContaining({ action: "staff_user.created", entityId: admin.id, actorId: null, actorDescription: "the first run of the embedded database" })]);
    } finally {
      await fresh.drop();
    }
  });

  it("does nothing when any staff account exists, even a disabled non-admin", async () => {
    const other = await createTestDatabase();
    try {
      await other.prisma.staffUser.create({ data: { email: "someone@example.com", role: "MARKETER", disabledAt: new Date() } });
      expect(await ensureFirstAdmin(other.prisma)).toBeNull();
      expect(await other.prisma.staffUser.count()).toBe(1);
    } finally {
      await other.drop();
    }
  });
});
