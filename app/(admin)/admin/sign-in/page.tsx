import { redirect } from "next/navigation";

import { SignInForm } from "@/components/admin/sign-in-form";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { currentStaff } from "@/lib/auth/session";
import { safeStaffCallback } from "@/lib/auth/staff-path";
import { env } from "@/lib/env";

interface SignInProps {
  searchParams: Promise<{ callbackUrl?: string; error?: string }>;
}

export default async function SignInPage({ searchParams }: SignInProps) {
  const { callbackUrl, error } = await searchParams;
  if (await currentStaff()) redirect(safeStaffCallback(callbackUrl));
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-4">
      <Card>
        <CardHeader>
          <CardTitle>
            <span className="block text-lg">Portico staff</span>
          </CardTitle>
          <p className="mt-1 text-sm text-slate-600">Sign in to manage venues, portal copy and consent wording.</p>
        </CardHeader>
        <CardContent>
          <SignInForm callbackUrl={safeStaffCallback(callbackUrl)} ssoName={env.STAFF_OIDC_ISSUER ? env.STAFF_OIDC_NAME : undefined} initialError={error} />
        </CardContent>
      </Card>
    </main>
  );
}
