import type { Db } from "@/lib/db/client";
import type { StaffRole } from "@/lib/generated/prisma/enums";

export interface StaffActor {
  id: string;
  email: string;
  name: string | null;
  role: StaffRole;
}

/** What a staff session token carries: who, and the session version they signed in under. */
export interface StaffSessionClaims {
  staffId?: unknown;
  sessionVersion?: unknown;
}

/**
 * The staff member a session belongs to, read afresh from the database on every request:
 * null when the account is gone or disabled, or when the session predates the account's
 * current session version (a password change or reset, rights taken away, disabling), so
 * those take effect at once and not when the token expires. A token without a version
 * (signed before versions existed) counts as out of date.
 */
export async function staffForSession(db: Db, claims: StaffSessionClaims | null | undefined): Promise<StaffActor | null> {
  if (typeof claims?.staffId !== "string" || typeof claims.sessionVersion !== "number") return null;
  const staff = await db.staffUser.findUnique({ where: { id: claims.staffId } });
  if (!staff || staff.disabledAt || staff.sessionVersion !== claims.sessionVersion) return null;
  return { id: staff.id, email: staff.email, name: staff.name, role: staff.role };
}
