"use client";

import { useMemo } from "react";

import { ActionMessage } from "@/components/admin/action-message";
import { useStaffForm } from "@/components/admin/use-staff-form";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/input";
import type { StaffActionState } from "@/lib/staff/action-state";
import { attemptsPerClientPerHour, codeLengthLimits, wrongCodesPerVenuePerHour } from "@/lib/vouchers/brute-force";
import { batchLimits, newVoucherBatchSchema, voucherTimeZones } from "@/lib/vouchers/schemas";

type Action = (state: StaffActionState, formData: FormData) => Promise<StaffActionState>;

/** A new batch: how many codes, how long, and what each code allows. */
export function NewVoucherBatchForm({ action, venues, defaultExpiry }: { action: Action; venues: { id: string; name: string; timezone: string }[]; defaultExpiry: string }) {
  const schema = useMemo(() => newVoucherBatchSchema(voucherTimeZones(venues)), [venues]);
  const defaults = { venueId: venues[0]?.id ?? "", label: "", count: 20, codeLength: codeLengthLimits.default, accessMinutes: 1440, dataMb: "", maxDevices: 2, expiresAt: defaultExpiry };
  const { state, formAction, pending, ref, onSubmit, errorFor, bind, form } = useStaffForm(schema, action, defaults, { resetOnSuccess: true });
  const invalid = (name: string) => (errorFor(name) ? { "aria-invalid": true, "aria-describedby": `voucher-${name}-error` } : {});
  const field = (name: string, label: string, input: Record<string, unknown>, hint?: string) => (
    <Field id={`voucher-${name}`} label={label} hint={hint} error={errorFor(name)}>
      <Input id={`voucher-${name}`} {...input} {...bind(name)} {...invalid(name)} />
    </Field>
  );
  return (
    <form ref={ref} action={formAction} onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Create a voucher batch">
      <ActionMessage state={state} />
      <div className="grid gap-4 md:grid-cols-2">
        <Field id="voucher-venueId" label="Venue" error={errorFor("venueId")}>
          <Select id="voucher-venueId" {...form.register("venueId")} {...invalid("venueId")}>
            {venues.map((v) => (
              <option key={v.id} value={v.id}>
                {v.name}
              </option>
            ))}
          </Select>
        </Field>
        {field("label", "Label", { autoComplete: "off" }, "Printed on each card, e.g. Conference 12 May.")}
        {field("count", "Number of codes", { type: "number", min: 1, max: batchLimits.maxCodes })}
        {field(
          "codeLength",
          "Digits per code",
          { type: "number", min: codeLengthLimits.min, max: codeLengthLimits.max },
          `${codeLengthLimits.min} to ${codeLengthLimits.max}. Guessing is limited to ${wrongCodesPerVenuePerHour} wrong codes an hour per venue and ${attemptsPerClientPerHour} tries per device; more codes or a later expiry may need more digits.`,
        )}
        {field("accessMinutes", "Minutes online per code", { type: "number", min: 1, max: batchLimits.maxMinutes }, "Counted from the code's first use (1440 = one day).")}
        {field("dataMb", "Data allowance in MB (optional)", { type: "number", min: 1, max: batchLimits.maxDataMb }, "Where the gateway can enforce one.")}
        {field("maxDevices", "Devices per code", { type: "number", min: 1, max: batchLimits.maxDevices })}
        {field("expiresAt", "Codes stop working at", { type: "datetime-local" }, "On the venue's clock, as printed on the cards.")}
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? "Creating…" : "Create batch"}
      </Button>
    </form>
  );
}
