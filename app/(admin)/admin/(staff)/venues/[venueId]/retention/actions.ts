"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";

import { db } from "@/lib/db";
import { saveRetentionPolicy } from "@/lib/rights/retention";
import { saveRetentionPolicySchema } from "@/lib/rights/retention/schemas";
import { staffAction } from "@/lib/staff/staff-action";

/** Saves the policy the admin just previewed (the form carries the previewed values and a confirmation). */
export const saveRetentionPolicyAction = staffAction("retention.manage", saveRetentionPolicySchema, async (input, { actor, ip }) => {
  await saveRetentionPolicy(db, { id: actor.id, role: actor.role, ip }, input);
  const path = `/admin/venues/${input.venueId}/retention`;
  revalidatePath(path);
  redirect(`${path}?saved=1`);
});
