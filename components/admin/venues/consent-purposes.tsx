import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Table, Td, Th } from "@/components/ui/table";

/** A venue's consent purposes and the languages legal has published wording in. */
export function ConsentPurposes({
  purposes,
  locales,
  defaultLocale,
  termsReady,
}: {
  purposes: { key: string; kind: string; publishedLocales: string[] }[];
  locales: string[];
  defaultLocale: string;
  termsReady: boolean;
}) {
  return (
    <div className="space-y-4">
      {termsReady ? null : (
        <Alert tone="info">
          Guests cannot connect yet: the terms have no published wording in the default language ({defaultLocale}). Legal drafts, approves and publishes it
          under Consent wording.
        </Alert>
      )}
      <Table>
        <caption className="sr-only">Consent purposes</caption>
        <thead>
          <tr>
            <Th>Purpose</Th>
            <Th>Published wording</Th>
          </tr>
        </thead>
        <tbody>
          {purposes.map((purpose) => {
            const missing = locales.filter((locale) => !purpose.publishedLocales.includes(locale));
            return (
              <tr key={purpose.key}>
                <Td className="font-mono">{purpose.key}</Td>
                <Td>
                  {purpose.publishedLocales.length === 0 ? (
                    <Badge tone="warning">None yet</Badge>
                  ) : (
                    <>
                      {purpose.publishedLocales.join(", ")}
                      {missing.length > 0 ? <span className="ml-2 text-xs text-slate-600">({missing.join(", ")} falls back to {defaultLocale})</span> : null}
                    </>
                  )}
                </Td>
              </tr>
            );
          })}
        </tbody>
      </Table>
    </div>
  );
}
