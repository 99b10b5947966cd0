interface MyDataEraseFormProps {
  action: string;
  intro: string;
  confirmLabel: string;
  submit: string;
  error?: string;
}

/** The erasure's confirmation step: one box to tick, then the button. */
export function MyDataEraseForm({ action, intro, confirmLabel, submit, error }: MyDataEraseFormProps) {
  return (
    <form method="post" action={action}>
      <p>{intro}</p>
      <label className="check">
        <input type="checkbox" name="confirm" value="on" aria-invalid={error ? true : undefined} />
        <span>{confirmLabel}</span>
      </label>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit">{submit}</button>
    </form>
  );
}
