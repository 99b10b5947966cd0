// Per-venue retention (docs/RIGHTS.md): the policies, their dry run, and the daily run.
export { getRetentionPolicy, previewRetentionPolicy, saveRetentionPolicy } from "./save-policy";
export { loadPolicies, retentionDryRun, withPolicy, type RetentionCounts, type VenuePolicy } from "./retention-plan";
export { retentionJobActor, runRetention, type RetentionRunResult } from "./run-retention";
