interface SuccessBodyProps {
  message: string;
  /** Where the guest was going before the portal caught them, if the gateway said. */
  continueHref?: string | null;
  continueLabel: string;
  closeText: string;
}

/** The success page's body. Shared by guests and the staff preview. */
export function SuccessBody({ message, continueHref, continueLabel, closeText }: SuccessBodyProps) {
  return (
    <>
      <p className="success" role="status">
        {message}
      </p>
      {continueHref ? (
        <a className="button" href={continueHref}>
          {continueLabel}
        </a>
      ) : (
        <p>{closeText}</p>
      )}
    </>
  );
}
