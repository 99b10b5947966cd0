import type { ReactNode } from "react";

interface SplashBodyProps {
  /** The venue's welcome (MarkdownText or RenderedMarkdown), if it has one. */
  welcome?: ReactNode;
  /** The email quick-access form: the guest can get online from this very page. */
  emailForm: ReactNode;
  loyaltyLabel: string;
  loyaltyPerk: string;
  /** The loyalty form's address, carrying the gateway's parameters; "#" in the staff preview. */
  loyaltyHref: string;
  /** "Manage my data" (docs/RIGHTS.md); absent in the staff preview. */
  manageData?: { href: string; label: string };
}

/** The splash page's body: welcome text, email quick access and the way to the loyalty form. Shared by guests and the staff preview. */
export function SplashBody({ welcome, emailForm, loyaltyLabel, loyaltyPerk, loyaltyHref, manageData }: SplashBodyProps) {
  return (
    <>
      {welcome}
      {emailForm}
      <a className="button secondary" href={loyaltyHref}>
        {loyaltyLabel}
      </a>
      <p className="hint">{loyaltyPerk}</p>
      {manageData ? (
        <p className="switch">
          <a href={manageData.href}>{manageData.label}</a>
        </p>
      ) : null}
    </>
  );
}
