"use client";

import { useState } from "react";

import { Button } from "@/components/ui/button";

/**
 * A value staff paste elsewhere (a splash URL into a controller): selectable as text without
 * JavaScript, with a button that copies it once the page is hydrated. Browsers offer the
 * clipboard only on secure pages (https, localhost); elsewhere the button says to copy by hand.
 */
export function CopyableText({ value, label }: { value: string; label: string }) {
  const [result, setResult] = useState<"copied" | "failed" | null>(null);
  const copy = () => {
    if (!navigator.clipboard) return setResult("failed");
    navigator.clipboard.writeText(value).then(
      () => setResult("copied"),
      () => setResult("failed"),
    );
  };
  return (
    <div className="flex flex-wrap items-center gap-2">
      <code className="rounded bg-slate-100 px-3 py-2 font-mono text-sm break-all select-all" data-copyable>
        {value}
      </code>
      <Button type="button" variant="secondary" size="sm" onClick={copy} aria-label={label}>
        Copy
      </Button>
      <span role="status" className="text-xs text-slate-600">
        {result === "copied" ? "Copied." : result === "failed" ? "Select the text and copy it yourself." : ""}
      </span>
    </div>
  );
}
