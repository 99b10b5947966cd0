import { can } from "@/lib/auth/permissions";
import type { StaffRole } from "@/lib/generated/prisma/enums";
import { StaffActionError } from "@/lib/staff/staff-action-error";

/** Who is changing a venue, and from where (for the audit trail). */
export interface VenueActor {
  id: string;
  role: StaffRole;
  ip?: string | null;
}

/**
 * Pages and actions already require `venues.manage`; the domain checks again so no future
 * caller (an API route, a script) can change venues on a weaker guard.
 */
export function assertMayManageVenues(actor: VenueActor): void {
  if (!can(actor.role, "venues.manage")) {
    throw new StaffActionError("Only admins can change venues, zones, access points and sponsors.");
  }
}
