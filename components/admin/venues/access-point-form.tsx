"use client";

import { ActionMessage } from "@/components/admin/action-message";
import { useStaffForm } from "@/components/admin/use-staff-form";
import { Button } from "@/components/ui/button";
import { Field, Select } from "@/components/ui/input";
import { accessPointSchema, accessPointUpdateSchema } from "@/lib/venues/schemas";

import { describedBy, HiddenField, TextField, type FormBinding, type StaffServerAction } from "./form-controls";

interface AccessPointValues {
  id: string;
  mac: string;
  name: string | null;
  zoneId: string | null;
}

/** Registers an access point at a venue, or edits one when `accessPoint` is given. */
export function AccessPointForm({
  action,
  venueId,
  zones,
  accessPoint,
}: {
  action: StaffServerAction;
  venueId: string;
  zones: { id: string; name: string; slug: string }[];
  accessPoint?: AccessPointValues;
}) {
  const defaults = accessPoint
    ? { venueId, accessPointId: accessPoint.id, mac: accessPoint.mac, name: accessPoint.name ?? "", zoneId: accessPoint.zoneId ?? "" }
    : { venueId, mac: "", name: "", zoneId: "" };
  const { state, formAction, pending, form, ref, onSubmit, errorFor } = useStaffForm(accessPoint ? accessPointUpdateSchema : accessPointSchema, action, defaults, { resetOnSuccess: !accessPoint });
  const idPrefix = accessPoint ? "access-point" : "new-access-point";
  const binding: FormBinding = { form, errorFor, idPrefix };
  const zoneFieldId = `${idPrefix}-zoneId`;
  const zoneError = errorFor("zoneId");
  const initialZone = form.formState.defaultValues?.zoneId;

  return (
    <form ref={ref} action={formAction} onSubmit={onSubmit} noValidate aria-label={accessPoint ? "Access point details" : "Add an access point"} className="space-y-4">
      <ActionMessage state={state} />
      <HiddenField binding={binding} name="venueId" value={venueId} />
      {accessPoint ? <HiddenField binding={binding} name="accessPointId" value={accessPoint.id} /> : null}
      <div className="grid gap-4 md:grid-cols-3">
        <TextField binding={binding} name="mac" label="MAC address" hint="Any common format, e.g. 00-11-22-33-44-55." autoComplete="off" spellCheck={false} />
        <TextField binding={binding} name="name" label="Access point name (optional)" autoComplete="off" />
        <Field id={zoneFieldId} label="Zone (optional)" error={zoneError}>
          <Select
            id={zoneFieldId}
            defaultValue={typeof initialZone === "string" ? initialZone : ""}
            aria-invalid={Boolean(zoneError)}
            aria-describedby={describedBy(zoneFieldId, zoneError)}
            {...form.register("zoneId")}
          >
            <option value="">No zone</option>
            {zones.map((zone) => (
              <option key={zone.id} value={zone.id}>
                {zone.name} ({zone.slug})
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : accessPoint ? "Save access point" : "Add access point"}
      </Button>
    </form>
  );
}
