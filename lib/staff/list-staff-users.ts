import type { Db } from "@/lib/db/client";

/** Every staff account, active ones first; a venue group has tens of staff, not thousands. */
export async function listStaffUsers(db: Db) {
  return db.staffUser.findMany({
    orderBy: [{ disabledAt: { sort: "asc", nulls: "first" } }, { role: "asc" }, { email: "asc" }],
    select: { id: true, email: true, name: true, role: true, disabledAt: true, lastSignInAt: true, createdAt: true },
  });
}
