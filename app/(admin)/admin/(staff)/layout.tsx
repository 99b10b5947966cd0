import Link from "next/link";
import type { ReactNode } from "react";

import { SignOutButton } from "@/components/admin/sign-out-button";
import { StaffNav } from "@/components/admin/staff-nav";
import { Badge } from "@/components/ui/badge";
import { can, type Permission } from "@/lib/auth/permissions";
import { requireStaff } from "@/lib/auth/session";

const sections: { href: string; label: string; permission: Permission }[] = [
  { href: "/admin", label: "Overview", permission: "guests.view" },
  { href: "/admin/dashboard", label: "Dashboard", permission: "analytics.view" },
  { href: "/admin/venues", label: "Venues", permission: "venues.manage" },
  { href: "/admin/copy", label: "Portal copy", permission: "copy.edit" },
  { href: "/admin/consent", label: "Consent wording", permission: "consent.draft" },
  { href: "/admin/guests", label: "Guests", permission: "guests.view" },
  { href: "/admin/requests", label: "Requests", permission: "requests.manage" },
  { href: "/admin/delivery", label: "Delivery", permission: "delivery.view" },
  { href: "/admin/exports", label: "Exports", permission: "exports.read" },
  { href: "/admin/processing", label: "Processing", permission: "processing.view" },
  { href: "/admin/audit", label: "Audit log", permission: "audit.view" },
  { href: "/admin/staff", label: "Staff", permission: "staff.manage" },
  { href: "/admin/api-keys", label: "API keys", permission: "apiKeys.manage" },
  { href: "/admin/vouchers", label: "Access codes", permission: "vouchers.manage" },
];

export default async function StaffLayout({ children }: { children: ReactNode }) {
  const staff = await requireStaff();
  return (
    <div className="flex min-h-screen flex-col">
      <a href="#main" className="print:hidden sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-2 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:shadow">
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white print:hidden">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <Link href="/admin" className="font-semibold text-brand">
            Portico
          </Link>
          <StaffNav sections={sections.filter((s) => can(staff.role, s.permission)).map(({ href, label }) => ({ href, label }))} />
          <div className="ml-auto flex items-center gap-3 text-sm">
            <Link href="/admin/account" className="text-slate-700 hover:text-brand hover:underline" title="Your account">
              {staff.email}
            </Link>
            <Badge tone="info">{staff.role}</Badge>
            <SignOutButton />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-6">{children}</main>
    </div>
  );
}
