// Rows → the API's JSON shapes (lib/api/schemas.ts).
type GuestRow = {
  id: string;
  email: string | null;
  name: string | null;
  phone: string | null;
  birthday: Date | null;
  locale: string | null;
  first_seen_at: Date;
  last_seen_at: Date;
  visit_count: number;
  updated_at: Date;
  erased_at: Date | null;
};

/**
 * An erased guest is only its anonymous id. `erased_at` is the marker the erasure work
 * (another issue) sets; until it exists no guest has it, and this is the one place the API
 * decides what an erased guest shows.
 */
export function guestJson(row: GuestRow) {
  if (row.erased_at) return { id: row.id, erased: true as const, updated_at: row.updated_at.toISOString() };
  return {
    id: row.id,
    erased: false as const,
    email: row.email,
    name: row.name,
    phone: row.phone,
    birthday: row.birthday ? row.birthday.toISOString().slice(0, 10) : null,
    locale: row.locale,
    first_seen_at: row.first_seen_at.toISOString(),
    last_seen_at: row.last_seen_at.toISOString(),
    visit_count: row.visit_count,
    updated_at: row.updated_at.toISOString(),
  };
}

export const guestColumns = "g.id, g.email, g.name, g.phone, g.birthday, g.locale, g.first_seen_at, g.last_seen_at, g.visit_count, g.updated_at, g.erased_at";
