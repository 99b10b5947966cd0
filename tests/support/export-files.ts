// Reading export files back the way a warehouse loader would: gunzip, then RFC 4180 CSV or
// NDJSON, independent of the code that wrote them.
import { createHash } from "node:crypto";
import { gunzipSync } from "node:zlib";

export const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

/** RFC 4180: CRLF records, quoted fields with doubled quotes; every record must end in CRLF. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] === '"' && field === "") {
      i += 1;
      for (;;) {
        if (i >= text.length) throw new Error("unterminated quoted field");
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        field += text[i];
        i += 1;
      }
      if (text[i] !== "," && text.slice(i, i + 2) !== "\r\n") throw new Error(`text after a closing quote at ${i}`);
      continue;
    }
    if (text[i] === ",") {
      record.push(field);
      field = "";
      i += 1;
    } else if (text.slice(i, i + 2) === "\r\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      i += 2;
    } else if (text[i] === "\n" || text[i] === "\r") {
      throw new Error(`a bare line break at ${i}: records end in CRLF`);
    } else {
      field += text[i];
      i += 1;
    }
  }
  if (field !== "" || record.length > 0) throw new Error("the last record does not end in CRLF");
  return records;
}

/** A gzipped CSV file as its header and rows of objects. */
export function readCsvGz(bytes: Buffer): { header: string[]; rows: Record<string, string>[] } {
  const [header, ...records] = parseCsv(gunzipSync(bytes).toString("utf8"));
  if (!header) throw new Error("no header");
  return { header, rows: records.map((r) => Object.fromEntries(header.map((name, i) => [name, r[i]!]))) };
}

export function readNdjsonGz(bytes: Buffer): Record<string, unknown>[] {
  const text = gunzipSync(bytes).toString("utf8");
  if (text === "") return [];
  if (!text.endsWith("\n")) throw new Error("NDJSON must end with a line feed");
  return text.slice(0, -1).split("\n").map((line) => JSON.parse(line) as Record<string, unknown>);
}
