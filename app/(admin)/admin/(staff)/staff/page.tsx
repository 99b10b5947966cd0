import type { Metadata } from "next";

import { formatWhen } from "@/components/admin/format-when";
import { NewStaffForm } from "@/components/admin/staff/new-staff-form";
import { StaffAccountControls } from "@/components/admin/staff/staff-account-controls";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState, Table, Td, Th } from "@/components/ui/table";
import { requireStaff } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { listStaffUsers } from "@/lib/staff/list-staff-users";

import { changeStaffAccessAction, changeStaffRoleAction, createStaffUserAction, resetStaffPasswordAction } from "./actions";

export const metadata: Metadata = { title: "Staff · Portico" };

export default async function StaffPage() {
  const actor = await requireStaff("staff.manage");
  const staff = await listStaffUsers(db);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Staff</h1>
        <p className="mt-1 text-sm text-slate-600">
          Admins run venues and staff; marketers edit portal copy; legal reviews and publishes consent wording.
        </p>
      </div>
      <Card>
        <CardHeader>
          <CardTitle>Add a staff member</CardTitle>
        </CardHeader>
        <CardContent>
          <NewStaffForm action={createStaffUserAction} />
        </CardContent>
      </Card>
      {staff.length === 0 ? (
        <EmptyState title="No staff yet" />
      ) : (
        <Table>
          <caption className="sr-only">Staff accounts</caption>
          <thead>
            <tr>
              <Th>Email</Th>
              <Th>Name</Th>
              <Th>Role</Th>
              <Th>Status</Th>
              <Th>Last sign-in</Th>
              <Th>
                <span className="sr-only">Changes</span>
              </Th>
            </tr>
          </thead>
          <tbody>
            {staff.map((member) => (
              <tr key={member.id} data-staff-email={member.email}>
                <Td className="font-medium">{member.email}</Td>
                <Td>{member.name ?? "—"}</Td>
                <Td>
                  <Badge tone="info">{member.role}</Badge>
                </Td>
                <Td>{member.disabledAt ? <Badge tone="danger">Disabled</Badge> : <Badge tone="success">Active</Badge>}</Td>
                <Td className="whitespace-nowrap">{member.lastSignInAt ? formatWhen(member.lastSignInAt) : "Never"}</Td>
                <Td>
                  {member.id === actor.id ? (
                    <span className="text-xs text-slate-600">You</span>
                  ) : (
                    <StaffAccountControls
                      staff={{ id: member.id, email: member.email, role: member.role, disabled: member.disabledAt !== null }}
                      changeRole={changeStaffRoleAction}
                      changeAccess={changeStaffAccessAction}
                      resetPassword={resetStaffPasswordAction}
                    />
                  )}
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </div>
  );
}
