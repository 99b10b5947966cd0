import type { DbTx } from "@/lib/db/client";

import { journeyTokenSchema } from "./schemas";

/**
 * The splash query string that restarts an expired journey with the gateway parameters it
 * arrived with, so the guest's device can still be let on after starting again.
 */
export async function restartQuery(db: DbTx, token: unknown): Promise<string> {
  const parsed = journeyTokenSchema.safeParse(token);
  if (!parsed.success) return "";
  const journey = await db.journey.findUnique({ where: { token: parsed.data }, select: { gatewayParams: true } });
  const params = journey?.gatewayParams;
  if (!params || typeof params !== "object" || Array.isArray(params)) return "";
  const entries = Object.entries(params).filter((entry): entry is [string, string] => typeof entry[1] === "string");
  return new URLSearchParams(entries).toString();
}
