import { expect } from 'chai';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { Project } from '../../src/db/entities/index.js';
import { signIn, type SignedIn } from '../support/auth.js';
import { buildAnonymityFixture, GROUPS, K, ROLES, TEAMS, type AnonymityFixture, type FixturePerson } from '../support/anonymityFixture.js';
import { describeWithEachDatabase, type TestContext } from '../support/testContext.js';
import { testDatabases } from '../support/testDatabases.js';

type Attribute = 'municipality' | 'team' | 'group' | 'role';
type Filter = Partial<Record<Attribute, string>>;

/** Every combination of one value or none per filter parameter: 3 × 5 × 3 × 3 = 135 segments. */
function allFilters(): Filter[] {
  const choices: Record<Attribute, (string | undefined)[]> = {
    municipality: [undefined, 'Aarhus', 'Odense'], team: [undefined, ...TEAMS.map(([, team]) => team)], group: [undefined, ...GROUPS], role: [undefined, ...ROLES],
  };
  let filters: Filter[] = [{}];
  for (const attribute of Object.keys(choices) as Attribute[]) {
    filters = filters.flatMap((filter) => choices[attribute].map((value) => (value === undefined ? filter : { ...filter, [attribute]: value })));
  }
  return filters;
}

const describeFilter = (filter: Filter, paired: boolean) => `${JSON.stringify(filter)} paired=${paired}`;
const inSegment = (person: FixturePerson, filter: Filter) => (Object.entries(filter) as [Attribute, string][]).every(([a, v]) => person[a] === v);

/** Who stands behind each figure of a 200 answer, by round: everyone in the round, or the pairs. */
function shownPopulations(people: FixturePerson[], filter: Filter, paired: boolean) {
  const segment = people.filter((p) => inSegment(p, filter));
  const pairs = segment.filter((p) => p.answeredEnd);
  return { START: paired ? pairs : segment, END: pairs, n: { baseline: segment.length, followUp: pairs.length, paired: pairs.length } };
}

interface Side { suppressed?: true; n?: number | null }
/** Paths of figures in a comparison payload that rest on fewer than k answers. */
function figuresUnderK(body: Record<string, any>, k: number): string[] {
  const found: string[] = [];
  const shown = (side: Side) => !side.suppressed;
  for (const item of body.scaleItems as Record<string, any>[]) {
    for (const side of ['baseline', 'followUp'] as const) if (shown(item[side]) && item[side].n < k) found.push(`${item.itemId}.${side} n=${item[side].n}`);
    for (const cell of item.transitions ?? []) if (cell.count < k) found.push(`${item.itemId}.transitions ${cell.from}>${cell.to}=${cell.count}`);
    if ((item.top2 || item.ordinal) && (!shown(item.baseline) || !shown(item.followUp))) found.push(`${item.itemId}.top2/ordinal beside a suppressed side`);
  }
  for (const figure of [...body.numbers, ...body.indicators] as Record<string, any>[]) {
    for (const side of ['baseline', 'followUp'] as const) if (shown(figure[side]) && figure[side].n < k) found.push(`${figure.id}.${side} n=${figure[side].n}`);
    if (figure.change && figure.pairedN < k) found.push(`${figure.id}.change pairedN=${figure.pairedN}`);
  }
  for (const use of body.timeUse as Record<string, any>[]) if (use.categories.length && (use.baselineN < k || use.followUpN < k)) found.push(`${use.itemId} time use ${use.baselineN}/${use.followUpN}`);
  return found;
}

/**
 * Differences between nested shown populations of one round that fall between 1 and k − 1 people,
 * in either pairing mode and across them ("everyone" minus "pairs only" is those who skipped a round).
 */
function smallDifferences(shown: { label: string; round: string; ids: Set<number> }[], k: number): string[] {
  const found: string[] = [];
  for (const larger of shown) for (const smaller of shown) {
    if (larger.round !== smaller.round || smaller.ids.size >= larger.ids.size || ![...smaller.ids].every((id) => larger.ids.has(id))) continue;
    const difference = larger.ids.size - smaller.ids.size;
    if (difference < k) found.push(`${larger.round}: ${larger.label} (${larger.ids.size}) − ${smaller.label} (${smaller.ids.size}) = ${difference}`);
  }
  return found;
}

const VISIBILITIES: Attribute[][] = [['municipality', 'team', 'group', 'role'], ['municipality', 'group'], []];

describeWithEachDatabase('anonymity across every filter combination', testDatabases, (ctx: () => TestContext) => {
  let fixture: AnonymityFixture;
  let lead: SignedIn;
  before(async () => {
    fixture = await buildAnonymityFixture(ctx().dataSource, ctx().catalog, ctx().clock.now());
    lead = await signIn(ctx(), { role: 'lead', projectIds: [fixture.projectId] });
  });
  const makeReportable = (attributes: Attribute[]) => ctx().dataSource.getRepository(Project).update(fixture.projectId, { reportableAttributes: JSON.stringify(attributes) });
  const query = (filter: Filter, paired: boolean) => {
    const params = new URLSearchParams({ baseline: String(fixture.start.id), followup: String(fixture.end.id), paired: String(paired) });
    for (const [attribute, value] of Object.entries(filter)) params.append(attribute, value);
    return params.toString();
  };
  const compare = (filter: Filter, paired: boolean) => request(ctx().app).get(`/api/projects/${fixture.projectId}/comparison?${query(filter, paired)}`).set('authorization', `Bearer ${lead.apiToken}`);
  const ids = (people: FixturePerson[]) => new Set(people.map((p) => p.respondentId));

  for (const visible of VISIBILITIES) {
    describe(`a lead who may filter on [${visible.join(', ')}]`, () => {
      const statusOf = new Map<string, number>();
      before(() => makeReportable(visible));

      it('gets, for every segment and both pairing modes, a refusal or only figures of at least k people, and no two shown segments differ by 1 to k − 1', async function () {
        // 270 requests, each guarding against every view of the project: slow on a busy MariaDB.
        this.timeout(120_000);
        const shown: { label: string; round: string; ids: Set<number> }[] = [];
        const leaks: string[] = [];
        for (const filter of allFilters()) for (const paired of [true, false]) {
          const label = describeFilter(filter, paired);
          const res = await compare(filter, paired);
          statusOf.set(label, res.status);
          if (res.status !== 200) {
            expect(res.status, label).to.equal(400);
            expect(['attribute_not_reportable', 'empty_segment', 'segment_differencing'], label).to.include(res.body.error.code);
            continue;
          }
          const expected = shownPopulations(fixture.people, filter, paired);
          expect(res.body.n, label).to.deep.include(expected.n);
          leaks.push(...figuresUnderK(res.body, K).map((path) => `${label}: ${path}`));
          for (const round of ['START', 'END'] as const) if (expected[round].length >= K) shown.push({ label, round, ids: ids(expected[round]) });
        }
        expect(leaks, 'figures resting on fewer than k answers').to.deep.equal([]);
        expect(smallDifferences(shown, K), 'two shown segments whose difference is a group under k').to.deep.equal([]);
        // Not vacuous: the unfiltered pairs view is always allowed and shows figures.
        expect(statusOf.get(describeFilter({}, true))).to.equal(200);
      });

      it('sees the same refusals on the dashboard and the report as in the API', async () => {
        const mismatches: string[] = [];
        for (const municipality of [undefined, 'Aarhus', 'Odense']) for (const group of [undefined, ...GROUPS]) for (const paired of [true, false]) {
          const filter: Filter = { ...(municipality ? { municipality } : {}), ...(group ? { group } : {}) };
          const expected = statusOf.get(describeFilter(filter, paired))!;
          for (const page of ['dashboard', 'report']) {
            const res = await lead.agent.get(`/projects/${fixture.projectId}/${page}?${query(filter, paired)}`);
            if (res.status !== expected) mismatches.push(`${page} ${describeFilter(filter, paired)}: ${res.status}, API ${expected}`);
          }
        }
        expect(mismatches).to.deep.equal([]);
      });

      it('downloads record-level exports only when every group of rows a lead can tell apart holds at least k people', async () => {
        const urls = [`long.csv?round=${fixture.start.id}`, `long.csv?round=${fixture.end.id}`, `wide.csv?round=${fixture.start.id}`, `wide.csv?round=${fixture.end.id}`, `paired.csv?baseline=${fixture.start.id}&followup=${fixture.end.id}`];
        // What a lead can link across the exports by pseudonym: the visible attributes and the rounds a person answered.
        const persons = new Map<string, { attributes: string; rounds: Set<string> }>();
        let allowed = 0;
        for (const url of urls) {
          const res = await request(ctx().app).get(`/api/projects/${fixture.projectId}/exports/${url}`).set('authorization', `Bearer ${lead.apiToken}`);
          if (res.status !== 200) {
            expect(res.status, url).to.equal(409);
            continue;
          }
          allowed++;
          for (const row of parse(res.text, { columns: true, bom: true }) as Record<string, string>[]) {
            const person = persons.get(row.person_key!) ?? { attributes: JSON.stringify([row.municipality, row.team, row.group, row.role]), rounds: new Set() };
            for (const round of row.round ? [row.round] : ['START', 'END']) person.rounds.add(round);
            persons.set(row.person_key!, person);
          }
        }
        const groups = new Map<string, number>();
        for (const person of persons.values()) {
          const key = `${person.attributes} ${[...person.rounds].sort().join('+')}`;
          groups.set(key, (groups.get(key) ?? 0) + 1);
        }
        expect([...groups].filter(([, n]) => n < K).map(([key, n]) => `${key}: ${n}`)).to.deep.equal([]);
        // With no attribute visible, START-only (5) and both rounds (13) are both k or more: the exports must work.
        if (visible.length === 0) expect(allowed).to.equal(urls.length);
        // With team visible, Team 2 (2 people) would stand alone in the rows.
        if (visible.includes('team')) expect(allowed).to.equal(0);
      });
    });
  }

  it('does not show both a municipality and its one large team (the difference is a 2-person team)', async () => {
    await makeReportable(['municipality', 'team', 'group', 'role']);
    const statuses = [(await compare({ municipality: 'Aarhus' }, true)).status, (await compare({ team: 'Team 5' }, true)).status];
    expect(statuses).to.include(400);
  });
});
