"use client";

// Shown when something unexpected fails on a portal page. Guests never see the error
// itself; the digest lets staff find it in the server log.
export default function PortalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="portal">
      <main className="card">
        <h1 lang="en">Something went wrong</h1>
        <p lang="en">Please try again. If it keeps happening, ask a member of staff.</p>
        <p lang="fr">Un problème est survenu. Veuillez réessayer ou demander de l&apos;aide au personnel.</p>
        {error.digest ? <p className="version">Ref. {error.digest}</p> : null}
        <button type="button" onClick={reset}>
          Try again / Réessayer
        </button>
      </main>
    </div>
  );
}
