"use client";

import { useState, useSyncExternalStore, type ReactNode } from "react";

import { describedBy } from "@/components/admin/venues/form-controls";
import { Field, Input, Select, Textarea } from "@/components/ui/input";
// The tree is plain data: describe the schema where it lives (the server) and pass it in as a prop,
// so the page does not ship zod's JSON Schema converter.
import type { FormField, FormMode } from "@/lib/delivery/connector-form";
import { joinName } from "@/lib/delivery/connector-form-values";

interface RenderContext {
  mode: FormMode;
  errors: Partial<Record<string, string[]>>;
  idPrefix: string;
}

interface ViewProps {
  field: FormField;
  /** The input name (the dotted path under the prefix). */
  name: string;
  /** The current value at this place (settings; or choices such as the auth method of secrets). */
  value: unknown;
  /** False for the spare rows of a list: they start empty, defaults included. */
  fill: boolean;
  context: RenderContext;
}

/**
 * The inputs for a connector's settings or credentials, generated from the tree
 * `describeSchema` made of its zod schema; `readFormValue` reads them back on the server.
 * Works as a plain form post: lists come with two spare rows, and every auth method's fields are
 * shown until JavaScript hides those of the methods not chosen. In secrets mode nothing typed
 * is ever filled in again (only choices, such as the auth method, take `values`).
 */
export function SchemaFields({
  field,
  prefix,
  values,
  errors = {},
  mode = "settings",
  idPrefix = "",
}: {
  field: FormField;
  prefix: string;
  values?: unknown;
  errors?: Partial<Record<string, string[]>>;
  mode?: FormMode;
  /** Keeps ids unique when two forms on one page use the same prefix. */
  idPrefix?: string;
}) {
  return <FieldView field={field} name={prefix} value={values} fill context={{ mode, errors, idPrefix }} />;
}

function idFor(context: RenderContext, name: string): string {
  return `${context.idPrefix}${name}`.replace(/[^\w-]/g, "-");
}

function labelOf(field: FormField): string {
  return !field.required && field.default === undefined ? `${field.label} (optional)` : field.label;
}

function valueAt(value: unknown, key: string): unknown {
  if (key === "") return value;
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>)[key] : undefined;
}

function asText(value: unknown): string | undefined {
  return typeof value === "string" || typeof value === "number" ? String(value) : undefined;
}

function FieldView({ field, name, value, fill, context }: ViewProps) {
  const id = idFor(context, name);
  const error = context.errors[name]?.[0];
  const label = labelOf(field);
  const initial = fill ? (value ?? field.default) : undefined;
  // Typed secrets are write-only: never rendered back into the page.
  const shown = context.mode === "settings" && field.kind !== "password" ? initial : undefined;
  const aria = { "aria-invalid": Boolean(error), "aria-describedby": describedBy(id, error, field.hint) };

  switch (field.kind) {
    case "text":
    case "url":
    case "email":
    case "password":
    case "number":
      return (
        <Field id={id} label={label} error={error} hint={field.hint}>
          <Input
            id={id}
            name={name}
            type={field.kind === "text" ? "text" : field.kind}
            step={field.kind === "number" ? (field.integer ? 1 : "any") : undefined}
            defaultValue={asText(shown)}
            autoComplete={field.kind === "password" ? "new-password" : "off"}
            spellCheck={field.kind === "text" ? undefined : false}
            {...aria}
          />
        </Field>
      );
    case "checkbox":
      return (
        <div className="space-y-1">
          <label htmlFor={id} className="inline-flex items-center gap-2 text-sm">
            <input id={id} name={name} type="checkbox" value="on" defaultChecked={initial === true} className="size-4" {...aria} />
            {label}
          </label>
          <HintAndError id={id} hint={field.hint} error={error} />
        </div>
      );
    case "select":
      return (
        <Field id={id} label={label} error={error} hint={field.hint}>
          <Select id={id} name={name} defaultValue={initial === undefined ? "" : String(initial)} {...aria}>
            <option value="">{field.default !== undefined ? "Default" : field.required ? "Choose…" : "Not set"}</option>
            {field.options.map((option) => (
              <option key={String(option.value)} value={String(option.value)}>
                {option.label}
              </option>
            ))}
          </Select>
        </Field>
      );
    case "const":
      return null;
    case "lines":
    case "pairs": {
      if (field.kind === "lines" && context.mode === "secrets") return <SecretLines field={field} name={name} id={id} label={label} error={error} />;
      const hint = [field.hint, field.kind === "lines" ? "One per line." : 'One "Name: value" per line.'].filter(Boolean).join(" ");
      const text = Array.isArray(shown) ? shown.join("\n") : shown && typeof shown === "object" ? Object.entries(shown).map(([key, item]) => `${key}: ${String(item)}`).join("\n") : undefined;
      return (
        <Field id={id} label={label} error={error} hint={hint}>
          <Textarea id={id} name={name} defaultValue={text} spellCheck={false} autoComplete="off" aria-invalid={Boolean(error)} aria-describedby={describedBy(id, error, hint)} />
        </Field>
      );
    }
    case "group": {
      const fields = field.fields.map((child) => (
        <FieldView key={child.key} field={child} name={joinName(name, child.key)} value={valueAt(initial, child.key)} fill={fill} context={context} />
      ));
      // The schema itself and each row of a list are groups without a key: no box of their own.
      if (field.key === "") return <Stack id={id} error={error}>{fields}</Stack>;
      return (
        <Group id={id} legend={label} hint={field.hint} error={error}>
          {fields}
        </Group>
      );
    }
    case "rows":
      return <Rows field={field} name={name} rows={fill && context.mode === "settings" && Array.isArray(initial) ? initial : []} id={id} label={label} error={error} context={context} />;
    case "variants":
      return <Variants field={field} name={name} value={initial} fill={fill} id={id} label={label} error={error} context={context} />;
  }
}

function HintAndError({ id, hint, error }: { id: string; hint?: string; error?: string }) {
  return (
    <>
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} role="alert" className="text-sm font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </>
  );
}

function Stack({ id, error, children }: { id: string; error?: string; children: ReactNode }) {
  return (
    <div className="space-y-4">
      <HintAndError id={id} error={error} />
      {children}
    </div>
  );
}

function Group({ id, legend, hint, error, hidden, children }: { id: string; legend: string; hint?: string; error?: string; hidden?: boolean; children: ReactNode }) {
  return (
    <fieldset id={id} hidden={hidden} aria-describedby={describedBy(id, error, hint)} className="space-y-3 rounded-md border border-slate-200 p-4">
      <legend className="px-1 text-sm font-medium text-slate-800">{legend}</legend>
      <HintAndError id={id} hint={hint} error={error} />
      {children}
    </fieldset>
  );
}

type Of<Kind extends FormField["kind"]> = FormField & { kind: Kind };

/** Secret lists (signing secrets): one password input per entry, all of one name. */
function SecretLines({ field, name, id, label, error }: { field: Of<"lines">; name: string; id: string; label: string; error?: string }) {
  const count = Math.max(field.minItems ?? 1, Math.min(field.maxItems ?? 3, 5));
  return (
    <Group id={id} legend={label} hint={field.hint} error={error}>
      {Array.from({ length: count }, (_, index) => (
        <Field key={index} id={`${id}-${index}`} label={`Entry ${index + 1}`}>
          <Input id={`${id}-${index}`} name={name} type="password" autoComplete="new-password" spellCheck={false} aria-invalid={Boolean(error)} />
        </Field>
      ))}
    </Group>
  );
}

const SPARE_ROWS = 2;

/** A list of groups (a field mapping): the current rows, then spare empty ones; an empty row is dropped. */
function Rows({ field, name, rows, id, label, error, context }: { field: Of<"rows">; name: string; rows: unknown[]; id: string; label: string; error?: string; context: RenderContext }) {
  const count = Math.max(rows.length + SPARE_ROWS, field.minItems ?? 0);
  const hint = [field.hint, "Leave a row empty to remove it."].filter(Boolean).join(" ");
  return (
    <Group id={id} legend={label} hint={hint} error={error}>
      {Array.from({ length: count }, (_, index) => {
        const rowName = `${name}.${index}`;
        const rowId = idFor(context, rowName);
        const rowError = context.errors[rowName]?.[0];
        const item = field.item.kind === "group" ? field.item : { ...field.item, label: `Row ${index + 1}` };
        return (
          <fieldset key={index} aria-describedby={describedBy(rowId, rowError)} className="space-y-2 rounded-md border border-slate-200 p-3">
            <legend className="px-1 text-xs font-medium text-slate-700">Row {index + 1}</legend>
            <HintAndError id={rowId} error={rowError} />
            <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
              {item.kind === "group" ? (
                item.fields.map((child) => (
                  <FieldView key={child.key} field={child} name={joinName(rowName, child.key)} value={valueAt(rows[index], child.key)} fill={index < rows.length} context={context} />
                ))
              ) : (
                <FieldView field={item} name={rowName} value={rows[index]} fill={index < rows.length} context={context} />
              )}
            </div>
          </fieldset>
        );
      })}
    </Group>
  );
}

const subscribeToNothing = () => () => {};

/**
 * Objects told apart by one property (HubSpot's private app or OAuth): a select for it, the
 * fields they share, then one box per variant. Without JavaScript every box is shown and only
 * the chosen one is read; once hydrated, the others are hidden.
 */
function Variants({ field, name, value, fill, id, label, error, context }: { field: Of<"variants">; name: string; value: unknown; fill: boolean; id: string; label: string; error?: string; context: RenderContext }) {
  const hydrated = useSyncExternalStore(subscribeToNothing, () => true, () => false);
  const { discriminator } = field;
  const selectName = joinName(name, discriminator.key);
  const selectId = idFor(context, selectName);
  const selectError = context.errors[selectName]?.[0];
  const initial = (fill ? valueAt(value, discriminator.key) : undefined) ?? discriminator.default ?? (field.required ? discriminator.options[0]?.value : "");
  const [chosen, setChosen] = useState(String(initial ?? ""));

  const content = (
    <>
      <Field id={selectId} label={discriminator.label} error={selectError} hint={discriminator.hint}>
        <Select
          id={selectId}
          name={selectName}
          defaultValue={chosen}
          onChange={(event) => setChosen(event.target.value)}
          aria-invalid={Boolean(selectError)}
          aria-describedby={describedBy(selectId, selectError, discriminator.hint)}
        >
          {field.required ? null : <option value="">Not set</option>}
          {discriminator.options.map((option) => (
            <option key={String(option.value)} value={String(option.value)}>
              {option.label}
            </option>
          ))}
        </Select>
      </Field>
      {field.shared.map((shared) => (
        <FieldView key={shared.key} field={shared} name={joinName(name, shared.key)} value={valueAt(value, shared.key)} fill={fill} context={context} />
      ))}
      {field.variants
        .filter((variant) => variant.fields.length > 0)
        .map((variant) => (
          <Group key={String(variant.value)} id={idFor(context, `${selectName}-${String(variant.value)}`)} legend={variant.label} hidden={hydrated && String(variant.value) !== chosen}>
            {variant.fields.map((own) => (
              <FieldView key={own.key} field={own} name={joinName(name, own.key)} value={valueAt(value, own.key)} fill={fill} context={context} />
            ))}
          </Group>
        ))}
    </>
  );
  if (field.key === "") return <Stack id={id} error={error}>{content}</Stack>;
  return (
    <Group id={id} legend={label} hint={field.hint} error={error}>
      {content}
    </Group>
  );
}
