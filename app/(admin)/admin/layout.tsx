import type { ReactNode } from "react";

import "./admin.css";

export const metadata = { title: "Portico staff" };

export default function AdminRootLayout({ children }: { children: ReactNode }) {
  return <div className="admin-root min-h-screen bg-slate-50 text-slate-900">{children}</div>;
}
