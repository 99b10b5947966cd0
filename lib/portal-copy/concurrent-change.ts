import { Prisma } from "@/lib/generated/prisma/client";
import { StaffActionError } from "@/lib/staff/staff-action-error";

/**
 * Runs a copy change; if a unique index refuses it (two people publishing or taking the same
 * version number at the same moment), the loser gets a message instead of an error page.
 * The transaction has rolled back by then, so nothing of theirs was written.
 */
export async function refuseConcurrentChange<T>(change: () => Promise<T>): Promise<T> {
  try {
    return await change();
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new StaffActionError("Someone else changed this copy at the same moment. Reload the page and try again.");
    }
    throw error;
  }
}
