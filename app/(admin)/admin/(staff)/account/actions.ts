"use server";

import { db } from "@/lib/db";
import { changeOwnPassword } from "@/lib/staff/change-own-password";
import { ownPasswordChangeSchema } from "@/lib/staff/schemas";
import { staffAction } from "@/lib/staff/staff-action";

export const changeOwnPasswordAction = staffAction(null, ownPasswordChangeSchema, async (input, { actor, ip }) => {
  await changeOwnPassword(db, actor, input, ip);
  return { status: "ok", message: "Password changed. Use the new one next time you sign in." };
});
