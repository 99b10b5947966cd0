// A staff session is a signed token holding the staff id and the session version it was
// signed in under; every request checks both against the account (staffForSession). These
// are the account changes that must end the sessions already out there, and those that must not.
import { randomBytes } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { staffForSession } from "@/lib/auth/session-staff";
import type { StaffRole } from "@/lib/generated/prisma/enums";
import { changeOwnPassword } from "@/lib/staff/change-own-password";
import { createStaffUser, systemActor } from "@/lib/staff/create-staff-user";
import { updateStaffUser } from "@/lib/staff/update-staff-user";

import { createTestDatabase, type TestDatabase } from "../support/database";

let testDb: TestDatabase;
let admin: { id: string; role: StaffRole };
beforeAll(async () => {
  testDb = await createTestDatabase();
  admin = await account("ADMIN");
});
afterAll(async () => {
  await testDb?.drop();
});

const password = "correct horse battery";
async function account(role: StaffRole) {
  const email = `${role.toLowerCase()}-${randomBytes(4).toString("hex")}@staff.example.com`;
  return createStaffUser(testDb.prisma, { email, role, password }, systemActor("a test fixture"));
}
/** The claims a session signed in right now would carry. */
async function signIn(staffId: string) {
  const { sessionVersion } = await testDb.prisma.staffUser.findUniqueOrThrow({ where: { id: staffId } });
  return { staffId, sessionVersion };
}
const stillSignedIn = async (claims: { staffId: string; sessionVersion: number }) => (await staffForSession(testDb.prisma, claims))?.id === claims.staffId;

describe("sessions signed in before a change", () => {
  it("a password reset by an admin ends them; signing in again works", async () => {
    const member = await account("MARKETER");
    const session = await signIn(member.id);
    expect(await stillSignedIn(session)).toBe(true);
    await updateStaffUser(testDb.prisma, admin, member.id, { kind: "password", password: "a brand new passphrase" });
    expect(await stillSignedIn(session)).toBe(false);
    expect(await stillSignedIn(await signIn(member.id))).toBe(true);
  });

  it("a role change that takes rights away ends them; one that only adds rights does not", async () => {
    const member = await account("LEGAL");
    const session = await signIn(member.id);
    await updateStaffUser(testDb.prisma, admin, member.id, { kind: "role", role: "ADMIN" });
    expect(await stillSignedIn(session)).toBe(true);
    await updateStaffUser(testDb.prisma, admin, member.id, { kind: "role", role: "MARKETER" });
    expect(await stillSignedIn(session)).toBe(false);
  });

  it("disabling ends them for good: enabling the account again does not bring them back", async () => {
    const member = await account("LEGAL");
    const session = await signIn(member.id);
    await updateStaffUser(testDb.prisma, admin, member.id, { kind: "access", access: "disable" });
    expect(await stillSignedIn(session)).toBe(false);
    await updateStaffUser(testDb.prisma, admin, member.id, { kind: "access", access: "enable" });
    expect(await stillSignedIn(session)).toBe(false);
    expect(await stillSignedIn(await signIn(member.id))).toBe(true);
  });

  it("changing one's own password ends them all and hands back the version to renew the current one with", async () => {
    const member = await account("MARKETER");
    const [here, elsewhere] = [await signIn(member.id), await signIn(member.id)];
    const { sessionVersion } = await changeOwnPassword(testDb.prisma, member, { currentPassword: password, newPassword: "a fresh passphrase", confirmPassword: "a fresh passphrase" });
    expect(await stillSignedIn(here)).toBe(false);
    expect(await stillSignedIn(elsewhere)).toBe(false);
    expect(await stillSignedIn({ ...here, sessionVersion })).toBe(true);
  });

  it("a refused password change (wrong current password) ends nothing", async () => {
    const member = await account("MARKETER");
    const session = await signIn(member.id);
    await changeOwnPassword(testDb.prisma, member, { currentPassword: "not it", newPassword: "a fresh passphrase", confirmPassword: "a fresh passphrase" }).catch(() => null);
    expect(await stillSignedIn(session)).toBe(true);
  });
});

describe("a session token", () => {
  it("without a session version (signed before versions existed) or with a made-up id counts as signed out", async () => {
    const member = await account("LEGAL");
    expect(await staffForSession(testDb.prisma, { staffId: member.id })).toBeNull();
    expect(await staffForSession(testDb.prisma, { staffId: member.id, sessionVersion: "0" })).toBeNull();
    expect(await staffForSession(testDb.prisma, { staffId: "01900000-0000-7000-8000-000000000000", sessionVersion: 0 })).toBeNull();
    expect(await staffForSession(testDb.prisma, null)).toBeNull();
    expect(await staffForSession(testDb.prisma, await signIn(member.id))).toMatchObject({ id: member.id, email: member.email, role: "LEGAL" });
  });
});
