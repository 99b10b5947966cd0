import Link from "next/link";

import { ActionForm } from "@/components/admin/requests/action-form";
import { requestKindNames } from "@/components/admin/requests/request-badges";
import { RequestTable } from "@/components/admin/requests/request-table";
import { Alert } from "@/components/ui/alert";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Field, Input, Select, Textarea } from "@/components/ui/input";
import { Pagination } from "@/components/ui/pagination";
import { EmptyState } from "@/components/ui/table";
import { requireStaff } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { readPageRequest } from "@/lib/pagination/keyset-cursor";
import { firstParam, pageHref, type QueryParams } from "@/lib/pagination/query-params";
import { answerDays, listRightsRequests } from "@/lib/rights/requests";
import { rightsRequestKinds } from "@/lib/rights/requests/schemas";

import { createRightsRequestAction } from "./actions";

export const metadata = { title: "Rights requests · Portico staff" };

/** The requests queue: what guests asked for under the GDPR, oldest deadline first to worry about. */
export default async function RequestsPage({ searchParams }: { searchParams: Promise<QueryParams> }) {
  const staff = await requireStaff("requests.manage");
  const params = await searchParams;
  const filter = firstParam(params, "show") === "all" ? "all" : "open";
  const page = readPageRequest(params, { size: 25, idKind: "uuid" });
  const result = await listRightsRequests(db, staff, { filter, page });

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Rights requests</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          Requests guests sent in (access, erasure, rectification, objection). Each must be answered within one month ({answerDays} days) of receipt, extendable once by two
          months with a reason (GDPR art. 12(3)).
        </p>
      </div>
      {result.overdue > 0 ? <Alert>{result.overdue === 1 ? "1 request is overdue." : `${result.overdue} requests are overdue.`}</Alert> : null}
      {result.nearDue > 0 ? <Alert tone="info">{result.nearDue === 1 ? "1 request is due within 7 days." : `${result.nearDue} requests are due within 7 days.`}</Alert> : null}

      <Card>
        <CardHeader>
          <CardTitle>Enter a request</CardTitle>
        </CardHeader>
        <CardContent>
          <ActionForm action={createRightsRequestAction} label="Enter a request" submit="Enter request">
            <div className="grid gap-4 md:grid-cols-3">
              <Field id="request-kind" label="The guest asks for">
                <Select id="request-kind" name="kind" defaultValue="ACCESS">
                  {rightsRequestKinds.map((kind) => (
                    <option key={kind} value={kind}>
                      {requestKindNames[kind]}
                    </option>
                  ))}
                </Select>
              </Field>
              <Field id="request-email" label="Guest's email" hint="The guest is found by this address; a request for an unknown address is kept too.">
                <Input id="request-email" name="email" type="email" required autoComplete="off" />
              </Field>
              <Field id="request-received" label="Received on" hint="Leave empty for today. The deadline runs from this day.">
                <Input id="request-received" name="receivedOn" type="date" />
              </Field>
            </div>
            <Field id="request-details" label="Details" hint="What they asked, how it arrived (removed if the guest is erased).">
              <Textarea id="request-details" name="details" maxLength={2000} />
            </Field>
          </ActionForm>
        </CardContent>
      </Card>

      <nav aria-label="Which requests" className="flex gap-4 text-sm">
        <Link href="/admin/requests" aria-current={filter === "open" ? "page" : undefined} className={filter === "open" ? "font-semibold" : "text-brand hover:underline"}>
          Open
        </Link>
        <Link href="/admin/requests?show=all" aria-current={filter === "all" ? "page" : undefined} className={filter === "all" ? "font-semibold" : "text-brand hover:underline"}>
          All
        </Link>
      </nav>
      {page.invalid ? <Alert tone="info">That page link was out of date or changed, so this is the first page.</Alert> : null}
      {result.items.length > 0 ? (
        <>
          <RequestTable requests={result.items} />
          <Pagination newerHref={pageHref("/admin/requests", params, { newer: result.newer })} olderHref={pageHref("/admin/requests", params, { older: result.older })} />
        </>
      ) : (
        <EmptyState title={filter === "open" ? "No open requests" : "No requests yet"}>Requests appear here once entered.</EmptyState>
      )}
    </div>
  );
}
