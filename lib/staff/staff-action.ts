import "server-only";

import type { z } from "zod";

import { requireStaff, type StaffActor } from "@/lib/auth/session";
import { can, type Permission } from "@/lib/auth/permissions";
import { isDomainError } from "@/lib/errors";
import { getRequestContext } from "@/lib/http/request-context";

import type { StaffActionState } from "./action-state";
import { staffMessage, staffRefusal } from "./messages";

export interface StaffActionContext {
  actor: StaffActor;
  ip: string | null;
  /** The form as posted, for the parts a fixed schema cannot describe (a connector's own settings). */
  formData: FormData;
}

/**
 * The one way to write a staff server action: who may call it (checked on the server, on
 * every call), the zod schema its form shares, and the domain call. Invalid input comes back
 * as field errors and changes nothing; a DomainError with a staff code becomes the form's
 * message and field errors, in the words of lib/staff/messages.ts.
 * `redirect()` and `notFound()` inside the handler work as usual.
 */
export function staffAction<Schema extends z.ZodType>(
  /** null: any signed-in staff member (their own account). */
  permission: Permission | null,
  /** The form's schema, or how to build it (from what the database holds) when it depends on that. */
  schema: Schema | ((actor: StaffActor) => Promise<Schema>),
  handler: (input: z.infer<Schema>, context: StaffActionContext) => Promise<StaffActionState | void>,
) {
  return async (_state: StaffActionState, formData: FormData): Promise<StaffActionState> => {
    const actor = await requireStaff();
    if (permission && !can(actor.role, permission)) {
      // Answered as a refusal rather than forbidden(): Next turns forbidden() inside an
      // action posted without JavaScript into a 404, which would misreport what happened.
      return { status: "error", message: staffMessage("actionNotAllowed", { role: actor.role }) };
    }
    const values = formValues(formData);
    const parsed = (typeof schema === "function" ? await schema(actor) : schema).safeParse(values);
    if (!parsed.success) {
      return { status: "error", message: staffMessage("invalidFields"), fieldErrors: fieldErrorsOf(parsed.error), values: stringValues(values) };
    }
    const { ip } = await getRequestContext();
    try {
      return (await handler(parsed.data, { actor, ip, formData })) ?? { status: "ok" };
    } catch (error) {
      const refusal = isDomainError(error) ? staffRefusal(error) : null;
      if (refusal) return { status: "error", ...refusal, values: stringValues(values) };
      throw error;
    }
  };
}

/**
 * FormData as a plain object for zod: repeated names become arrays, files stay files, and
 * Next's own `$ACTION_…` fields are dropped.
 */
export function formValues(formData: FormData): Record<string, FormDataEntryValue | FormDataEntryValue[]> {
  const values: Record<string, FormDataEntryValue | FormDataEntryValue[]> = {};
  for (const key of new Set(formData.keys())) {
    if (key.startsWith("$ACTION")) continue;
    const all = formData.getAll(key);
    values[key] = all.length === 1 ? all[0]! : all;
  }
  return values;
}

export function fieldErrorsOf(error: z.ZodError): Partial<Record<string, string[]>> {
  const fieldErrors: Partial<Record<string, string[]>> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "_form";
    (fieldErrors[key] ??= []).push(issue.message);
  }
  return fieldErrors;
}

function stringValues(values: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter((e): e is [string, string] => typeof e[1] === "string").map(([k, v]) => [k, v.slice(0, 10_000)]));
}
