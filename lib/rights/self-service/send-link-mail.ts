// The mail job's work for one link request: when the address is a guest's (not erased), a fresh
// secret is made, only its SHA-256 stored, and the signed link mailed; for any other address
// nothing is sent (docs/RIGHTS.md): a "we hold nothing about you" email would let anyone make
// Portico write to strangers, and the page the asker sees is the same either way.
import "server-only";

import type { Db } from "@/lib/db/client";
import { normaliseEmail } from "@/lib/email/normalise-email";
import { recordEvents } from "@/lib/events/record-event";
import { portalTranslator } from "@/lib/i18n/portal-translator";
import type { Mailer, MailSettings } from "@/lib/mail";

import { newSecret, secretHash, signLinkToken } from "./link-token";
import type { SelfServiceKeys } from "./keys";
import type { SelfServiceMailJob } from "./mail-queue";

export type LinkMailOutcome = "sent" | "unknownEmail" | "gone";

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export async function sendSelfServiceLinkMail(db: Db, keys: SelfServiceKeys, mail: { mailer: Mailer; settings: MailSettings }, job: SelfServiceMailJob, now = new Date()): Promise<LinkMailOutcome> {
  const link = await db.selfServiceLink.findUnique({ where: { id: job.linkId }, include: { venue: { select: { slug: true, name: true } } } });
  // Expired, already used or already sent (a retry after the mail server took it): nothing to do.
  if (!link || link.expiresAt <= now || link.consumedAt || link.sentAt) return "gone";
  const guest = await db.guest.findFirst({ where: { emailNormalized: normaliseEmail(job.email), erasedAt: null }, select: { id: true } });
  if (!guest) {
    await db.selfServiceLink.update({ where: { id: link.id }, data: { outcome: "unknownEmail" } });
    return "unknownEmail";
  }
  // A retry after a failed send replaces the secret: only the newest email's link opens.
  const secret = newSecret();
  const claimed = await db.selfServiceLink.updateMany({ where: { id: link.id, sentAt: null, consumedAt: null }, data: { tokenHash: secretHash(secret), guestId: guest.id } });
  if (claimed.count === 0) return "gone";

  const token = signLinkToken(keys.links, { linkId: link.id, secret, expiresAt: link.expiresAt });
  const url = `${mail.settings.publicOrigin}/p/${encodeURIComponent(link.venue.slug)}/my-data/open?t=${encodeURIComponent(token)}`;
  const t = portalTranslator(link.locale);
  const minutes = Math.round((link.expiresAt.getTime() - link.createdAt.getTime()) / 60_000);
  const intro = t("myData.mailIntro", { venue: link.venue.name });
  const expiry = t("myData.mailExpiry", { minutes });
  const ignore = t("myData.mailIgnore");
  await mail.mailer.send({
    to: job.email,
    subject: t("myData.mailSubject", { venue: link.venue.name }),
    text: `${intro}\n\n${url}\n\n${expiry}\n${ignore}\n`,
    html: `<p>${escapeHtml(intro)}</p><p><a href="${escapeHtml(url)}">${escapeHtml(t("myData.mailButton"))}</a></p><p>${escapeHtml(expiry)}<br>${escapeHtml(ignore)}</p>`,
  });
  await db.$transaction(async (tx) => {
    await tx.selfServiceLink.update({ where: { id: link.id }, data: { sentAt: new Date(), outcome: "sent" } });
    await recordEvents(tx, [{ type: "rights.link_sent", venueId: link.venueId, guestId: guest.id, payload: { linkId: link.id } }]);
  });
  return "sent";
}
