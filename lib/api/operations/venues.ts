import { venuesFor } from "../access";
import { ApiProblem } from "../problem";
import { defineRoute } from "../route-spec";
import { consentTextListSchema, consentTextsQuery, venueIdParams, venueListSchema, venueSchema } from "../schemas";

type VenueWithZones = {
  id: string;
  slug: string;
  name: string;
  timezone: string;
  defaultLocale: string;
  locales: string[];
  countryCode: string;
  updatedAt: Date;
  zones: { id: string; slug: string; name: string }[];
};

function venueJson(v: VenueWithZones) {
  return {
    id: v.id,
    slug: v.slug,
    name: v.name,
    timezone: v.timezone,
    default_locale: v.defaultLocale,
    locales: v.locales,
    country_code: v.countryCode,
    zones: v.zones.map((z) => ({ id: z.id, slug: z.slug, name: z.name })),
    updated_at: v.updatedAt.toISOString(),
  };
}

const zones = { select: { id: true, slug: true, name: true }, orderBy: [{ slug: "asc" as const }] };

export const listVenues = defineRoute({
  operationId: "listVenues",
  method: "GET",
  path: "/venues",
  tag: "Venues",
  summary: "The venues this key reaches, with their zones",
  scopes: "any",
  responses: { 200: { description: "Venues", schema: venueListSchema } },
  async handler({ db, principal }) {
    const venues = venuesFor(principal);
    const rows = await db.venue.findMany({ where: venues ? { id: { in: venues } } : {}, include: { zones }, orderBy: [{ slug: "asc" }] });
    return { status: 200, body: { data: rows.map(venueJson) } };
  },
});

export const getVenue = defineRoute({
  operationId: "getVenue",
  method: "GET",
  path: "/venues/{venueId}",
  tag: "Venues",
  summary: "One venue, with its zones",
  scopes: "any",
  params: venueIdParams,
  responses: { 200: { description: "The venue", schema: venueSchema }, 404: { description: "No such venue" } },
  async handler({ db, principal, params }) {
    venuesFor(principal, params.venueId);
    const venue = await db.venue.findUnique({ where: { id: params.venueId }, include: { zones } });
    if (!venue) throw new ApiProblem("notFound", "No such venue.");
    return { status: 200, body: venueJson(venue) };
  },
});

export const listConsentTexts = defineRoute({
  operationId: "listConsentTexts",
  method: "GET",
  path: "/consent-texts",
  tag: "Venues",
  summary: "Consent wording guests were shown: published and retired versions",
  description: "Drafts and wording under review never leave Portico. Each version's sha256 is what consent records point at.",
  scopes: "any",
  query: consentTextsQuery,
  responses: { 200: { description: "Wording versions", schema: consentTextListSchema } },
  async handler({ db, principal, query }) {
    const venues = venuesFor(principal, query.venue_id);
    const texts = await db.consentText.findMany({
      where: { OR: [{ status: "PUBLISHED" }, { status: "RETIRED", publishedAt: { not: null } }], ...(venues ? { purpose: { venueId: { in: venues } } } : {}) },
      include: { purpose: true },
      orderBy: [{ purpose: { venueId: "asc" } }, { purpose: { position: "asc" } }, { locale: "asc" }, { version: "asc" }],
    });
    return {
      status: 200,
      body: {
        data: texts.map((t) => ({
          id: t.id,
          purpose: { id: t.purpose.id, key: t.purpose.key, kind: t.purpose.kind, venue_id: t.purpose.venueId },
          locale: t.locale,
          version: t.version,
          body: t.body,
          sha256: t.sha256,
          status: t.status as "PUBLISHED" | "RETIRED",
          published_at: t.publishedAt?.toISOString() ?? null,
          retired_at: t.retiredAt?.toISOString() ?? null,
        })),
      },
    };
  },
});
