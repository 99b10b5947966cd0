import { can, type Permission } from "@/lib/auth/permissions";
import type { StaffRole } from "@/lib/generated/prisma/enums";
import { StaffActionError } from "@/lib/staff/staff-action-error";

/** Who is making a change: enough to authorise it and to sign the audit entry. */
export interface CopyActor {
  id: string;
  role: StaffRole;
}

/** Defence in depth: the domain refuses a role the page or action should already have stopped. */
export function assertCopyPermission(actor: CopyActor, permission: Permission): void {
  if (!can(actor.role, permission)) {
    throw new StaffActionError(`Your role (${actor.role}) cannot ${permission === "copy.publish" ? "publish" : "edit"} portal copy.`);
  }
}

/** A copy version as the audit log keeps it: its meaningful fields, never binary data. */
export function copySnapshot(copy: { id: string; venueId: string; locale: string; version: number; status: string; fields: unknown }) {
  return { id: copy.id, venueId: copy.venueId, locale: copy.locale, version: copy.version, status: copy.status, fields: copy.fields as object };
}
