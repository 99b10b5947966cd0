"use server";

import { revalidatePath } from "next/cache";

import { db } from "@/lib/db";
import { replayDeadLetters } from "@/lib/delivery/staff/manage-connectors";
import { replaySchema } from "@/lib/delivery/staff/schemas";
import { staffAction } from "@/lib/staff/staff-action";

import { deliveryPath } from "../venues/paths";

export const replayDeadLettersAction = staffAction("connectors.manage", replaySchema, async (input, { actor, ip }) => {
  const count = await replayDeadLetters(db, { id: actor.id, role: actor.role, ip }, input);
  revalidatePath(deliveryPath);
  return { status: "ok", message: `${count === 1 ? "1 delivery goes" : `${count} deliveries go`} out again now, if the guest's consent still allows it.` };
});
