// Venue analytics (docs/ANALYTICS.md): rollups folded from the event log, the dashboard's
// queries over them, and each chart's numbers as a table and CSV.
export { foldEvents, rebuildRollups, rollupWatermark, type FoldResult } from "./fold-events";
export { loadDashboard, dashboardVenues, type DashboardData, type DashboardVenue } from "./load-dashboard";
export { loadSponsorReport, type SponsorReport } from "./sponsor-report";
export { chartTable, chartCsv, change, rate, splitLabel, averageDwellMinutes, weekdays, type ChartTable } from "./chart-tables";
export {
  dashboardFilterSchema,
  csvExportSchema,
  readDashboardFilters,
  localToday,
  previousRange,
  addDays,
  dashboardCharts,
  granularities,
  type DashboardFilters,
  type DashboardChart,
  type Granularity,
} from "./schemas";
export { NO_ZONE, dwellBucket, isOptionalPurpose } from "./dimensions";
export { dashboardForQuery, searchParamsOf } from "./dashboard-request";
export { formatCount } from "./format";
