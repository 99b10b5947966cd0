import { randomBytes } from "node:crypto";

import type { Db } from "@/lib/db/client";
import type { StaffRole } from "@/lib/generated/prisma/enums";
import type { VenueActor } from "@/lib/venues";

/** A staff account to act as (no password: these tests call domain functions directly). */
export async function staffActor(prisma: Db, role: StaffRole): Promise<VenueActor> {
  const staff = await prisma.staffUser.create({ data: { email: `${role.toLowerCase()}.${randomBytes(4).toString("hex")}@staff.example.com`, role } });
  return { id: staff.id, role: staff.role, ip: "192.0.2.10" };
}

export function uniqueSlug(prefix: string): string {
  return `${prefix}-${randomBytes(3).toString("hex")}`;
}
