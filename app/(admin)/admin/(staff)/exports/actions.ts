"use server";

import { revalidatePath } from "next/cache";

import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { exportStorageFrom } from "@/lib/exports";
import { exportRunSchema } from "@/lib/exports/schemas";
import { runExports } from "@/lib/exports/staff/run-exports";
import { staffAction } from "@/lib/staff/staff-action";

export const runExportsAction = staffAction("exports.run", exportRunSchema, async (input, { actor, ip }) => {
  const results = await runExports(db, { id: actor.id, role: actor.role, ip }, exportStorageFrom(env), input);
  revalidatePath("/admin/exports");
  const exported = results.filter((r) => r.status === "exported").length;
  const skipped = results.length - exported;
  const words = (n: number) => (n === 1 ? "1 day" : `${n} days`);
  return {
    status: "ok",
    message: `Exported ${words(exported)}${skipped ? `; ${words(skipped)} already exported (or being exported) and left as they were` : ""}.`,
  };
});
