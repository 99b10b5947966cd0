import type { LoginMethod } from "@/lib/generated/prisma/enums";

/**
 * Minutes of network access each way of signing in earns. Loyalty members get more time:
 * that is the reason a guest fills in the longer form.
 */
export const accessMinutesByMethod: Record<LoginMethod, number> = {
  EMAIL: 60,
  LOYALTY: 240,
  SAML: 240,
  // A voucher's own limits decide (its batch's access minutes, lib/vouchers): this is only
  // what a voucher journey falls back to if its redemption row is gone.
  VOUCHER: 60,
};
