// Opening a "Manage my data" link: the signature first (a forged link never reaches the
// database), then one UPDATE that consumes it, only while unused and unexpired and only with
// the secret whose hash it holds, and opens a short session in the same row. A second opening
// finds consumed_at set and is refused. The browser keeps the session as a cookie holding the
// link id and a second secret (hashed here too).
import "server-only";

import type { Db } from "@/lib/db/client";

import { checkLinkToken, newSecret, secretHash } from "./link-token";
import type { SelfServiceKeys } from "./keys";

/** How long the pages stay open after the link, without a new link. */
export const sessionMinutes = 30;

export type LinkState = "usable" | "expired" | "invalid" | "used";

/** Whether a link would open, without opening it (the page that asks to continue). */
export async function inspectSelfServiceLink(db: Db, keys: SelfServiceKeys, text: string | null, now = new Date()): Promise<LinkState> {
  const check = checkLinkToken(keys.links, text, now);
  if (check.status !== "valid") return check.status;
  const link = await db.selfServiceLink.findUnique({ where: { id: check.token.linkId }, select: { tokenHash: true, consumedAt: true, expiresAt: true, guestId: true } });
  if (!link || link.tokenHash !== secretHash(check.token.secret) || !link.guestId) return "invalid";
  if (link.consumedAt) return "used";
  return link.expiresAt <= now ? "expired" : "usable";
}

export type OpenedLink = { status: "opened"; cookie: string; guestId: string; expiresAt: Date } | { status: Exclude<LinkState, "usable"> };

export async function openSelfServiceLink(db: Db, keys: SelfServiceKeys, text: string | null, now = new Date()): Promise<OpenedLink> {
  const check = checkLinkToken(keys.links, text, now);
  if (check.status !== "valid") return { status: check.status };
  const { linkId, secret } = check.token;
  const session = newSecret();
  const expiresAt = new Date(now.getTime() + sessionMinutes * 60_000);
  const [opened] = await db.$queryRaw<{ guestId: string }[]>`
    UPDATE self_service_link SET consumed_at = ${now}, session_hash = ${secretHash(session)}, session_expires_at = ${expiresAt}
    WHERE id = ${linkId}::uuid AND token_hash = ${secretHash(secret)} AND consumed_at IS NULL AND expires_at > ${now} AND guest_id IS NOT NULL
    RETURNING guest_id AS "guestId"`;
  if (opened) return { status: "opened", cookie: `${linkId}.${session}`, guestId: opened.guestId, expiresAt };
  // Why not: told apart only for a link whose secret is right (the guest's own link).
  const state = await inspectSelfServiceLink(db, keys, text, now);
  return { status: state === "usable" ? "used" : state };
}

export interface SelfServiceSession {
  linkId: string;
  guestId: string;
  venueId: string;
  expiresAt: Date;
}

/** The session a cookie value names, while it lasts and while the guest is not erased. */
export async function loadSelfServiceSession(db: Db, cookie: string | null, now = new Date()): Promise<SelfServiceSession | null> {
  const match = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/.exec(cookie ?? "");
  if (!match) return null;
  const link = await db.selfServiceLink.findUnique({ where: { id: match[1]! }, select: { id: true, guestId: true, venueId: true, sessionHash: true, sessionExpiresAt: true, guest: { select: { erasedAt: true } } } });
  if (!link?.guestId || !link.sessionHash || !link.sessionExpiresAt || link.guest?.erasedAt) return null;
  if (link.sessionHash !== secretHash(match[2]!) || link.sessionExpiresAt <= now) return null;
  return { linkId: link.id, guestId: link.guestId, venueId: link.venueId, expiresAt: link.sessionExpiresAt };
}

/** Ends the session (after an erasure, or "sign out"). */
export async function endSelfServiceSession(db: Db, linkId: string): Promise<void> {
  await db.selfServiceLink.update({ where: { id: linkId }, data: { sessionHash: null, sessionExpiresAt: null } });
}
