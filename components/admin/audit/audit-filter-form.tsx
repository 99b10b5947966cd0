import Link from "next/link";

import { Button, buttonVariants } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/input";

export type AuditFilterValues = Partial<Record<"actor" | "entityType" | "action" | "entityId" | "from" | "to", string>>;

export interface AuditFilterFormProps {
  values: AuditFilterValues;
  entityTypes: string[];
  actions: string[];
  errors?: AuditFilterValues;
}

/** A plain GET form: filters live in the URL, work without JavaScript and can be shared. */
export function AuditFilterForm({ values, entityTypes, actions, errors = {} }: AuditFilterFormProps) {
  // Ties each control to its hint and error, which Field renders as `<id>-hint` / `<id>-error`.
  const control = (name: keyof AuditFilterValues, hasHint = false) => {
    const id = `audit-${name}`;
    const describedBy = [hasHint ? `${id}-hint` : "", errors[name] ? `${id}-error` : ""].filter(Boolean).join(" ");
    return { id, name, "aria-describedby": describedBy || undefined, "aria-invalid": errors[name] ? true : undefined };
  };
  // A value from the URL that is not (or no longer) in the log still shows as chosen.
  const withCurrent = (choices: string[], current?: string) => (current && !choices.includes(current) ? [current, ...choices] : choices);

  return (
    <form method="get" action="/admin/audit" aria-label="Filter audit entries" className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-3">
      <Field id="audit-actor" label="Staff email" hint="All or part of the address." error={errors.actor}>
        <Input {...control("actor", true)} type="search" defaultValue={values.actor} maxLength={320} />
      </Field>
      <Field id="audit-entityType" label="Entity type" error={errors.entityType}>
        <Select {...control("entityType")} defaultValue={values.entityType ?? ""}>
          <option value="">Any entity</option>
          {withCurrent(entityTypes, values.entityType).map((type) => (
            <option key={type} value={type}>
              {type}
            </option>
          ))}
        </Select>
      </Field>
      <Field id="audit-action" label="Action" error={errors.action}>
        <Select {...control("action")} defaultValue={values.action ?? ""}>
          <option value="">Any action</option>
          {withCurrent(actions, values.action).map((action) => (
            <option key={action} value={action}>
              {action}
            </option>
          ))}
        </Select>
      </Field>
      <Field id="audit-entityId" label="Entity id" hint="The exact id of one record." error={errors.entityId}>
        <Input {...control("entityId", true)} defaultValue={values.entityId} maxLength={64} />
      </Field>
      <Field id="audit-from" label="From (UTC)" error={errors.from}>
        <Input {...control("from")} type="date" defaultValue={values.from} />
      </Field>
      <Field id="audit-to" label="To (UTC, included)" error={errors.to}>
        <Input {...control("to")} type="date" defaultValue={values.to} />
      </Field>
      <div className="flex items-center gap-3 sm:col-span-2 lg:col-span-3">
        <Button type="submit">Filter</Button>
        {Object.values(values).some(Boolean) ? (
          <Link href="/admin/audit" className={buttonVariants({ variant: "ghost" })}>
            Clear filters
          </Link>
        ) : null}
      </div>
    </form>
  );
}
