"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

import { cn } from "@/components/ui/cn";

/** The staff sections this person may use; the current one is marked for screen readers too. */
export function StaffNav({ sections }: { sections: { href: string; label: string }[] }) {
  const pathname = usePathname();
  const current = (href: string) => (href === "/admin" ? pathname === "/admin" : pathname === href || pathname.startsWith(`${href}/`));
  return (
    <nav aria-label="Staff sections" className="flex flex-wrap gap-4 text-sm">
      {sections.map((s) => (
        <Link
          key={s.href}
          href={s.href}
          aria-current={current(s.href) ? "page" : undefined}
          className={cn("text-slate-700 hover:text-brand", current(s.href) && "font-semibold text-brand underline underline-offset-8")}
        >
          {s.label}
        </Link>
      ))}
    </nav>
  );
}
