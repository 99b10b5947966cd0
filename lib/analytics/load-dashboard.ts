import "server-only";

import type { Db } from "@/lib/db/client";

import {
  queryHeatmap,
  queryOptIns,
  queryOptInTrend,
  querySeries,
  querySplits,
  queryTopZones,
  queryTotals,
  type OptInCount,
  type OptInPoint,
  type RollupScope,
  type SeriesPoint,
  type Splits,
  type Totals,
} from "./dashboard-queries";
import { isOptionalPurpose } from "./dimensions";
import { previousRange, type DashboardFilters } from "./schemas";

export interface DashboardVenue {
  id: string;
  name: string;
  timezone: string;
}

export interface DashboardData {
  filters: DashboardFilters;
  previous: { from: string; to: string };
  venues: DashboardVenue[];
  /** The chosen venue's zones (empty across venues). */
  zones: { id: string; name: string }[];
  totals: Totals;
  previousTotals: Totals;
  series: SeriesPoint[];
  heatmap: number[][];
  splits: Splits;
  /** Optional purposes only (marketing, sponsors): terms are always accepted. */
  optIns: (OptInCount & { label: string; previousShown: number; previousGranted: number })[];
  optInTrend: (OptInPoint & { label: string })[];
  topZones: { label: string; visits: number }[];
}

/** The venues a dashboard may show, for its venue picker. */
export async function dashboardVenues(db: Db): Promise<DashboardVenue[]> {
  return db.venue.findMany({ select: { id: true, name: true, timezone: true }, orderBy: { name: "asc" } });
}

/**
 * Everything the dashboard draws for these filters, from the rollups only: a handful of
 * primary-key range reads, run side by side.
 */
export async function loadDashboard(db: Db, filters: DashboardFilters, venues?: DashboardVenue[]): Promise<DashboardData> {
  const allVenues = venues ?? (await dashboardVenues(db));
  const chosen = filters.venue ? allVenues.filter((v) => v.id === filters.venue) : allVenues;
  const scope: RollupScope = { venueIds: chosen.map((v) => v.id), zoneId: filters.zone, from: filters.from, to: filters.to, everyVenue: !filters.venue };
  const previous = previousRange(filters.from, filters.to);
  const previousScope = { ...scope, ...previous };

  const [totals, previousTotals, series, heatmap, splits, optIns, previousOptIns, optInTrend, topZones, zones, labels] = await Promise.all([
    queryTotals(db, scope),
    queryTotals(db, previousScope),
    querySeries(db, scope, filters.granularity),
    queryHeatmap(db, scope),
    querySplits(db, scope),
    queryOptIns(db, scope),
    queryOptIns(db, previousScope),
    queryOptInTrend(db, scope, filters.granularity),
    queryTopZones(db, scope),
    filters.venue ? db.zone.findMany({ where: { venueId: filters.venue }, select: { id: true, name: true }, orderBy: { name: "asc" } }) : [],
    purposeLabels(db, scope.venueIds),
  ]);
  const label = (purpose: string) => labels.get(purpose) ?? purpose;
  const previousBy = new Map(previousOptIns.map((o) => [o.purpose, o]));
  const zoneNames = await zoneLabels(db, topZones.map((z) => z.zoneId), allVenues, !filters.venue);

  return {
    filters,
    previous,
    venues: allVenues,
    zones,
    totals,
    previousTotals,
    series,
    heatmap,
    splits,
    optIns: optIns
      .filter((o) => isOptionalPurpose(o.purpose))
      .map((o) => ({ ...o, label: label(o.purpose), previousShown: previousBy.get(o.purpose)?.shown ?? 0, previousGranted: previousBy.get(o.purpose)?.granted ?? 0 })),
    optInTrend: optInTrend.filter((o) => isOptionalPurpose(o.purpose)).map((o) => ({ ...o, label: label(o.purpose) })),
    topZones: topZones.map((z) => ({ label: zoneNames(z.venueId, z.zoneId), visits: z.visits })),
  };
}

/** "Marketing", and each sponsor's name, by purpose key. */
async function purposeLabels(db: Db, venueIds: readonly string[]): Promise<Map<string, string>> {
  const sponsors = await db.sponsor.findMany({ where: { venueId: { in: [...venueIds] } }, select: { slug: true, name: true } });
  return new Map<string, string>([["marketing", "Marketing"], ...sponsors.map((s) => [`sponsor:${s.slug}`, `Sponsor: ${s.name}`] as [string, string])]);
}

async function zoneLabels(db: Db, zoneIds: string[], venues: DashboardVenue[], withVenue: boolean) {
  const zones = await db.zone.findMany({ where: { id: { in: zoneIds } }, select: { id: true, name: true } });
  const names = new Map(zones.map((z) => [z.id, z.name]));
  const venueNames = new Map(venues.map((v) => [v.id, v.name]));
  return (venueId: string, zoneId: string) => {
    const zone = names.get(zoneId) ?? "No zone";
    return withVenue ? `${venueNames.get(venueId) ?? "Removed venue"} · ${zone}` : zone;
  };
}
