import "server-only";

import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";

import { db } from "@/lib/db";
import type { StaffRole } from "@/lib/generated/prisma/enums";

import { authOptions } from "./options";
import { can, type Permission } from "./permissions";
import { safeStaffCallback, staffPathHeader } from "./staff-path";

export interface StaffActor {
  id: string;
  email: string;
  name: string | null;
  role: StaffRole;
}

/**
 * The signed-in staff member, read afresh from the database on every request: disabling an
 * account or changing a role takes effect at once, not when the session token expires.
 */
export async function currentStaff(): Promise<StaffActor | null> {
  const session = await getServerSession(authOptions);
  const staffId = (session as { staffId?: string } | null)?.staffId;
  if (!staffId) return null;
  const staff = await db.staffUser.findUnique({ where: { id: staffId } });
  if (!staff || staff.disabledAt) return null;
  return { id: staff.id, email: staff.email, name: staff.name, role: staff.role };
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
