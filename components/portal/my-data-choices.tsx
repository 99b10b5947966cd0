// The guest's choices on "Manage my data": per venue, each decision with the exact words it
// answered; one form button per optional consent to withdraw it, or a fresh unticked box and a
// button to give it again. Plain forms: everything works without JavaScript.

export interface ChoiceView {
  purposeId: string;
  title: string;
  required: boolean;
  status: string;
  granted: boolean;
  wordingLabel: string;
  wording: string;
  consentTextId: string;
  /** Live wording to agree to again (an optional purpose not granted now). */
  grantWith: { consentTextId: string; label: string; body: string } | null;
}

export interface VenueChoicesView {
  heading: string;
  choices: ChoiceView[];
}

interface MyDataChoicesProps {
  action: string;
  venues: VenueChoicesView[];
  text: { withdraw: string; grantLabel: string; grantSubmit: string };
  /** The purpose whose "agree again" came back without its box ticked, and the message. */
  grantError?: { purposeId: string; message: string };
}

export function MyDataChoices({ action, venues, text, grantError }: MyDataChoicesProps) {
  return (
    <>
      {venues.map((venue) => (
        <section key={venue.heading}>
          <h3>{venue.heading}</h3>
          {venue.choices.map((choice) => (
            <div className={choice.required ? "consent required" : "consent"} key={choice.purposeId} data-purpose={choice.purposeId}>
              <p>
                <strong>{choice.title}</strong>
              </p>
              <p>{choice.status}</p>
              <p className="version">{choice.wordingLabel}</p>
              <p className="wording">{choice.wording}</p>
              {!choice.required && choice.granted ? (
                <form method="post" action={action}>
                  <input type="hidden" name="purposeId" value={choice.purposeId} />
                  <input type="hidden" name="consentTextId" value={choice.consentTextId} />
                  <input type="hidden" name="granted" value="false" />
                  <button type="submit" className="secondary">
                    {text.withdraw}
                  </button>
                </form>
              ) : null}
              {choice.grantWith ? (
                <form method="post" action={action}>
                  <input type="hidden" name="purposeId" value={choice.purposeId} />
                  <input type="hidden" name="consentTextId" value={choice.grantWith.consentTextId} />
                  <input type="hidden" name="granted" value="true" />
                  <p className="version">{choice.grantWith.label}</p>
                  <p className="wording">{choice.grantWith.body}</p>
                  <label className="check">
                    <input type="checkbox" name="agree" value="on" aria-invalid={grantError?.purposeId === choice.purposeId ? true : undefined} />
                    <span>{text.grantLabel}</span>
                  </label>
                  {grantError?.purposeId === choice.purposeId ? (
                    <p className="error" role="alert">
                      {grantError.message}
                    </p>
                  ) : null}
                  <button type="submit">{text.grantSubmit}</button>
                </form>
              ) : null}
            </div>
          ))}
        </section>
      ))}
    </>
  );
}
