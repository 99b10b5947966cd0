import "server-only";

import { assertPermission } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db/client";
import type { ConsentMethod, ConsentPurposeKind, ConsentTextStatus, DeviceType, StaffRole } from "@/lib/generated/prisma/enums";

import { guestIdSchema } from "./schemas";

export interface GuestDevice {
  id: string;
  deviceType: DeviceType;
  osFamily: string | null;
  osVersion: string | null;
  browser: string | null;
  language: string | null;
  macAddress: string | null;
  macRandomized: boolean;
  firstSeenAt: Date;
  lastSeenAt: Date;
}

/** One consent decision with the exact wording version the guest was shown. */
export interface ConsentHistoryEntry {
  id: string;
  granted: boolean;
  /** What the decision was: a ticked box, an unticked one, or a later withdrawal. */
  decision: "granted" | "declined" | "withdrawn";
  method: ConsentMethod;
  recordedAt: Date;
  ip: string | null;
  userAgent: string | null;
  purpose: { id: string; key: string; kind: ConsentPurposeKind; sponsorName: string | null };
  venue: { name: string; timezone: string };
  wording: { id: string; body: string; locale: string; version: number; sha256: string; status: ConsentTextStatus };
}

export interface GuestProfile {
  id: string;
  email: string | null;
  emailNormalized: string | null;
  name: string | null;
  phone: string | null;
  birthday: Date | null;
  locale: string | null;
  firstSeenAt: Date;
  lastSeenAt: Date;
  visitCount: number;
  erasedAt: Date | null;
  /** Namespaced by the system that wrote it: `{ "portal": { … }, "crm": { … } }`. */
  visitorData: Record<string, unknown>;
  devices: GuestDevice[];
  /** Every consent record, newest first. */
  consentHistory: ConsentHistoryEntry[];
}

/**
 * Everything staff may see about one guest, read-only: identity, devices and the complete
 * consent history (it is the legal record, so it is never cut short). Visits and events
 * grow without bound and are paginated separately (`guest-activity.ts`). Null when the id
 * is malformed or names no guest.
 */
export async function getGuestProfile(db: Db, actor: { role: StaffRole }, guestId: string): Promise<GuestProfile | null> {
  assertPermission(actor, "guests.view");
  if (!guestIdSchema.safeParse(guestId).success) return null;
  const guest = await db.guest.findUnique({
    where: { id: guestId },
    include: {
      devices: { orderBy: [{ lastSeenAt: "desc" }, { id: "desc" }] },
      consentRecords: {
        orderBy: [{ recordedAt: "desc" }, { id: "desc" }],
        include: {
          consentText: true,
          purpose: { include: { sponsor: { select: { name: true } }, venue: { select: { name: true, timezone: true } } } },
        },
      },
    },
  });
  if (!guest) return null;

  return {
    id: guest.id,
    email: guest.email,
    emailNormalized: guest.emailNormalized,
    name: guest.name,
    phone: guest.phone,
    birthday: guest.birthday,
    locale: guest.locale,
    firstSeenAt: guest.firstSeenAt,
    lastSeenAt: guest.lastSeenAt,
    visitCount: guest.visitCount,
    erasedAt: guest.erasedAt,
    visitorData: isPlainObject(guest.visitorData) ? guest.visitorData : {},
    devices: guest.devices.map((d) => ({
      id: d.id,
      deviceType: d.deviceType,
      osFamily: d.osFamily,
      osVersion: d.osVersion,
      browser: d.browser,
      language: d.language,
      macAddress: d.macAddress,
      macRandomized: d.macRandomized,
      firstSeenAt: d.firstSeenAt,
      lastSeenAt: d.lastSeenAt,
    })),
    consentHistory: guest.consentRecords.map((r) => ({
      id: r.id.toString(),
      granted: r.granted,
      decision: r.granted ? "granted" : r.method === "WITHDRAWAL" ? "withdrawn" : "declined",
      method: r.method,
      recordedAt: r.recordedAt,
      ip: r.ip,
      userAgent: r.userAgent,
      purpose: { id: r.purpose.id, key: r.purpose.key, kind: r.purpose.kind, sponsorName: r.purpose.sponsor?.name ?? null },
      venue: r.purpose.venue,
      wording: {
        id: r.consentText.id,
        body: r.consentText.body,
        locale: r.consentText.locale,
        version: r.consentText.version,
        sha256: r.consentText.sha256,
        status: r.consentText.status,
      },
    })),
  };
}

/**
 * Where each purpose stands now: the latest decision per purpose (each belongs to one
 * venue). The history is newest first, so the first entry for a purpose is its current one.
 */
export function currentConsents(history: ConsentHistoryEntry[]): ConsentHistoryEntry[] {
  const seen = new Set<string>();
  const current: ConsentHistoryEntry[] = [];
  for (const entry of history) {
    if (seen.has(entry.purpose.id)) continue;
    seen.add(entry.purpose.id);
    current.push(entry);
  }
  return current;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
