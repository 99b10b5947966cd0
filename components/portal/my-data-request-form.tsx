import { emailConstraints } from "@/lib/journeys/email-login-schema";

import { FormField } from "./form-field";

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
      <FormField
        name="email"
        label={email.label}
        type="email"
        autoComplete="email"
        inputMode="email"
        autoCapitalize="none"
        spellCheck={false}
        required
        maxLength={emailConstraints.maxLength}
        pattern={emailConstraints.htmlPattern}
        defaultValue={email.value}
        error={email.error}
        messages={email.messages}
      />
      <button type="submit">{submit}</button>
    </form>
  );
}
