import { z } from "zod";

import { minimumPasswordLength } from "@/lib/auth/password-policy";
import { staffRoles } from "@/lib/auth/permissions";

const role = z.enum(staffRoles as ["ADMIN", "MARKETER", "LEGAL", "FRONT_DESK"], { message: "Choose ADMIN, MARKETER, LEGAL or FRONT_DESK." });
const password = z.string().min(minimumPasswordLength, `Use at least ${minimumPasswordLength} characters.`).max(1024, "Use at most 1024 characters.");
const staffId = z.uuid({ message: "Unknown staff account." });

/** A new staff account: the CLI's first admin and the staff page's "Add staff member" form. */
export const newStaffUserSchema = z.object({
  email: z.string().trim().min(1, "Enter an email address.").max(254).pipe(z.email({ message: "Enter a valid email address." })),
  name: z.string().trim().max(200, "Use at most 200 characters.").optional(),
  role,
  password,
});

export const staffRoleChangeSchema = z.object({ staffId, role });

export const staffAccessSchema = z.object({
  staffId,
  access: z.enum(["disable", "enable"], { message: "Choose disable or enable." }),
});

export const staffPasswordResetSchema = z.object({ staffId, password });

export type NewStaffUser = z.infer<typeof newStaffUserSchema>;

/** Staff changing their own password: the current one proves it is them at the keyboard. */
export const ownPasswordChangeSchema = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password.").max(1024),
    newPassword: password,
    confirmPassword: z.string().max(1024),
  })
  .refine((input) => input.newPassword === input.confirmPassword, { path: ["confirmPassword"], message: "The two new passwords differ." })
  .refine((input) => input.newPassword !== input.currentPassword, { path: ["newPassword"], message: "Choose a password different from the current one." });

export type OwnPasswordChange = z.infer<typeof ownPasswordChangeSchema>;
