"use server";

import { renewSession } from "@/lib/auth/renew-session";
import { db } from "@/lib/db";
import { changeOwnPassword } from "@/lib/staff/change-own-password";
import { ownPasswordChangeSchema } from "@/lib/staff/schemas";
import { staffAction } from "@/lib/staff/staff-action";

export const changeOwnPasswordAction = staffAction(null, ownPasswordChangeSchema, async (input, { actor, ip }) => {
  const { sessionVersion } = await changeOwnPassword(db, actor, input, ip);
  // Every other session signed in with the old password has ended; this one carries on.
  await renewSession(actor.id, sessionVersion);
  return { status: "ok", message: "Password changed. Use the new one next time you sign in." };
});
