// The API's shapes, one zod schema each: the handlers validate with them and the OpenAPI
// document is generated from them (lib/api/openapi.ts). Field names are snake_case JSON;
// times are RFC 3339 in UTC; ids are UUIDs, except events' (a bigint, as a string).
import { z } from "zod";

import { namespacePattern } from "@/lib/guests/visitor-data";

const id = z.uuid();
const time = z.iso.datetime().describe("RFC 3339 date-time in UTC");
const nullableText = z.string().nullable();

export const pageLimit = z.coerce.number().int().min(1).max(1000).default(100).describe("Items per page (1–1000, default 100)");

/** A list's envelope: the items, and where to continue. */
export function pageOf<Item extends z.ZodType>(item: Item, cursorNote: string) {
  return z.object({
    data: z.array(item),
    next_cursor: z.string().nullable().describe(cursorNote),
    has_more: z.boolean().describe("Whether another page is ready now"),
  });
}

export const guestSchema = z
  .object({
    id,
    erased: z.literal(false),
    email: nullableText,
    name: nullableText,
    phone: nullableText.describe("E.164"),
    birthday: z.iso.date().nullable(),
    locale: nullableText,
    first_seen_at: time,
    last_seen_at: time,
    visit_count: z.number().int(),
    consent: z
      .array(
        z.object({
          venue_id: id,
          purpose: z.string().describe('"marketing" or "sponsor:<slug>"'),
          granted: z.boolean().describe("Whether the guest's latest decision for this purpose is yes: what connectors and exports go by"),
          decided_at: time,
        }),
      )
      .describe("The guest's current consent for each optional purpose of the venues this key reaches (terms of use are not a consent to anything)"),
    updated_at: time,
  })
  .describe("A guest");

export const erasedGuestSchema = z
  .object({ id, erased: z.literal(true), updated_at: time })
  .describe("A guest whose personal data was erased: only the anonymous id remains");

export const guestOrErasedSchema = z.discriminatedUnion("erased", [guestSchema, erasedGuestSchema]);

export const guestPageSchema = pageOf(
  guestOrErasedSchema,
  "Pass as `cursor` to continue; present even on the last page, so the next sync starts where this one ended",
);

export const guestIdParams = z.object({ guestId: id });

export const guestsQuery = z.object({
  limit: pageLimit,
  cursor: z.string().max(200).optional().describe("`next_cursor` of the previous page"),
  updated_since: time.optional().describe("Only guests changed at or after this time (first sync); the cursor takes over after"),
});

export const guestByEmailQuery = z.object({ email: z.string().trim().min(3).max(320).describe("Matched after trimming and lower-casing") });

const wordingSchema = z.object({
  id,
  locale: z.string(),
  version: z.number().int(),
  sha256: z.string().length(64).describe("Hex SHA-256 of the exact wording shown"),
});

const purposeSchema = z.object({
  id,
  key: z.string().describe('"terms", "marketing" or "sponsor:<slug>"'),
  kind: z.enum(["TERMS", "MARKETING", "SPONSOR"]),
  venue_id: id,
});

export const consentDecisionSchema = z.object({
  id: z.string().describe("The consent record's id (bigint)"),
  purpose: purposeSchema,
  granted: z.boolean(),
  decision: z.enum(["granted", "declined", "withdrawn"]),
  method: z.string(),
  recorded_at: time,
  wording: wordingSchema,
});

export const guestConsentsSchema = z.object({
  guest_id: id,
  current: z.array(consentDecisionSchema).describe("The latest decision per purpose"),
  history: z.array(consentDecisionSchema).describe("Every decision, newest first"),
});

export const visitSchema = z.object({
  id,
  guest_id: id,
  venue_id: id,
  zone_id: id.nullable(),
  device_id: id,
  access_point_mac: nullableText,
  login_method: z.string(),
  connected_at: time,
  ended_at: time.nullable(),
  dwell_seconds: z.number().int().nullable(),
});

export const visitPageSchema = pageOf(visitSchema, "Pass as `cursor` for older visits; null on the last page");
export const visitsQuery = z.object({ limit: pageLimit, cursor: z.string().max(200).optional().describe("`next_cursor` of the previous page") });

export const eventSchema = z.object({
  id: z.string().regex(/^\d+$/).describe("The event's bigint id, as a string"),
  type: z.string(),
  occurred_at: time,
  venue_id: id.nullable(),
  zone_id: id.nullable(),
  guest_id: id.nullable(),
  device_id: id.nullable(),
  payload: z.record(z.string(), z.unknown()),
});

export const eventPageSchema = pageOf(
  eventSchema,
  "The id of the last event returned (or the `after` given, when none were): pass as `after` to continue; never null",
);

export const eventsQuery = z.object({
  limit: pageLimit,
  after: z.string().regex(/^\d{1,19}$/, "An event id").optional().describe("Continue after this event id (`next_cursor`)"),
  type: z
    .string()
    .max(400)
    .optional()
    .transform((value) => (value ? value.split(",").map((t) => t.trim()).filter(Boolean) : undefined))
    .describe("Comma-separated event types"),
  venue_id: id.optional(),
  guest_id: id.optional(),
  from: time.optional().describe("occurred_at at or after"),
  to: time.optional().describe("occurred_at before"),
});

const day = z.iso.date();

export const eventCountsQuery = z
  .object({
    from: day.describe("First day (in each venue's time zone)"),
    to: day.describe("Last day, included; at most 366 days after `from`"),
    venue_id: id.optional(),
    type: eventsQuery.shape.type,
  })
  .refine((q) => q.from <= q.to, { message: "`to` must not be before `from`", path: ["to"] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 366 * 86_400_000, { message: "At most 366 days at a time", path: ["to"] });

export const eventCountsSchema = z.object({
  data: z.array(z.object({ day, venue_id: id, type: z.string(), count: z.number().int() })),
});

export const zoneSchema = z.object({ id, slug: z.string(), name: z.string() });
export const venueSchema = z.object({
  id,
  slug: z.string(),
  name: z.string(),
  timezone: z.string(),
  default_locale: z.string(),
  locales: z.array(z.string()),
  country_code: z.string(),
  zones: z.array(zoneSchema),
  updated_at: time,
});
export const venueListSchema = z.object({ data: z.array(venueSchema) });
export const venueIdParams = z.object({ venueId: id });

export const consentTextSchema = z.object({
  id,
  purpose: purposeSchema,
  locale: z.string(),
  version: z.number().int(),
  body: z.string(),
  sha256: z.string().length(64),
  status: z.enum(["PUBLISHED", "RETIRED"]),
  published_at: time.nullable(),
  retired_at: time.nullable(),
});
export const consentTextListSchema = z.object({ data: z.array(consentTextSchema) });
export const consentTextsQuery = z.object({ venue_id: id.optional() });

/** One namespace's data: any JSON object (limits: docs/API.md). */
const namespaceName = z.string().regex(namespacePattern, "A namespace name: lower-case letters, digits, - and _, starting with a letter");
const namespaceData = z.record(z.string(), z.json());

export const visitorDataSchema = z
  .record(namespaceName, namespaceData)
  .describe("Namespaced visitor data: { \"<namespace>\": { … } }; only the namespaces this key can see");

export const visitorDataPatchSchema = z
  .record(namespaceName, z.union([namespaceData, z.null()]))
  .describe("RFC 7396 JSON merge patch over the namespaced object; null removes");

const exportDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "YYYY-MM-DD");
export const exportsQuery = z.object({
  venue_id: id.optional().describe("Only this venue (a venue-scoped key may name only its own)"),
  from: exportDay.optional().describe("First day, inclusive (YYYY-MM-DD)"),
  to: exportDay.optional().describe("Last day, inclusive (YYYY-MM-DD)"),
});
const signedLink = { url: z.string().describe("Signed download link"), url_expires_at: time };
export const exportListSchema = z.object({
  data: z.array(
    z.object({
      venue_id: id,
      day: exportDay,
      finished_at: time.nullable(),
      manifest: z.object(signedLink),
      files: z.array(
        z.object({
          name: z.string(),
          dataset: z.string().describe("events.<type>, guests, list.<purpose>"),
          format: z.enum(["csv", "ndjson"]),
          rows: z.number().int(),
          bytes: z.number().int(),
          sha256: z.string().regex(/^[0-9a-f]{64}$/),
          ...signedLink,
        }),
      ),
    }),
  ),
});
