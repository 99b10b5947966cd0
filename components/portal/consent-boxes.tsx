// The two kinds of box a guest answers, drawn the same way wherever they are asked (the
// consent page, the one-tap page): the required terms acknowledgement, and one unticked box
// per optional purpose with its exact wording and version.
import { messageAttributes } from "./form-field";

export interface ConsentBoxItem {
  purposeId: string;
  title: string;
  body: string;
  versionLabel: string;
}

const termsId = "field-termsAccepted";

export function TermsBox({
  terms,
  ticked = false,
  error,
  text,
}: {
  terms: ConsentBoxItem;
  /** Only when the guest ticked it themselves before the form came back. */
  ticked?: boolean;
  error?: string;
  text: { required: string; termsLabel: string; termsRequired: string };
}) {
  return (
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
            defaultChecked={ticked}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${termsId}-error` : undefined}
            {...messageAttributes({ missing: text.termsRequired })}
          />
          <span>{text.termsLabel}</span>
        </label>
        {error ? (
          <p className="error" id={`${termsId}-error`} role="alert">
            {error}
          </p>
        ) : null}
      </div>
      <p className="version">{terms.versionLabel}</p>
    </fieldset>
  );
}

/** Unticked unless the guest ticked it themselves before the form came back: never pre-ticked. */
export function OptionalConsentBox({ item, ticked = false }: { item: ConsentBoxItem; ticked?: boolean }) {
  return (
    <div className="consent">
      <label className="check">
        <input type="checkbox" name="granted" value={item.purposeId} defaultChecked={ticked} />
        <span>
          <strong>{item.title}</strong>
          <span className="wording">{item.body}</span>
        </span>
      </label>
      <p className="version">{item.versionLabel}</p>
    </div>
  );
}
