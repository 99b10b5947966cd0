"use client";

import { ActionMessage } from "@/components/admin/action-message";
import { useStaffForm } from "@/components/admin/use-staff-form";
import { Button } from "@/components/ui/button";
import { welcomeBackSettingSchema } from "@/lib/welcome-back/schemas";

import { HiddenField, TextField, type FormBinding, type StaffServerAction } from "./form-controls";

interface WelcomeBackFormProps {
  action: StaffServerAction;
  venueId: string;
  defaults: { mode: "OFF" | "ONE_TAP" | "ZERO_TAP"; zeroTapDays: number };
  /** Each of the venue's gateways and whether (and how) it can let a device on with no tap. */
  gateways: readonly { name: string; label: string; zeroTap: string | null }[];
}

const modes = [
  { value: "OFF", label: "Off", hint: "Every visit is the normal journey." },
  { value: "ONE_TAP", label: "One tap", hint: "A device seen before gets “Welcome back, J••••@e••••.com — Connect”." },
  { value: "ZERO_TAP", label: "Zero taps", hint: "As one tap, and gateways that ask Portico themselves let the device on with no page at all." },
] as const;

/** Off / one tap / zero taps for returning devices, with the zero-tap days and what each gateway can do. */
export function WelcomeBackForm({ action, venueId, defaults, gateways }: WelcomeBackFormProps) {
  const { state, formAction, pending, form, ref, onSubmit, errorFor } = useStaffForm(welcomeBackSettingSchema, action, { venueId, mode: defaults.mode, zeroTapDays: String(defaults.zeroTapDays) });
  const binding: FormBinding = { form, errorFor, idPrefix: "welcome-back" };
  return (
    <form ref={ref} action={formAction} onSubmit={onSubmit} noValidate aria-label="Welcome back" className="space-y-4">
      <ActionMessage state={state} />
      <HiddenField binding={binding} name="venueId" value={venueId} />
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">Returning devices</legend>
        {modes.map((mode) => (
          <label key={mode.value} className="flex items-start gap-2 text-sm">
            <input type="radio" value={mode.value} defaultChecked={defaults.mode === mode.value} className="mt-1" {...form.register("mode")} />
            <span>
              <span className="font-medium">{mode.label}</span> — {mode.hint}
            </span>
          </label>
        ))}
      </fieldset>
      <TextField binding={binding} name="zeroTapDays" label="Zero taps for (days after the last visit)" type="number" min={1} max={90} inputMode="numeric" />
      <ul className="list-disc space-y-1 pl-5 text-sm text-slate-600">
        {gateways.length === 0 ? <li>No gateway: one tap works (with the device cookie); zero taps needs a gateway that asks Portico.</li> : null}
        {gateways.map((g) => (
          <li key={g.name}>
            {g.name} ({g.label}): {g.zeroTap ? `zero taps through ${g.zeroTap}.` : "cannot do zero taps (the device sees the one-tap page)."}
          </li>
        ))}
      </ul>
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save welcome back"}
      </Button>
    </form>
  );
}
