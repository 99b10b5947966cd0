// The Captive Portal API (RFC 8908): a device asks, before or after signing in, whether it is
// still held by the portal, where the portal's page is, and how long its access lasts. The
// device finds this address in DHCP option 114 or IPv6 RA option 37 (RFC 8910; docs/NETWORK.md).
// It is told about itself only: the answer depends on the asking address alone.
import "server-only";

import type { Db } from "@/lib/db/client";

/** RFC 8908 section 5's JSON keys. */
export interface CaptivePortalState {
  captive: boolean;
  "user-portal-url": string;
  "venue-info-url"?: string;
  "seconds-remaining"?: number;
  "can-extend-session"?: boolean;
}

/**
 * The state of the device at `clientIp`, at `venueSlug`: not captive while one of its access
 * sessions there is granted and unexpired. Null: no such venue.
 */
export async function captivePortalState(db: Db, input: { venueSlug: string; clientIp: string | null; origin: string; now?: Date }): Promise<CaptivePortalState | null> {
  const now = input.now ?? new Date();
  const [venue] = await db.$queryRaw<{ id: string }[]>`SELECT id FROM venue WHERE slug = ${input.venueSlug}`;
  if (!venue) return null;
  const portal = new URL(`/p/${encodeURIComponent(input.venueSlug)}`, input.origin).toString();
  // The device asking is the device there: its session's last seen activity moves on (at most
  // once a minute), which is what dwell time falls back to where no gateway reports the end.
  const [session] = input.clientIp
    ? await db.$queryRaw<{ expiresAt: Date }[]>`
        WITH s AS (
          SELECT id, expires_at FROM access_session
          WHERE venue_id = ${venue.id}::uuid AND client_ip = ${input.clientIp} AND status = 'GRANTED'
            AND ended_at IS NULL AND expires_at > ${now}
          ORDER BY expires_at DESC LIMIT 1
        ), seen AS (
          UPDATE access_session a SET last_seen_at = ${now}
          FROM s WHERE a.id = s.id AND (a.last_seen_at IS NULL OR a.last_seen_at < ${now}::timestamptz - interval '1 minute')
        )
        SELECT expires_at AS "expiresAt" FROM s`
    : [];
  if (!session) return { captive: true, "user-portal-url": portal };
  return {
    captive: false,
    "user-portal-url": portal,
    "seconds-remaining": Math.max(0, Math.floor((session.expiresAt.getTime() - now.getTime()) / 1000)),
    // Signing in again starts a new session rather than extending this one.
    "can-extend-session": false,
  };
}
