import { decodeCursor, encodeCursor } from "@/lib/pagination/keyset-cursor";

import { assertGuestReachable, venuesFor } from "../access";
import { ApiProblem } from "../problem";
import { defineRoute } from "../route-spec";
import { guestIdParams, visitPageSchema, visitsQuery } from "../schemas";

export const listGuestVisits = defineRoute({
  operationId: "listGuestVisits",
  method: "GET",
  path: "/guests/{guestId}/visits",
  tag: "Guests",
  summary: "A guest's visits, newest first",
  description: "Keyset-paginated by (connected_at, id). A venue-scoped key sees only visits to its venue.",
  scopes: ["guests:read"],
  params: guestIdParams,
  query: visitsQuery,
  responses: { 200: { description: "A page of visits", schema: visitPageSchema }, 404: { description: "No such guest for this key" } },
  async handler({ db, principal, params, query }) {
    await assertGuestReachable(db, principal, params.guestId);
    const cursor = query.cursor ? decodeCursor(query.cursor, "uuid") : null;
    if (query.cursor && !cursor) throw new ApiProblem("invalidRequest", "The cursor is not one this API gave out.", { errors: [{ in: "query", pointer: "cursor", detail: "Unknown cursor" }] });
    const venues = venuesFor(principal);
    const rows = await db.visit.findMany({
      where: {
        guestId: params.guestId,
        ...(venues ? { venueId: { in: venues } } : {}),
        ...(cursor ? { OR: [{ connectedAt: { lt: cursor.at } }, { connectedAt: cursor.at, id: { lt: cursor.id } }] } : {}),
      },
      orderBy: [{ connectedAt: "desc" }, { id: "desc" }],
      take: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    const more = rows.length > query.limit;
    const last = page.at(-1);
    return {
      status: 200,
      body: {
        data: page.map((v) => ({
          id: v.id,
          guest_id: v.guestId,
          venue_id: v.venueId,
          zone_id: v.zoneId,
          device_id: v.deviceId,
          access_point_mac: v.accessPointMac,
          login_method: v.loginMethod,
          connected_at: v.connectedAt.toISOString(),
          ended_at: v.endedAt?.toISOString() ?? null,
          dwell_seconds: v.dwellSeconds,
        })),
        next_cursor: more && last ? encodeCursor({ at: last.connectedAt, id: last.id }) : null,
        has_more: more,
      },
    };
  },
});
