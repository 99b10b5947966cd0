import type { ReactNode } from "react";

interface SuccessBodyProps {
  message: string;
  /** Where the guest was going before the portal caught them, if the gateway said. */
  continueHref?: string | null;
  continueLabel: string;
  closeText: string;
  /**
   * The gateway lets the device on when the browser posts this form to it (MikroTik, Cisco,
   * Aruba): sent at once with JavaScript, one tap without.
   */
  gatewayForm?: { action: string; fields: Record<string, string>; label: string } | null;
  /**
   * The gateway lets the device on when the browser opens this address (openNDS, Meraki
   * click-through): the page goes there at once (a meta refresh); the link is for a browser that
   * does not follow it.
   */
  gatewayLink?: { href: string; label: string } | null;
  /** Said above everything else: the gateway could not be told. */
  notice?: string | null;
  /** "Manage my data" (docs/RIGHTS.md), under everything else. */
  manageData?: { href: string; label: string } | null;
  /** The venue's own websites the guest may continue to, signed in (Portico as SAML IdP). */
  websites?: ReactNode;
}

/** The success page's body. Shared by guests and the staff preview. */
export function SuccessBody(props: SuccessBodyProps) {
  const { manageData } = props;
  return (
    <>
      <SuccessMain {...props} />
      {manageData ? (
        <p className="switch">
          <a href={manageData.href}>{manageData.label}</a>
        </p>
      ) : null}
    </>
  );
}

function SuccessMain({ message, continueHref, continueLabel, closeText, gatewayForm, gatewayLink, notice, websites }: SuccessBodyProps) {
  if (gatewayLink) {
    return (
      <>
        <p className="success" role="status">
          {message}
        </p>
        <a className="button" href={gatewayLink.href}>
          {gatewayLink.label}
        </a>
      </>
    );
  }
  if (gatewayForm) {
    return (
      <form method="post" action={gatewayForm.action} data-autosubmit="">
        {Object.entries(gatewayForm.fields).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <p className="success" role="status">
          {message}
        </p>
        <button type="submit">{gatewayForm.label}</button>
      </form>
    );
  }
  return (
    <>
      {notice ? (
        <p className="alert" role="alert">
          {notice}
        </p>
      ) : null}
      <p className="success" role="status">
        {message}
      </p>
      {websites}
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
