import "server-only";

import { assertPermission, type Actor } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db/client";

import type { Connector } from "../connector";
import { connectorRegistry } from "../connectors/registry";

const vendors = connectorRegistry as Partial<Record<string, Connector>>;

/** A venue's connections, with what each needs and how many records wait for it. */
export async function listVenueConnectors(db: Db, actor: Actor, venueId: string) {
  assertPermission(actor, "connectors.manage");
  const rows = await db.connector.findMany({
    where: { venueId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    include: { purpose: { include: { sponsor: { select: { name: true } } } }, _count: { select: { deliveries: { where: { status: "PENDING" } } } } },
  });
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    vendor: vendors[row.kind]?.label ?? row.kind,
    needs: row.purpose.kind === "MARKETING" ? "Marketing" : `Sponsor ${row.purpose.sponsor?.name ?? row.purpose.key}`,
    status: row.status,
    pending: row._count.deliveries,
  }));
}
