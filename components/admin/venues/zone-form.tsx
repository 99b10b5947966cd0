"use client";

import { ActionMessage } from "@/components/admin/action-message";
import { useStaffForm } from "@/components/admin/use-staff-form";
import { Button } from "@/components/ui/button";
import { zoneSchema, zoneUpdateSchema } from "@/lib/venues/schemas";

import { HiddenField, TextField, type FormBinding, type StaffServerAction } from "./form-controls";

/** Adds a zone to a venue, or edits one when `zone` is given. */
export function ZoneForm({ action, venueId, zone }: { action: StaffServerAction; venueId: string; zone?: { id: string; slug: string; name: string } }) {
  const defaults = zone ? { venueId, zoneId: zone.id, slug: zone.slug, name: zone.name } : { venueId, slug: "", name: "" };
  const { state, formAction, pending, form, ref, onSubmit, errorFor } = useStaffForm(zone ? zoneUpdateSchema : zoneSchema, action, defaults, { resetOnSuccess: !zone });
  const binding: FormBinding = { form, errorFor, idPrefix: zone ? "zone" : "new-zone" };

  return (
    <form ref={ref} action={formAction} onSubmit={onSubmit} noValidate aria-label={zone ? "Zone details" : "Add a zone"} className="space-y-4">
      <ActionMessage state={state} />
      <HiddenField binding={binding} name="venueId" value={venueId} />
      {zone ? <HiddenField binding={binding} name="zoneId" value={zone.id} /> : null}
      <div className="grid gap-4 md:grid-cols-2">
        <TextField binding={binding} name="name" label="Zone name" autoComplete="off" />
        <TextField binding={binding} name="slug" label="Zone slug" hint="What the gateway sends to say where a guest is, e.g. lobby." autoComplete="off" spellCheck={false} />
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : zone ? "Save zone" : "Add zone"}
      </Button>
    </form>
  );
}
