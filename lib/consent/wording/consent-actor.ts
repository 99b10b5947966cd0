import type { Actor } from "@/lib/auth/permissions";

/** Who is changing consent wording, and from where (for the audit trail). */
export type ConsentActor = Actor;
