/** Why the guest cannot go on, and the way to start again. */
export function ProblemBody({ message, restartHref, restartLabel }: { message: string; restartHref?: string; restartLabel: string }) {
  return (
    <>
      <p className="alert" role="alert">
        {message}
      </p>
      {restartHref ? (
        <a className="button" href={restartHref}>
          {restartLabel}
        </a>
      ) : null}
    </>
  );
}
