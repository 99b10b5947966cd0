import { recordAudit } from "@/lib/audit/record-audit";
import { hashPassword } from "@/lib/auth/password";
import { can } from "@/lib/auth/permissions";
import type { StaffActor } from "@/lib/auth/session";
import type { Db } from "@/lib/db/client";
import type { StaffUser } from "@/lib/generated/prisma/client";
import { normaliseEmail } from "@/lib/email/normalise-email";

import type { NewStaffUser } from "./schemas";
import { StaffActionError } from "./staff-action-error";
import { staffSnapshot } from "./staff-snapshot";

export { newStaffUserSchema, type NewStaffUser } from "./schemas";

export class StaffUserExistsError extends StaffActionError {
  constructor(email: string) {
    super(`A staff account for ${email} already exists.`, { email: ["A staff account with this email already exists."] });
    this.name = "StaffUserExistsError";
  }
}

/**
 * Creates a staff account. `actor` is the admin doing it (audited); null only for the
 * command-line bootstrap of the first admin, which runs with the database's own authority.
 */
export async function createStaffUser(db: Db, input: NewStaffUser, actor: Pick<StaffActor, "id" | "role"> | null = null, ip: string | null = null): Promise<StaffUser> {
  if (actor && !can(actor.role, "staff.manage")) throw new StaffActionError("Only an admin can add staff.");
  const email = normaliseEmail(input.email);
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    if (await tx.staffUser.findUnique({ where: { email } })) throw new StaffUserExistsError(email);
    const staff = await tx.staffUser.create({ data: { email, name: input.name || null, role: input.role, passwordHash } });
    if (actor) {
      await recordAudit(tx, { actorId: actor.id, action: "staff_user.created", entityType: "staff_user", entityId: staff.id, after: staffSnapshot(staff), ip });
    }
    return staff;
  });
}
