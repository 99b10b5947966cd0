import type { DbTx } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";

/** The event log's vocabulary. Add a type here before writing it anywhere (BI exports write one file per type). */
export const eventTypes = [
  "journey.identified",
  "guest.created",
  "guest.returned",
  "visit.started",
  "consent.recorded",
  "access.granted",
  "access.pending",
  "access.denied",
  "access.ended",
  // Guest self-service (docs/RIGHTS.md): a link mailed, a consent withdrawn, the data downloaded.
  "rights.link_sent",
  "consent.withdrawn",
  "rights.export_downloaded",
  /** Staff corrected a guest's details on a rectification request; payload names the fields, never their values. */
  "guest.rectified",
  /** A guest signed in with the venue website's account (lib/saml/sp); the journey is identified. */
  "saml.login_succeeded",
  /** The website's answer was refused; payload.reason is a code (lib/saml/sp/classify-failure.ts), never the assertion. */
  "saml.login_failed",
  "saml.assertion_issued",
  "saml.assertion_refused",
  /** A guest opened a journey with an access code (lib/vouchers); payload names the batch and code ids, never the code. */
  "voucher.redeemed",
  /** A code was refused; payload.reason (notFound, revoked, expired, usedUp, rateLimited), never the code typed. */
  "voucher.refused",
] as const;
export type EventType = (typeof eventTypes)[number];

export interface NewEvent {
  type: EventType;
  venueId?: string | null;
  zoneId?: string | null;
  guestId?: string | null;
  deviceId?: string | null;
  journeyId?: string | null;
  occurredAt?: Date;
  payload?: Prisma.InputJsonObject;
}

/** Appends to the event log inside the caller's transaction, so an event exists only if what it describes does. */
export async function recordEvents(tx: DbTx, events: NewEvent[]): Promise<void> {
  await tx.event.createMany({ data: events.map((e) => ({ ...e, payload: e.payload ?? {} })) });
}
