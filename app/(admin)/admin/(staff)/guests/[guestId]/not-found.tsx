import Link from "next/link";

import { EmptyState } from "@/components/ui/table";

export default function GuestNotFound() {
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Guest not found</h1>
      <EmptyState title="There is no guest with this id">
        The link may be mistyped, or the guest was removed.{" "}
        <Link href="/admin/guests" className="text-brand hover:underline">
          Search guests
        </Link>
      </EmptyState>
    </div>
  );
}
