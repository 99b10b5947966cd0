import { EmailField } from "./form-field";

interface MyDataRequestFormProps {
  action: string;
  lang?: string;
  intro: string;
  submit: string;
  email: { label: string; value?: string; error?: string; messages: { missing: string; invalid: string; long: string } };
}

/** "Manage my data": the email a link is sent to. A plain form; the page script only checks it inline. */
export function MyDataRequestForm({ action, lang, intro, submit, email }: MyDataRequestFormProps) {
  return (
    <form method="post" action={action} noValidate data-validate="">
      {lang ? <input type="hidden" name="lang" value={lang} /> : null}
      <p>{intro}</p>
      <EmailField
        label={email.label}
        defaultValue={email.value}
        error={email.error}
        messages={email.messages}
      />
      <button type="submit">{submit}</button>
    </form>
  );
}
