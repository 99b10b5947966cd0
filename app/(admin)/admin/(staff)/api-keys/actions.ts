"use server";

import { revalidatePath } from "next/cache";

import { createApiKey, revokeApiKey } from "@/lib/api-keys";
import { newApiKeySchema, revokeApiKeySchema } from "@/lib/api-keys/schemas";
import type { StaffActionState } from "@/lib/staff/action-state";
import { db } from "@/lib/db";
import { staffAction } from "@/lib/staff/staff-action";

export const createApiKeyAction = staffAction("apiKeys.manage", newApiKeySchema, async (input, { actor, ip }) => {
  const key = await createApiKey(db, { ...actor, ip }, input);
  revalidatePath("/admin/api-keys");
  const state: StaffActionState = {
    status: "ok",
    message: `Created ${input.name} (${key.prefix}). Copy the key now: it is shown only this once.`,
    secret: key.token,
  };
  return state;
});

export const revokeApiKeyAction = staffAction("apiKeys.manage", revokeApiKeySchema, async ({ apiKeyId }, { actor, ip }) => {
  await revokeApiKey(db, { ...actor, ip }, apiKeyId);
  revalidatePath("/admin/api-keys");
  return { status: "ok", message: "Key revoked: its next request is refused." };
});
