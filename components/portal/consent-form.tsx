import { OptionalConsentBox, TermsBox } from "./consent-boxes";
import { FormAlert } from "./form-alert";

export interface ConsentItem {
  purposeId: string;
  consentTextId: string;
  title: string;
  body: string;
  versionLabel: string;
}

export interface ConsentFormText {
  required: string;
  termsLabel: string;
  optionalHeading: string;
  optionalIntro: string;
  submit: string;
}

interface ConsentFormProps {
  action: string;
  token: string;
  /** The language the page is shown in, so the decisions are checked against that wording. */
  lang: string;
  terms: ConsentItem;
  optional: ConsentItem[];
  /**
   * Purposes the guest themselves ticked before the form came back refused: kept, because
   * they are still the guest's own choice. Empty on first view: no box is ever pre-ticked.
   */
  ticked: ReadonlySet<string>;
  termsTicked: boolean;
  formError?: string;
  termsError?: string;
  /** The message for the terms box when it is not ticked, shown inline by the page script. */
  termsRequiredMessage: string;
  text: ConsentFormText;
}

/** Every box starts unticked; only the terms acknowledgement is required to connect. */
export function ConsentForm({ action, token, lang, terms, optional, ticked, termsTicked, formError, termsError, termsRequiredMessage, text }: ConsentFormProps) {
  return (
    <form method="post" action={action} noValidate data-validate="">
      <input type="hidden" name="j" value={token} />
      <input type="hidden" name="lang" value={lang} />
      {[terms, ...optional].map((item) => (
        <input key={item.consentTextId} type="hidden" name="shown" value={item.consentTextId} />
      ))}
      <FormAlert message={formError} />

      <TermsBox terms={terms} ticked={termsTicked} error={termsError} text={{ required: text.required, termsLabel: text.termsLabel, termsRequired: termsRequiredMessage }} />

      {optional.length > 0 ? (
        <section aria-labelledby="optional-heading">
          <h2 id="optional-heading">{text.optionalHeading}</h2>
          <p className="hint">{text.optionalIntro}</p>
          {optional.map((item) => (
            <OptionalConsentBox key={item.purposeId} item={item} ticked={ticked.has(item.purposeId)} />
          ))}
        </section>
      ) : null}

      <button type="submit">{text.submit}</button>
    </form>
  );
}
