import type { Actor } from "@/lib/auth/permissions";

/** Who is making a change: enough to authorise it and to sign the audit entry. */
export type CopyActor = Omit<Actor, "ip">;

/** A copy version as the audit log keeps it: its meaningful fields, never binary data. */
export function copySnapshot(copy: { id: string; venueId: string; locale: string; version: number; status: string; fields: unknown }) {
  return { id: copy.id, venueId: copy.venueId, locale: copy.locale, version: copy.version, status: copy.status, fields: copy.fields as object };
}
