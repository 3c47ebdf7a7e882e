import { expect } from 'chai';
import { solve, type Coefficients, type Constraint } from 'yalps';
import type { ScaleItemComparison } from '../../src/analysis/scaleItemComparison.js';
import { mcnemarExact } from '../../src/analysis/stats/mcnemarExact.js';
import type { Scale } from '../../src/questionnaires/types.js';

/**
 * The attacker of the issue, written here from the payload alone (not from the code under test):
 * every cell the payload does not show is an unknown ≥ 0, and every figure the payload shows that
 * the cells add up to is an equation. The attacker's bounds of each hidden cell come from a linear
 * program (yalps), real-valued as in τ-ARGUS's audit.
 */
type Cell = { from: number; to: number };
type Equation = { cells: (cell: Cell) => boolean; value: number };

/** The first equations of figuresOf: N and the two rounds' distributions. */
const MARGINS = (item: ScaleItemComparison) => 1 + [item.baseline, item.followUp].reduce((n, d) => n + ('categories' in d ? d.categories.length : 0), 0);

function figuresOf(item: ScaleItemComparison, scale: Scale): Equation[] {
  const shown = (d: ScaleItemComparison['baseline']) => ('categories' in d ? d.categories : []);
  const equations: Equation[] = [{ cells: () => true, value: item.pairedN! }];
  for (const c of shown(item.baseline)) equations.push({ cells: (cell) => cell.from === c.code, value: c.count });
  for (const c of shown(item.followUp)) equations.push({ cells: (cell) => cell.to === c.code, value: c.count });
  if (scale.topBox && item.top2) {
    // McNemar's b and c: b − c is the change in top-2 counts; its p-value gives b + c (or they are shown).
    const top = (code: number) => scale.topBox!.includes(code);
    const topCount = (d: ScaleItemComparison['baseline']) => shown(d).filter((c) => top(c.code)).reduce((s, c) => s + c.count, 0);
    const difference = topCount(item.baseline) - topCount(item.followUp);
    const p = item.top2.test.pValue;
    const shownCounts = (item.top2 as { discordant?: { b?: number } }).discordant?.b;
    const candidates = shownCounts !== undefined ? [shownCounts] : p === null ? [0] : Array.from({ length: item.pairedN! + 1 }, (_, b) => b).filter((b) => {
      const result = b - difference >= 0 ? mcnemarExact(b, b - difference) : null;
      return result && 'pValue' in result && result.pValue === p;
    });
    if (candidates.length === 1) {
      const b = candidates[0]!;
      equations.push({ cells: (cell) => top(cell.from) && !top(cell.to), value: b }, { cells: (cell) => !top(cell.from) && top(cell.to), value: b - difference });
    }
  }
  if (item.ordinal) {
    const substantive = (cell: Cell) => [cell.from, cell.to].every((code) => scale.options.some((o) => o.code === code && !o.dontKnow));
    const n = item.ordinal.n;
    equations.push({ cells: substantive, value: n });
    // R₊ + R₋ = 2V / (1 + r) = n′(n′ + 1) / 2, n′ the pairs that changed; r = ±1: none went the other way.
    const { statistic: v, effectSize: r } = item.ordinal;
    if (v !== undefined && r !== undefined) {
      if (r > -1) {
        const changed = Math.round((Math.sqrt(1 + 16 * v / (1 + r)) - 1) / 2);
        equations.push({ cells: (cell) => substantive(cell) && cell.from === cell.to, value: n - changed });
      }
      if (r === -1) equations.push({ cells: (cell) => substantive(cell) && cell.to > cell.from, value: 0 });
      if (r === 1) equations.push({ cells: (cell) => substantive(cell) && cell.to < cell.from, value: 0 });
    } else if (item.ordinal.reason === 'every pair has the same answer twice') {
      equations.push({ cells: (cell) => substantive(cell) && cell.from !== cell.to, value: 0 });
    }
  }
  return equations;
}

/** Lower and upper bound of each unknown cell, given the known ones and the equations. */
function attack(codes: number[], known: Map<string, number>, equations: Equation[]): Map<string, [number, number]> {
  const unknown = codes.flatMap((from) => codes.map((to) => ({ from, to }))).filter((cell) => !known.has(`${cell.from},${cell.to}`));
  const constraints: [string, Constraint][] = equations.map((equation, i) => {
    const knownPart = [...known].filter(([key]) => equation.cells({ from: Number(key.split(',')[0]), to: Number(key.split(',')[1]) })).reduce((s, [, v]) => s + v, 0);
    return [`e${i}`, { equal: equation.value - knownPart }];
  });
  const bounds = new Map<string, [number, number]>();
  for (const target of unknown) {
    const variables: [string, Coefficients][] = unknown.map((cell) => {
      const coefficients: [string, number][] = equations.map((equation, i): [string, number] => [`e${i}`, equation.cells(cell) ? 1 : 0]).filter(([, w]) => w !== 0);
      if (cell === target) coefficients.push(['objective', 1]);
      return [`${cell.from},${cell.to}`, coefficients];
    });
    const [low, high] = (['minimize', 'maximize'] as const).map((direction) => {
      const solution = solve({ direction, objective: 'objective', constraints, variables });
      expect(solution.status, `attacker's LP for ${target.from}→${target.to}`).to.equal('optimal');
      // Counts are whole numbers: the reader rounds a real-valued bound inwards.
      const bound = Math.round(solution.result * 1e6) / 1e6;
      return direction === 'minimize' ? Math.ceil(bound) : Math.floor(bound);
    });
    bounds.set(`${target.from},${target.to}`, [low!, high!]);
  }
  return bounds;
}

/**
 * What the reader of a paired item's payload learns about its small cells. Fails when a cell with
 * 1 to k − 1 pairs is shown, or is hidden and pinned to one value, or is hidden with an upper
 * bound under k and bounds narrower than both rounds' distributions alone give (every cell
 * unknown, N and the margins only): where those already cap a cell below k, the table and the
 * tests may not tell the reader more about it.
 */
export function problemsOf(item: ScaleItemComparison, scale: Scale, truth: Map<string, number>, codes: number[], k: number): string[] {
  if (item.transitionsWithheld) {
    expect(item).to.not.have.any.keys('transitions', 'hiddenTransitions');
    return [];
  }
  const shown = new Map((item.transitions ?? []).map((c) => [`${c.from},${c.to}`, c.count]));
  const hidden = item.hiddenTransitions
    ? new Set(item.hiddenTransitions.map((c) => `${c.from},${c.to}`))
    // The old payload said how many cells were hidden, not which: any absent cell may be one.
    : new Set(codes.flatMap((from) => codes.map((to) => `${from},${to}`)).filter((key) => !shown.has(key)));
  const known = new Map(codes.flatMap((from) => codes.map((to) => `${from},${to}`)).filter((key) => !hidden.has(key)).map((key) => [key, shown.get(key) ?? 0]));
  for (const [key, value] of known) expect(value, `cell ${key} as the payload gives it`).to.equal(truth.get(key) ?? 0);

  const equations = figuresOf(item, scale);
  const bounds = attack(codes, known, equations);
  const reference = attack(codes, new Map(), equations.slice(0, MARGINS(item)));
  const problems: string[] = [];
  for (const [key, count] of truth) {
    if (count < 1 || count >= k) continue;
    if (!hidden.has(key)) {
      problems.push(`${key} = ${count} shown`);
      continue;
    }
    const [low, high] = bounds.get(key)!;
    const [low0, high0] = reference.get(key)!;
    if (low === high) problems.push(`${key} = ${count} pinned to ${low}`);
    else if (high < k && (low !== low0 || high !== high0)) problems.push(`${key} = ${count} in [${low}, ${high}], under k = ${k}, where the other figures give [${low0}, ${high0}]`);
  }
  return problems;
}

