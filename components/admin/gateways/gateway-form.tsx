"use client";

import { useActionState } from "react";

import { ActionMessage } from "@/components/admin/action-message";
import { VendorFieldsets } from "@/components/admin/connectors/vendor-fieldsets";
import { describedBy } from "@/components/admin/venues/form-controls";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/input";
import type { VendorFields, VendorFormState } from "@/lib/delivery/staff/connector-form-state";

type Action = (state: VendorFormState, formData: FormData) => Promise<VendorFormState>;

interface GatewayFormProps {
  action: Action;
  venueId: string;
  vendor: VendorFields;
  /** Editing: the gateway's id and current values. */
  gateway?: { id: string; name: string; slug: string; settings: unknown; credentialsStored: boolean };
}

/**
 * A gateway's form: its name and slug, then the vendor's own settings and credentials, drawn
 * from the adapter's schemas. A plain form post that the server checks; credentials are write-only.
 */
export function GatewayForm({ action, venueId, vendor, gateway }: GatewayFormProps) {
  const [state, formAction, pending] = useActionState(action, {} as VendorFormState);
  const values = state.values ?? {};
  const error = (name: string) => state.fieldErrors?.[name]?.[0];
  const idPrefix = gateway ? "edit-gateway-" : "new-gateway-";
  const slugHint = gateway
    ? "Part of the splash URL (?gw=…). Changing it changes the URL the controller must send guests to."
    : "Part of the splash URL (?gw=…): lowercase letters, digits and hyphens, e.g. “lobby”.";

  return (
    <form action={formAction} noValidate aria-label={gateway ? `${vendor.label} gateway settings` : `Add ${vendor.label}`} className="space-y-6">
      <ActionMessage state={state} />
      <input type="hidden" name="venueId" value={venueId} />
      {gateway ? <input type="hidden" name="gatewayId" value={gateway.id} /> : <input type="hidden" name="kind" value={vendor.kind} />}

      <div className="grid gap-4 md:grid-cols-2">
        <Field id={`${idPrefix}name`} label="Name" hint="How staff know this gateway, e.g. “Lobby controller”." error={error("name")}>
          <Input
            id={`${idPrefix}name`}
            name="name"
            defaultValue={values.name ?? gateway?.name ?? ""}
            autoComplete="off"
            aria-invalid={Boolean(error("name"))}
            aria-describedby={describedBy(`${idPrefix}name`, error("name"), "hint")}
          />
        </Field>
        <Field id={`${idPrefix}slug`} label="Slug" hint={slugHint} error={error("slug")}>
          <Input
            id={`${idPrefix}slug`}
            name="slug"
            defaultValue={values.slug ?? gateway?.slug ?? ""}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={Boolean(error("slug"))}
            aria-describedby={describedBy(`${idPrefix}slug`, error("slug"), "hint")}
          />
        </Field>
      </div>

      <VendorFieldsets
        vendor={vendor}
        settingsValues={state.settingsValues ?? gateway?.settings}
        errors={state.fieldErrors}
        idPrefix={idPrefix}
        credentialsNote={
          gateway
            ? gateway.credentialsStored
              ? "Stored encrypted and never shown again. Leave these blank to keep them; fill them in to replace them."
              : "None stored yet."
            : "Stored encrypted and never shown again."
        }
      />

      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : gateway ? "Save gateway" : `Add ${vendor.label}`}
      </Button>
    </form>
  );
}
