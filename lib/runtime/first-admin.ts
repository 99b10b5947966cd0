import { randomBytes } from "node:crypto";

import type { Db } from "@/lib/db/client";
import { createStaffUser, systemActor } from "@/lib/staff/create-staff-user";

export const firstAdminEmail = "admin@portico.local";

/**
 * A first-run convenience for the embedded database only: with no staff account at all,
 * creates an admin with a random password to print once, so a newcomer can open the staff
 * area straight away (the staff:create command cannot open the embedded database while
 * Portico holds it). Never runs against a real server, and never when anyone exists.
 */
export async function ensureFirstAdmin(db: Db): Promise<{ email: string; password: string } | null> {
  if ((await db.staffUser.count()) > 0) return null;
  const password = randomBytes(15).toString("base64url");
  await createStaffUser(db, { email: firstAdminEmail, name: "First admin", role: "ADMIN", password }, systemActor("the first run of the embedded database"));
  return { email: firstAdminEmail, password };
}
