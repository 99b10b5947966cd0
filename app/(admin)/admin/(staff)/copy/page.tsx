import { CopyOverviewTable } from "@/components/admin/copy/copy-overview-table";
import { PageLinks } from "@/components/admin/copy/page-links";
import { requireStaff } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { listCopyOverview } from "@/lib/portal-copy";

export const metadata = { title: "Portal copy · Portico staff" };

const pageSize = 20;

export default async function PortalCopyOverviewPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  await requireStaff("copy.edit");
  const requested = Number.parseInt((await searchParams).page ?? "1", 10);
  const page = Number.isSafeInteger(requested) && requested > 0 ? requested : 1;
  const overview = await listCopyOverview(db, { page, pageSize });
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold">Portal copy</h1>
        <p className="text-sm text-slate-700">
          What guests read on each venue&apos;s WiFi splash page, per language. Edit a draft, check it in the phone preview, then publish it.
        </p>
      </div>
      <CopyOverviewTable venues={overview.venues} />
      <PageLinks page={page} pageCount={overview.pageCount} href={(p) => `/admin/copy?page=${p}`} label="Venues pages" />
    </div>
  );
}
