import { randomBytes } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { authenticateStaff } from "@/lib/auth/authenticate";
import type { StaffRole } from "@/lib/generated/prisma/enums";
import { changeOwnPassword } from "@/lib/staff/change-own-password";
import { DomainError } from "@/lib/errors";
import { createStaffUser } from "@/lib/staff/create-staff-user";
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
async function staff(role: StaffRole, actor: { id: string; role: StaffRole } | null = null) {
  const email = `${role.toLowerCase()}-${randomBytes(4).toString("hex")}@staff.example.com`;
  return createStaffUser(testDb.prisma, { email, role, password }, actor);
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
      const make = (email: string) => createStaffUser(isolated.prisma, { email, role: "ADMIN", password });
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
    const member = await staff("LEGAL");
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
