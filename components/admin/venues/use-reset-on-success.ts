"use client";

import { useEffect } from "react";
import type { FieldValues, UseFormReturn } from "react-hook-form";

import type { StaffActionState } from "@/lib/staff/action-state";

/** An "add" form empties itself once the server has added the row, ready for the next one. */
export function useResetOnSuccess(state: StaffActionState, form: UseFormReturn<FieldValues>, defaults: Record<string, unknown>, enabled: boolean) {
  useEffect(() => {
    if (enabled && state.status === "ok") form.reset(defaults);
    // Only a new server answer should reset; defaults are fixed for the form's life.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state]);
}
