"use client";

import { useActionState, type ReactNode } from "react";

import { ActionMessage } from "@/components/admin/action-message";
import { Button } from "@/components/ui/button";
import type { StaffActionState } from "@/lib/staff/action-state";

type Action = (state: StaffActionState, formData: FormData) => Promise<StaffActionState>;

/** A small form of hidden fields (and any inputs given) posting to one voucher action, after a confirmation where one is asked. */
export function VoucherActionForm({
  action,
  label,
  fields,
  submit,
  confirm,
  destructive,
  children,
}: {
  action: Action;
  label: string;
  fields: Record<string, string>;
  submit: string;
  confirm?: string;
  destructive?: boolean;
  children?: ReactNode;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form
      action={formAction}
      aria-label={label}
      className="space-y-2"
      onSubmit={(event) => {
        if (confirm && !window.confirm(confirm)) event.preventDefault();
      }}
    >
      <ActionMessage state={state} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div className="flex flex-wrap items-end gap-2">
        {children}
        <Button type="submit" variant={destructive ? "destructive" : "secondary"} size="sm" disabled={pending}>
          {submit}
        </Button>
      </div>
    </form>
  );
}
