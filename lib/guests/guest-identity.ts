/** A guest's login answers as the journey holds them until consent (validated by the login schemas). */
export interface GuestIdentity {
  email: string;
  /** normaliseEmail(email): the identity store's key. */
  emailNormalized?: string;
  name?: string | null;
  phone?: string | null;
  /** YYYY-MM-DD */
  birthday?: string | null;
  locale?: string | null;
}
