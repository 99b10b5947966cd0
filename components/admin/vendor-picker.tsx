import Link from "next/link";

import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";

interface VendorPickerProps {
  title: string;
  /** Said when the address named a kind this Portico has no module for. */
  unknownNotice: string | null;
  vendors: readonly { kind: string; label: string }[];
  /** The address of the form for one vendor. */
  hrefFor: (kind: string) => string;
}

/** The first step of adding a connection or a gateway: one link per vendor in the registry. */
export function VendorPicker({ title, unknownNotice, vendors, hrefFor }: VendorPickerProps) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>{title}</CardTitle>
        {unknownNotice ? <p className="mt-1 text-sm text-red-700">{unknownNotice}</p> : null}
      </CardHeader>
      <CardContent>
        <ul className="grid gap-3 md:grid-cols-3">
          {vendors.map((v) => (
            <li key={v.kind}>
              <Link href={hrefFor(v.kind)} className="block rounded-md border border-slate-200 px-4 py-3 font-medium text-brand hover:bg-slate-50">
                {v.label}
              </Link>
            </li>
          ))}
        </ul>
      </CardContent>
    </Card>
  );
}
