import Link from "next/link";
import { Fragment } from "react";

export interface Crumb {
  label: string;
  /** Absent for the page itself, which is marked as the current page. */
  href?: string;
}

/** Where this page sits: Section › Item › Page. Links are underlined, not told apart by colour alone. */
export function Breadcrumb({ items }: { items: Crumb[] }) {
  return (
    <nav aria-label="Breadcrumb" className="text-sm">
      <ol className="flex flex-wrap items-center">
        {items.map((item, index) => (
          <Fragment key={`${index}-${item.label}`}>
            {index > 0 ? (
              <li aria-hidden className="mx-2 text-slate-400">
                ›
              </li>
            ) : null}
            <li>
              {item.href ? (
                <Link href={item.href} className="text-brand underline underline-offset-2 hover:no-underline">
                  {item.label}
                </Link>
              ) : (
                <span aria-current="page" className="text-slate-700">
                  {item.label}
                </span>
              )}
            </li>
          </Fragment>
        ))}
      </ol>
    </nav>
  );
}
