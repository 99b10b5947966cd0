// The guest's copy of their data (GDPR art. 15 and 20) from "Manage my data": the same package
// the staff answer an access request with (lib/rights/requests/access-package.ts), zipped.
// Portico's own bookkeeping (guest.metadata, fingerprints, erasure subjects) is not in it.
import "server-only";

import type { Db } from "@/lib/db/client";

import { buildAccessPackage, zipAccessPackage } from "../requests/access-package";

export interface AccessExport {
  fileName: string;
  zip: Uint8Array;
  counts: Record<string, number>;
}

export async function buildAccessExport(db: Db, guestId: string, now = new Date()): Promise<AccessExport> {
  const pkg = await buildAccessPackage(db, guestId, { now });
  return { fileName: `portico-my-data-${now.toISOString().slice(0, 10)}.zip`, zip: zipAccessPackage(pkg, { mtime: now }), counts: pkg.counts };
}
