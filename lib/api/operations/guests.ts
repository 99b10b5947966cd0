import { normaliseEmail } from "@/lib/email/normalise-email";
import { Prisma } from "@/lib/generated/prisma/client";

import { changeHorizon, guestReachable, venuesFor } from "../access";
import { decodeChangeCursor, encodeChangeCursor, feedStart } from "../change-cursor";
import { ApiProblem } from "../problem";
import { defineRoute } from "../route-spec";
import { guestByEmailQuery, guestIdParams, guestOrErasedSchema, guestPageSchema, guestsQuery } from "../schemas";
import { consentFlags, guestColumns, guestJson } from "../serialize";

type GuestRow = Parameters<typeof guestJson>[0] & { change_tx: bigint };

export const listGuests = defineRoute({
  operationId: "listGuests",
  method: "GET",
  path: "/guests",
  tag: "Guests",
  summary: "Guests, as a change feed",
  description:
    "Guests the key's venue reaches (a visit there), in the order their changes committed. Every change moves a guest to the end of the feed, so following `next_cursor` from page to page, and again later, sees every change exactly once per change.",
  scopes: ["guests:read"],
  query: guestsQuery,
  responses: { 200: { description: "A page of guests", schema: guestPageSchema } },
  async handler({ db, principal, query }) {
    const start = query.cursor ? decodeChangeCursor(query.cursor) : feedStart;
    if (!start) throw new ApiProblem("invalidRequest", "The cursor is not one this API gave out.", { errors: [{ in: "query", pointer: "cursor", detail: "Unknown cursor" }] });
    const since = query.updated_since ? Prisma.sql`AND g.updated_at >= ${new Date(query.updated_since)}` : Prisma.empty;
    const rows = await db.$queryRaw<GuestRow[]>`
      SELECT ${Prisma.raw(guestColumns)}, g.change_tx
      FROM guest g
      WHERE g.change_tx < ${changeHorizon}
        AND (g.change_tx, g.id) > (${start.tx.toString()}::bigint, ${start.id}::uuid)
        AND ${guestReachable(venuesFor(principal))}
        ${since}
      ORDER BY g.change_tx, g.id
      LIMIT ${query.limit + 1}`;
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    const consent = await consentFlags(db, page, venuesFor(principal));
    return {
      status: 200,
      body: {
        data: page.map((row) => guestJson(row, consent.get(row.id))),
        next_cursor: encodeChangeCursor(last ? { tx: BigInt(last.change_tx), id: last.id } : start),
        has_more: rows.length > query.limit,
      },
    };
  },
});

export const getGuest = defineRoute({
  operationId: "getGuest",
  method: "GET",
  path: "/guests/{guestId}",
  tag: "Guests",
  summary: "One guest",
  scopes: ["guests:read"],
  params: guestIdParams,
  responses: { 200: { description: "The guest", schema: guestOrErasedSchema }, 404: { description: "No such guest for this key" } },
  async handler({ db, principal, params }) {
    const rows = await db.$queryRaw<GuestRow[]>`
      SELECT ${Prisma.raw(guestColumns)}, g.change_tx FROM guest g
      WHERE g.id = ${params.guestId}::uuid AND ${guestReachable(venuesFor(principal))}`;
    if (!rows[0]) throw new ApiProblem("notFound", "No such guest for this key.");
    const consent = await consentFlags(db, rows, venuesFor(principal));
    return { status: 200, body: guestJson(rows[0], consent.get(rows[0].id)) };
  },
});

export const getGuestByEmail = defineRoute({
  operationId: "getGuestByEmail",
  method: "GET",
  path: "/guests/by-email",
  tag: "Guests",
  summary: "One guest, found by email address",
  description: "Erased guests have no email address, so they are never found this way.",
  scopes: ["guests:read"],
  query: guestByEmailQuery,
  responses: { 200: { description: "The guest", schema: guestOrErasedSchema }, 404: { description: "No such guest for this key" } },
  async handler({ db, principal, query }) {
    const email = normaliseEmail(query.email);
    const rows = await db.$queryRaw<GuestRow[]>`
      SELECT ${Prisma.raw(guestColumns)}, g.change_tx FROM guest g
      WHERE g.email_normalized = ${email} AND ${guestReachable(venuesFor(principal))}`;
    if (!rows[0]) throw new ApiProblem("notFound", "No such guest for this key.");
    const consent = await consentFlags(db, rows, venuesFor(principal));
    return { status: 200, body: guestJson(rows[0], consent.get(rows[0].id)) };
  },
});

