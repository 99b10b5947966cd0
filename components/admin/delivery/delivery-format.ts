/** "850 ms", "4.2 s", "3 min", "5 h": how long, at a glance. */
export function formatDuration(ms: number | null): string {
  if (ms === null) return "–";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`;
  if (ms < 172_800_000) return `${Math.round(ms / 3_600_000)} h`;
  return `${Math.round(ms / 86_400_000)} days`;
}

export const connectorStatusWords = {
  ACTIVE: { label: "Active", tone: "success" },
  PAUSED: { label: "Paused", tone: "warning" },
  DISABLED: { label: "Disabled", tone: "danger" },
} as const;

export const deliveryStatusWords = {
  PENDING: { label: "Waiting", tone: "info" },
  SENT: { label: "Delivered", tone: "success" },
  FAILED: { label: "Failed", tone: "danger" },
  SKIPPED: { label: "Not sent", tone: "neutral" },
} as const;
