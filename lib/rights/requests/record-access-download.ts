// The access package handed to staff for a request is audited: which request, which guest,
// which files and their SHA-256 — never their content.
import "server-only";

import { createHash } from "node:crypto";

import { assertPermission, type Actor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";

import { buildAccessPackage, zipAccessPackage } from "./access-package";

export async function recordAccessPackageDownload(db: Db, actor: Actor, requestId: string, options: { now?: Date } = {}): Promise<{ zip: Uint8Array; fileName: string }> {
  assertPermission(actor, "requests.manage");
  const now = options.now ?? new Date();
  return db.$transaction(async (tx) => {
    const request = await tx.rightsRequest.findUnique({ where: { id: requestId }, select: { id: true, kind: true, guestId: true } });
    if (!request) throw new DomainError("rightsRequestGone");
    if (!request.guestId) throw new DomainError("rightsRequestNoGuest");
    const pkg = await buildAccessPackage(tx, request.guestId, { now });
    const zip = zipAccessPackage(pkg, { mtime: now });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "rights.request.accessPackage",
      entityType: "rights_request",
      entityId: request.id,
      after: {
        guestId: request.guestId,
        zipSha256: createHash("sha256").update(zip).digest("hex"),
        files: pkg.files.map((f) => ({ name: f.name, bytes: Buffer.byteLength(f.content), sha256: createHash("sha256").update(f.content).digest("hex") })),
      },
      ip: actor.ip ?? null,
    });
    return { zip, fileName: `access-${request.guestId}-${now.toISOString().slice(0, 10)}.zip` };
  });
}
