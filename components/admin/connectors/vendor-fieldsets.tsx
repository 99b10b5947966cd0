"use client";

import type { FormField } from "@/lib/delivery/connector-form";
import type { VendorFields } from "@/lib/delivery/staff/connector-form-state";

import { SchemaFields } from "./schema-fields";

interface VendorFieldsetsProps {
  vendor: VendorFields;
  /** The settings to fill in: as posted when the form came back, else as stored. */
  settingsValues: unknown;
  errors?: Partial<Record<string, string[]>>;
  /** What happens to credentials here (kept when blank, generated, none stored yet…). */
  credentialsNote: string;
  idPrefix: string;
}

const isEmptyGroup = (field: FormField) => field.kind === "group" && field.fields.length === 0;

/**
 * A vendor's own settings and credentials (a connection's, a gateway's), drawn from its
 * schemas. Credentials are write-only. A vendor with nothing to set (the "None" gateway) gets
 * a line saying so instead of an empty box.
 */
export function VendorFieldsets({ vendor, settingsValues, errors, credentialsNote, idPrefix }: VendorFieldsetsProps) {
  const secretsError = errors?.secrets?.[0];
  if (isEmptyGroup(vendor.settings) && isEmptyGroup(vendor.secrets)) {
    return <p className="text-sm text-slate-600">{vendor.label} needs no settings or credentials.</p>;
  }
  return (
    <>
      {isEmptyGroup(vendor.settings) ? null : (
        <fieldset className="space-y-4 rounded-md border border-slate-200 p-4">
          <legend className="px-1 text-sm font-medium text-slate-800">{vendor.label} settings</legend>
          <SchemaFields field={vendor.settings} prefix="settings" values={settingsValues} errors={errors} mode="settings" idPrefix={idPrefix} />
        </fieldset>
      )}

      {isEmptyGroup(vendor.secrets) ? null : (
        <fieldset className="space-y-4 rounded-md border border-slate-200 p-4">
          <legend className="px-1 text-sm font-medium text-slate-800">Credentials</legend>
          <p className="text-xs text-slate-600">{credentialsNote}</p>
          {secretsError ? (
            <p role="alert" className="text-sm font-medium text-red-700">
              {secretsError}
            </p>
          ) : null}
          <SchemaFields field={vendor.secrets} prefix="secrets" errors={errors} mode="secrets" idPrefix={idPrefix} />
        </fieldset>
      )}
    </>
  );
}
