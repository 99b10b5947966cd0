import { Alert } from "@/components/ui/alert";
import type { StaffActionState } from "@/lib/staff/action-state";

/** The form-level outcome of a staff action, announced to screen readers. */
export function ActionMessage({ state }: { state: StaffActionState }) {
  if (!state.message) return null;
  return <Alert tone={state.status === "ok" ? "success" : "danger"}>{state.message}</Alert>;
}
