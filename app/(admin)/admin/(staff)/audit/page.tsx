import { z } from "zod";

import { AuditEntryList } from "@/components/admin/audit/audit-entry-list";
import { AuditFilterForm, type AuditFilterValues } from "@/components/admin/audit/audit-filter-form";
import { Alert } from "@/components/ui/alert";
import { Pagination } from "@/components/ui/pagination";
import { EmptyState } from "@/components/ui/table";
import { listAuditEntries, listAuditFacets } from "@/lib/audit/list-audit-entries";
import { auditFilterFields, auditFilterSchema } from "@/lib/audit/schemas";
import { requireStaff } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { readPageRequest } from "@/lib/pagination/keyset-cursor";
import { pageHref, pickParams, type QueryParams } from "@/lib/pagination/query-params";

export const metadata = { title: "Audit log · Portico staff" };

const pageSize = 30;

export default async function AuditPage({ searchParams }: { searchParams: Promise<QueryParams> }) {
  const staff = await requireStaff("audit.view");
  const params = await searchParams;
  const values: AuditFilterValues = pickParams(params, auditFilterFields);
  const facets = await listAuditFacets(db, staff);
  const parsed = auditFilterSchema.safeParse(values);

  const header = (
    <div>
      <h1 className="text-2xl font-semibold">Audit log</h1>
      <p className="mt-1 text-sm text-slate-600">
        Every change made by staff, newest first, with what it looked like before and after. Entries cannot be edited or deleted.
      </p>
    </div>
  );

  if (!parsed.success) {
    const { fieldErrors } = z.flattenError(parsed.error);
    const errors = Object.fromEntries(Object.entries(fieldErrors).map(([field, messages]) => [field, messages?.[0]])) as AuditFilterValues;
    return (
      <div className="space-y-6">
        {header}
        <AuditFilterForm values={values} errors={errors} {...facets} />
        <Alert>No entries were looked up: check the highlighted filters.</Alert>
      </div>
    );
  }

  const page = readPageRequest(params, { size: pageSize, idKind: "serial" });
  const result = await listAuditEntries(db, staff, parsed.data, page);
  const filtered = Object.values(parsed.data).some((v) => v !== undefined);

  return (
    <div className="space-y-6">
      {header}
      <AuditFilterForm values={values} {...facets} />
      {page.invalid ? <Alert tone="info">That page link was out of date or changed, so this is the first page.</Alert> : null}
      {result.items.length > 0 ? (
        <>
          <AuditEntryList entries={result.items} />
          <Pagination
            newerHref={pageHref("/admin/audit", params, { newer: result.newer })}
            olderHref={pageHref("/admin/audit", params, { older: result.older })}
          />
        </>
      ) : page.cursor ? (
        <EmptyState title="No more entries" />
      ) : filtered ? (
        <EmptyState title="No entries match these filters">Widen the dates or clear a filter.</EmptyState>
      ) : (
        <EmptyState title="No changes recorded yet">Changes to venues, portal copy and consent wording appear here as staff make them.</EmptyState>
      )}
    </div>
  );
}
