import { loyaltyConstraints } from "@/lib/journeys/loyalty-login-schema";

import { FormAlert } from "./form-alert";
import { EmailField, FormField } from "./form-field";
import type { PortalFormState } from "./form-state";

export interface LoginFormText {
  email: string;
  emailHint?: string;
  name: string;
  phone: string;
  phoneHint: string;
  birthday: string;
  submit: string;
  /** Translated messages by error code (emailInvalid, nameRequired…). */
  errors: Record<string, string>;
}

interface LoginFormProps {
  method: "email" | "loyalty";
  /** Where the form posts; the staff preview leaves it out so nothing starts. */
  action?: string;
  /** The gateway's query string, carried to the journey. */
  gateway: string;
  /** The language the guest picked on the switcher, carried to the journey. */
  lang?: string;
  state: PortalFormState;
  /** Today as YYYY-MM-DD, the latest possible birthday. */
  today: string;
  text: LoginFormText;
}

/**
 * Email quick access (on the splash itself: no extra page, no code to fetch from a mail app)
 * or the loyalty sign-up. A plain form: the constraint attributes repeat the zod schemas'
 * limits so the page script can check inline; the server checks everything again.
 */
export function LoginForm({ method, action, gateway, lang, state, today, text }: LoginFormProps) {
  const { errors } = text;
  const error = (field: string) => state.fieldErrors?.[field];
  return (
    <form method="post" action={action} noValidate data-validate="">
      <input type="hidden" name="method" value={method} />
      <input type="hidden" name="gateway" value={gateway} />
      {lang ? <input type="hidden" name="lang" value={lang} /> : null}
      <FormAlert message={state.formError} />
      <EmailField
        label={text.email}
        hint={text.emailHint}
        defaultValue={state.values?.email}
        error={error("email")}
        messages={{ missing: errors.emailRequired, invalid: errors.emailInvalid, long: errors.emailTooLong }}
      />
      {method === "loyalty" ? (
        <>
          <FormField
            name="name"
            label={text.name}
            autoComplete="name"
            required
            maxLength={loyaltyConstraints.nameMaxLength}
            defaultValue={state.values?.name}
            error={error("name")}
            messages={{ missing: errors.nameRequired, long: errors.nameTooLong }}
          />
          <FormField
            name="phone"
            label={text.phone}
            hint={text.phoneHint}
            type="tel"
            autoComplete="tel"
            required
            maxLength={loyaltyConstraints.phoneMaxLength}
            defaultValue={state.values?.phone}
            error={error("phone")}
            messages={{ missing: errors.phoneRequired, long: errors.phoneInvalid }}
          />
          <FormField
            name="birthday"
            label={text.birthday}
            type="date"
            autoComplete="bday"
            min={loyaltyConstraints.earliestBirthday}
            max={today}
            defaultValue={state.values?.birthday}
            error={error("birthday")}
            messages={{ invalid: errors.birthdayInvalid }}
          />
        </>
      ) : null}
      <button type="submit">{text.submit}</button>
    </form>
  );
}
