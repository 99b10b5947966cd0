import { notFound } from "next/navigation";
import { z } from "zod";

import { ConfirmBox } from "@/components/admin/confirm-box";
import { ActionForm } from "@/components/admin/requests/action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/input";
import { requireStaff } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { pickParams, type QueryParams } from "@/lib/pagination/query-params";
import { getRetentionPolicy, previewRetentionPolicy } from "@/lib/rights/retention";
import { retentionPolicySchema } from "@/lib/rights/retention/schemas";
import { getVenueSetup } from "@/lib/venues";

import { VenueBreadcrumb } from "../breadcrumb";
import { saveRetentionPolicyAction } from "./actions";

export const metadata = { title: "Retention · Portico staff" };

const periodFields = [
  { name: "guestMonths", label: "Anonymise guests not seen for (months)", hint: "Erased as on a request (vendors asked to delete them), once no venue they visited keeps them. Empty: kept." },
  { name: "eventMonths", label: "Delete raw events older than (months)", hint: "Take any aggregates (exports, analytics) before: deleted events are gone. Empty: kept." },
  { name: "sessionMonths", label: "Clear network details older than (months)", hint: "Journeys' and ended access sessions' device MAC and IP, browser and gateway details. Empty: kept." },
] as const;

const plural = (n: number, one: string, many: string) => `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;

/**
 * A venue's retention policy. Previewing (a GET form, so it works without JavaScript) shows what
 * the policy would change today; only then is it saved, with a confirmation of those counts.
 */
export default async function RetentionPage({ params, searchParams }: { params: Promise<{ venueId: string }>; searchParams: Promise<QueryParams> }) {
  const staff = await requireStaff("retention.manage");
  const { venueId } = await params;
  const query = await searchParams;
  const setup = await getVenueSetup(db, venueId);
  if (!setup) notFound();
  const current = await getRetentionPolicy(db, venueId);
  const asked = pickParams(query, ["guestMonths", "eventMonths", "sessionMonths"]);
  const previewing = "preview" in query;
  const values = previewing
    ? asked
    : { guestMonths: current?.guestMonths?.toString() ?? "", eventMonths: current?.eventMonths?.toString() ?? "", sessionMonths: current?.sessionMonths?.toString() ?? "" };
  const parsed = retentionPolicySchema.safeParse({ venueId, ...values });
  const errors = parsed.success ? {} : z.flattenError(parsed.error).fieldErrors;
  const counts = parsed.success ? await previewRetentionPolicy(db, staff, parsed.data) : null;

  return (
    <div className="space-y-6">
      <VenueBreadcrumb venue={setup.venue} />
      <h1 className="text-2xl font-semibold">Retention at {setup.venue.name}</h1>
      {"saved" in query ? <Alert tone="success">Retention policy saved. The job queue applies it every night; the record of processing shows it.</Alert> : null}
      <p className="max-w-3xl text-sm text-slate-600">
        {current
          ? `Current policy set ${current.updatedAt.toISOString().slice(0, 16).replace("T", " ")} UTC by ${current.updatedBy.email}.`
          : "No retention policy yet: everything is kept until a guest is erased."}{" "}
        Visits and consent decisions are never deleted: erased guests keep them anonymously, so counts stay whole.
      </p>

      <Card>
        <CardHeader>
          <CardTitle>Policy</CardTitle>
        </CardHeader>
        <CardContent>
          <form method="get" aria-label="Preview a retention policy" className="space-y-4">
            <input type="hidden" name="preview" value="1" />
            <div className="grid gap-4 md:grid-cols-3">
              {periodFields.map((field) => (
                <Field key={field.name} id={`retention-${field.name}`} label={field.label} hint={field.hint} error={errors[field.name]?.[0]}>
                  <Input id={`retention-${field.name}`} name={field.name} type="number" min={1} max={120} defaultValue={values[field.name] ?? ""} aria-invalid={errors[field.name] ? true : undefined} />
                </Field>
              ))}
            </div>
            <Button type="submit" variant="secondary">
              Preview what it would change
            </Button>
          </form>
        </CardContent>
      </Card>

      {counts && parsed.success ? (
        <Card>
          <CardHeader>
            <CardTitle>{previewing ? "This policy, if saved" : "The current policy"}</CardTitle>
          </CardHeader>
          <CardContent className="space-y-4">
            <p role="status" className="text-sm">
              This policy would anonymise {plural(counts.guests, "guest", "guests")} and delete {plural(counts.events, "event", "events")} today, and clear the network details
              of {plural(counts.journeys, "journey", "journeys")} and {plural(counts.accessSessions, "access session", "access sessions")}.
            </p>
            {previewing ? (
              <ActionForm action={saveRetentionPolicyAction} label="Save the retention policy" submit="Save this policy">
                <input type="hidden" name="venueId" value={venueId} />
                {periodFields.map((field) => (
                  <input key={field.name} type="hidden" name={field.name} value={parsed.data[field.name]?.toString() ?? ""} />
                ))}
                <ConfirmBox>I have seen these counts: apply this policy from tonight.</ConfirmBox>
              </ActionForm>
            ) : null}
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}
