/**
 * What the one-tap page may show of the guest to whoever holds the device: the first letter
 * of the address's local part and of its domain, and the top-level domain. The dots are a
 * fixed four however long the address is, so not even its length shows. Never more: the
 * phone may be someone else's by now.
 */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  const bullets = "••••";
  if (at < 1) return bullets;
  const local = [...email.slice(0, at)];
  const domain = email.slice(at + 1);
  const dot = domain.lastIndexOf(".");
  const first = (text: string) => [...text][0] ?? "";
  if (dot < 1) return `${local[0]}${bullets}@${first(domain)}${bullets}`;
  return `${local[0]}${bullets}@${first(domain)}${bullets}${domain.slice(dot)}`;
}
