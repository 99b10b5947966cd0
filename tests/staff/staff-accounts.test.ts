import { randomBytes } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { authenticateStaff } from "@/lib/auth/authenticate";
import { hashPassword } from "@/lib/auth/password";
import type { StaffRole } from "@/lib/generated/prisma/enums";
import { changeOwnPassword } from "@/lib/staff/change-own-password";
import { DomainError } from "@/lib/errors";
import { createPrismaClient, type Db } from "@/lib/db/client";
import { createStaffUser, systemActor, type StaffCreator } from "@/lib/staff/create-staff-user";
import { updateStaffUser } from "@/lib/staff/update-staff-user";

import { createTestDatabase, type TestDatabase } from "../support/database";
import { inStaffWords, refusalWords } from "../support/staff-refusal";

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(async () => {
  await testDb?.drop();
});

const password = "correct horse battery";
const fixture = systemActor("a test fixture");
async function staff(role: StaffRole, actor: StaffCreator = fixture) {
  const email = `${role.toLowerCase()}-${randomBytes(4).toString("hex")}@staff.example.com`;
  return createStaffUser(testDb.prisma, { email, role, password }, actor);
}
/** Until some session of this database waits on a lock (the unique index), at most 10 s. */
async function waitForLockWait(db: Db): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const [row] = await db.$queryRaw<{ waiting: bigint }[]>`SELECT count(*) AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`;
    if (row!.waiting > 0n) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("No session ever waited on the unique index");
}
const auditFor = (entityId: string) => testDb.prisma.auditEntry.findMany({ where: { entityId }, orderBy: { id: "asc" } });

describe("adding staff", () => {
  it("an admin adds an account, audited without the password hash", async () => {
    const admin = await staff("ADMIN");
    const added = await createStaffUser(testDb.prisma, { email: "  Nadia.Legal@Example.COM ", role: "LEGAL", password }, admin, "192.0.2.7");
    expect(added.email).toBe("nadia.legal@example.com");
    const [entry] = await auditFor(added.id);
    expect(entry).toMatchObject({ actorId: admin.id, action: "staff_user.created", entityType: "staff_user", ip: "192.0.2.7" });
    expect(entry!.after).toEqual({ email: "nadia.legal@example.com", name: null, role: "LEGAL", disabled: false });
    expect(JSON.stringify([entry!.before, entry!.after])).not.toContain("argon2");
  });

  it("refuses a second account for the same email, whatever its case, and writes nothing", async () => {
    const admin = await staff("ADMIN");
    const first = await staff("MARKETER", admin);
    const before = await testDb.prisma.auditEntry.count();
    await expect(createStaffUser(testDb.prisma, { email: first.email.toUpperCase(), role: "ADMIN", password }, admin)).rejects.toMatchObject({ name: "DomainError", code: "staffEmailTaken" });
    expect(await testDb.prisma.staffUser.count({ where: { email: first.email } })).toBe(1);
    expect(await testDb.prisma.auditEntry.count()).toBe(before);
  });

  it("Portico's own setup (the staff:create command, the first run) adds accounts audited under what made them", async () => {
    const added = await createStaffUser(testDb.prisma, { email: `cli-${randomBytes(4).toString("hex")}@example.com`, role: "ADMIN", password }, systemActor("the staff:create command"));
    const [entry] = await auditFor(added.id);
    expect(entry).toMatchObject({ actorId: null, actorDescription: "the staff:create command", action: "staff_user.created" });
    expect(entry!.after).toMatchObject({ email: added.email, role: "ADMIN" });
  });

  it("a caller that names no actor is refused and nothing is written, never an unaudited account", async () => {
    const email = `nobody-${randomBytes(4).toString("hex")}@example.com`;
    const before = await testDb.prisma.auditEntry.count();
    for (const missing of [null, undefined]) {
      await expect(createStaffUser(testDb.prisma, { email, role: "ADMIN", password }, missing as unknown as StaffCreator)).rejects.toMatchObject({ name: "DomainError", code: "actorRequired" });
    }
    expect(await testDb.prisma.staffUser.count({ where: { email } })).toBe(0);
    expect(await testDb.prisma.auditEntry.count()).toBe(before);
  });

  it("the audit table refuses an entry that names neither a staff member nor what made the change", async () => {
    await expect(testDb.prisma.auditEntry.create({ data: { action: "staff_user.created", entityType: "staff_user", entityId: "x" } })).rejects.toThrow(/audit_entry_actor_named/);
    const admin = await staff("ADMIN");
    await expect(
      testDb.prisma.auditEntry.create({ data: { actorId: admin.id, actorDescription: "both", action: "staff_user.created", entityType: "staff_user", entityId: "x" } }),
    ).rejects.toThrow(/audit_entry_actor_named/);
  });

  it("two admins adding the same email at the same instant: the one who loses the race gets the email field error", async () => {
    const admin = await staff("ADMIN");
    const email = `race-${randomBytes(4).toString("hex")}@example.com`;
    // The other admin's insert, not yet committed: ours passes its "already exists?" check,
    // then waits on the unique index until theirs commits.
    const other = createPrismaClient(testDb.url, 2);
    try {
      const attempt = other.$transaction(async (tx) => {
        await tx.staffUser.create({ data: { email, role: "MARKETER" } });
        const ours = createStaffUser(testDb.prisma, { email, role: "LEGAL", password }, admin).catch((error: unknown) => error);
        await waitForLockWait(other);
        return { ours }; // not the promise itself: the commit must not wait for it
      });
      const refusal = await (await attempt).ours;
      expect(refusal).toMatchObject({ name: "DomainError", code: "staffEmailTaken" });
      expect(refusalWords(refusal)).toEqual({ message: `A staff account for ${email} already exists.`, fieldErrors: { email: ["A staff account with this email already exists."] } });
      expect(await testDb.prisma.staffUser.findUniqueOrThrow({ where: { email } })).toMatchObject({ role: "MARKETER" });
    } finally {
      await other.$disconnect();
    }
  });

  it("a marketer or a lawyer cannot add staff", async () => {
    for (const role of ["MARKETER", "LEGAL"] as const) {
      const actor = await staff(role);
      const email = `blocked-${role}@example.com`;
      await expect(inStaffWords(createStaffUser(testDb.prisma, { email, role: "ADMIN", password }, actor))).rejects.toThrow(/Only an admin/);
      expect(await testDb.prisma.staffUser.count({ where: { email } })).toBe(0);
    }
  });
});

describe("changing staff accounts", () => {
  it("changes a role and records before and after", async () => {
    const admin = await staff("ADMIN");
    const member = await staff("MARKETER", admin);
    await updateStaffUser(testDb.prisma, admin, member.id, { kind: "role", role: "LEGAL" });
    expect((await testDb.prisma.staffUser.findUniqueOrThrow({ where: { id: member.id } })).role).toBe("LEGAL");
    const entry = (await auditFor(member.id)).at(-1)!;
    expect(entry.action).toBe("staff_user.role_changed");
    expect(entry.before).toMatchObject({ role: "MARKETER" });
    expect(entry.after).toMatchObject({ role: "LEGAL" });
  });

  it("a disabled account can no longer sign in; enabling restores it", async () => {
    const admin = await staff("ADMIN");
    const member = await staff("LEGAL", admin);
    await updateStaffUser(testDb.prisma, admin, member.id, { kind: "access", access: "disable" });
    expect((await authenticateStaff(testDb.prisma, { email: member.email, password, ip: null })).status).toBe("invalid");
    await updateStaffUser(testDb.prisma, admin, member.id, { kind: "access", access: "enable" });
    expect((await authenticateStaff(testDb.prisma, { email: member.email, password, ip: null })).status).toBe("ok");
    expect((await auditFor(member.id)).map((e) => e.action)).toEqual(["staff_user.created", "staff_user.access_changed", "staff_user.access_changed"]);
  });

  it("a password reset works for sign-in and is audited without either password", async () => {
    const admin = await staff("ADMIN");
    const member = await staff("MARKETER", admin);
    await updateStaffUser(testDb.prisma, admin, member.id, { kind: "password", password: "a brand new passphrase" });
    expect((await authenticateStaff(testDb.prisma, { email: member.email, password, ip: null })).status).toBe("invalid");
    expect((await authenticateStaff(testDb.prisma, { email: member.email, password: "a brand new passphrase", ip: null })).status).toBe("ok");
    const entry = (await auditFor(member.id)).at(-1)!;
    expect(entry).toMatchObject({ action: "staff_user.password_reset", before: { passwordSet: true }, after: { passwordSet: true } });
    expect(JSON.stringify([entry.before, entry.after])).not.toMatch(/passphrase|argon2/);
  });

  it("an admin cannot change their own role, access or password here", async () => {
    const admin = await staff("ADMIN");
    for (const change of [{ kind: "role", role: "LEGAL" }, { kind: "access", access: "disable" }, { kind: "password", password: "another passphrase" }] as const) {
      await expect(inStaffWords(updateStaffUser(testDb.prisma, admin, admin.id, change))).rejects.toThrow(/your own/);
    }
    expect(await testDb.prisma.staffUser.findUniqueOrThrow({ where: { id: admin.id } })).toMatchObject({ role: "ADMIN", disabledAt: null });
  });

  it("two admins demoting each other at once leave one admin, not none", async () => {
    // A database of its own, so "last admin" means exactly the admins made here.
    const isolated = await createTestDatabase();
    try {
      const make = (email: string) => createStaffUser(isolated.prisma, { email, role: "ADMIN", password }, fixture);
      const [ana, ben] = [await make("ana@example.com"), await make("ben@example.com")];
      const results = await Promise.allSettled([
        updateStaffUser(isolated.prisma, ana, ben.id, { kind: "role", role: "MARKETER" }),
        updateStaffUser(isolated.prisma, ben, ana.id, { kind: "role", role: "MARKETER" }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
      const refused = results.find((r): r is PromiseRejectedResult => r.status === "rejected")!;
      expect(refused.reason).toBeInstanceOf(DomainError);
      expect(refusalWords(refused.reason).message).toMatch(/last active admin/);
      expect(await isolated.prisma.staffUser.count({ where: { role: "ADMIN", disabledAt: null } })).toBe(1);
      expect(await isolated.prisma.auditEntry.count({ where: { action: "staff_user.role_changed" } })).toBe(1);
    } finally {
      await isolated.drop();
    }
  });
});

describe("changing one's own password", () => {
  it("needs the current password; the new one then signs in and the change is audited without either", async () => {
    // Straight into the table, so the password change is this account's only audit entry.
    const member = await testDb.prisma.staffUser.create({ data: { email: `legal-${randomBytes(4).toString("hex")}@staff.example.com`, role: "LEGAL", passwordHash: await hashPassword(password) } });
    const refused = await changeOwnPassword(testDb.prisma, member, { currentPassword: "not it at all", newPassword: "a fresh passphrase", confirmPassword: "a fresh passphrase" }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DomainError);
    expect(refusalWords(refused).fieldErrors).toEqual({ currentPassword: ["That is not your current password."] });
    expect((await authenticateStaff(testDb.prisma, { email: member.email, password, ip: null })).status).toBe("ok");

    await changeOwnPassword(testDb.prisma, member, { currentPassword: password, newPassword: "a fresh passphrase", confirmPassword: "a fresh passphrase" });
    expect((await authenticateStaff(testDb.prisma, { email: member.email, password, ip: null })).status).toBe("invalid");
    expect((await authenticateStaff(testDb.prisma, { email: member.email, password: "a fresh passphrase", ip: null })).status).toBe("ok");
    const entries = await auditFor(member.id);
    expect(entries.map((e) => [e.action, e.actorId])).toEqual([["staff_user.password_changed", member.id]]);
    expect(JSON.stringify([entries[0]!.before, entries[0]!.after])).not.toMatch(/passphrase|horse|argon2/);
  });

  it("an account without a password (single sign-on) is told to ask an admin", async () => {
    const sso = await testDb.prisma.staffUser.create({ data: { email: "sso-only@example.com", role: "MARKETER" } });
    await expect(inStaffWords(changeOwnPassword(testDb.prisma, sso, { currentPassword: "x", newPassword: "a fresh passphrase", confirmPassword: "a fresh passphrase" }))).rejects.toThrow(/single sign-on/);
    expect((await testDb.prisma.staffUser.findUniqueOrThrow({ where: { id: sso.id } })).passwordHash).toBeNull();
  });
});
