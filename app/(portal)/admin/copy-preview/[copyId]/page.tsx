import { notFound } from "next/navigation";

import { portalFrameFor, renderSplash, renderSuccess } from "@/app/(portal)/p/[venue]/portal-frame";
import { requireStaff } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { accessMinutesByMethod } from "@/lib/journeys";
import { findCopyVersion } from "@/lib/portal-copy";

export const metadata = { title: "Portal preview" };

/**
 * Staff-only: one stored copy version (usually the draft) rendered as the guest splash (or,
 * with ?page=success, the success page), with
 * the guest page's own components and styles. It lives outside the staff layout so nothing of
 * the admin shell leaks in; the editor shows it in a phone-sized frame. Its buttons start
 * nothing.
 */
export default async function CopyPreviewPage({ params, searchParams }: { params: Promise<{ copyId: string }>; searchParams: Promise<{ page?: string }> }) {
  await requireStaff("copy.edit");
  const { copyId } = await params;
  const { page } = await searchParams;
  const found = await findCopyVersion(db, copyId);
  if (!found) notFound();
  const frame = await portalFrameFor(found.venue, found.fields, found.copy.locale);
  // The success page as an email guest with no onward link sees it.
  return page === "success" ? renderSuccess(frame, accessMinutesByMethod.EMAIL, null) : renderSplash(frame, "");
}
