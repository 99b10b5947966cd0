"use client";

import { useActionState } from "react";

import { ActionMessage } from "@/components/admin/action-message";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/input";
import type { StaffActionState } from "@/lib/staff/action-state";

type Action = (state: StaffActionState, formData: FormData) => Promise<StaffActionState>;

interface StaffAccountControlsProps {
  staff: { id: string; email: string; role: string; disabled: boolean };
  changeRole: Action;
  changeAccess: Action;
  resetPassword: Action;
}

/** Role, access and password for one account: small plain forms, each checked again on the server. */
export function StaffAccountControls({ staff, changeRole, changeAccess, resetPassword }: StaffAccountControlsProps) {
  const [roleState, roleAction, rolePending] = useActionState(changeRole, {});
  const [accessState, accessAction, accessPending] = useActionState(changeAccess, {});
  const [passwordState, passwordAction, passwordPending] = useActionState(resetPassword, {});
  const passwordError = passwordState.fieldErrors?.password?.[0];
  return (
    <div className="space-y-2">
      <ActionMessage state={roleState} />
      <ActionMessage state={accessState} />
      <ActionMessage state={passwordState} />
      <div className="flex flex-wrap items-center gap-2">
        <form action={roleAction} className="flex items-center gap-2" aria-label={`Change role of ${staff.email}`}>
          <input type="hidden" name="staffId" value={staff.id} />
          <label className="sr-only" htmlFor={`role-${staff.id}`}>
            Role of {staff.email}
          </label>
          <Select id={`role-${staff.id}`} name="role" defaultValue={staff.role} className="w-36">
            <option value="ADMIN">ADMIN</option>
            <option value="MARKETER">MARKETER</option>
            <option value="LEGAL">LEGAL</option>
            <option value="FRONT_DESK">FRONT_DESK</option>
          </Select>
          <Button type="submit" variant="secondary" size="sm" disabled={rolePending}>
            Change role
          </Button>
        </form>
        <form action={accessAction} aria-label={`Enable or disable ${staff.email}`}>
          <input type="hidden" name="staffId" value={staff.id} />
          <input type="hidden" name="access" value={staff.disabled ? "enable" : "disable"} />
          <Button type="submit" variant={staff.disabled ? "secondary" : "destructive"} size="sm" disabled={accessPending}>
            {staff.disabled ? "Enable" : "Disable"}
          </Button>
        </form>
      </div>
      <form action={passwordAction} className="flex items-center gap-2" aria-label={`Set password for ${staff.email}`}>
        <input type="hidden" name="staffId" value={staff.id} />
        <label className="sr-only" htmlFor={`password-${staff.id}`}>
          New password for {staff.email}
        </label>
        <Input
          id={`password-${staff.id}`}
          name="password"
          type="password"
          autoComplete="new-password"
          placeholder="New password"
          className="w-44"
          aria-invalid={Boolean(passwordError)}
          aria-describedby={passwordError ? `password-${staff.id}-error` : undefined}
        />
        <Button type="submit" variant="secondary" size="sm" className="whitespace-nowrap" disabled={passwordPending}>
          Set password
        </Button>
      </form>
      {passwordError ? (
        <p id={`password-${staff.id}-error`} role="alert" className="text-sm font-medium text-red-700">
          {passwordError}
        </p>
      ) : null}
    </div>
  );
}
