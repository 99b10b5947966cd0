import { DomainError } from "@/lib/errors";
import type { StaffRole } from "@/lib/generated/prisma/enums";

/**
 * Who may do what in the staff area. The one place roles are interpreted: pages, server
 * actions and routes all ask `can()`, so hiding a button is never the only guard.
 */
export const permissionRoles = {
  "venues.manage": ["ADMIN"],
  "copy.edit": ["ADMIN", "MARKETER"],
  "copy.publish": ["ADMIN", "MARKETER"],
  "consent.draft": ["ADMIN", "MARKETER", "LEGAL"],
  "consent.review": ["ADMIN", "LEGAL"],
  "consent.publish": ["ADMIN", "LEGAL"],
  "guests.view": ["ADMIN", "MARKETER", "LEGAL"],
  "guests.erase": ["ADMIN", "LEGAL"],
  "audit.view": ["ADMIN"],
  "connectors.manage": ["ADMIN"],
  "gateways.manage": ["ADMIN"],
  "delivery.view": ["ADMIN"],
  "exports.read": ["ADMIN", "MARKETER"],
  "exports.run": ["ADMIN"],
  "staff.manage": ["ADMIN"],
  "apiKeys.manage": ["ADMIN"],
  "processing.view": ["ADMIN", "LEGAL"],
  "requests.manage": ["ADMIN", "LEGAL"],
  "retention.manage": ["ADMIN"],
  "analytics.view": ["ADMIN", "MARKETER", "LEGAL"],
  "samlIdp.manage": ["ADMIN"],
  /** Voucher batches: create, print once, revoke; and the venue's "I have an access code" switch. */
  "vouchers.manage": ["ADMIN", "FRONT_DESK"],
} as const satisfies Record<string, readonly StaffRole[]>;

export type Permission = keyof typeof permissionRoles;

export function can(role: StaffRole, permission: Permission): boolean {
  return (permissionRoles[permission] as readonly StaffRole[]).includes(role);
}

export const staffRoles: readonly StaffRole[] = ["ADMIN", "MARKETER", "LEGAL", "FRONT_DESK"];

/** Whoever a domain function acts for: enough to authorise the change and sign its audit entry. */
export interface Actor {
  id: string;
  role: StaffRole;
  /** Where the request came from, for the audit trail. */
  ip?: string | null;
}

/**
 * Defence in depth: pages and actions already check the permission, and every domain function
 * checks it again, so no future caller (an API route, a script) changes anything on a weaker
 * guard. Refuses with `notPermitted`.
 */
export function assertPermission(actor: Pick<Actor, "role">, permission: Permission): void {
  if (!can(actor.role, permission)) throw new DomainError("notPermitted", { params: { permission, role: actor.role } });
}

/**
 * Whether moving from one role to another takes away anything the first could do. Such a
 * change ends the person's sessions, like a password change.
 */
export function losesPermissions(from: StaffRole, to: StaffRole): boolean {
  return (Object.keys(permissionRoles) as Permission[]).some((permission) => can(from, permission) && !can(to, permission));
}
