// A guest's visits and events: lists that grow with every connection, paginated by keyset.
import "server-only";

import { assertPermission } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db/client";
import type { DeviceType, LoginMethod, StaffRole } from "@/lib/generated/prisma/enums";
import { keysetQuery, toPage, type KeysetPage, type PageRequest } from "@/lib/pagination/keyset-cursor";

export interface GuestVisit {
  id: string;
  venue: { name: string; timezone: string };
  zoneName: string | null;
  accessPointMac: string | null;
  loginMethod: LoginMethod;
  device: { deviceType: DeviceType; osFamily: string | null; browser: string | null };
  connectedAt: Date;
  endedAt: Date | null;
  /** Null until the gateway reports the session's end. */
  dwellSeconds: number | null;
  /** The device's network access for this visit (lib/network), if a grant was recorded. */
  access: GuestVisitAccess | null;
}

export interface GuestVisitAccess {
  sessionId: string;
  status: "PENDING" | "GRANTED" | "DENIED" | "ENDED";
  gatewayName: string | null;
  expiresAt: Date | null;
  endedAt: Date | null;
  endReason: string | null;
  bytesIn: bigint;
  bytesOut: bigint;
}

export interface GuestEvent {
  id: string;
  type: string;
  occurredAt: Date;
  venue: { name: string; timezone: string } | null;
  zoneName: string | null;
  payload: unknown;
}

export async function listGuestVisits(db: Db, actor: { role: StaffRole }, guestId: string, page: PageRequest): Promise<KeysetPage<GuestVisit>> {
  assertPermission(actor, "guests.view");
  const { order, bound } = keysetQuery(page);
  const rows = await db.visit.findMany({
    where: {
      guestId,
      ...(bound
        ? { OR: [{ connectedAt: { [bound.op]: bound.cursor.at } }, { connectedAt: bound.cursor.at, id: { [bound.op]: bound.cursor.id } }] }
        : {}),
    },
    orderBy: [{ connectedAt: order }, { id: order }],
    take: page.size + 1,
    include: {
      venue: { select: { name: true, timezone: true } },
      zone: { select: { name: true } },
      device: { select: { deviceType: true, osFamily: true, browser: true } },
      accessSessions: {
        orderBy: { createdAt: "desc" },
        take: 1,
        select: { id: true, status: true, expiresAt: true, endedAt: true, endReason: true, bytesIn: true, bytesOut: true, gateway: { select: { name: true } } },
      },
    },
  });
  const result = toPage(rows, page, (v) => ({ at: v.connectedAt, id: v.id }));
  return {
    ...result,
    items: result.items.map((v) => ({
      id: v.id,
      venue: v.venue,
      zoneName: v.zone?.name ?? null,
      accessPointMac: v.accessPointMac,
      loginMethod: v.loginMethod,
      device: v.device,
      connectedAt: v.connectedAt,
      endedAt: v.endedAt,
      dwellSeconds: v.dwellSeconds,
      access: v.accessSessions[0]
        ? {
            sessionId: v.accessSessions[0].id,
            status: v.accessSessions[0].status,
            gatewayName: v.accessSessions[0].gateway?.name ?? null,
            expiresAt: v.accessSessions[0].expiresAt,
            endedAt: v.accessSessions[0].endedAt,
            endReason: v.accessSessions[0].endReason,
            bytesIn: v.accessSessions[0].bytesIn,
            bytesOut: v.accessSessions[0].bytesOut,
          }
        : null,
    })),
  };
}

/** The guest's events, including those of their journeys from before they were identified. */
export async function listGuestEvents(db: Db, actor: { role: StaffRole }, guestId: string, page: PageRequest): Promise<KeysetPage<GuestEvent>> {
  assertPermission(actor, "guests.view");
  const { order, bound } = keysetQuery(page);
  // A journey's first events are written before anyone knows who the guest is; they belong
  // to the guest once the journey completes, so they are part of the guest's timeline.
  const journeys = await db.journey.findMany({ where: { guestId }, select: { id: true } });
  const rows = await db.event.findMany({
    where: {
      AND: [
        { OR: [{ guestId }, { journeyId: { in: journeys.map((j) => j.id) } }] },
        bound
          ? {
              OR: [
                { occurredAt: { [bound.op]: bound.cursor.at } },
                { occurredAt: bound.cursor.at, id: { [bound.op]: BigInt(bound.cursor.id) } },
              ],
            }
          : {},
      ],
    },
    orderBy: [{ occurredAt: order }, { id: order }],
    take: page.size + 1,
    include: { venue: { select: { name: true, timezone: true } }, zone: { select: { name: true } } },
  });
  const result = toPage(rows, page, (e) => ({ at: e.occurredAt, id: e.id.toString() }));
  return {
    ...result,
    items: result.items.map((e) => ({
      id: e.id.toString(),
      type: e.type,
      occurredAt: e.occurredAt,
      venue: e.venue,
      zoneName: e.zone?.name ?? null,
      payload: e.payload,
    })),
  };
}
