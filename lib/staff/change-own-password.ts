import { recordAudit } from "@/lib/audit/record-audit";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import type { StaffActor } from "@/lib/auth/session";
import type { Db } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";

import type { OwnPasswordChange } from "./schemas";

/**
 * A staff member replaces their password (e.g. the temporary one an admin gave them). The
 * current password must match; the audit entry says it happened, never what either was.
 * Every session signed in under the old password ends (the session version moves on); the
 * caller renews the one making the change with the version returned (lib/auth/renew-session.ts).
 */
export async function changeOwnPassword(db: Db, actor: Pick<StaffActor, "id">, input: OwnPasswordChange, ip: string | null = null): Promise<{ sessionVersion: number }> {
  const staff = await db.staffUser.findUnique({ where: { id: actor.id } });
  if (!staff || staff.disabledAt) throw new DomainError("accountInactive");
  if (!staff.passwordHash) {
    throw new DomainError("ssoAccountHasNoPassword");
  }
  if (!(await verifyPassword(staff.passwordHash, input.currentPassword))) {
    throw new DomainError("invalidFields", { fieldErrors: { currentPassword: ["currentPasswordWrong"] } });
  }
  const passwordHash = await hashPassword(input.newPassword);
  return db.$transaction(async (tx) => {
    const changed = await tx.staffUser.update({ where: { id: staff.id }, data: { passwordHash, sessionVersion: { increment: 1 } } });
    await recordAudit(tx, {
      actorId: staff.id,
      action: "staff_user.password_changed",
      entityType: "staff_user",
      entityId: staff.id,
      before: { passwordSet: true },
      after: { passwordSet: true },
      ip,
    });
    return { sessionVersion: changed.sessionVersion };
  });
}
