import "server-only";

import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";

import { db } from "@/lib/db";

import { authOptions } from "./options";
import { can, type Permission } from "./permissions";
import { staffForSession, type StaffActor, type StaffSessionClaims } from "./session-staff";
import { safeStaffCallback, staffPathHeader } from "./staff-path";

export type { StaffActor } from "./session-staff";

/**
 * The signed-in staff member, read afresh from the database on every request: disabling an
 * account, changing a role or a password takes effect at once, not when the token expires.
 */
export async function currentStaff(): Promise<StaffActor | null> {
  return staffForSession(db, (await getServerSession(authOptions)) as StaffSessionClaims | null);
}

/**
 * Guards every staff page, server action and route: signed out → the sign-in page, then back
 * to the page asked for; signed in without the permission → 403. Returns the actor for
 * audit entries.
 */
export async function requireStaff(permission?: Permission): Promise<StaffActor> {
  const staff = await currentStaff();
  if (!staff) {
    const asked = safeStaffCallback((await headers()).get(staffPathHeader));
    redirect(asked === "/admin" ? "/admin/sign-in" : `/admin/sign-in?callbackUrl=${encodeURIComponent(asked)}`);
  }
  if (permission && !can(staff.role, permission)) forbidden();
  return staff;
}
