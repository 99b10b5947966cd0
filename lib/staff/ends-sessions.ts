import { losesPermissions } from "@/lib/auth/permissions";
import type { StaffRole } from "@/lib/generated/prisma/enums";

export type StaffUserChange = { kind: "role"; role: StaffRole } | { kind: "access"; access: "disable" | "enable" } | { kind: "password"; password: string };

/**
 * Whether a change to an account ends the sessions it is signed in with: a new password
 * (someone may have learnt the old one), rights taken away, or the account disabled. Gaining
 * rights or being re-enabled leaves sessions alone (a disabled account has none left).
 */
export function endsSessions(account: { role: StaffRole }, change: StaffUserChange): boolean {
  switch (change.kind) {
    case "password":
      return true;
    case "access":
      return change.access === "disable";
    case "role":
      return losesPermissions(account.role, change.role);
  }
}
