import { Prisma } from "@/lib/generated/prisma/client";

import { changeHorizon, venuesFor } from "../access";
import { ApiProblem } from "../problem";
import { defineRoute } from "../route-spec";
import { eventCountsQuery, eventCountsSchema, eventPageSchema, eventsQuery } from "../schemas";

type EventRow = {
  id: bigint;
  type: string;
  occurred_at: Date;
  venue_id: string | null;
  zone_id: string | null;
  guest_id: string | null;
  device_id: string | null;
  payload: Record<string, unknown>;
};

export const listEvents = defineRoute({
  operationId: "listEvents",
  method: "GET",
  path: "/events",
  tag: "Events",
  summary: "The event log, as a feed",
  description:
    "Events in the order their transactions became safe to read (by writing transaction, then id — almost always id order). An event is served only once no transaction that started before it can still commit, so a page never skips an event that commits late, and following `next_cursor` never repeats one. Venue-scoped keys see only their venue's events.",
  scopes: ["events:read"],
  query: eventsQuery,
  responses: { 200: { description: "A page of events", schema: eventPageSchema } },
  async handler({ db, principal, query }) {
    const venues = venuesFor(principal, query.venue_id);
    let start = { tx: "0", id: "0" };
    if (query.after) {
      const [row] = await db.$queryRaw<{ tx_id: bigint }[]>`SELECT tx_id FROM event WHERE id = ${query.after}::bigint`;
      if (!row) throw new ApiProblem("invalidRequest", "No event has that id.", { errors: [{ in: "query", pointer: "after", detail: "Unknown event id" }] });
      start = { tx: row.tx_id.toString(), id: query.after };
    }
    const filters = [
      venues ? Prisma.sql`AND e.venue_id = ANY(${venues}::uuid[])` : Prisma.empty,
      query.type ? Prisma.sql`AND e.type = ANY(${query.type}::text[])` : Prisma.empty,
      query.guest_id ? Prisma.sql`AND e.guest_id = ${query.guest_id}::uuid` : Prisma.empty,
      query.from ? Prisma.sql`AND e.occurred_at >= ${new Date(query.from)}` : Prisma.empty,
      query.to ? Prisma.sql`AND e.occurred_at < ${new Date(query.to)}` : Prisma.empty,
    ];
    const rows = await db.$queryRaw<EventRow[]>`
      SELECT e.id, e.type, e.occurred_at, e.venue_id, e.zone_id, e.guest_id, e.device_id, e.payload
      FROM event e
      WHERE e.tx_id < ${changeHorizon}
        AND (e.tx_id, e.id) > (${start.tx}::bigint, ${start.id}::bigint)
        ${Prisma.join(filters, " ")}
      ORDER BY e.tx_id, e.id
      LIMIT ${query.limit + 1}`;
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      status: 200,
      body: {
        data: page.map((e) => ({
          id: e.id.toString(),
          type: e.type,
          occurred_at: e.occurred_at.toISOString(),
          venue_id: e.venue_id,
          zone_id: e.zone_id,
          guest_id: e.guest_id,
          device_id: e.device_id,
          payload: e.payload ?? {},
        })),
        next_cursor: last ? last.id.toString() : (query.after ?? null),
        has_more: rows.length > query.limit,
      },
    };
  },
});

export const countEvents = defineRoute({
  operationId: "countEvents",
  method: "GET",
  path: "/events/counts",
  tag: "Events",
  summary: "Events per type, venue and day",
  description: "Days are calendar days in each venue's own time zone. Events without a venue are not counted.",
  scopes: ["events:read"],
  query: eventCountsQuery,
  responses: { 200: { description: "Counts, by day, venue and type", schema: eventCountsSchema } },
  async handler({ db, principal, query }) {
    const venues = venuesFor(principal, query.venue_id);
    // A day of slack either side of the UTC range lets the occurred_at index narrow the scan.
    const lower = new Date(Date.parse(query.from) - 86_400_000);
    const upper = new Date(Date.parse(query.to) + 2 * 86_400_000);
    const rows = await db.$queryRaw<{ day: Date; venue_id: string; type: string; count: bigint }[]>`
      SELECT (e.occurred_at AT TIME ZONE v.timezone)::date AS day, e.venue_id, e.type, count(*) AS count
      FROM event e JOIN venue v ON v.id = e.venue_id
      WHERE e.occurred_at >= ${lower} AND e.occurred_at < ${upper}
        AND (e.occurred_at AT TIME ZONE v.timezone)::date BETWEEN ${query.from}::date AND ${query.to}::date
        ${venues ? Prisma.sql`AND e.venue_id = ANY(${venues}::uuid[])` : Prisma.empty}
        ${query.type ? Prisma.sql`AND e.type = ANY(${query.type}::text[])` : Prisma.empty}
      GROUP BY 1, 2, 3
      ORDER BY 1, 2, 3`;
    return {
      status: 200,
      body: { data: rows.map((r) => ({ day: r.day.toISOString().slice(0, 10), venue_id: r.venue_id, type: r.type, count: Number(r.count) })) },
    };
  },
});
