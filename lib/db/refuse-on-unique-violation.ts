import type { DomainError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";

/**
 * Runs a change; when a unique index refuses it (two people saving the same slug, adding the
 * same email or taking the same version at the same moment), the transaction has rolled back
 * and the person gets `refusal` instead of an error page. Any other failure propagates.
 */
export async function refuseOnUniqueViolation<T>(work: () => Promise<T>, refusal: DomainError): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw refusal;
    throw error;
  }
}
