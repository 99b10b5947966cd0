const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** Staff-facing dates: one format, in UTC, said so. */
export function formatWhen(date: Date): string {
  return `${dateTime.format(date)} UTC`;
}
