import type { DbTx } from "@/lib/db/client";
import type { WelcomeBackMode } from "@/lib/generated/prisma/enums";
import type { GatewayAdapter } from "@/lib/network/gateway-adapter";
import { gatewayRegistry } from "@/lib/network/registry";

export interface WelcomeBackSetting {
  mode: WelcomeBackMode;
  zeroTapDays: number;
}

export const welcomeBackOff: WelcomeBackSetting = { mode: "OFF", zeroTapDays: 7 };

/**
 * A venue's welcome-back setting; a venue that never set it has it off. One primary-key read,
 * raw: every splash makes it (docs/TESTING.md, bench:journeys).
 */
export async function welcomeBackSetting(db: DbTx, venueId: string): Promise<WelcomeBackSetting> {
  const [row] = await db.$queryRaw<WelcomeBackSetting[]>`
    SELECT mode::text AS mode, zero_tap_days AS "zeroTapDays" FROM venue_welcome_back WHERE venue_id = ${venueId}::uuid`;
  return row ?? welcomeBackOff;
}

/** The venue's gateways as the welcome-back form lists them: whether each can let a device on with no tap, and how. */
export async function zeroTapAbilities(db: DbTx, venueId: string) {
  const gateways = await db.gateway.findMany({ where: { venueId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { name: true, kind: true } });
  return gateways.map((g) => {
    const adapter = (gatewayRegistry as Partial<Record<string, GatewayAdapter>>)[g.kind];
    return { name: g.name, label: adapter?.label ?? g.kind, zeroTap: adapter?.zeroTap ?? null };
  });
}
