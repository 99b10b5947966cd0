"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";

import { db } from "@/lib/db";
import { endAccessSession } from "@/lib/network/end-access";
import { gatewaySecretStore } from "@/lib/network/gateway-secrets";
import { eraseGuest } from "@/lib/rights/erase-guest";
import { eraseGuestFormSchema } from "@/lib/rights/schemas";
import { staffAction } from "@/lib/staff/staff-action";

const endAccessSchema = z.object({ guestId: z.uuid({ message: "Unknown record." }), sessionId: z.uuid({ message: "Unknown record." }) });

/** Ends the access, then back to the guest's page, which says what the gateway answered (?accessEnded=…). */
export const endAccessAction = staffAction("gateways.manage", endAccessSchema, async (input, { actor, ip }) => {
  const { gateway } = await endAccessSession(db, { id: actor.id, role: actor.role, ip }, { sessionId: input.sessionId }, { secrets: gatewaySecretStore() });
  const path = `/admin/guests/${input.guestId}`;
  revalidatePath(path);
  redirect(`${path}?accessEnded=${gateway.kind}#visits`);
});

/** Erases the guest (lib/rights/erase-guest.ts), then back to their page, which shows the erased state and each system's erasure. */
export const eraseGuestAction = staffAction("guests.erase", eraseGuestFormSchema, async (input, { actor, ip }) => {
  await eraseGuest(db, { id: actor.id, role: actor.role, ip }, { guestId: input.guestId, reason: input.reason });
  const path = `/admin/guests/${input.guestId}`;
  revalidatePath(path);
  redirect(`${path}?erased=1#erasure`);
});
