const formats = new Map<string, Intl.DateTimeFormat>();

function formatIn(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-GB", { timeZone, dateStyle: "medium", timeStyle: "medium" });
    formats.set(timeZone, format);
  }
  return format;
}

/**
 * A moment shown in a named time zone (a venue's, or UTC), with the zone written out so
 * nobody has to guess which clock it is. An unknown zone falls back to UTC, and says so.
 */
export function Timestamp({ at, timeZone = "UTC" }: { at: Date; timeZone?: string }) {
  let zone = timeZone;
  let text: string;
  try {
    text = formatIn(zone).format(at);
  } catch {
    zone = "UTC";
    text = formatIn(zone).format(at);
  }
  return (
    <time dateTime={at.toISOString()} className="whitespace-nowrap tabular-nums">
      {text} <span className="text-slate-500">{zone}</span>
    </time>
  );
}
