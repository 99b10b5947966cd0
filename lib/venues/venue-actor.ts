import type { Actor } from "@/lib/auth/permissions";

/** Who is changing a venue, and from where (for the audit trail). */
export type VenueActor = Actor;
