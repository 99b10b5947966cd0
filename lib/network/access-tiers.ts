import { accessMinutesByMethod } from "@/lib/journeys/access-policy";
import type { LoginMethod } from "@/lib/generated/prisma/enums";

import type { AccessTier } from "./gateway-adapter";

/** Per way of signing in, what a gateway may add to the minutes (bandwidth, data allowance). */
export type TierLimits = Partial<Record<LoginMethod, Omit<AccessTier, "minutes">>>;

/**
 * What the guest's way of signing in earns: the minutes of lib/journeys/access-policy.ts (the
 * success page says the same number), and the gateway's own limits for that tier, where it can
 * enforce them.
 */
export function accessTierFor(method: LoginMethod, limits: TierLimits = {}): AccessTier {
  return { minutes: accessMinutesByMethod[method], ...limits[method] };
}
