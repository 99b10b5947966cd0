import type { StaffUser } from "@/lib/generated/prisma/client";

/** What the audit trail keeps of a staff account: never the password hash. */
export function staffSnapshot(staff: StaffUser) {
  return { email: staff.email, name: staff.name, role: staff.role, disabled: staff.disabledAt !== null };
}
