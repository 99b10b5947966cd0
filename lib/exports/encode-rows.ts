// How one row becomes one line of an export file. Both formats carry the same columns in the
// same order; only the encoding differs. CSV is RFC 4180 (CRLF, a header, fields quoted when
// they hold a comma, a quote, CR or LF, quotes doubled); NDJSON is one JSON object per LF line.

/** A value in an export row. `{ json }` is JSON text already (an event's payload). */
export type Cell = string | number | bigint | boolean | Date | null | { json: string };
export type Row = readonly Cell[];

export type ExportFormat = "csv" | "ndjson";
export const exportFormats: readonly ExportFormat[] = ["csv", "ndjson"];

function csvField(cell: Cell): string {
  if (cell === null) return "";
  const text = cellText(cell);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function cellText(cell: Exclude<Cell, null>): string {
  if (cell instanceof Date) return cell.toISOString();
  if (typeof cell === "object") return cell.json;
  return String(cell);
}

function jsonValue(cell: Cell): string {
  if (cell === null) return "null";
  if (cell instanceof Date) return JSON.stringify(cell.toISOString());
  if (typeof cell === "bigint") return cell.toString();
  if (typeof cell === "object") return cell.json;
  return JSON.stringify(cell);
}

export function csvLine(cells: readonly Cell[]): string {
  return `${cells.map(csvField).join(",")}\r\n`;
}

export function ndjsonLine(columns: readonly string[], cells: Row): string {
  return `{${columns.map((column, i) => `${JSON.stringify(column)}:${jsonValue(cells[i] ?? null)}`).join(",")}}\n`;
}

/** The header a file starts with (CSV only; NDJSON names the columns on every line). */
export function fileHeader(format: ExportFormat, columns: readonly string[]): string {
  return format === "csv" ? csvLine(columns) : "";
}

export function encodeRow(format: ExportFormat, columns: readonly string[], cells: Row): string {
  if (cells.length !== columns.length) throw new Error(`A row has ${cells.length} cells for ${columns.length} columns`);
  return format === "csv" ? csvLine(cells) : ndjsonLine(columns, cells);
}
