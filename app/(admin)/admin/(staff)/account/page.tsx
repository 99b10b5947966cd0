import type { Metadata } from "next";

import { OwnPasswordForm } from "@/components/admin/staff/own-password-form";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { requireStaff } from "@/lib/auth/session";

import { changeOwnPasswordAction } from "./actions";

export const metadata: Metadata = { title: "Your account · Portico" };

const roleDuties = {
  ADMIN: "You run venues and staff accounts, and can do everything marketers and legal do.",
  MARKETER: "You edit portal copy and can draft consent wording for legal to review.",
  LEGAL: "You review, approve and publish consent wording, and can read guests' consent history.",
  FRONT_DESK: "You create and print access-code batches for guests, and revoke them.",
} as const;

export default async function AccountPage() {
  const staff = await requireStaff();
  return (
    <div className="max-w-2xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Your account</h1>
        <p className="mt-1 text-sm text-slate-600">
          {staff.email} · <Badge tone="info">{staff.role}</Badge>
        </p>
        <p className="mt-2 text-sm text-slate-700">{roleDuties[staff.role]}</p>
      </div>
      <Card>
        <CardHeader>
          <CardTitle>Change your password</CardTitle>
        </CardHeader>
        <CardContent>
          <OwnPasswordForm action={changeOwnPasswordAction} />
        </CardContent>
      </Card>
    </div>
  );
}
