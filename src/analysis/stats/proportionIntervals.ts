import { qnorm } from './distributions.js';
import { notComputable, type NotComputable } from './result.js';

export interface Interval {
  estimate: number;
  lower: number;
  upper: number;
}

const Z95 = qnorm(0.975);

/** Wilson score interval for a proportion (= R's prop.test(x, n, correct = FALSE)$conf.int). */
export function wilsonInterval(successes: number, n: number, z = Z95): Interval | NotComputable {
  if (n === 0) return notComputable('no answers');
  const p = successes / n;
  const centre = p + (z * z) / (2 * n);
  const spread = z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  const denominator = 1 + (z * z) / n;
  return { estimate: p, lower: Math.max(0, (centre - spread) / denominator), upper: Math.min(1, (centre + spread) / denominator) };
}

/**
 * Difference of two independent proportions p2 − p1 (follow-up − baseline) with Newcombe's
 * hybrid score interval (Newcombe 1998, Stat Med 17:873, method 10), built from Wilson intervals.
 */
export function newcombeIndependent(x1: number, n1: number, x2: number, n2: number): Interval | NotComputable {
  const first = wilsonInterval(x1, n1);
  const second = wilsonInterval(x2, n2);
  if ('reason' in first || 'reason' in second) return notComputable('a round has no answers');
  const estimate = second.estimate - first.estimate;
  return {
    estimate,
    lower: estimate - Math.sqrt((second.estimate - second.lower) ** 2 + (first.upper - first.estimate) ** 2),
    upper: estimate + Math.sqrt((second.upper - second.estimate) ** 2 + (first.estimate - first.lower) ** 2),
  };
}

/**
 * Difference of paired proportions, follow-up − baseline, with Newcombe's hybrid score interval
 * for paired data (Newcombe 1998, Stat Med 17:2635, method 10). Cells of the pairs' 2×2 table:
 * a = yes→yes, b = yes→no, c = no→yes, d = no→no. φ is the paper's continuity-corrected
 * correlation: max(ad − bc − n/2, 0)/√(…) when ad > bc, (ad − bc)/√(…) otherwise, 0 when a margin is 0.
 */
export function newcombePaired(a: number, b: number, c: number, d: number): Interval | NotComputable {
  const n = a + b + c + d;
  if (n === 0) return notComputable('no pairs');
  const baseline = wilsonInterval(a + b, n) as Interval;
  const followUp = wilsonInterval(a + c, n) as Interval;
  const margins = (a + b) * (c + d) * (a + c) * (b + d);
  const cross = a * d - b * c;
  const phi = margins === 0 ? 0 : (cross > 0 ? Math.max(cross - n / 2, 0) : cross) / Math.sqrt(margins);
  // Newcombe states θ = P1 − P2 (baseline − follow-up); we report follow-up − baseline, so L and U swap sign.
  const theta = baseline.estimate - followUp.estimate;
  const dl = baseline.estimate - baseline.lower;
  const du = followUp.upper - followUp.estimate;
  const el = baseline.upper - baseline.estimate;
  const eu = followUp.estimate - followUp.lower;
  const lowerTheta = theta - Math.sqrt(Math.max(0, dl * dl - 2 * phi * dl * du + du * du));
  const upperTheta = theta + Math.sqrt(Math.max(0, el * el - 2 * phi * el * eu + eu * eu));
  return { estimate: -theta, lower: -upperTheta, upper: -lowerTheta };
}
