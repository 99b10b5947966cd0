import { can } from "@/lib/auth/permissions";
import { currentStaff } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { isDomainError } from "@/lib/errors";
import { getRequestContext } from "@/lib/http/request-context";
import { staffMessage } from "@/lib/staff/messages";
import { printVoucherSheet, voucherKeys } from "@/lib/vouchers";
import { voucherBatchIdSchema } from "@/lib/vouchers/schemas";

const plain = (status: number, text: string) => new Response(text, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });

/**
 * The batch's printable sheet, once (lib/vouchers/print-sheet.ts). A form post, not a link:
 * it changes the batch (its codes are cleared), and the staff area refuses posts from other origins.
 */
export async function POST(_request: Request, { params }: { params: Promise<{ batchId: string }> }): Promise<Response> {
  const staff = await currentStaff();
  if (!staff) return new Response(null, { status: 303, headers: { location: "/admin/sign-in?callbackUrl=%2Fadmin%2Fvouchers" } });
  if (!can(staff.role, "vouchers.manage")) return plain(403, staffMessage("notPermitted", { permission: "vouchers.manage", role: staff.role }));
  const parsed = voucherBatchIdSchema.safeParse(await params);
  if (!parsed.success) return plain(404, staffMessage("voucherBatchGone"));
  const { ip } = await getRequestContext();
  try {
    const sheet = await printVoucherSheet(db, { ...staff, ip }, voucherKeys(), parsed.data.batchId);
    return new Response(sheet.pdf as BodyInit, {
      headers: {
        "content-type": "application/pdf",
        "content-disposition": `attachment; filename="${sheet.fileName}"`,
        "cache-control": "private, no-store",
        "x-content-type-options": "nosniff",
      },
    });
  } catch (error) {
    if (isDomainError(error, "voucherSheetPrinted")) return plain(409, staffMessage("voucherSheetPrinted"));
    if (isDomainError(error, "voucherBatchGone")) return plain(404, staffMessage("voucherBatchGone"));
    throw error;
  }
}
