/**
 * The response on its way to a venue website (SAML HTTP-POST binding): the form goes at once
 * with JavaScript (data-autosubmit); without it the guest taps the button.
 */
export function WebsiteSignInBody({ action, fields, message, label }: { action: string; fields: Record<string, string>; message: string; label: string }) {
  return (
    <form method="post" action={action} data-autosubmit="">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <p className="success" role="status">
        {message}
      </p>
      <button type="submit">{label}</button>
    </form>
  );
}

/** The success page's "Continue to <website>" buttons: one small form each, posted to Portico. */
export function WebsiteLinks({ action, token, websites, label }: { action: string; token: string; websites: readonly { id: string; name: string }[]; label: (name: string) => string }) {
  return (
    <>
      {websites.map((website) => (
        <form key={website.id} method="post" action={action} className="website-continue">
          <input type="hidden" name="j" value={token} />
          <input type="hidden" name="sp" value={website.id} />
          <button type="submit">{label(website.name)}</button>
        </form>
      ))}
    </>
  );
}
