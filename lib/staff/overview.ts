import "server-only";

import { db } from "@/lib/db";

export async function getOverviewCounts() {
  const weekAgo = new Date(Date.now() - 7 * 24 * 60 * 60 * 1000);
  const [venues, guests, visitsLastWeek, wordingInReview, wordingApproved, copyDrafts] = await Promise.all([
    db.venue.count(),
    db.guest.count({ where: { erasedAt: null } }),
    db.visit.count({ where: { connectedAt: { gte: weekAgo } } }),
    db.consentText.count({ where: { status: "IN_REVIEW" } }),
    db.consentText.count({ where: { status: "APPROVED" } }),
    db.portalCopy.count({ where: { status: "DRAFT" } }),
  ]);
  return { venues, guests, visitsLastWeek, wordingInReview, wordingApproved, copyDrafts };
}
