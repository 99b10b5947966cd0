/** Dates in the staff area: day, month, year and time in UTC, so everyone reads the same thing. */
export function formatWhen(date: Date): string {
  return `${date.toLocaleString("en-GB", { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "UTC" })} UTC`;
}
