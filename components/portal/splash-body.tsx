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
  /** "I have an access code" (docs/VOUCHERS.md), when the venue offers vouchers. */
  voucher?: { href: string; label: string } | null;
  /** "Manage my data" (docs/RIGHTS.md); absent in the staff preview. */
  manageData?: { href: string; label: string };
  /** Sign-in with the venue website's accounts (SAML), when the venue offers it. */
  website?: { label: string; href: string; browserHint: string } | null;
  /** Why the guest is back here (the website's sign-in did not work out). */
  notice?: string | null;
}

/** The splash page's body: welcome text, email quick access and the way to the loyalty form. Shared by guests and the staff preview. */
export function SplashBody({ welcome, emailForm, loyaltyLabel, loyaltyPerk, loyaltyHref, voucher, manageData, website, notice }: SplashBodyProps) {
  return (
    <>
      {notice ? (
        <p className="alert" role="alert">
          {notice}
        </p>
      ) : null}
      {welcome}
      {website ? (
        <>
          <a className="button" href={website.href}>
            {website.label}
          </a>
          <p className="hint">{website.browserHint}</p>
        </>
      ) : null}
      {emailForm}
      <a className="button secondary" href={loyaltyHref}>
        {loyaltyLabel}
      </a>
      <p className="hint">{loyaltyPerk}</p>
      {voucher ? (
        <a className="button secondary" href={voucher.href}>
          {voucher.label}
        </a>
      ) : null}
      {manageData ? (
        <p className="switch">
          <a href={manageData.href}>{manageData.label}</a>
        </p>
      ) : null}
    </>
  );
}
