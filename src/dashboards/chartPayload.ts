import type { ComparisonResponse } from '../comparison/comparisonService.js';

/**
 * What the dashboard's and the report's charts draw from (public/js/dashboard/*Chart.js), sent
 * with the page: the rounds' labels, each scale item's two distributions, the indicators and the
 * time use. The tables beside the charts are rendered on the server from the whole comparison;
 * sending it whole as well, and each battery's table rows again on its chart, made the page
 * 300 kB at 10,000 respondents, most of it statistics no chart reads, escaped into attributes.
 * The whole comparison stays one request away: GET /api/projects/{id}/comparison.
 */
export function chartPayload(comparison: ComparisonResponse) {
  return {
    baseline: { label: comparison.baseline.label },
    followUp: { label: comparison.followUp.label },
    excludeDontKnow: comparison.excludeDontKnow,
    scaleItems: comparison.scaleItems.map(({ itemId, baseline, followUp }) => ({ itemId, baseline, followUp })),
    indicators: comparison.indicators,
    timeUse: comparison.timeUse,
  };
}
