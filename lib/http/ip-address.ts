import { isIP } from "node:net";

/**
 * An IP address in one canonical spelling, or null when it is not one: IPv6 lower-cased and
 * an IPv4 client written as IPv6 ("::ffff:10.0.0.5") read as the IPv4 address it is, so the
 * same client is never stored, throttled or compared under two names.
 */
export function normaliseIpAddress(value: string | null | undefined): string | null {
  const ip = value?.trim().replace(/^\[(.*)\]$/, "$1") ?? "";
  if (!isIP(ip)) return null;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  return mapped ? mapped[1]! : ip.toLowerCase();
}
