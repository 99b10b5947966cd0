"use client";

import { ActionMessage } from "@/components/admin/action-message";
import { useStaffForm } from "@/components/admin/use-staff-form";
import { Button, type ButtonProps } from "@/components/ui/button";
import { Field, Textarea } from "@/components/ui/input";
import {
  approveConsentTextSchema,
  consentTextTransitionSchema,
  draftConsentTextSchema,
  rejectConsentTextSchema,
  updateConsentDraftSchema,
} from "@/lib/consent/wording/schemas";
import type { StaffActionState } from "@/lib/staff/action-state";

export type WordingAction = (state: StaffActionState, formData: FormData) => Promise<StaffActionState>;

/** A new version of the wording, starting from the text guests see today. */
export function DraftWordingForm({ action, purposeId, locale, initialBody }: { action: WordingAction; purposeId: string; locale: string; initialBody: string }) {
  const { state, formAction, pending, form, ref, onSubmit, errorFor } = useStaffForm(draftConsentTextSchema, action, { purposeId, locale, body: initialBody });
  const error = errorFor("body");
  return (
    <form ref={ref} action={formAction} onSubmit={onSubmit} noValidate className="space-y-3" data-action="draft">
      <ActionMessage state={state} />
      <input type="hidden" defaultValue={purposeId} {...form.register("purposeId")} />
      <input type="hidden" defaultValue={locale} {...form.register("locale")} />
      <Field id="draft-body" label="Wording of the new version" error={error} hint="Plain text. Guests see it exactly as written, line breaks included.">
        <Textarea
          id="draft-body"
          rows={8}
          defaultValue={state.values?.body ?? initialBody}
          aria-invalid={Boolean(error)}
          aria-describedby={error ? "draft-body-error" : "draft-body-hint"}
          {...form.register("body")}
        />
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save as draft"}
      </Button>
    </form>
  );
}

/** The author's own draft, editable until it is submitted. */
export function EditDraftForm({ action, consentTextId, version, body }: { action: WordingAction; consentTextId: string; version: number; body: string }) {
  const { state, formAction, pending, form, ref, onSubmit, errorFor } = useStaffForm(updateConsentDraftSchema, action, { consentTextId, body });
  const id = `edit-body-${consentTextId}`;
  const error = errorFor("body");
  return (
    <form ref={ref} action={formAction} onSubmit={onSubmit} noValidate className="space-y-3" data-action="update">
      <ActionMessage state={state} />
      <input type="hidden" defaultValue={consentTextId} {...form.register("consentTextId")} />
      <Field id={id} label={`Edit version ${version}`} error={error}>
        <Textarea id={id} rows={8} defaultValue={state.values?.body ?? body} aria-invalid={Boolean(error)} aria-describedby={error ? `${id}-error` : undefined} {...form.register("body")} />
      </Field>
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Saving…" : "Save changes"}
      </Button>
    </form>
  );
}

/** A step that needs only the version: submit for review, publish, copy into a new draft. */
export function WordingStepForm({
  action,
  consentTextId,
  step,
  label,
  variant,
}: {
  action: WordingAction;
  consentTextId: string;
  step: "submit" | "publish" | "redraft" | "discard" | "withdraw";
  label: string;
  variant?: ButtonProps["variant"];
}) {
  const { state, formAction, pending, form, ref, onSubmit } = useStaffForm(consentTextTransitionSchema, action, { consentTextId });
  return (
    <form ref={ref} action={formAction} onSubmit={onSubmit} noValidate className="space-y-2" data-action={step}>
      <ActionMessage state={state} />
      <input type="hidden" defaultValue={consentTextId} {...form.register("consentTextId")} />
      <Button type="submit" variant={variant} disabled={pending}>
        {label}
      </Button>
    </form>
  );
}

/** Legal's decision on a version in review: approve (comment optional) or reject (comment required). */
export function ReviewForms({ approve, reject, consentTextId, version }: { approve: WordingAction; reject: WordingAction; consentTextId: string; version: number }) {
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <ReviewForm action={approve} consentTextId={consentTextId} decision="approve" label={`Approve version ${version}`} />
      <ReviewForm action={reject} consentTextId={consentTextId} decision="reject" label={`Reject version ${version}`} />
    </div>
  );
}

function ReviewForm({ action, consentTextId, decision, label }: { action: WordingAction; consentTextId: string; decision: "approve" | "reject"; label: string }) {
  const schema = decision === "approve" ? approveConsentTextSchema : rejectConsentTextSchema;
  const { state, formAction, pending, form, ref, onSubmit, errorFor } = useStaffForm(schema, action, { consentTextId, comment: "" });
  const id = `${decision}-comment-${consentTextId}`;
  const error = errorFor("comment");
  return (
    <form ref={ref} action={formAction} onSubmit={onSubmit} noValidate className="space-y-3 rounded-md border border-slate-200 p-3" data-action={decision}>
      <ActionMessage state={state} />
      <input type="hidden" defaultValue={consentTextId} {...form.register("consentTextId")} />
      <Field
        id={id}
        label={decision === "approve" ? "Comment (optional)" : "Reason for rejecting (required)"}
        hint={decision === "reject" ? "The author sees this in the version history." : undefined}
        error={error}
      >
        <Textarea
          id={id}
          rows={3}
          defaultValue={state.values?.comment ?? ""}
          aria-invalid={Boolean(error)}
          aria-describedby={error ? `${id}-error` : decision === "reject" ? `${id}-hint` : undefined}
          {...form.register("comment")}
        />
      </Field>
      <Button type="submit" variant={decision === "approve" ? "default" : "destructive"} disabled={pending}>
        {label}
      </Button>
    </form>
  );
}
