import { can } from "@/lib/auth/permissions";
import type { StaffRole } from "@/lib/generated/prisma/enums";
import { StaffActionError } from "@/lib/staff/staff-action-error";

/** The guest queries check the role themselves too: a page forgetting its guard leaks nothing. */
export function assertCanViewGuests(actor: { role: StaffRole }): void {
  if (!can(actor.role, "guests.view")) throw new StaffActionError("Your staff role does not include viewing guests.");
}
