import pino from "pino";

import { currentRequestId } from "@/lib/http/request-id";

/**
 * The server's log: one JSON object per line (pino), for whatever collects stdout. Never put
 * personal data in a log line (emails, names, MAC or client addresses): say which journey or
 * which reference, not who. Lines written while a request is answered carry its `reqId`
 * (lib/http/request-id.ts).
 *
 * As a safety net for what a line quotes from elsewhere (a database error's detail, a
 * vendor's answer, an exception message), every string value is scrubbed of email and IP
 * addresses and PostgreSQL's `detail` (which quotes the row's values) is left out of errors.
 */
export const logger = pino({
  base: { service: "portico" },
  timestamp: pino.stdTimeFunctions.isoTime,
  mixin: (line) => {
    const reqId = "reqId" in line ? undefined : currentRequestId();
    return reqId ? { reqId } : {};
  },
  serializers: { err: serializeError },
  formatters: { log: (object) => scrubbed(object) as Record<string, unknown> },
  hooks: {
    logMethod(args, method) {
      method.apply(this, args.map((arg) => (typeof arg === "string" ? scrubText(arg) : arg)) as Parameters<typeof method>);
    },
  },
});

const emailAddress = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const ipv4Address = /\b(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)\b/g;
// Full and compressed IPv6 (at least two groups around a "::" or eight groups); not times like 12:30.
const ipv6Address = /\b(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}\b|\b(?:[0-9A-Fa-f]{1,4}:){1,6}:(?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4}){0,5})?(?![0-9A-Fa-f:])/g;
const macAddress = /\b[0-9A-Fa-f]{2}(?:[:-][0-9A-Fa-f]{2}){5}\b/g;

/** The text with email, IP and MAC addresses replaced by what they were. */
export function scrubText(text: string): string {
  return text.replace(emailAddress, "[email]").replace(macAddress, "[mac]").replace(ipv4Address, "[ip]").replace(ipv6Address, "[ip]");
}

function scrubbed(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return scrubText(value);
  if (depth > 6 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((each) => scrubbed(each, depth + 1));
  if (value instanceof Date) return value;
  if (value instanceof Error) return scrubbed(serializeError(value), depth + 1);
  const out: Record<string, unknown> = {};
  for (const [key, each] of Object.entries(value)) out[key] = scrubbed(each, depth + 1);
  return out;
}

function serializeError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const serialized = pino.stdSerializers.err(error as Error) as unknown as Record<string, unknown>;
  if (serialized && typeof serialized === "object") delete serialized.detail;
  return serialized;
}
