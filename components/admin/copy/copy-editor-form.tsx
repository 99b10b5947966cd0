"use client";

import { useEffect, useState, type ChangeEvent, type FormEvent } from "react";

import { ActionMessage } from "@/components/admin/action-message";
import { useStaffForm } from "@/components/admin/use-staff-form";
import { Button } from "@/components/ui/button";
import { Field, Input, Textarea } from "@/components/ui/input";
import { formatMegabytes, imageContentTypes, maxImageBytes } from "@/lib/assets/image-upload";
import { portalCopyDraftSchema, type PortalCopyFields } from "@/lib/portal-copy/schemas";
import type { StaffActionState } from "@/lib/staff/action-state";

type ImageField = "logo" | "backgroundImage";

interface CopyEditorFormProps {
  venueId: string;
  locale: string;
  /** What the form starts from: the draft, else the live copy, else the fallback. */
  fields: PortalCopyFields;
  /** Whether a saved draft exists; once it is published, "draft saved" is old news. */
  hasDraft: boolean;
  /** The portal's own labels in this locale, shown when a label is left empty. */
  defaultLabels: { email: string; loyalty: string; success: string };
  action: (state: StaffActionState, formData: FormData) => Promise<StaffActionState>;
}

/** Headline, Markdown welcome text, labels, colours and images of one venue's portal in one locale. */
export function CopyEditorForm({ venueId, locale, fields, hasDraft, defaultLabels, action }: CopyEditorFormProps) {
  const { state, formAction, pending, form, ref, onSubmit, errorFor, bind } = useStaffForm(portalCopyDraftSchema, action, { ...fields, venueId, locale });
  const [fileErrors, setFileErrors] = useState<Partial<Record<ImageField, string>>>({});

  // After a publish or a roll back the page hands in other fields: show them, not what was typed before.
  const fieldsKey = JSON.stringify(fields);
  useEffect(() => {
    form.reset({ ...(JSON.parse(fieldsKey) as PortalCopyFields), venueId, locale });
  }, [fieldsKey, form, venueId, locale]);

  // A saved upload is now the draft's image: clear the pickers so saving again doesn't re-upload it.
  useEffect(() => {
    if (state.status !== "ok" || !ref.current) return;
    for (const input of ref.current.querySelectorAll<HTMLInputElement>('input[type="file"], input[name^="remove"]')) {
      input.value = input.type === "file" ? "" : input.value;
      input.checked = false;
    }
  }, [state, ref]);

  const checkFile = (field: ImageField) => (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    let message: string | undefined;
    if (file && file.size > maxImageBytes) message = `${file.name} is too big: images must be ${formatMegabytes(maxImageBytes)} or smaller.`;
    else if (file && !(imageContentTypes as readonly string[]).includes(file.type)) message = `${file.name} is not a PNG, JPEG or WebP image.`;
    setFileErrors((errors) => ({ ...errors, [field]: message }));
  };

  // The server checks every file by its bytes; this only spares a doomed upload.
  const submit = (event: FormEvent<HTMLFormElement>) => {
    if (Object.values(fileErrors).some(Boolean)) event.preventDefault();
    else onSubmit(event);
  };

  const text = (name: keyof PortalCopyFields, label: string, hint?: string, placeholder?: string) => (
    <Field id={name} label={label} hint={hint} error={errorFor(name)}>
      <Input id={name} placeholder={placeholder} aria-invalid={Boolean(errorFor(name))} aria-describedby={describedBy(name, hint, errorFor(name))} {...bind(name)} />
    </Field>
  );
  const image = (field: ImageField, label: string, current: string | undefined) => {
    const error = fileErrors[field] ?? errorFor(field);
    return (
      <fieldset className="space-y-2 rounded-md border border-slate-200 p-3">
        <legend className="px-1 text-sm font-medium text-slate-800">{label}</legend>
        {current ? (
          // eslint-disable-next-line @next/next/no-img-element
          <img src={current} alt={`Current ${label.toLowerCase()}`} className="max-h-16 rounded border border-slate-200 bg-slate-50" />
        ) : (
          <p className="text-sm text-slate-600">None yet.</p>
        )}
        <Field id={field} label={current ? "Replace with" : "Upload"} hint="PNG, JPEG or WebP, 1 MB at most." error={error}>
          <input
            id={field}
            name={field}
            type="file"
            accept={imageContentTypes.join(",")}
            aria-invalid={Boolean(error)}
            aria-describedby={describedBy(field, true, error)}
            onChange={checkFile(field)}
            className="block w-full text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5"
          />
        </Field>
        {current ? (
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name={field === "logo" ? "removeLogo" : "removeBackgroundImage"} value="on" className="size-4" />
            Remove the {label.toLowerCase()}
          </label>
        ) : null}
      </fieldset>
    );
  };

  return (
    <form ref={ref} action={formAction} onSubmit={submit} className="space-y-5" noValidate id="copy-editor">
      {state.status === "ok" && !hasDraft ? null : <ActionMessage state={state} />}
      <input type="hidden" {...bind("venueId")} />
      <input type="hidden" {...bind("locale")} />
      {/* The saved images; a new upload or a "remove" box replaces them. Not part of the typed values. */}
      <input type="hidden" name="logoUrl" value={fields.logoUrl ?? ""} />
      <input type="hidden" name="backgroundImageUrl" value={fields.backgroundImageUrl ?? ""} />

      {text("headline", "Headline")}
      <Field id="welcomeText" label="Welcome text" hint="Markdown: **bold**, *italic*, lists, [a link](https://example.com). HTML is not shown." error={errorFor("welcomeText")}>
        <Textarea id="welcomeText" rows={6} aria-invalid={Boolean(errorFor("welcomeText"))} aria-describedby={describedBy("welcomeText", true, errorFor("welcomeText"))} {...bind("welcomeText")} />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        {text("emailButtonLabel", "Email button label", "Empty: the portal's default.", defaultLabels.email)}
        {text("loyaltyButtonLabel", "Loyalty button label", "Empty: the portal's default.", defaultLabels.loyalty)}
      </div>
      <Field id="successMessage" label="Success message" hint="Shown once the guest is online. Empty: the portal's default." error={errorFor("successMessage")}>
        <Textarea
          id="successMessage"
          rows={2}
          placeholder={defaultLabels.success}
          aria-invalid={Boolean(errorFor("successMessage"))}
          aria-describedby={describedBy("successMessage", true, errorFor("successMessage"))}
          {...bind("successMessage")}
        />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        {(["primaryColor", "backgroundColor"] as const).map((name) => (
          <Field key={name} id={name} label={name === "primaryColor" ? "Primary colour (buttons, links)" : "Page background colour"} error={errorFor(name)}>
            <Input id={name} type="color" className="block h-10 w-24 p-1" aria-invalid={Boolean(errorFor(name))} {...bind(name)} />
          </Field>
        ))}
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        {image("logo", "Logo", fields.logoUrl)}
        {image("backgroundImage", "Background image", fields.backgroundImageUrl)}
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save draft"}
      </Button>
    </form>
  );
}

function describedBy(id: string, hint: unknown, error: unknown): string | undefined {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
}
