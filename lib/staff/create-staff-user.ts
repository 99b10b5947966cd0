import { z } from "zod";

import { hashPassword, minimumPasswordLength } from "@/lib/auth/password";
import { staffRoles } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db/client";
import type { StaffUser } from "@/lib/generated/prisma/client";
import { normaliseEmail } from "@/lib/guests/normalise";

export const newStaffUserSchema = z.object({
  email: z.string().trim().max(254).pipe(z.email({ message: "Enter a valid email address." })),
  name: z.string().trim().max(200).optional(),
  role: z.enum(staffRoles as ["ADMIN", "MARKETER", "LEGAL"], { message: "Role must be ADMIN, MARKETER or LEGAL." }),
  password: z.string().min(minimumPasswordLength, `Use at least ${minimumPasswordLength} characters.`).max(1024),
});

export type NewStaffUser = z.infer<typeof newStaffUserSchema>;

export class StaffUserExistsError extends Error {
  constructor(email: string) {
    super(`A staff account for ${email} already exists.`);
    this.name = "StaffUserExistsError";
  }
}

export async function createStaffUser(db: Db, input: NewStaffUser, actorId: string | null = null): Promise<StaffUser> {
  const email = normaliseEmail(input.email);
  if (await db.staffUser.findUnique({ where: { email } })) throw new StaffUserExistsError(email);
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    const staff = await tx.staffUser.create({ data: { email, name: input.name || null, role: input.role, passwordHash } });
    if (actorId) {
      await tx.auditEntry.create({
        data: { actorId, action: "staff.create", entityType: "staff_user", entityId: staff.id, after: { email, role: input.role } },
      });
    }
    return staff;
  });
}
