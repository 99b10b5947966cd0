import { OptionalConsentBox, TermsBox } from "./consent-boxes";
import { FormAlert } from "./form-alert";

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
        {terms ? <TermsBox terms={terms} error={termsError} text={text} /> : null}
        {optional.map((item) => (
          <OptionalConsentBox key={item.purposeId} item={item} />
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
