// The answer to an access request (GDPR art. 15): everything Portico holds about one guest,
// as JSON (one file, every value) and CSV (one file per table, for a spreadsheet): the profile,
// devices, visits, events, every consent decision with the exact wording answered, and the
// deliveries (which system received what, when). The one package for both doors: the staff
// queue's download and the guest's own (lib/rights/self-service/access-export.ts).
import "server-only";

import { zipSync, strToU8 } from "fflate";

import type { DbTx } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";
import { csvLine, type Cell } from "@/lib/exports/encode-rows";

export interface AccessPackageFile {
  name: string;
  content: string;
}

export interface AccessPackage {
  files: AccessPackageFile[];
  /** Rows per table, for the audit trail. */
  counts: Record<string, number>;
}

type Table = { columns: readonly string[]; rows: Cell[][] };

function csvFile(table: Table): string {
  return csvLine(table.columns) + table.rows.map((row) => csvLine(row)).join("");
}

function records(table: Table): Record<string, unknown>[] {
  return table.rows.map((row) =>
    Object.fromEntries(table.columns.map((column, i) => {
      const cell = row[i] ?? null;
      return [column, cell instanceof Date ? cell.toISOString() : typeof cell === "bigint" ? cell.toString() : cell !== null && typeof cell === "object" ? JSON.parse(cell.json) : cell];
    })),
  );
}

const json = (value: unknown): Cell => ({ json: JSON.stringify(value ?? null) });

export async function buildAccessPackage(db: DbTx, guestId: string, options: { now?: Date } = {}): Promise<AccessPackage> {
  const now = options.now ?? new Date();
  const guest = await db.guest.findUnique({ where: { id: guestId } });
  if (!guest) throw new DomainError("guestGone");

  const [devices, visits, events, consents, deliveries] = await Promise.all([
    db.device.findMany({ where: { guestId }, orderBy: { firstSeenAt: "asc" } }),
    db.visit.findMany({ where: { guestId }, orderBy: { connectedAt: "asc" }, include: { venue: { select: { name: true } }, zone: { select: { name: true } } } }),
    db.event.findMany({ where: { guestId }, orderBy: { id: "asc" }, include: { venue: { select: { name: true } } } }),
    db.consentRecord.findMany({
      where: { guestId },
      orderBy: { id: "asc" },
      include: {
        purpose: { select: { key: true, kind: true, venue: { select: { name: true } }, sponsor: { select: { name: true } } } },
        consentText: { select: { locale: true, version: true, sha256: true, body: true } },
      },
    }),
    db.delivery.findMany({ where: { guestId }, orderBy: { id: "asc" } }),
  ]);

  const tables: Record<string, Table> = {
    profile: {
      columns: ["id", "email", "name", "phone", "birthday", "locale", "first_seen_at", "last_seen_at", "visit_count", "visitor_data", "erased_at"],
      rows: [[guest.id, guest.email, guest.name, guest.phone, guest.birthday?.toISOString().slice(0, 10) ?? null, guest.locale, guest.firstSeenAt, guest.lastSeenAt, guest.visitCount, json(guest.visitorData), guest.erasedAt]],
    },
    devices: {
      columns: ["id", "mac_address", "mac_randomized", "device_type", "os_family", "os_version", "browser", "language", "user_agent", "first_seen_at", "last_seen_at"],
      rows: devices.map((d) => [d.id, d.macAddress, d.macRandomized, d.deviceType, d.osFamily, d.osVersion, d.browser, d.language, d.userAgent, d.firstSeenAt, d.lastSeenAt]),
    },
    visits: {
      columns: ["id", "venue", "zone", "device_id", "access_point_mac", "login_method", "connected_at", "ended_at", "dwell_seconds"],
      rows: visits.map((v) => [v.id, v.venue.name, v.zone?.name ?? null, v.deviceId, v.accessPointMac, v.loginMethod, v.connectedAt, v.endedAt, v.dwellSeconds]),
    },
    events: {
      columns: ["id", "type", "occurred_at", "venue", "device_id", "payload"],
      rows: events.map((e) => [e.id, e.type, e.occurredAt, e.venue?.name ?? null, e.deviceId, json(e.payload)]),
    },
    consents: {
      columns: ["id", "recorded_at", "venue", "purpose", "purpose_kind", "sponsor", "granted", "method", "wording_locale", "wording_version", "wording_sha256", "wording", "ip", "user_agent"],
      rows: consents.map((c) => [
        c.id,
        c.recordedAt,
        c.purpose.venue.name,
        c.purpose.key,
        c.purpose.kind,
        c.purpose.sponsor?.name ?? null,
        c.granted,
        c.method,
        c.consentText.locale,
        c.consentText.version,
        c.consentText.sha256,
        c.consentText.body,
        c.ip,
        c.userAgent,
      ]),
    },
    deliveries: {
      columns: ["id", "system", "operation", "status", "fields_sent", "queued_at", "delivered_at", "settled_at", "vendor_id"],
      rows: deliveries.map((d) => [d.id, d.connector, d.operation, d.status, d.fields.join(" "), d.createdAt, d.deliveredAt, d.settledAt, d.externalId]),
    },
  };

  const everything = { generatedAt: now.toISOString(), guestId, ...Object.fromEntries(Object.entries(tables).map(([name, table]) => [name, records(table)])) };
  const readme = [
    "Your data held by Portico (GDPR article 15)",
    `Generated ${now.toISOString()} for guest ${guestId}.`,
    "",
    "access.json   everything below in one file",
    "profile.csv   what you gave us and when we saw you",
    "devices.csv   the devices you connected with",
    "visits.csv    each connection: where, when, for how long",
    "events.csv    what happened during your visits",
    "consents.csv  every decision you made, with the exact wording you answered (and its SHA-256)",
    "deliveries.csv which systems received your data (the fields sent), or were told of a withdrawal or erasure, and when",
    "",
  ].join("\r\n");
  return {
    files: [
      { name: "README.txt", content: readme },
      { name: "access.json", content: `${JSON.stringify(everything, null, 2)}\n` },
      ...Object.entries(tables).map(([name, table]) => ({ name: `${name}.csv`, content: csvFile(table) })),
    ],
    counts: Object.fromEntries(Object.entries(tables).map(([name, table]) => [name, table.rows.length])),
  };
}

/** The package as one ZIP archive (fflate, deflate). */
export function zipAccessPackage(pkg: AccessPackage, options: { mtime?: Date } = {}): Uint8Array {
  const mtime = options.mtime ?? new Date();
  return zipSync(Object.fromEntries(pkg.files.map((file) => [file.name, [strToU8(file.content), { mtime }]])), { level: 6 });
}
