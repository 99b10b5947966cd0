import type { Db } from "@/lib/db/client";
import type { StaffUser } from "@/lib/generated/prisma/client";
import { normaliseEmail } from "@/lib/email/normalise-email";

import { decoyPasswordHash, verifyPassword } from "./password";
import { isSignInThrottled, throttleWindowMinutes } from "./sign-in-throttle";

export type AuthenticationResult = { status: "ok"; staff: StaffUser } | { status: "invalid" } | { status: "throttled" };

/**
 * Checks a staff email and password, counting the attempt. Unknown accounts, disabled
 * accounts and wrong passwords all answer "invalid" after the same password check, so
 * neither the message nor the timing tells an attacker which emails are staff.
 */
export async function authenticateStaff(db: Db, input: { email: string; password: string; ip: string | null }, now = new Date()): Promise<AuthenticationResult> {
  const email = normaliseEmail(input.email).slice(0, 320);
  const since = new Date(now.getTime() - throttleWindowMinutes * 60_000);
  const [byEmail, byIp] = await Promise.all([
    db.signInAttempt.count({ where: { email, succeeded: false, at: { gte: since } } }),
    input.ip ? db.signInAttempt.count({ where: { ip: input.ip, succeeded: false, at: { gte: since } } }) : 0,
  ]);
  if (isSignInThrottled({ byEmail, byIp })) {
    await db.signInAttempt.create({ data: { email, ip: input.ip, succeeded: false, at: now } });
    return { status: "throttled" };
  }

  const staff = email ? await db.staffUser.findUnique({ where: { email } }) : null;
  const passwordOk = await verifyPassword(staff?.passwordHash ?? decoyPasswordHash, input.password.slice(0, 1024));
  const succeeded = Boolean(staff && staff.passwordHash && !staff.disabledAt && passwordOk);
  await db.$transaction([
    db.signInAttempt.create({ data: { email, ip: input.ip, succeeded, at: now } }),
    ...(succeeded ? [db.staffUser.update({ where: { id: staff!.id }, data: { lastSignInAt: now } })] : []),
  ]);
  return succeeded ? { status: "ok", staff: staff! } : { status: "invalid" };
}
