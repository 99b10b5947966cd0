// Tailwind is used by the staff area only (app/(admin)/admin/admin.css); guest pages use
// the small hand-written app/globals.css.
export default { plugins: { "@tailwindcss/postcss": {} } };
