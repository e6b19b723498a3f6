// What the page shows, kept in its address so that any view, what-if included, can be shared:
// /?case=pk-na-2022&date=2022-03-29&set=party:MQM-P=for&layout=arch (and &embed=1 for the
// read-only view a live blog embeds).

export const STANCES = ['for', 'against', 'abstain', 'absent'];

export function readState(search = location.search) {
  const params = new URLSearchParams(search);
  // TARGET=VALUE: a stance (party:MQM-P=for) or a what-if on the case (rule.threshold=2/3,
  // party:PTI.vacate=3); the server checks them and says what is wrong with one.
  const whatIf = new Map();
  for (const assignment of params.getAll('set')) {
    const eq = assignment.indexOf('=');
    if (eq > 0 && eq < assignment.length - 1) whatIf.set(assignment.slice(0, eq), assignment.slice(eq + 1));
  }
  return {
    caseId: params.get('case') ?? '',
    date: /^\d{4}-\d{2}-\d{2}$/.test(params.get('date') ?? '') ? params.get('date') : '',
    layout: params.get('layout') ?? 'arch',
    embed: params.get('embed') === '1',
    whatIf,
  };
}

// Whether a what-if sets a stance (party:MQM-P) rather than changing the rule or the seats.
export const isStanceWhatIf = (target) => /^(party|member|bloc):[^.]+$/.test(target);

// The what-if as the server's `set` parameters: party:MQM-P=for.
export function whatIfParams(state) {
  return [...state.whatIf].map(([key, stance]) => `${key}=${stance}`);
}

export function addressOf(state, { embed = state.embed } = {}) {
  const params = new URLSearchParams();
  if (state.caseId) params.set('case', state.caseId);
  if (state.date) params.set('date', state.date);
  for (const set of whatIfParams(state)) params.append('set', set);
  if (state.layout !== 'arch') params.set('layout', state.layout);
  if (embed) params.set('embed', '1');
  const query = params.toString();
  return `/${query ? `?${query}` : ''}`;
}

// The query of an analysis of the count as shown: its date and what-if.
export function countParams(state, extra = {}) {
  const params = new URLSearchParams();
  if (state.date) params.set('date', state.date);
  for (const set of whatIfParams(state)) params.append('set', set);
  for (const [name, value] of Object.entries(extra)) params.append(name, value);
  return params;
}
