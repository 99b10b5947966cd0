/** The box a staff member ticks before an action that cannot be taken back; posted as confirm=on. */
export function ConfirmBox({ children }: { children: React.ReactNode }) {
  return (
    <label className="inline-flex items-start gap-2 text-sm">
      <input type="checkbox" name="confirm" value="on" required className="mt-0.5 size-4" />
      <span>{children}</span>
    </label>
  );
}
