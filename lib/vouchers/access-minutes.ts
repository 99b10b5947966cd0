import type { Db } from "@/lib/db/client";
import type { LoginMethod } from "@/lib/generated/prisma/enums";
import { accessMinutesByMethod } from "@/lib/journeys/access-policy";

/** The minutes a journey earned: its method's, or for a voucher what its redemption granted (the success page says the same as the gateway). */
export async function journeyAccessMinutes(db: Db, token: string, method: LoginMethod): Promise<number> {
  if (method !== "VOUCHER") return accessMinutesByMethod[method];
  const [row] = await db.$queryRaw<{ minutes: number }[]>`
    SELECT r.minutes FROM voucher_redemption r JOIN journey j ON j.id = r.journey_id WHERE j.token = ${token}`;
  return row?.minutes ?? accessMinutesByMethod.VOUCHER;
}
