// The dashboard: the case list, then a case's count on a date, its what-ifs, its event log kept
// live by the server's stream, and the editors' forms. Every number comes from the server, which
// runs the command line's own commands; this page only asks and shows.
import { Api, ApiError } from './api.js';
import { $, clear, copyText, debounce, formatDate, h, plural } from './dom.js';
import { addressOf, countParams, isStanceWhatIf, readState } from './state.js';
import {
  renderBar, renderCoalitions, renderEvents, renderForecast, renderMembers, renderParties,
  renderPower, verdictText,
} from './views.js';

const api = new Api();
let state = readState();
let who = { name: null, role: null, public_read: false };
let current = null; // the open case: {id, title, version, file, log, dates}
let lastTally = null;
let streamAbort = null;
let renderSeq = 0;

const canEdit = () => !state.embed && (who.role === 'editor' || who.role === 'admin');
const casePath = (route = '') => `/api/cases/${encodeURIComponent(current.id)}${route}`;

function notify(message) {
  const notice = $('#notice');
  notice.textContent = message;
  notice.classList.add('shown');
  clearTimeout(notify.timer);
  notify.timer = setTimeout(() => notice.classList.remove('shown'), 8000);
}

function showOnly(id) {
  for (const view of ['cases-view', 'case-view', 'sign-in-needed']) $(`#${view}`).hidden = view !== id;
  $('#loading').hidden = true;
}

function describeError(error) {
  if (!(error instanceof ApiError)) return `The server could not be reached: ${error.message}`;
  return `${error.message}${error.code ? ` (${error.code})` : ''}`;
}

// --- Who is signed in -------------------------------------------------------------------------

async function loadWho() {
  try {
    who = await api.json('/api/whoami');
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      api.setToken('');
      who = await api.json('/api/whoami');
      notify('Your token is no longer valid: you are signed out.');
    } else {
      throw error;
    }
  }
  $('#who-text').textContent = who.name ? `${who.name} (${who.role})` : '';
  $('#sign-in').hidden = Boolean(who.name) || state.embed;
  $('#sign-out').hidden = !who.name || state.embed;
  for (const element of document.querySelectorAll('.editor-only')) element.hidden = !canEdit();
  if (!canEdit()) $('#whatif-record').hidden = true;
}

function bindSignIn() {
  const dialog = $('#token-dialog');
  $('#sign-in').addEventListener('click', () => {
    $('.form-error', dialog).textContent = '';
    dialog.showModal();
  });
  $('#token-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const token = event.target.token.value.trim();
    const previous = api.token;
    api.setToken(token);
    try {
      const answer = await api.json('/api/whoami');
      if (!answer.name) throw new Error('unknown token');
      dialog.close();
      event.target.reset();
      await loadWho();
      await route();
      notify(`Signed in as ${who.name} (${who.role}).`);
    } catch (error) {
      api.setToken(previous);
      $('.form-error', dialog).textContent = error instanceof ApiError ? describeError(error)
        : 'That token is not known to this server.';
    }
  });
  $('#sign-out').addEventListener('click', async () => {
    api.setToken('');
    await loadWho();
    await route();
  });
  for (const close of document.querySelectorAll('dialog [data-close]')) {
    close.addEventListener('click', () => close.closest('dialog').close());
  }
}

// --- The case list ------------------------------------------------------------------------------

async function showCases() {
  document.title = 'Cases · whipcount';
  clear($('#case-title'));
  $('#live').hidden = true;
  try {
    const { cases } = await api.json('/api/cases');
    clear($('#case-list'), cases.map((c) => h('li', {},
      h('a', { href: addressOf({ ...readState(''), caseId: c.id }) }, c.title),
      h('span', { class: 'meta' }, ` ${plural(c.version, 'version')}, updated ${c.updated_at.slice(0, 10)}`))));
    if (!cases.length) $('#case-list').append(h('li', {}, 'No cases yet: start the server with a chamber file.'));
    showOnly('cases-view');
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) showOnly('sign-in-needed');
    else throw error;
  }
}

// --- A case -------------------------------------------------------------------------------------

// Loads what does not depend on the date: the case, its file, its log and the dates it moves on.
async function loadCase(id) {
  const path = `/api/cases/${encodeURIComponent(id)}`;
  const [summary, file, log, timeline] = await Promise.all([
    api.request(path), api.json(`${path}/file`, 'format=json'), api.json(`${path}/events`),
    api.json(`${path}/timeline`)]);
  const dates = [...new Set(timeline.steps.map((s) => s.date).filter(Boolean))];
  if (file.motion?.date && !dates.includes(file.motion.date)) dates.push(file.motion.date);
  dates.sort();
  current = {
    id, title: summary.body.title, version: summary.body.version, file, log: log.events, dates,
  };
}

function renderCaseFrame() {
  document.title = `${current.title} · whipcount`;
  $('#case-title').textContent = current.title;
  const slider = $('#date-slider');
  slider.max = String(Math.max(current.dates.length - 1, 0));
  $('#date-input').min = current.dates[0] ?? '';
  $('#layout').value = state.layout;
  renderEvents($('#events'), current.log, current.file, {
    canEdit: canEdit(), onShowDate: (date) => setDate(date), onRetract: openRetract,
  });
  fillEventForm();
  $('#embed-code').value = `<iframe src="${location.origin}${addressOf(state, { embed: true })}" ` +
    `title="${current.title.replace(/"/g, '&quot;')}: live count" width="660" height="720" ` +
    'style="border:0"></iframe>';
  loadChart();
  if ($('#forecast-panel').open) loadForecast();
  if ($('#power-panel').open) loadPower();
}

// Shows a picture the server drew as an image of its own (its ids and styles stay inside it),
// replacing the one before.
async function showPicture(figure, picture, alt) {
  const { body } = await picture;
  const image = h('img', { src: URL.createObjectURL(body), alt });
  await image.decode().catch(() => {});
  const old = figure.querySelector('img');
  if (old) URL.revokeObjectURL(old.src);
  clear(figure, image);
}

async function loadChart() {
  try {
    await showPicture($('#chart'),
      api.request(casePath('/chart.svg'), { params: 'width=480', as: 'blob' }),
      `Chart of the votes for and the votes required on each date of ${current.title}, ` +
      'with the events that changed the count');
  } catch (error) {
    $('#chart').textContent = describeError(error);
  }
}

// The count on the chosen date with the what-if: verdict, bar, explanation, diagram, parties.
async function renderCount() {
  const seq = ++renderSeq;
  const started = performance.now();
  $('#main').setAttribute('aria-busy', 'true');
  const params = countParams(state);
  try {
    // On a phone the page's own bar and table carry the legend: the seats get the width.
    const narrow = $('#diagram').clientWidth < 560;
    const picture = api.request(casePath('/diagram.svg'), {
      params: countParams(state, { layout: state.layout, width: narrow ? '400' : '640',
        ...(narrow ? { 'no-legend': 'true' } : {}) }),
      as: 'blob' });
    picture.catch(() => {});  // its error, if any, is the tally's too and is shown from there
    const tally = await api.json(casePath('/tally'), params);
    if (seq !== renderSeq) return;
    lastTally = tally;
    $('#verdict').textContent = verdictText(tally);
    $('#verdict').className = `verdict ${tally.verdict}`;
    renderBar($('#bar'), $('#bar-caption'), tally);
    clear($('#explanation'), tally.explanation.trim().split(/\n\n+/).map((p) => h('p', {}, p)));
    await showPicture($('#diagram'), picture, `Seat diagram of the ${tally.chamber.name} on ${formatDate(tally.date)}: ` +
      `${tally.for} for, ${tally.against} against, ${tally.required} needed`);
    if (seq !== renderSeq) return;
    renderParties($('#parties tbody'), tally, current.file, state.whatIf, setWhatIf);
    renderMembers($('#members'), current.file, state.whatIf, setWhatIf);
    renderDateControls(tally.date);
    renderWhatIf(tally);
    $('#whatif-threshold').value = state.whatIf.get('rule.threshold') ?? '';
    $('#whatif-base').value = state.whatIf.get('rule.base') ?? '';
    $('#main').dataset.rendered = String(seq);
    $('#main').dataset.renderMs = String(Math.round(performance.now() - started));
  } catch (error) {
    if (seq !== renderSeq) return;
    $('#verdict').textContent = 'The count could not be made';
    clear($('#explanation'), h('p', { class: 'form-error' }, describeError(error)));
  } finally {
    if (seq === renderSeq) $('#main').setAttribute('aria-busy', 'false');
  }
}

function renderDateControls(date) {
  $('#date-input').value = date ?? '';
  const index = current.dates.findLastIndex((d) => d <= date);
  $('#date-slider').value = String(Math.max(index, 0));
  $('#slider-text').textContent = formatDate(date);
  $('#date-slider').setAttribute('aria-valuetext', formatDate(date));
  $('#prev-event').disabled = index <= 0 && current.dates[0] >= date;
  $('#next-event').disabled = index >= current.dates.length - 1;
  const diff = $('#diff-form');
  if (!diff.to.value) diff.to.value = date;
  if (!diff.from.value) diff.from.value = current.dates[Math.max(index - 1, 0)] ?? date;
}

function renderWhatIf(tally) {
  const banner = $('#whatif');
  banner.hidden = state.whatIf.size === 0;
  document.body.classList.toggle('hypothetical', state.whatIf.size > 0);
  if (!state.whatIf.size) return;
  const changes = (tally.what_if ?? []).map((w) => w.description ?? `${w.id} ${w.stance}`).join(', ');
  $('#whatif-text').textContent = `This count is hypothetical: ${changes}. ` +
    'Nothing is saved; the recorded count is what you see without the what-if.';
  $('#whatif-record').hidden = !canEdit();
}

function updateAddress() {
  history.replaceState(null, '', addressOf(state));
}

function setDate(date) {
  state = { ...state, date };
  updateAddress();
  renderCount();
  if ($('#forecast-panel').open) loadForecast();
  if ($('#power-panel').open) loadPower();
}

function setWhatIf(key, stance) {
  const whatIf = new Map(state.whatIf);
  if (stance) whatIf.set(key, stance);
  else whatIf.delete(key);
  state = { ...state, whatIf };
  updateAddress();
  renderCount();
  if ($('#forecast-panel').open) loadForecast();
}

function bindCaseControls() {
  $('#date-input').addEventListener('change', (e) => { if (e.target.value) setDate(e.target.value); });
  $('#date-slider').addEventListener('input', (e) => {
    const date = current.dates[Number(e.target.value)];
    $('#slider-text').textContent = formatDate(date);
  });
  $('#date-slider').addEventListener('change', (e) => setDate(current.dates[Number(e.target.value)]));
  $('#prev-event').addEventListener('click', () => {
    const date = $('#date-input').value;
    const before = current.dates.filter((d) => d < date);
    if (before.length) setDate(before[before.length - 1]);
  });
  $('#next-event').addEventListener('click', () => {
    const next = current.dates.find((d) => d > $('#date-input').value);
    if (next) setDate(next);
  });
  $('#layout').addEventListener('change', (e) => {
    state = { ...state, layout: e.target.value };
    updateAddress();
    renderCount();
  });
  $('#whatif-threshold').addEventListener('change', (e) => setWhatIf('rule.threshold', e.target.value));
  $('#whatif-base').addEventListener('change', (e) => setWhatIf('rule.base', e.target.value));
  $('#seat-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const { field, count, party } = e.target;
    if (party.value && Number(count.value) >= 1) {
      setWhatIf(`party:${party.value}.${field.value}`, String(Math.trunc(Number(count.value))));
    }
  });
  $('#whatif-clear').addEventListener('click', () => {
    state = { ...state, whatIf: new Map() };
    updateAddress();
    renderCount();
  });
  $('#whatif-copy').addEventListener('click', async () => {
    const copied = await copyText(location.href);
    notify(copied ? 'Link copied: it opens this what-if.' : `Link: ${location.href}`);
  });
  $('#embed-copy').addEventListener('click', async () => {
    notify(await copyText($('#embed-code').value) ? 'Embed code copied.' : 'Select the code and copy it.');
  });
  for (const button of document.querySelectorAll('[data-export]')) {
    button.addEventListener('click', () => exportFile(button.dataset.export));
  }
  $('#diff-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const { from, to } = event.target;
    try {
      $('#diff').textContent = await api.text(casePath('/diff'),
        new URLSearchParams({ from: from.value, to: to.value, format: 'text' }));
    } catch (error) {
      $('#diff').textContent = describeError(error);
    }
  });
  $('#forecast-panel').addEventListener('toggle', (e) => { if (e.target.open) loadForecast(); });
  $('#power-panel').addEventListener('toggle', (e) => { if (e.target.open) loadPower(); });
  $('#theory').addEventListener('change', loadPower);
}

// Downloads an export with the signed-in token (a plain link could not send it).
async function exportFile(what) {
  const date = state.date || lastTally?.date || '';
  const routes = {
    'diagram.svg': ['/diagram.svg', countParams(state, { layout: state.layout }), 'svg'],
    'diagram.png': ['/diagram.png', countParams(state, { layout: state.layout, scale: '2' }), 'png'],
    'tally.csv': ['/tally', countParams(state, { format: 'csv' }), 'csv'],
    'file.yaml': ['/file', new URLSearchParams({ format: 'yaml' }), 'yaml'],
  };
  const [route, params, extension] = routes[what];
  try {
    const { body } = await api.request(casePath(route), { params, as: 'blob' });
    const link = h('a', { href: URL.createObjectURL(body),
      download: `${current.id}${extension === 'yaml' ? '' : `-${date}`}.${extension}` });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
  } catch (error) {
    notify(describeError(error));
  }
}

// --- Forecast, power and coalitions ---------------------------------------------------------------

const cohesion = new Map();

async function loadForecast() {
  const extra = [...cohesion].map(([party, value]) => ['set', `party:${party}.cohesion=${value}`]);
  const stances = new Map([...state.whatIf].filter(([target]) => isStanceWhatIf(target)));
  const params = countParams({ ...state, whatIf: stances });
  for (const [name, value] of extra) params.append(name, value);
  $('#forecast-result').textContent = 'Computing…';
  try {
    const forecast = await api.json(casePath('/forecast'), params);
    const required = lastTally?.required ?? 0;
    const pct = (p) => `${(100 * p).toFixed(p < 0.01 || p > 0.99 ? 2 : 1)}%`;
    $('#forecast-result').textContent = `P(pass) = ${pct(forecast.p_pass)}: about ` +
      `${forecast.for.expected.toFixed(1)} for expected (90% between ${forecast.for.interval90[0]} ` +
      `and ${forecast.for.interval90[1]}), ${required} needed.`;
    renderForecast($('#forecast-chart'), forecast, required);
    const hinges = [...forecast.sensitivity.parties]
      .sort((a, b) => Math.abs(b.d_pass_d_cohesion) - Math.abs(a.d_pass_d_cohesion)).slice(0, 3);
    $('#forecast-hinge').textContent = `It hinges most on the cohesion of ${hinges.map((s) => s.party).join(', ')}.`;
    $('#forecast-note').textContent = (stances.size < state.whatIf.size
      ? 'The forecast takes the stance what-ifs only, not those on the rule or the seats. ' : '') +
      (forecast.default_cohesion?.note ?? '');
    renderCohesionSliders(forecast.model.parties);
  } catch (error) {
    $('#forecast-result').textContent = describeError(error);
  }
}

const reforecast = debounce(loadForecast, 250);

function renderCohesionSliders(parties) {
  const box = $('#cohesion-sliders');
  if (box.childElementCount === parties.length) return;
  clear(box, parties.map(({ party, cohesion: value }) => {
    const id = `cohesion-${party}`;
    const output = h('output', { for: id }, value.toFixed(2));
    return h('div', { class: 'slider' },
      h('label', { for: id }, party),
      h('input', { type: 'range', id, min: '0.5', max: '1', step: '0.05', value: String(value),
        oninput: (e) => {
          output.textContent = Number(e.target.value).toFixed(2);
          cohesion.set(party, e.target.value);
          reforecast();
        } }),
      output);
  }));
}

async function loadPower() {
  const date = countParams({ ...state, whatIf: new Map() });
  try {
    const [power, coalitions] = await Promise.all([
      api.json(casePath('/power'), date),
      api.json(casePath('/coalitions'), countParams({ ...state, whatIf: new Map() },
        { theory: $('#theory').value })),
    ]);
    renderPower($('#power tbody'), power);
    renderCoalitions($('#coalitions'), coalitions, 8);
  } catch (error) {
    clear($('#coalitions'), h('li', {}, describeError(error)));
  }
}

// --- Editing --------------------------------------------------------------------------------------

// Which fields each kind of event takes (docs/file-format.md, Events).
const KIND_FIELDS = {
  stance: ['party', 'member', 'stance'], 'join-bloc': ['party', 'member', 'bloc'],
  'leave-bloc': ['party', 'member'], 'change-party': ['member', 'party'],
  vacate: ['party', 'member', 'count'], fill: ['party', 'count'], note: ['party'],
};

function fillEventForm() {
  const form = $('#event-form');
  const options = (items, blank) => [h('option', { value: '' }, blank),
    ...items.map(([id, name]) => h('option', { value: id }, name))];
  const parties = current.file.parties.map((p) => [p.id, `${p.id} (${p.name})`]);
  clear(form.party, options(parties, '—'));
  clear($('#seat-form').party, current.file.parties.map((p) => h('option', { value: p.id }, p.id)));
  clear(form.member, options((current.file.members ?? []).map((m) => [m.id, m.name]), '—'));
  clear(form.bloc, options((current.file.blocs ?? []).map((b) => [b.id, b.name ?? b.id]), '—'));
  if (!form.date.value) form.date.value = state.date || lastTally?.date || '';
  showKindFields();
}

function showKindFields() {
  const form = $('#event-form');
  const fields = KIND_FIELDS[form.kind.value];
  for (const label of form.querySelectorAll('[data-for]')) label.hidden = !fields.includes(label.dataset.for);
}

function sourceFrom(form) {
  const source = { title: form.source_title.value.trim() };
  for (const [field, name] of [['publisher', 'source_publisher'], ['url', 'source_url'], ['quote', 'source_quote']]) {
    if (form[name].value.trim()) source[field] = form[name].value.trim();
  }
  return source;
}

function eventFrom(form) {
  const event = { date: form.date.value, kind: form.kind.value, summary: form.summary.value.trim() };
  for (const field of KIND_FIELDS[event.kind]) {
    const value = form[field].value;
    if (!value) continue;
    event[field] = field === 'count' ? Number(value) : value;
  }
  event.source = sourceFrom(form);
  return event;
}

// Sends a write with the version this page last saw; a conflict reloads the case and says so,
// keeping what the editor typed.
async function write(body, errorBox) {
  errorBox.textContent = '';
  try {
    await api.request(casePath('/events'), { method: 'POST', body,
      headers: { 'If-Match': `"${current.version}"` } });
    await reload();
    return true;
  } catch (error) {
    if (error instanceof ApiError && error.status === 409) {
      await reload();
      errorBox.textContent = 'Someone else changed this case while you were writing: the page now ' +
        `shows their change (version ${current.version}). Check your entry and send it again.`;
    } else {
      errorBox.textContent = `Not recorded: ${describeError(error)}${error.path ? ` [${error.path}]` : ''}`;
    }
    return false;
  }
}

function bindEditing() {
  const form = $('#event-form');
  form.kind.addEventListener('change', showKindFields);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const errorBox = $('.form-error', form);
    if (!form.summary.value.trim() || !form.source_title.value.trim() || !form.date.value) {
      errorBox.textContent = 'An event needs a date, a summary and a source title.';
      return;
    }
    const event = eventFrom(form);
    if (await write({ event }, errorBox)) {
      notify(`Recorded: ${event.summary}`);
      form.summary.value = '';
    }
  });
  $('#retract-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const dialog = $('#retract-dialog');
    const reason = e.target.reason.value.trim();
    if (!reason) {
      $('.form-error', dialog).textContent = 'A retraction needs a reason.';
      return;
    }
    if (await write({ retract: Number(dialog.dataset.seq), reason }, $('.form-error', dialog))) {
      dialog.close();
      e.target.reset();
    }
  });
  $('#whatif-record').addEventListener('click', openRecordWhatIf);
  $('#record-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const recordForm = e.target;
    const dialog = $('#record-dialog');
    if (!recordForm.source_title.value.trim() || !recordForm.date.value) {
      $('.form-error', dialog).textContent = 'The events need a date and a source title.';
      return;
    }
    const source = sourceFrom(recordForm);
    const events = recordableEvents(recordForm.date.value, source);
    if (await write({ events }, $('.form-error', dialog))) {
      dialog.close();
      // What could not be an event (a change of rule) stays as a what-if.
      state = { ...state, whatIf: new Map([...state.whatIf].filter(([t]) => t.startsWith('rule.'))) };
      updateAddress();
      await renderCount();
      notify(`Recorded ${plural(events.length, 'event')}.`);
    }
  });
}

// The what-ifs as events: a stance event per stance, a vacate or fill event per change of seats.
// A change of the rule is not an event of the chamber and is left out.
function recordableEvents(date, source) {
  const events = [];
  for (const [target, value] of state.whatIf) {
    const seats = /^party:(.+)\.(vacate|fill)$/.exec(target);
    if (seats) {
      const [, party, kind] = seats;
      events.push({ date, kind, party, count: Number(value), source,
        summary: kind === 'vacate' ? `${plural(Number(value), `${party} seat`)} fall vacant`
          : `${party} wins ${plural(Number(value), 'vacant seat')}` });
    } else if (isStanceWhatIf(target)) {
      const [kind, id] = [target.slice(0, target.indexOf(':')), target.slice(target.indexOf(':') + 1)];
      const verb = value === 'for' || value === 'against' ? `vote ${value}`
        : value === 'absent' ? 'stay away' : `${value}`;
      events.push({ date, kind: 'stance', [kind]: id, stance: value, source,
        summary: `${id} will ${verb}` });
    }
  }
  return events;
}

function openRetract(entry) {
  const dialog = $('#retract-dialog');
  dialog.dataset.seq = String(entry.seq);
  $('#retract-what').textContent = `${formatDate(entry.event.date)}: ${entry.event.summary ?? entry.event.kind}`;
  $('.form-error', dialog).textContent = '';
  dialog.showModal();
}

function openRecordWhatIf() {
  const dialog = $('#record-dialog');
  const events = recordableEvents(state.date || lastTally?.date || '', {});
  const rules = [...state.whatIf.keys()].filter((t) => t.startsWith('rule.'));
  clear($('#record-list'), events.map((e) => h('li', {}, e.summary)),
    rules.length ? h('li', { class: 'hint' }, 'The change of rule is not an event and stays a what-if.') : null);
  $('#record-form').date.value = state.date || lastTally?.date || '';
  $('.form-error', dialog).textContent = '';
  dialog.showModal();
}

// --- Live -----------------------------------------------------------------------------------------

function describeChange(change) {
  if (change.retracts) return `${change.author} retracted an event: ${change.reason}`;
  const e = change.event ?? {};
  return `${change.author} recorded: ${e.summary ?? e.kind} (${formatDate(e.date)})`;
}

function startStream() {
  streamAbort?.abort();
  streamAbort = new AbortController();
  const live = $('#live');
  live.hidden = false;
  const id = current.id;
  api.stream(casePath('/stream'), {
    signal: streamAbort.signal,
    onState: (s) => {
      live.dataset.state = s;
      $('#live-text').textContent = s === 'live' ? 'Live' : s === 'refused' ? 'Not live' : 'Reconnecting…';
    },
    onMessage: async (event, data) => {
      if (event !== 'tally' || current?.id !== id) return;
      const message = JSON.parse(data);
      if (message.version <= current.version) return;
      await reload();
      if (message.changes.length) notify(message.changes.map(describeChange).join(' · '));
    },
  });
}

// Loads the case again (another version) and redraws, keeping the date and what-if.
async function reload() {
  await loadCase(current.id);
  renderCaseFrame();
  await renderCount();
}

// --- Start ----------------------------------------------------------------------------------------

async function route() {
  state = readState();
  streamAbort?.abort();
  document.body.classList.toggle('embed', state.embed);
  if (!state.caseId) {
    current = null;
    await showCases();
    return;
  }
  try {
    await loadCase(state.caseId);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      showOnly('sign-in-needed');
      return;
    }
    showOnly('cases-view');
    clear($('#case-list'), h('li', { class: 'form-error' }, describeError(error)));
    return;
  }
  showOnly('case-view');
  renderCaseFrame();
  await renderCount();
  startStream();
}

async function start() {
  bindSignIn();
  bindCaseControls();
  bindEditing();
  try {
    await loadWho();
    await route();
  } catch (error) {
    showOnly('cases-view');
    clear($('#case-list'), h('li', { class: 'form-error' }, describeError(error)));
  }
}

start();
