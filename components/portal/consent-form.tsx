import { FormAlert } from "./form-alert";
import { messageAttributes } from "./form-field";

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
  const termsId = "field-termsAccepted";
  return (
    <form method="post" action={action} noValidate data-validate="">
      <input type="hidden" name="j" value={token} />
      <input type="hidden" name="lang" value={lang} />
      {[terms, ...optional].map((item) => (
        <input key={item.consentTextId} type="hidden" name="shown" value={item.consentTextId} />
      ))}
      <FormAlert message={formError} />

      <fieldset className="consent required">
        <legend>
          {terms.title} <span className="badge">{text.required}</span>
        </legend>
        <p className="wording">{terms.body}</p>
        <div data-field="">
          <label className="check">
            <input
              id={termsId}
              type="checkbox"
              name="termsAccepted"
              value="yes"
              required
              defaultChecked={termsTicked}
              aria-invalid={termsError ? true : undefined}
              aria-describedby={termsError ? `${termsId}-error` : undefined}
              {...messageAttributes({ missing: termsRequiredMessage })}
            />
            <span>{text.termsLabel}</span>
          </label>
          {termsError ? (
            <p className="error" id={`${termsId}-error`} role="alert">
              {termsError}
            </p>
          ) : null}
        </div>
        <p className="version">{terms.versionLabel}</p>
      </fieldset>

      {optional.length > 0 ? (
        <section aria-labelledby="optional-heading">
          <h2 id="optional-heading">{text.optionalHeading}</h2>
          <p className="hint">{text.optionalIntro}</p>
          {optional.map((item) => (
            <div className="consent" key={item.purposeId}>
              <label className="check">
                <input type="checkbox" name="granted" value={item.purposeId} defaultChecked={ticked.has(item.purposeId)} />
                <span>
                  <strong>{item.title}</strong>
                  <span className="wording">{item.body}</span>
                </span>
              </label>
              <p className="version">{item.versionLabel}</p>
            </div>
          ))}
        </section>
      ) : null}

      <button type="submit">{text.submit}</button>
    </form>
  );
}
