// Hourly allowances shared through PostgreSQL by every process (docs/ARCHITECTURE.md).
export { clientKey, hasHourlyRateLeft, purgeSpentRates, takeHourlyRate } from "./hourly-rate";
