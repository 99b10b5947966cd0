import "server-only";

import type { Db } from "@/lib/db/client";

import { dashboardVenues, loadDashboard, type DashboardData } from "./load-dashboard";
import { localToday, readDashboardFilters } from "./schemas";

/**
 * What the dashboard page, its CSV downloads and the weekly summary share: filters read from
 * the query (days default to the last 28 on the chosen venue's clock, UTC across venues) and
 * the data for them. A venue that does not exist reads as a field error, never as data.
 */
export async function dashboardForQuery(db: Db, params: URLSearchParams, now: Date = new Date()): Promise<{ data: DashboardData; fieldErrors: Record<string, string[]> }> {
  const venues = await dashboardVenues(db);
  const asked = venues.find((v) => v.id === params.get("venue"));
  const read = readDashboardFilters(params, localToday(asked?.timezone ?? "UTC", now));
  const fieldErrors = { ...read.fieldErrors };
  let filters = read.filters;
  if (filters.venue && !venues.some((v) => v.id === filters.venue)) {
    fieldErrors.venue = ["No such venue."];
    filters = { ...filters, venue: undefined, zone: undefined };
  }
  return { data: await loadDashboard(db, filters, venues), fieldErrors };
}

/** Reads a page's searchParams object as URLSearchParams (the first value of a repeated key). */
export function searchParamsOf(record: Record<string, string | string[] | undefined>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(record)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) params.set(key, first);
  }
  return params;
}
