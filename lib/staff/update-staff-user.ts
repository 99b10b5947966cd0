import type { Prisma } from "@/lib/generated/prisma/client";
import { recordAudit } from "@/lib/audit/record-audit";
import { hashPassword } from "@/lib/auth/password";
import { assertPermission } from "@/lib/auth/permissions";
import type { StaffActor } from "@/lib/auth/session";
import type { Db, DbTx } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";

import { endsSessions, type StaffUserChange } from "./ends-sessions";
import { staffSnapshot } from "./staff-snapshot";

export type { StaffUserChange } from "./ends-sessions";

type Actor = Pick<StaffActor, "id" | "role">;

const actions = { role: "staff_user.role_changed", access: "staff_user.access_changed", password: "staff_user.password_reset" } as const;

/**
 * The changes an admin makes to another staff account. Admins cannot change or lock out
 * themselves, and the last active admin cannot be demoted or disabled: someone must always
 * be able to run the venue. A password reset, rights taken away or disabling also ends the
 * person's sessions, in the same transaction (`session_version`).
 */
export async function updateStaffUser(db: Db, actor: Actor, staffId: string, change: StaffUserChange, ip: string | null = null): Promise<void> {
  assertPermission(actor, "staff.manage");
  if (staffId === actor.id) throw new DomainError("ownAccountChange");
  const data = await changeData(change);

  await db.$transaction(async (tx) => {
    // Serialises concurrent demotions so two admins cannot demote each other past the last one.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('portico.staff_admins'))`;
    const before = await tx.staffUser.findUnique({ where: { id: staffId } });
    if (!before) throw new DomainError("staffNotFound");
    const losesAdmin = before.role === "ADMIN" && !before.disabledAt && ((change.kind === "role" && change.role !== "ADMIN") || (change.kind === "access" && change.access === "disable"));
    if (losesAdmin && (await activeAdminCount(tx)) <= 1) {
      throw new DomainError("lastActiveAdmin");
    }
    const after = await tx.staffUser.update({
      where: { id: staffId },
      data: endsSessions(before, change) ? { ...data, sessionVersion: { increment: 1 } } : data,
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: actions[change.kind],
      entityType: "staff_user",
      entityId: staffId,
      // A password change is recorded as having happened; neither password is.
      before: change.kind === "password" ? { passwordSet: before.passwordHash !== null } : staffSnapshot(before),
      after: change.kind === "password" ? { passwordSet: true } : staffSnapshot(after),
      ip,
    });
  });
}

async function changeData(change: StaffUserChange): Promise<Prisma.StaffUserUpdateInput> {
  switch (change.kind) {
    case "role":
      return { role: change.role };
    case "access":
      return { disabledAt: change.access === "disable" ? new Date() : null };
    case "password":
      return { passwordHash: await hashPassword(change.password) };
  }
}

async function activeAdminCount(tx: DbTx): Promise<number> {
  return tx.staffUser.count({ where: { role: "ADMIN", disabledAt: null } });
}
