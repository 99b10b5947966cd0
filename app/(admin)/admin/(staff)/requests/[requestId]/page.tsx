import Link from "next/link";
import { notFound } from "next/navigation";

import { ConfirmBox } from "@/components/admin/confirm-box";
import { ActionForm } from "@/components/admin/requests/action-form";
import { DueBadge, RequestStatusBadge, requestKindNames } from "@/components/admin/requests/request-badges";
import { Alert } from "@/components/ui/alert";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Field, Input, Textarea } from "@/components/ui/input";
import { can } from "@/lib/auth/permissions";
import { requireStaff } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { getRightsRequest } from "@/lib/rights/requests";

import { extendRightsRequestAction, fulfilErasureRequestAction, fulfilObjectionRequestAction, fulfilRectificationRequestAction, moveRightsRequestAction } from "../actions";

export const metadata = { title: "Rights request · Portico staff" };

const when = (date: Date | null) => (date ? `${date.toISOString().slice(0, 16).replace("T", " ")} UTC` : "—");

/** One request: what was asked, the deadline, and the steps to answer it. */
export default async function RightsRequestPage({ params, searchParams }: { params: Promise<{ requestId: string }>; searchParams: Promise<{ created?: string; erased?: string }> }) {
  const staff = await requireStaff("requests.manage");
  const { requestId } = await params;
  const query = await searchParams;
  if (!/^[0-9a-f-]{36}$/i.test(requestId)) notFound();
  const request = await getRightsRequest(db, staff, requestId);
  if (!request) notFound();
  const open = request.status === "RECEIVED" || request.status === "IN_PROGRESS";
  const guestLive = request.guest && !request.guest.erasedAt;
  const hidden = <input type="hidden" name="requestId" value={request.id} />;

  return (
    <div className="space-y-6">
      <Breadcrumb items={[{ label: "Rights requests", href: "/admin/requests" }, { label: requestKindNames[request.kind] ?? request.kind }]} />
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">{requestKindNames[request.kind] ?? request.kind} request</h1>
        <RequestStatusBadge status={request.status} />
      </div>
      {query.created ? <Alert tone="success">Request entered. The deadline is {request.dueAt.toISOString().slice(0, 10)}.</Alert> : null}
      {query.erased && request.status === "DONE" ? <Alert tone="success">The guest is erased and the request is done. Each system that received them is being asked to delete them.</Alert> : null}

      <Card>
        <CardContent className="pt-6">
          <dl className="grid gap-x-6 gap-y-3 text-sm md:grid-cols-2">
            <div>
              <dt className="font-medium">Requester</dt>
              <dd className="break-all">{request.email ?? "erased"}</dd>
            </div>
            <div>
              <dt className="font-medium">Guest</dt>
              <dd>
                {request.guest ? (
                  <Link href={`/admin/guests/${request.guest.id}`} className="text-brand hover:underline">
                    {request.guest.erasedAt ? "Erased guest" : "Open the guest's page"}
                  </Link>
                ) : (
                  "No guest has this email"
                )}
              </dd>
            </div>
            <div>
              <dt className="font-medium">Received</dt>
              <dd>{when(request.receivedAt)}, entered by {request.createdBy.email}</dd>
            </div>
            <div>
              <dt className="font-medium">Due</dt>
              <dd>
                <DueBadge dueAt={request.dueAt} urgency={request.urgency} />
                {request.extendedAt ? <span className="block text-xs text-slate-600">Extended {when(request.extendedAt)}: {request.extensionReason}</span> : null}
              </dd>
            </div>
            <div>
              <dt className="font-medium">Handled</dt>
              <dd>{request.handledBy ? `${request.handledBy.email}, ${when(request.handledAt)}` : "Not yet"}</dd>
            </div>
            <div>
              <dt className="font-medium">Answer</dt>
              <dd>{request.refusalReason ? `Refused: ${request.refusalReason}` : (request.outcome ?? "—")}</dd>
            </div>
            {request.details ? (
              <div className="md:col-span-2">
                <dt className="font-medium">Details</dt>
                <dd className="whitespace-pre-wrap">{request.details}</dd>
              </div>
            ) : null}
          </dl>
        </CardContent>
      </Card>

      {request.kind === "ACCESS" && guestLive ? (
        <p>
          <a href={`/admin/requests/${request.id}/access-package`} className="text-brand hover:underline">
            Download the guest&apos;s data (ZIP: JSON and CSV)
          </a>
          <span className="block text-xs text-slate-600">Each download is recorded in the audit trail. Send it to the requester, then mark the request done.</span>
        </p>
      ) : null}

      {open ? (
        <div className="grid gap-6 md:grid-cols-2">
          {request.status === "RECEIVED" ? (
            <Card>
              <CardHeader>
                <CardTitle>Start</CardTitle>
              </CardHeader>
              <CardContent>
                <ActionForm action={moveRightsRequestAction} label="Start this request" submit="Mark in progress" variant="secondary">
                  {hidden}
                  <input type="hidden" name="to" value="IN_PROGRESS" />
                </ActionForm>
              </CardContent>
            </Card>
          ) : null}
          {request.kind === "ERASURE" && guestLive && can(staff.role, "guests.erase") ? (
            <Card>
              <CardHeader>
                <CardTitle>Erase the guest</CardTitle>
              </CardHeader>
              <CardContent>
                <ActionForm action={fulfilErasureRequestAction} label="Erase the guest and mark done" submit="Erase and mark done" variant="destructive">
                  {hidden}
                  <ConfirmBox>I confirm: erase this guest&apos;s personal data for good and ask every system that received it to delete it. This cannot be undone.</ConfirmBox>
                </ActionForm>
              </CardContent>
            </Card>
          ) : request.kind === "OBJECTION" && guestLive ? (
            <Card>
              <CardHeader>
                <CardTitle>Uphold the objection</CardTitle>
              </CardHeader>
              <CardContent>
                <ActionForm action={fulfilObjectionRequestAction} label="Withdraw every consent and mark done" submit="Withdraw all and mark done" variant="destructive">
                  {hidden}
                  <p className="text-sm text-slate-600">
                    Marketing and every sponsor&apos;s consent, at every venue, is withdrawn as if the guest had done it, and each system that received the guest is
                    told. An objection to direct marketing needs no weighing (art. 21(3)).
                  </p>
                  <ConfirmBox>I confirm: withdraw every consent this guest has given.</ConfirmBox>
                </ActionForm>
              </CardContent>
            </Card>
          ) : request.kind === "RECTIFICATION" && request.guest && guestLive ? (
            <Card>
              <CardHeader>
                <CardTitle>Correct the guest&apos;s details</CardTitle>
              </CardHeader>
              <CardContent>
                <ActionForm action={fulfilRectificationRequestAction} label="Correct the details and mark done" submit="Correct and mark done">
                  {hidden}
                  <p className="text-sm text-slate-600">
                    As they should be; an empty field is removed. Each system that received the guest is sent the corrected record (unless the guest has
                    since withdrawn that consent). The email is the guest&apos;s identity here and in those systems: a wrong one is corrected by erasing
                    the guest, whose next sign-in with the right address starts afresh.
                  </p>
                  <Field id="rectify-name" label="Name">
                    <Input id="rectify-name" name="name" defaultValue={request.guest.name ?? ""} maxLength={200} autoComplete="off" />
                  </Field>
                  <Field id="rectify-phone" label="Phone" hint="With its country code, e.g. +44 20 7946 0018.">
                    <Input id="rectify-phone" name="phone" type="tel" defaultValue={request.guest.phone ?? ""} maxLength={32} autoComplete="off" />
                  </Field>
                  <Field id="rectify-birthday" label="Birthday">
                    <Input id="rectify-birthday" name="birthday" type="date" defaultValue={request.guest.birthday?.toISOString().slice(0, 10) ?? ""} />
                  </Field>
                </ActionForm>
              </CardContent>
            </Card>
          ) : request.status === "IN_PROGRESS" ? (
            <Card>
              <CardHeader>
                <CardTitle>Mark done</CardTitle>
              </CardHeader>
              <CardContent>
                <ActionForm action={moveRightsRequestAction} label="Mark this request done" submit="Mark done">
                  {hidden}
                  <input type="hidden" name="to" value="DONE" />
                  <Field id="done-note" label="What was done" hint="Kept with the request and in the audit trail: no personal data.">
                    <Textarea id="done-note" name="note" maxLength={500} />
                  </Field>
                </ActionForm>
              </CardContent>
            </Card>
          ) : null}
          <Card>
            <CardHeader>
              <CardTitle>Refuse</CardTitle>
            </CardHeader>
            <CardContent>
              <ActionForm action={moveRightsRequestAction} label="Refuse this request" submit="Refuse" variant="secondary">
                {hidden}
                <input type="hidden" name="to" value="REFUSED" />
                <Field id="refuse-note" label="Reason" hint="The requester is told why (art. 12(4)).">
                  <Textarea id="refuse-note" name="note" maxLength={500} required />
                </Field>
              </ActionForm>
            </CardContent>
          </Card>
          {request.extendedAt ? null : (
            <Card>
              <CardHeader>
                <CardTitle>Extend the deadline</CardTitle>
              </CardHeader>
              <CardContent>
                <ActionForm action={extendRightsRequestAction} label="Extend the deadline" submit="Extend by two months" variant="secondary">
                  {hidden}
                  <Field id="extend-reason" label="Why more time is needed" hint="Art. 12(3): complex or numerous requests; tell the requester within the first month.">
                    <Textarea id="extend-reason" name="reason" maxLength={500} required />
                  </Field>
                </ActionForm>
              </CardContent>
            </Card>
          )}
        </div>
      ) : null}
    </div>
  );
}
