"use server";

import { revalidatePath } from "next/cache";

import { db } from "@/lib/db";
import { createStaffUser } from "@/lib/staff/create-staff-user";
import { newStaffUserSchema, staffAccessSchema, staffPasswordResetSchema, staffRoleChangeSchema } from "@/lib/staff/schemas";
import { staffAction } from "@/lib/staff/staff-action";
import { updateStaffUser } from "@/lib/staff/update-staff-user";

export const createStaffUserAction = staffAction("staff.manage", newStaffUserSchema, async (input, { actor, ip }) => {
  const staff = await createStaffUser(db, input, actor, ip);
  revalidatePath("/admin/staff");
  return { status: "ok", message: `Added ${staff.email} as ${staff.role}. Give them their password through a channel you trust.` };
});

export const changeStaffRoleAction = staffAction("staff.manage", staffRoleChangeSchema, async ({ staffId, role }, { actor, ip }) => {
  await updateStaffUser(db, actor, staffId, { kind: "role", role }, ip);
  revalidatePath("/admin/staff");
  return { status: "ok", message: `Role changed to ${role}.` };
});

export const changeStaffAccessAction = staffAction("staff.manage", staffAccessSchema, async ({ staffId, access }, { actor, ip }) => {
  await updateStaffUser(db, actor, staffId, { kind: "access", access }, ip);
  revalidatePath("/admin/staff");
  return { status: "ok", message: access === "disable" ? "Account disabled: it is signed out everywhere." : "Account enabled." };
});

export const resetStaffPasswordAction = staffAction("staff.manage", staffPasswordResetSchema, async ({ staffId, password }, { actor, ip }) => {
  await updateStaffUser(db, actor, staffId, { kind: "password", password }, ip);
  return { status: "ok", message: "Password set. Give it to them through a channel you trust." };
});
