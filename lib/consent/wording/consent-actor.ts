import { can, type Permission } from "@/lib/auth/permissions";
import type { StaffRole } from "@/lib/generated/prisma/enums";
import { StaffActionError } from "@/lib/staff/staff-action-error";

/** Who is changing consent wording, and from where (for the audit trail). */
export interface ConsentActor {
  id: string;
  role: StaffRole;
  ip?: string | null;
}

const refusals: Record<Extract<Permission, `consent.${string}`>, string> = {
  "consent.draft": "Your role cannot draft consent wording.",
  "consent.review": "Only legal reviewers and admins can approve or reject consent wording.",
  "consent.publish": "Only legal reviewers and admins can publish consent wording.",
};

/**
 * Domain functions check the role themselves as well as the server action: whatever calls
 * them (an action, a script, a future API route), a marketer never approves wording.
 */
export function assertConsentPermission(actor: ConsentActor, permission: keyof typeof refusals): void {
  if (!can(actor.role, permission)) throw new StaffActionError(refusals[permission]);
}
