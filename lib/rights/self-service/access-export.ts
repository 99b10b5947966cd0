// The guest's copy of their data (GDPR art. 15 and 20), as one ZIP: data.json with everything,
// and one CSV per table (profile, devices, visits, events, consent history with the exact
// wording, deliveries: which system received what, when). Built in memory with fflate: a
// guest's rows are few. Portico's own bookkeeping (guest.metadata, fingerprints, erasure
// subjects) is not the guest's data and stays out.
import "server-only";

import { strToU8, zipSync } from "fflate";

import type { Db } from "@/lib/db/client";
import { csvLine, type Cell } from "@/lib/exports/encode-rows";

type Table = { columns: readonly string[]; rows: Cell[][] };

const table = <T,>(columns: readonly string[], items: readonly T[], cells: (item: T) => Cell[]): Table => ({ columns, rows: items.map(cells) });

function csv(t: Table): string {
  return csvLine(t.columns as Cell[]) + t.rows.map((row) => csvLine(row)).join("");
}

function json(t: Table): Record<string, unknown>[] {
  return t.rows.map((row) => Object.fromEntries(t.columns.map((column, i) => {
    const cell = row[i] ?? null;
    const value = cell instanceof Date ? cell.toISOString() : typeof cell === "bigint" ? cell.toString() : cell !== null && typeof cell === "object" ? JSON.parse(cell.json) : cell;
    return [column, value];
  })));
}

export interface AccessExport {
  fileName: string;
  zip: Uint8Array;
  counts: Record<string, number>;
}

export async function buildAccessExport(db: Db, guestId: string, now = new Date()): Promise<AccessExport> {
  const guest = await db.guest.findUniqueOrThrow({ where: { id: guestId } });
  const [devices, visits, events, records, deliveries] = await Promise.all([
    db.device.findMany({ where: { guestId }, orderBy: { firstSeenAt: "asc" } }),
    db.visit.findMany({ where: { guestId }, orderBy: { connectedAt: "asc" }, include: { venue: { select: { name: true } }, zone: { select: { name: true } } } }),
    db.event.findMany({ where: { guestId }, orderBy: { id: "asc" }, include: { venue: { select: { name: true } } } }),
    db.consentRecord.findMany({ where: { guestId }, orderBy: { id: "asc" }, include: { consentText: true, purpose: { include: { venue: { select: { name: true } }, sponsor: { select: { name: true } } } } } }),
    db.delivery.findMany({ where: { guestId }, orderBy: { id: "asc" } }),
  ]);
  const tables: Record<string, Table> = {
    profile: table(["id", "email", "name", "phone", "birthday", "locale", "first_seen_at", "last_seen_at", "visit_count", "visitor_data"], [guest], (g) => [
      g.id, g.email, g.name, g.phone, g.birthday ? g.birthday.toISOString().slice(0, 10) : null, g.locale, g.firstSeenAt, g.lastSeenAt, g.visitCount, { json: JSON.stringify(g.visitorData ?? {}) },
    ]),
    devices: table(["id", "mac_address", "mac_randomized", "user_agent", "device_type", "os_family", "os_version", "browser", "language", "first_seen_at", "last_seen_at"], devices, (d) => [
      d.id, d.macAddress, d.macRandomized, d.userAgent, d.deviceType, d.osFamily, d.osVersion, d.browser, d.language, d.firstSeenAt, d.lastSeenAt,
    ]),
    visits: table(["id", "venue", "zone", "device_id", "login_method", "connected_at", "ended_at", "dwell_seconds"], visits, (v) => [
      v.id, v.venue.name, v.zone?.name ?? null, v.deviceId, v.loginMethod, v.connectedAt, v.endedAt, v.dwellSeconds,
    ]),
    events: table(["id", "type", "occurred_at", "venue", "device_id", "payload"], events, (e) => [e.id, e.type, e.occurredAt, e.venue?.name ?? null, e.deviceId, { json: JSON.stringify(e.payload ?? {}) }]),
    consents: table(
      ["id", "venue", "purpose", "sponsor", "granted", "method", "recorded_at", "ip", "user_agent", "wording_locale", "wording_version", "wording_sha256", "wording"],
      records,
      (r) => [r.id, r.purpose.venue.name, r.purpose.key, r.purpose.sponsor?.name ?? null, r.granted, r.method, r.recordedAt, r.ip, r.userAgent, r.consentText.locale, r.consentText.version, r.consentText.sha256, r.consentText.body],
    ),
    deliveries: table(["id", "system", "operation", "status", "fields_sent", "created_at", "delivered_at", "settled_at", "vendor_id"], deliveries, (d) => [
      d.id, d.connector, d.operation, d.status, d.fields.join(" "), d.createdAt, d.deliveredAt, d.settledAt, d.externalId,
    ]),
  };
  const data = { exportedAt: now.toISOString(), guestId, ...Object.fromEntries(Object.entries(tables).map(([name, t]) => [name, json(t)])) };
  const files: Record<string, Uint8Array> = {
    "README.txt": strToU8(readme(now)),
    "data.json": strToU8(`${JSON.stringify(data, null, 2)}\n`),
    ...Object.fromEntries(Object.entries(tables).map(([name, t]) => [`${name}.csv`, strToU8(csv(t))])),
  };
  return {
    fileName: `portico-my-data-${now.toISOString().slice(0, 10)}.zip`,
    zip: zipSync(files, { level: 6, mtime: now }),
    counts: Object.fromEntries(Object.entries(tables).map(([name, t]) => [name, t.rows.length])),
  };
}

function readme(now: Date): string {
  return [
    `Your data, as this WiFi portal held it on ${now.toISOString()}.`,
    "",
    "data.json       everything below in one file",
    "profile.csv     what you gave us and how often you visited",
    "devices.csv     the devices you connected with",
    "visits.csv      each visit: where, when, for how long",
    "events.csv      the log of what happened on each visit",
    "consents.csv    every choice you made, with the exact words you were shown",
    "deliveries.csv  which outside systems received your data (or were told of a withdrawal), and when",
    "",
  ].join("\r\n");
}
