import { FormAlert } from "./form-alert";
import { messageAttributes } from "./form-field";

export interface WelcomeBackItem {
  purposeId: string;
  consentTextId: string;
  kind: "TERMS" | "MARKETING" | "SPONSOR";
  title: string;
  body: string;
  versionLabel: string;
}

export interface WelcomeBackText {
  greeting: string;
  intro: string;
  changedIntro: string;
  termsLabel: string;
  required: string;
  termsRequired: string;
  connect: string;
  notYou: string;
}

interface WelcomeBackBodyProps {
  action: string;
  /** The gateway's query string and the page's language, carried to the tap. */
  gateway: string;
  lang: string;
  /** Only the purposes whose wording changed since the guest's last decision; every box unticked. */
  askAgain: readonly WelcomeBackItem[];
  notice?: string;
  termsError?: string;
  text: WelcomeBackText;
}

/**
 * The one-tap page: the masked identity, the boxes whose wording changed (if any) and one
 * button; "Not you?" is a second form that forgets this device and shows the normal splash.
 */
export function WelcomeBackBody({ action, gateway, lang, askAgain, notice, termsError, text }: WelcomeBackBodyProps) {
  const terms = askAgain.find((item) => item.kind === "TERMS");
  const optional = askAgain.filter((item) => item.kind !== "TERMS");
  const termsId = "field-termsAccepted";
  const carried = (
    <>
      <input type="hidden" name="gateway" value={gateway} />
      <input type="hidden" name="lang" value={lang} />
    </>
  );
  return (
    <>
      <h2>{text.greeting}</h2>
      <FormAlert message={notice} />
      <form method="post" action={action} noValidate data-validate="">
        {carried}
        <input type="hidden" name="intent" value="connect" />
        {askAgain.map((item) => (
          <input key={item.consentTextId} type="hidden" name="shown" value={item.consentTextId} />
        ))}
        <p>{askAgain.length > 0 ? text.changedIntro : text.intro}</p>
        {terms ? (
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
                  aria-invalid={termsError ? true : undefined}
                  aria-describedby={termsError ? `${termsId}-error` : undefined}
                  {...messageAttributes({ missing: text.termsRequired })}
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
        ) : null}
        {optional.map((item) => (
          <div className="consent" key={item.purposeId}>
            <label className="check">
              <input type="checkbox" name="granted" value={item.purposeId} />
              <span>
                <strong>{item.title}</strong>
                <span className="wording">{item.body}</span>
              </span>
            </label>
            <p className="version">{item.versionLabel}</p>
          </div>
        ))}
        <button type="submit">{text.connect}</button>
      </form>
      <form method="post" action={action} className="switch">
        {carried}
        <input type="hidden" name="intent" value="forget" />
        <button type="submit" className="link">
          {text.notYou}
        </button>
      </form>
    </>
  );
}
