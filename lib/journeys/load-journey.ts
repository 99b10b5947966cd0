import type { DbTx } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";
import type { Journey, Venue } from "@/lib/generated/prisma/client";

import { journeyTokenSchema } from "./schemas";

export type JourneyWithVenue = Journey & { venue: Venue };

type Row = Journey & { [K in keyof Venue as `venue_${K}`]: Venue[K] };

/**
 * The journey behind a token, checked against the venue in the URL. An expired journey is
 * refused unless it already completed (its success page stays reachable). One query for both
 * rows (Prisma's include would take two): every guest page after the login starts here.
 */
export async function loadJourney(db: DbTx, venueSlug: string, token: unknown, now = new Date()): Promise<JourneyWithVenue> {
  const parsed = journeyTokenSchema.safeParse(token);
  const rows = parsed.success
    ? await db.$queryRaw<Row[]>`
        SELECT j.id, j.token, j.venue_id AS "venueId", j.status::text AS status, j.locale, j.login_method::text AS "loginMethod",
               j.identity, j.client_mac AS "clientMac", j.client_ip AS "clientIp", j.ap_mac AS "apMac", j.zone_slug AS "zoneSlug",
               j.original_url AS "originalUrl", j.gateway_params AS "gatewayParams", j.gateway_id AS "gatewayId", j.ip, j.user_agent AS "userAgent",
               j.guest_id AS "guestId", j.created_at AS "createdAt", j.expires_at AS "expiresAt", j.identified_at AS "identifiedAt",
               j.completed_at AS "completedAt", j.purged_at AS "purgedAt",
               v.id AS "venue_id", v.slug AS "venue_slug", v.name AS "venue_name", v.timezone AS "venue_timezone",
               v.default_locale AS "venue_defaultLocale", v.locales AS "venue_locales", v.country_code AS "venue_countryCode",
               v.content_version AS "venue_contentVersion", v.vouchers_enabled AS "venue_vouchersEnabled", v.created_at AS "venue_createdAt", v.updated_at AS "venue_updatedAt"
        FROM journey j JOIN venue v ON v.id = j.venue_id
        WHERE j.token = ${parsed.data}`
    : [];
  const row = rows[0];
  if (!row || row.venue_slug !== venueSlug) throw new DomainError("journeyNotFound");
  const journey: JourneyWithVenue = {
    id: row.id,
    token: row.token,
    venueId: row.venueId,
    status: row.status,
    locale: row.locale,
    loginMethod: row.loginMethod,
    identity: row.identity,
    clientMac: row.clientMac,
    clientIp: row.clientIp,
    apMac: row.apMac,
    zoneSlug: row.zoneSlug,
    originalUrl: row.originalUrl,
    gatewayParams: row.gatewayParams,
    gatewayId: row.gatewayId,
    ip: row.ip,
    userAgent: row.userAgent,
    guestId: row.guestId,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    identifiedAt: row.identifiedAt,
    completedAt: row.completedAt,
    purgedAt: row.purgedAt,
    venue: {
      id: row.venue_id,
      slug: row.venue_slug,
      name: row.venue_name,
      timezone: row.venue_timezone,
      defaultLocale: row.venue_defaultLocale,
      locales: row.venue_locales,
      countryCode: row.venue_countryCode,
      contentVersion: row.venue_contentVersion,
      vouchersEnabled: row.venue_vouchersEnabled,
      createdAt: row.venue_createdAt,
      updatedAt: row.venue_updatedAt,
    },
  };
  if (journey.status !== "COMPLETED" && journey.expiresAt <= now) throw new DomainError("journeyExpired");
  return journey;
}
