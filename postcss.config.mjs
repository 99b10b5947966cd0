// Tailwind for the staff area (app/(admin)/admin/admin.css); the guest pages use plain CSS.
const config = { plugins: { "@tailwindcss/postcss": {} } };

export default config;
