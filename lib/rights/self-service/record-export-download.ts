import "server-only";

import { recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { recordEvents } from "@/lib/events/record-event";

import { selfServiceActor } from "./change-consent";
import type { SelfServiceSession } from "./open-link";

/** The download is personal data leaving Portico: an event and an audit entry say when and to whom. */
export async function recordExportDownload(db: Db, session: SelfServiceSession, counts: Record<string, number>, ip: string | null): Promise<void> {
  await db.$transaction(async (tx) => {
    await recordEvents(tx, [{ type: "rights.export_downloaded", venueId: session.venueId, guestId: session.guestId, payload: { source: "selfService" } }]);
    await recordAudit(tx, { ...selfServiceActor(session.linkId), action: "guest.export", entityType: "guest", entityId: session.guestId, after: { rows: counts }, ip });
  });
}
