"use client";

import { ActionMessage } from "@/components/admin/action-message";
import { useStaffForm } from "@/components/admin/use-staff-form";
import { Button } from "@/components/ui/button";
import { sponsorSchema, sponsorUpdateSchema } from "@/lib/venues/schemas";

import { HiddenField, TextField, type FormBinding, type StaffServerAction } from "./form-controls";

interface SponsorValues {
  id: string;
  slug: string;
  name: string;
  dpaReference: string | null;
  dpaSignedAt: string | null;
  dpaExpiresAt: string | null;
  active: boolean;
}

/** Adds a sponsor to a venue, or edits one when `sponsor` is given (its slug is then fixed). */
export function SponsorForm({ action, venueId, sponsor }: { action: StaffServerAction; venueId: string; sponsor?: SponsorValues }) {
  const defaults = sponsor
    ? { venueId, sponsorId: sponsor.id, name: sponsor.name, dpaReference: sponsor.dpaReference ?? "", dpaSignedAt: sponsor.dpaSignedAt ?? "", dpaExpiresAt: sponsor.dpaExpiresAt ?? "", active: sponsor.active }
    : { venueId, name: "", slug: "", dpaReference: "", dpaSignedAt: "", dpaExpiresAt: "", active: true };
  const { state, formAction, pending, form, ref, onSubmit, errorFor } = useStaffForm(sponsor ? sponsorUpdateSchema : sponsorSchema, action, defaults, { resetOnSuccess: !sponsor });
  const idPrefix = sponsor ? "sponsor" : "new-sponsor";
  const binding: FormBinding = { form, errorFor, idPrefix };
  const initialActive = form.formState.defaultValues?.active;

  return (
    <form ref={ref} action={formAction} onSubmit={onSubmit} noValidate aria-label={sponsor ? "Sponsor details" : "Add a sponsor"} className="space-y-4">
      <ActionMessage state={state} />
      <HiddenField binding={binding} name="venueId" value={venueId} />
      {sponsor ? <HiddenField binding={binding} name="sponsorId" value={sponsor.id} /> : null}
      <div className="grid gap-4 md:grid-cols-2">
        <TextField binding={binding} name="name" label="Sponsor name" hint="Guests see it on the consent page." autoComplete="off" />
        {sponsor ? (
          <div className="space-y-1 text-sm">
            <p className="font-medium text-slate-800">Sponsor slug</p>
            <p className="text-xs text-slate-600">Fixed: it names the consent purpose sponsor:{sponsor.slug}.</p>
            <p className="font-mono">{sponsor.slug}</p>
          </div>
        ) : (
          <TextField binding={binding} name="slug" label="Sponsor slug" hint="Names its consent purpose, sponsor:<slug>. Cannot be changed later." autoComplete="off" spellCheck={false} />
        )}
      </div>
      <fieldset className="space-y-3 rounded-md border border-slate-200 p-4">
        <legend className="px-1 text-sm font-medium text-slate-800">Data-processing agreement</legend>
        <p className="text-xs text-slate-600">Guests are never offered this sponsor until both are filled in. Leave both empty if there is no agreement yet.</p>
        <div className="grid gap-4 md:grid-cols-2">
          <TextField binding={binding} name="dpaReference" label="DPA reference" autoComplete="off" />
          <TextField binding={binding} name="dpaSignedAt" label="DPA signed on" type="date" />
          <TextField
            binding={binding}
            name="dpaExpiresAt"
            label="DPA expires on"
            type="date"
            hint="Optional. From this day (00:00 UTC) guests are no longer offered the sponsor; you are told 30 days before."
          />
        </div>
      </fieldset>
      <label className="inline-flex items-center gap-2 text-sm">
        <input type="checkbox" value="on" defaultChecked={initialActive === true || initialActive === "on"} className="size-4" {...form.register("active")} />
        Active: offer this sponsor to guests (once its agreement is on file)
      </label>
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : sponsor ? "Save sponsor" : "Add sponsor"}
        </Button>
      </div>
    </form>
  );
}
