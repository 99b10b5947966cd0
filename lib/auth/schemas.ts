import { z } from "zod";

export const staffSignInSchema = z.object({
  email: z.string().trim().min(1, "Enter your email.").max(254).pipe(z.email({ message: "Enter a valid email address." })),
  password: z.string().min(1, "Enter your password.").max(1024),
});

export type StaffSignIn = z.infer<typeof staffSignInSchema>;
