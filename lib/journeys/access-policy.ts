import type { LoginMethod } from "@/lib/generated/prisma/enums";

/**
 * Minutes of network access each way of signing in earns. Loyalty members get more time:
 * that is the reason a guest fills in the longer form.
 */
export const accessMinutesByMethod: Record<LoginMethod, number> = {
  EMAIL: 60,
  LOYALTY: 240,
  SAML: 240,
};
