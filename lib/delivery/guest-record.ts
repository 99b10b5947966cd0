import type { DeviceType } from "@/lib/generated/prisma/enums";

/** One consent decision as a recipient sees it: what was asked, the answer, the exact words. */
export interface ConsentFlag {
  /** The purpose's stable key: "marketing", "sponsor:<slug>". */
  purpose: string;
  granted: boolean;
  /** The wording version the guest answered. */
  wording: { locale: string; version: number; sha256: string };
  /** ISO 8601. */
  recordedAt: string;
}

/**
 * A guest as one recipient may receive them: the consent gate (lib/delivery/consent-gate.ts)
 * has already removed every field the recipient's purpose does not cover, so a connector sends
 * what it is given and never reads the database. Optional fields are absent, not null, when
 * withheld or unknown.
 */
export interface GuestRecord {
  guestId: string;
  email: string;
  /** As the guest gave it (Portico has one name field). */
  name?: string;
  /** E.164. */
  phone?: string;
  /** BCP 47 tag of the portal language the guest used. */
  locale?: string;
  deviceType?: DeviceType;
  os?: string;
  /** ISO 8601: when this visit connected. */
  connectedAt: string;
  /** Minutes online, once the gateway reported the visit's end. */
  dwellMinutes?: number;
  /** Visits so far (the venue's own tools only). */
  visitCount?: number;
  venue: { slug: string; name: string };
  zone?: { slug: string; name: string };
  /** Only the decisions for purposes this recipient may know about. */
  consents: ConsentFlag[];
}

/** The canonical field names connectors map onto vendor properties. */
export const guestRecordFields = ["email", "name", "phone", "locale", "deviceType", "os", "connectedAt", "dwellMinutes", "visitCount", "venue", "zone", "consents"] as const;
export type GuestRecordField = (typeof guestRecordFields)[number];
