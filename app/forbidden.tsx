import Link from "next/link";

export default function Forbidden() {
  return (
    <div className="portal">
      <main className="card">
        <h1>Not allowed</h1>
        <p>Your staff role does not include this page or action.</p>
        <p>
          <Link href="/admin">Back to the staff area</Link>
        </p>
      </main>
    </div>
  );
}
