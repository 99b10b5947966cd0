/**
 * Sign-in attempt limits: failures in a sliding window, counted per account and per source
 * address (one address trying many accounts is as suspect as many tries at one account).
 */
export const throttleWindowMinutes = 15;
export const maxFailuresPerEmail = 5;
export const maxFailuresPerIp = 20;

export function isSignInThrottled(recentFailures: { byEmail: number; byIp: number }): boolean {
  return recentFailures.byEmail >= maxFailuresPerEmail || recentFailures.byIp >= maxFailuresPerIp;
}
