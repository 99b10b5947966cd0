import { codeLengthLimits } from "@/lib/vouchers/brute-force";

import { FormAlert } from "./form-alert";
import { FormField } from "./form-field";
import type { PortalFormState } from "./form-state";

export interface VoucherFormText {
  code: string;
  hint: string;
  submit: string;
  errors: Record<string, string>;
}

/**
 * The access-code form: one field, a numeric keyboard on phones, posted to the same login
 * route as the other methods. A plain form; the server checks the code and everything else.
 */
export function VoucherForm({ action, gateway, lang, state, text }: { action: string; gateway: string; lang?: string; state: PortalFormState; text: VoucherFormText }) {
  return (
    <form method="post" action={action} noValidate data-validate="">
      <input type="hidden" name="method" value="voucher" />
      <input type="hidden" name="gateway" value={gateway} />
      {lang ? <input type="hidden" name="lang" value={lang} /> : null}
      <FormAlert message={state.formError} />
      <FormField
        name="code"
        label={text.code}
        hint={text.hint}
        inputMode="numeric"
        autoComplete="one-time-code"
        required
        // Room for the spaces a card groups digits with; the server strips them.
        maxLength={codeLengthLimits.max + 8}
        defaultValue={state.values?.code}
        error={state.fieldErrors?.code}
        messages={{ missing: text.errors.codeRequired, long: text.errors.codeInvalid }}
      />
      <button type="submit">{text.submit}</button>
    </form>
  );
}
