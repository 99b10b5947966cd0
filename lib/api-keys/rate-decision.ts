/** What the limiter decided for one request, in the words of the rate-limit headers. */
export interface RateDecision {
  allowed: boolean;
  limit: number;
  /** Requests that could still be made right now. */
  remaining: number;
  /** Whole seconds to wait before the next request can pass (0 when allowed). */
  retryAfterSeconds: number;
}

/** Turns the limiter row after the request (GCRA's theoretical arrival time) into headers' figures. */
export function rateDecision(input: {
  allowed: boolean;
  tat: Date;
  at: Date;
  intervalSeconds: number;
  windowSeconds: number;
  limitPerMinute: number;
}): RateDecision {
  const ahead = (input.tat.getTime() - input.at.getTime()) / 1000;
  const slack = input.windowSeconds - ahead;
  const remaining = Math.max(0, Math.floor(slack / input.intervalSeconds + 1e-9));
  const retryAfterSeconds = input.allowed ? 0 : Math.max(1, Math.ceil(input.intervalSeconds - slack));
  return { allowed: input.allowed, limit: input.limitPerMinute, remaining, retryAfterSeconds };
}
