// The access package of a request's guest, as a ZIP (lib/rights/requests/access-package.ts);
// each download is audited with the files' SHA-256.
import { NextResponse } from "next/server";

import { can } from "@/lib/auth/permissions";
import { currentStaff } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { isDomainError } from "@/lib/errors";
import { getRequestContext } from "@/lib/http/request-context";
import { recordAccessPackageDownload } from "@/lib/rights/requests";

export async function GET(_request: Request, { params }: { params: Promise<{ requestId: string }> }) {
  const staff = await currentStaff();
  if (!staff) return new NextResponse("Sign in first.", { status: 401 });
  if (!can(staff.role, "requests.manage")) return new NextResponse("Not allowed.", { status: 403 });
  const { requestId } = await params;
  if (!/^[0-9a-f-]{36}$/i.test(requestId)) return new NextResponse("No such request.", { status: 404 });
  const { ip } = await getRequestContext();
  try {
    const { zip, fileName } = await recordAccessPackageDownload(db, { id: staff.id, role: staff.role, ip }, requestId);
    return new NextResponse(Buffer.from(zip), {
      headers: { "content-type": "application/zip", "content-disposition": `attachment; filename="${fileName}"`, "cache-control": "no-store" },
    });
  } catch (error) {
    if (isDomainError(error, "rightsRequestGone") || isDomainError(error, "rightsRequestNoGuest") || isDomainError(error, "guestGone")) {
      return new NextResponse("There is no guest data for this request.", { status: 404 });
    }
    throw error;
  }
}
