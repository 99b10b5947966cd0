import "server-only";

import { assertPermission, type Actor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";

import { welcomeBackSettingSchema, type WelcomeBackSettingInput } from "./schemas";
import { welcomeBackOff } from "./settings";

/** Staff set a venue's welcome back (venues.manage): one transaction with its audit entry. */
export async function saveWelcomeBackSetting(db: Db, actor: Actor, input: WelcomeBackSettingInput) {
  assertPermission(actor, "venues.manage");
  const { venueId, mode, zeroTapDays } = welcomeBackSettingSchema.parse(input);
  return db.$transaction(async (tx) => {
    const venue = await tx.venue.findUnique({ where: { id: venueId }, select: { id: true } });
    if (!venue) throw new DomainError("venueGone");
    const before = (await tx.venueWelcomeBack.findUnique({ where: { venueId }, select: { mode: true, zeroTapDays: true } })) ?? welcomeBackOff;
    if (before.mode === mode && before.zeroTapDays === zeroTapDays) throw new DomainError("nothingChanged");
    const saved = await tx.venueWelcomeBack.upsert({ where: { venueId }, create: { venueId, mode, zeroTapDays }, update: { mode, zeroTapDays } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "venue.welcome_back.update",
      entityType: "venue",
      entityId: venueId,
      before: { mode: before.mode, zeroTapDays: before.zeroTapDays },
      after: { mode, zeroTapDays },
      ip: actor.ip ?? null,
    });
    return saved;
  });
}
