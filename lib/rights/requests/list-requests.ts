// The queue: newest received first, keyset-paginated like every staff list (lib/pagination),
// each row with its deadline's urgency. "open" lists what still needs an answer.
import "server-only";

import { assertPermission, type Actor } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { keysetQuery, toPage, type KeysetPage, type PageRequest } from "@/lib/pagination/keyset-cursor";

import { nearDueDays, requestUrgency, type RequestUrgency } from "./deadlines";

export const requestListFilters = ["open", "all"] as const;
export type RequestListFilter = (typeof requestListFilters)[number];

const listed = {
  id: true,
  kind: true,
  status: true,
  email: true,
  guestId: true,
  receivedAt: true,
  dueAt: true,
  extendedAt: true,
  handledAt: true,
  handledBy: { select: { email: true } },
} satisfies Prisma.RightsRequestSelect;

export type RightsRequestRow = Prisma.RightsRequestGetPayload<{ select: typeof listed }> & { urgency: RequestUrgency };

export async function listRightsRequests(
  db: Db,
  actor: Actor,
  options: { filter: RequestListFilter; page: PageRequest; now?: Date },
): Promise<KeysetPage<RightsRequestRow> & { overdue: number; nearDue: number }> {
  assertPermission(actor, "requests.manage");
  const now = options.now ?? new Date();
  const { order, bound } = keysetQuery(options.page);
  const where: Prisma.RightsRequestWhereInput = {
    ...(options.filter === "open" ? { status: { in: ["RECEIVED", "IN_PROGRESS"] } } : {}),
    ...(bound
      ? { OR: [{ receivedAt: { [bound.op]: bound.cursor.at } }, { receivedAt: bound.cursor.at, id: { [bound.op]: bound.cursor.id } }] }
      : {}),
  };
  const [rows, overdue, nearDue] = await Promise.all([
    db.rightsRequest.findMany({ where, orderBy: [{ receivedAt: order }, { id: order }], take: options.page.size + 1, select: listed }),
    db.rightsRequest.count({ where: { status: { in: ["RECEIVED", "IN_PROGRESS"] }, dueAt: { lte: now } } }),
    db.rightsRequest.count({ where: { status: { in: ["RECEIVED", "IN_PROGRESS"] }, dueAt: { gt: now, lte: new Date(now.getTime() + nearDueDays * 86_400_000) } } }),
  ]);
  const page = toPage(rows, options.page, (row) => ({ at: row.receivedAt, id: row.id }));
  return { ...page, items: page.items.map((row) => ({ ...row, urgency: requestUrgency(row, now) })), overdue, nearDue };
}

/** One request with who entered and handled it, or null. */
export async function getRightsRequest(db: Db, actor: Actor, requestId: string, now = new Date()) {
  assertPermission(actor, "requests.manage");
  const request = await db.rightsRequest.findUnique({
    where: { id: requestId },
    include: { createdBy: { select: { email: true } }, handledBy: { select: { email: true } }, guest: { select: { id: true, erasedAt: true, emailNormalized: true, name: true, phone: true, birthday: true } } },
  });
  return request ? { ...request, urgency: requestUrgency(request, now) } : null;
}

/** Requests still waiting for an answer (the overview's tile). */
export async function countOpenRightsRequests(db: Db, actor: Actor): Promise<number> {
  assertPermission(actor, "requests.manage");
  return db.rightsRequest.count({ where: { status: { in: ["RECEIVED", "IN_PROGRESS"] } } });
}
