import { cn } from "./cn";

export function Alert({ tone = "danger", children, className }: { tone?: "danger" | "success" | "info"; children: React.ReactNode; className?: string }) {
  const tones = { danger: "border-red-200 bg-red-50 text-red-900", success: "border-green-200 bg-green-50 text-green-900", info: "border-blue-200 bg-blue-50 text-blue-900" };
  return (
    <div role={tone === "danger" ? "alert" : "status"} className={cn("rounded-md border px-4 py-3 text-sm", tones[tone], className)}>
      {children}
    </div>
  );
}
