// BI exports (docs/EXPORTS.md): per venue and day, gzipped CSV and NDJSON files of events,
// guest profiles and marketing lists, a manifest, and signed links to download them.
export { exportVenueDay, dayLocation, type ExportDayOptions, type ExportDayResult } from "./export-venue-day";
export { exportVenueDays, type ExportRangeOptions } from "./export-venue-days";
export { dayWindow, daysBetween, yesterdayIn, type DayWindow, type ExportVenue } from "./day-window";
export { exportFormats, type ExportFormat } from "./encode-rows";
export { manifestName, type ExportManifest, type ManifestFile } from "./manifest";
export { checkDownloadLink, downloadLinkPurpose, signDownloadLink, type ExportFileRef, type LinkCheck } from "./download-link";
export { exportStorageFrom, folderStorage, s3Storage, type ExportStorage } from "./storage";
