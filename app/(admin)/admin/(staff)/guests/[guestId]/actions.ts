"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";

import { db } from "@/lib/db";
import { endAccessSession } from "@/lib/network/end-access";
import { gatewaySecretStore } from "@/lib/network/gateway-secrets";
import { staffAction } from "@/lib/staff/staff-action";

const endAccessSchema = z.object({ guestId: z.uuid({ message: "Unknown record." }), sessionId: z.uuid({ message: "Unknown record." }) });

const saidByGateway = {
  revoked: "The gateway has taken the device off.",
  unsupported: "This gateway cannot be told: the device stays online until the gateway's own session timeout.",
  none: "",
} as const;

export const endAccessAction = staffAction("gateways.manage", endAccessSchema, async (input, { actor, ip }) => {
  const { gateway } = await endAccessSession(db, { id: actor.id, role: actor.role, ip }, { sessionId: input.sessionId }, { secrets: gatewaySecretStore() });
  revalidatePath(`/admin/guests/${input.guestId}`);
  const said = gateway.kind === "failed" ? `The gateway could not be told (${gateway.error}); the device stays online until its session timeout.` : saidByGateway[gateway.kind];
  return { status: "ok" as const, message: `Access ended in Portico. ${said}`.trim() };
});
