import { MarkdownText } from "./markdown-text";

interface SplashBodyProps {
  welcomeText: string;
  emailButtonLabel: string;
  loyaltyButtonLabel: string;
  loyaltyPerk: string;
  venueSlug: string;
  /** The gateway's query string, carried to the start of the journey. */
  gateway: string;
  /** Starts the journey; the staff preview leaves it out so its buttons go nowhere. */
  action?: (formData: FormData) => Promise<void>;
}

/** The splash page's body: welcome text and the two ways in. Shared by guests and the staff preview. */
export function SplashBody({ welcomeText, emailButtonLabel, loyaltyButtonLabel, loyaltyPerk, venueSlug, gateway, action }: SplashBodyProps) {
  return (
    <>
      {welcomeText ? <MarkdownText>{welcomeText}</MarkdownText> : null}
      <form action={action} className="actions">
        <input type="hidden" name="venue" value={venueSlug} />
        <input type="hidden" name="gateway" value={gateway} />
        <button type="submit" name="method" value="email">
          {emailButtonLabel}
        </button>
        <button type="submit" name="method" value="loyalty" className="secondary">
          {loyaltyButtonLabel}
        </button>
        <p className="hint">{loyaltyPerk}</p>
      </form>
    </>
  );
}
