// The parts of the case view drawn from the server's JSON: the count's bar, the party table,
// the event log, the forecast's distribution, voting power and coalitions.
import { clear, formatDate, h, plural, timeElement } from './dom.js';
import { STANCES } from './state.js';

// "Passes: 176 for, 172 needed" and the verdict's sentence.
export function verdictText(tally) {
  if (tally.status && tally.status !== 'open') {
    return `No vote: motion ${tally.status}`;
  }
  const verdict = tally.verdict === 'passes' ? 'Passes' : tally.verdict === 'fails' ? 'Fails'
    : tally.verdict[0].toUpperCase() + tally.verdict.slice(1);
  const margin = tally.margin >= 0 ? `${tally.margin} to spare` : `${-tally.margin} short`;
  return `${verdict}: ${tally.for} for, ${tally.required} needed (${margin})`;
}

// A bar of all seats: for, then abstain/absent/other, then against, with the line at the votes
// required, so that whether "for" reaches the line is seen at a glance.
export function renderBar(bar, caption, tally) {
  const seats = tally.chamber.statutory_seats;
  const other = seats - tally.for - tally.against;
  const pct = (n) => `${(100 * n) / seats}%`;
  const segment = (cls, n, label) => (n > 0
    ? h('span', { class: `seg ${cls}`, style: `width:${pct(n)}`, title: `${n} ${label}` }) : null);
  clear(bar,
    segment('for', tally.for, 'for'),
    segment('other', other, 'abstaining, absent, undecided, vacant or in the chair'),
    segment('against', tally.against, 'against'),
    tally.required ? h('span', { class: 'line', style: `left:${pct(tally.required)}` }) : null);
  bar.setAttribute('role', 'img');
  bar.setAttribute('aria-label',
    `${tally.for} for and ${tally.against} against of ${seats} seats; ${tally.required} needed`);
  clear(caption,
    h('span', { class: 'key for' }), ` ${tally.for} for · `,
    h('span', { class: 'key against' }), ` ${tally.against} against · `,
    h('span', { class: 'key other' }), ` ${other} other · `,
    h('span', { class: 'key line' }), ` ${tally.required} needed`);
}

const stanceLabel = (party) => party.line ?? 'mixed';

// One row per party: seats, the count by stance, and a what-if control of its stance.
export function renderParties(tbody, tally, file, whatIf, onChange) {
  const colours = new Map(file.parties.map((p) => [p.id, p.colour]));
  const rows = tally.parties.map((party) => {
    const key = `party:${party.id}`;
    const other = party.seats - party.for - party.against;
    const select = h('select', {
      'aria-label': `What-if stance of ${party.id}`,
      onchange: (e) => onChange(key, e.target.value),
      class: whatIf.has(key) ? 'changed' : null,
    },
    h('option', { value: '' }, `recorded: ${stanceLabel(party)}`),
    STANCES.map((s) => h('option', { value: s, selected: whatIf.get(key) === s }, s)));
    return h('tr', { 'data-party': party.id },
      h('th', { scope: 'row' },
        h('span', { class: 'swatch', style: `background:${colours.get(party.id) ?? '#888'}`,
          'aria-hidden': 'true' }),
        h('span', { class: 'party-id' }, party.id), ' ',
        h('span', { class: 'party-name' }, party.name)),
      h('td', { class: 'col-bloc' }, party.bloc ?? '—'),
      h('td', { class: 'num' }, party.seats),
      h('td', { class: 'num' }, party.for || '·'),
      h('td', { class: 'num' }, party.against || '·'),
      h('td', { class: 'num col-other' }, other || '·'),
      h('td', {}, select));
  });
  clear(tbody, rows);
}

export function renderMembers(list, file, whatIf, onChange) {
  clear(list, (file.members ?? []).map((member) => {
    const key = `member:${member.id}`;
    return h('li', {},
      h('span', {}, `${member.name} (${member.party ?? 'no party'})`), ' ',
      h('select', { 'aria-label': `What-if stance of ${member.name}`,
        onchange: (e) => onChange(key, e.target.value) },
      h('option', { value: '' }, 'as recorded'),
      STANCES.map((s) => h('option', { value: s, selected: whatIf.get(key) === s }, s))));
  }));
}

function sourceOf(event, sources) {
  if (!event.source) return null;
  const source = typeof event.source === 'string' ? sources.get(event.source) : event.source;
  if (!source) return h('p', { class: 'source' }, `Source: ${event.source}`);
  const title = source.url ? h('a', { href: source.url, rel: 'noopener noreferrer' },
    source.title ?? source.url) : (source.title ?? '');
  return h('div', { class: 'source' },
    h('p', {}, 'Source: ', title, source.publisher ? `, ${source.publisher}` : '',
      source.published ? ` (${formatDate(source.published)})` : ''),
    source.quote ? h('blockquote', {}, source.quote) : null);
}

// The event log in date order, each with its source and who recorded it; retracted events are
// struck through with the reason. Editors get a Retract button on each event in force.
export function renderEvents(list, log, file, { canEdit, onShowDate, onRetract }) {
  const sources = new Map((file.sources ?? []).map((s) => [s.id, s]));
  const retractions = new Map(log.filter((e) => e.retracts).map((e) => [e.retracts, e]));
  const events = log.filter((e) => e.event).sort((a, b) =>
    (a.event.date ?? '').localeCompare(b.event.date ?? '') || a.seq - b.seq);
  clear(list, events.map((entry) => {
    const { event } = entry;
    const retraction = retractions.get(entry.seq);
    const who = event.party ?? event.member ?? event.bloc ?? '';
    return h('li', { class: retraction ? 'retracted' : null, 'data-seq': entry.seq },
      h('div', { class: 'event-head' },
        h('button', { type: 'button', class: 'link', onclick: () => onShowDate(event.date),
          'aria-label': `Show the count on ${formatDate(event.date)}` }, timeElement(event.date)),
        h('span', { class: 'kind' }, event.kind.replace('-', ' ')),
        who ? h('span', { class: 'who-tag' }, who) : null),
      h('p', { class: 'summary' }, retraction ? h('s', {}, event.summary ?? '') : event.summary ?? ''),
      retraction ? h('p', { class: 'retraction' },
        `Retracted by ${retraction.author}: ${retraction.reason}`) : null,
      sourceOf(event, sources),
      h('p', { class: 'recorded' }, `Recorded by ${entry.author}`),
      canEdit && !retraction ? h('button', { type: 'button', class: 'small',
        onclick: () => onRetract(entry) }, 'Retract…') : null);
  }));
}

// The distribution of votes for as bars, those at or above the votes required in the pass
// colour, drawn over the range that holds all but a negligible probability.
export function renderForecast(figure, forecast, required) {
  const points = forecast.for.distribution.filter(([, p]) => p > 1e-5);
  if (!points.length) { clear(figure); return; }
  const low = points[0][0];
  const high = points[points.length - 1][0];
  const top = Math.max(...points.map(([, p]) => p));
  const width = 320;
  const height = 120;
  const step = width / (high - low + 1);
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${height + 18}`);
  for (const [votes, p] of points) {
    const rect = document.createElementNS(ns, 'rect');
    const barHeight = (height * p) / top;
    rect.setAttribute('x', (votes - low) * step);
    rect.setAttribute('y', height - barHeight);
    rect.setAttribute('width', Math.max(step - 0.5, 0.5));
    rect.setAttribute('height', barHeight);
    rect.setAttribute('class', votes >= required ? 'pass' : 'fail');
    svg.append(rect);
  }
  const label = (x, text, anchor) => {
    const t = document.createElementNS(ns, 'text');
    t.setAttribute('x', x);
    t.setAttribute('y', height + 14);
    t.setAttribute('text-anchor', anchor);
    t.textContent = text;
    svg.append(t);
  };
  label(0, low, 'start');
  label(width, high, 'end');
  if (required >= low && required <= high) {
    const x = (required - low) * step;
    const line = document.createElementNS(ns, 'line');
    for (const [k, v] of [['x1', x], ['x2', x], ['y1', 0], ['y2', height]]) line.setAttribute(k, v);
    svg.append(line);
    label(x, `${required} needed`, 'middle');
  }
  figure.setAttribute('aria-label', `Distribution of votes for, from ${low} to ${high}; ` +
    `${required} needed`);
  clear(figure, svg);
}

export function renderPower(tbody, power) {
  const pct = (x) => `${(100 * x).toFixed(1)}%`;
  clear(tbody, power.players.map((player) => h('tr', {},
    h('th', { scope: 'row' }, player.name),
    h('td', { class: 'num' }, player.weight),
    h('td', { class: 'num' }, pct(player.banzhaf.value)),
    h('td', { class: 'num' }, pct(player['shapley-shubik'].value)))));
}

// The first `top` coalitions in the theory's order, and how many there are in all.
export function renderCoalitions(list, result, top) {
  const total = result.coalitions.length;
  list.setAttribute('aria-label', `The first ${Math.min(top, total)} of ${total} minimal winning coalitions`);
  clear(list, result.coalitions.slice(0, top).map((c) => h('li', {},
    `${c.parties.join(' + ')}: ${plural(c.seats, 'seat')}`,
    c.surplus ? ` (${c.surplus} to spare)` : ' (none to spare)')),
    total > top ? h('li', { class: 'more' }, `… and ${total - top} more`) : null);
}
