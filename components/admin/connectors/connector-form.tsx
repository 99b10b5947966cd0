"use client";

import Link from "next/link";
import { useActionState } from "react";

import { ActionMessage } from "@/components/admin/action-message";
import { describedBy } from "@/components/admin/venues/form-controls";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/input";
import type { ConnectorFormState, VendorForm } from "@/lib/delivery/staff/connector-form-state";

import { VendorFieldsets } from "./vendor-fieldsets";

type Action = (state: ConnectorFormState, formData: FormData) => Promise<ConnectorFormState>;

interface ConnectorFormProps {
  action: Action;
  venueId: string;
  vendor: VendorForm;
  /** Creating: the consent purposes a connection may need. Editing: the connection's id and current values. */
  purposes?: { id: string; label: string }[];
  connector?: { id: string; name: string; batchWaitSeconds: number; settings: unknown; credentialsSetAt: string | null };
}

/**
 * A connection's form: what every vendor shares (its name, the consent it needs, the batch
 * window), then the vendor's own settings and credentials, drawn from its schemas. A plain form
 * post that the server checks; credentials are write-only.
 */
export function ConnectorForm({ action, venueId, vendor, purposes, connector }: ConnectorFormProps) {
  const [state, formAction, pending] = useActionState(action, {} as ConnectorFormState);
  const values = state.values ?? {};
  const settingsValues = state.settingsValues ?? connector?.settings;
  const error = (name: string) => state.fieldErrors?.[name]?.[0];
  const idPrefix = connector ? "edit-" : "new-";

  if (state.status === "ok" && state.reveal) {
    return (
      <div className="space-y-4">
        <ActionMessage state={state} />
        <dl className="space-y-2" aria-label="Generated credentials">
          {state.reveal.map((item) => (
            <div key={item.value}>
              <dt className="text-sm font-medium text-slate-800">{item.label}</dt>
              <dd>
                <code className="block rounded bg-slate-100 px-3 py-2 font-mono text-sm break-all select-all" data-secret>
                  {item.value}
                </code>
              </dd>
            </div>
          ))}
        </dl>
        {state.href ? (
          <Link href={state.href} className="text-brand underline">
            Open the connection
          </Link>
        ) : null}
      </div>
    );
  }

  return (
    <form action={formAction} noValidate aria-label={connector ? `${vendor.label} connection settings` : `Connect ${vendor.label}`} className="space-y-6">
      <ActionMessage state={state} />
      <input type="hidden" name="venueId" value={venueId} />
      {connector ? <input type="hidden" name="connectorId" value={connector.id} /> : <input type="hidden" name="kind" value={vendor.kind} />}

      <div className="grid gap-4 md:grid-cols-2">
        <Field id={`${idPrefix}name`} label="Name" hint="How staff know this connection, e.g. “Harbour HubSpot”." error={error("name")}>
          <Input
            id={`${idPrefix}name`}
            name="name"
            defaultValue={values.name ?? connector?.name ?? ""}
            autoComplete="off"
            aria-invalid={Boolean(error("name"))}
            aria-describedby={describedBy(`${idPrefix}name`, error("name"), "hint")}
          />
        </Field>
        {purposes ? (
          <Field
            id={`${idPrefix}purposeId`}
            label="Consent it needs"
            hint="Only guests whose latest answer to this is yes are ever sent. Cannot be changed later."
            error={error("purposeId")}
          >
            <Select
              id={`${idPrefix}purposeId`}
              name="purposeId"
              defaultValue={values.purposeId ?? ""}
              aria-invalid={Boolean(error("purposeId"))}
              aria-describedby={describedBy(`${idPrefix}purposeId`, error("purposeId"), "hint")}
            >
              <option value="">Choose…</option>
              {purposes.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.label}
                </option>
              ))}
            </Select>
          </Field>
        ) : null}
        <Field
          id={`${idPrefix}batchWaitSeconds`}
          label="Batch window (seconds)"
          hint="A batch goes when it is full or when its first guest has waited this long. 0 sends at once."
          error={error("batchWaitSeconds")}
        >
          <Input
            id={`${idPrefix}batchWaitSeconds`}
            name="batchWaitSeconds"
            type="number"
            min={0}
            max={300}
            defaultValue={values.batchWaitSeconds ?? String(connector?.batchWaitSeconds ?? 5)}
            aria-invalid={Boolean(error("batchWaitSeconds"))}
            aria-describedby={describedBy(`${idPrefix}batchWaitSeconds`, error("batchWaitSeconds"), "hint")}
          />
        </Field>
      </div>

      <VendorFieldsets
        vendor={vendor}
        settingsValues={settingsValues}
        errors={state.fieldErrors}
        idPrefix={idPrefix}
        credentialsNote={
          connector
            ? connector.credentialsSetAt
              ? "Stored encrypted and never shown again. Leave these blank to keep them; fill them in to replace them."
              : "None stored yet."
            : vendor.generatesSecrets
              ? "Leave blank and Portico creates them, shown to you once. Stored encrypted and never shown again."
              : "Stored encrypted and never shown again."
        }
      />

      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : connector ? "Save connection" : `Connect ${vendor.label}`}
      </Button>
    </form>
  );
}
