// The dashboard (issue 15) in a real browser: Debian's chromium, driven by playwright-core,
// against a real `whipcount serve` on loopback. CTest runs it as browser_test
// (tests/CMakeLists.txt), which sets the binary, the source folder and the screenshots' folder.
// The Pakistan case of March 2022: on 29 March the opposition is 3 short of 172; on 30 March,
// after MQM-P crossed, the motion passes.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { axeCheck, formatViolations, launchBrowser, perf, screenshot } from './browser.mjs';
import { startServer } from './server.mjs';

const CASE = 'pk-na-2022';
const WIDE = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
// Generous: a busy 2-core machine (or the sanitizer build) may be slow; the figures that matter
// are printed by perf(), not asserted.
const SLOW = { timeout: 20_000 };

let server;
let browser;

before(async () => {
  server = await startServer({ public: true });
  const start = performance.now();
  browser = await launchBrowser();
  perf('chromium launch', performance.now() - start);
});

// Runs even when a test or `before` failed, so no server or browser outlives the run.
after(async () => {
  await browser?.close();
  await server?.stop();
});

// A page whose uncaught exceptions fail the test, even if what it shows looks right.
async function newPage(viewport = WIDE, context = null) {
  const page = await (context ?? browser).newPage({ viewport });
  page.errors = [];
  page.on('pageerror', (error) => page.errors.push(error.message));
  return page;
}

async function closePage(page) {
  assert.deepEqual(page.errors, [], 'uncaught errors in the page');
  await page.close();
}

const verdict = (page) => page.locator('#verdict');

// Waits until the count has been drawn and no request is pending.
async function countDrawn(page) {
  await page.locator('#main[aria-busy="false"][data-rendered]').waitFor(SLOW);
}

async function openCase(page, date) {
  await page.goto(`${server.url}/?case=${CASE}${date ? `&date=${date}` : ''}`);
  await countDrawn(page);
}

async function expectNoSeriousViolations(page) {
  const violations = await axeCheck(page);
  assert.deepEqual(violations, [], formatViolations(violations));
}

// Signs in and waits until the page has loaded the case again as that user: a count drawn after
// the one before signing in (the reload reads the case's version, which later writes compare).
async function signIn(page, token) {
  const before = Number(await page.locator('#main').getAttribute('data-rendered'));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel('Token').fill(token);
  await page.locator('#token-dialog').getByRole('button', { name: 'Sign in' }).click();
  await page.locator('#token-dialog').waitFor({ state: 'hidden' });
  await page.waitForFunction((n) => {
    const main = document.querySelector('#main');
    return main.getAttribute('aria-busy') === 'false' && Number(main.dataset.rendered) > n;
  }, before, SLOW);
}

// An event recorded outside the page (another desk's tool), with the case's current version.
async function recordDirectly(event) {
  const headers = { Authorization: `Bearer ${server.editorToken}` };
  const current = await fetch(`${server.url}/api/cases/${CASE}`, { headers });
  const answer = await fetch(`${server.url}/api/cases/${CASE}/events`, {
    method: 'POST',
    headers: { ...headers, 'Content-Type': 'application/json', 'If-Match': current.headers.get('ETag') },
    body: JSON.stringify({ event }),
  });
  assert.equal(answer.status, 201, await answer.text());
}

test('the case list links to the Pakistan case, with no serious accessibility violation', async () => {
  const page = await newPage();
  const start = performance.now();
  const response = await page.goto(`${server.url}/`);
  assert.equal(response.status(), 200, `GET / answered ${response.status()}`);
  await page.getByRole('link', { name: 'National Assembly of Pakistan' }).waitFor();
  perf('case list', performance.now() - start);
  await screenshot(page, 'case-list-1280.png');
  await expectNoSeriousViolations(page);
  await closePage(page);
});

test('29 March fails 3 short and 30 March passes, at desktop and phone width', async () => {
  for (const [viewport, width] of [[WIDE, 1280], [PHONE, 390]]) {
    const page = await newPage(viewport);
    const start = performance.now();
    await openCase(page, '2022-03-29');
    perf(`first render of the Pakistan case at ${width} px`, performance.now() - start);
    await assert.doesNotReject(verdict(page).getByText('Fails: 169 for, 172 needed (3 short)').waitFor(SLOW));
    assert.match(await page.locator('#explanation').innerText(), /The motion fails on paper, 3 votes short/);
    assert.equal(await page.locator('#date-input').inputValue(), '2022-03-29');
    assert.equal(await page.locator('#diagram img').count(), 1);
    await screenshot(page, `pk-2022-03-29-${width}.png`);
    await expectNoSeriousViolations(page);

    await page.locator('#date-input').fill('2022-03-30');
    await verdict(page).getByText('Passes: 176 for, 172 needed (4 to spare)').waitFor(SLOW);
    assert.match(page.url(), /date=2022-03-30/);
    await countDrawn(page);
    await screenshot(page, `pk-2022-03-30-${width}.png`);
    await closePage(page);
  }
});

test('the timeline slider and the event buttons move the date', async () => {
  const page = await newPage();
  await openCase(page, '2022-03-29');
  await page.getByRole('button', { name: 'Next event date' }).click();
  await verdict(page).getByText(/^Passes: 176 for/).waitFor(SLOW);
  assert.equal(await page.locator('#date-input').inputValue(), '2022-03-30');
  await page.getByRole('button', { name: 'Show the count on 8 Mar 2022' }).click();
  await verdict(page).getByText(/^Fails: 161 for/).waitFor(SLOW);
  const slider = page.getByLabel(/^Timeline/);
  await slider.focus();
  await page.keyboard.press('End');
  await verdict(page).getByText(/^Passes: 175 for/).waitFor(SLOW);
  assert.equal(await page.locator('#date-input').inputValue(), '2022-04-10');
  await closePage(page);
});

test('a what-if flip of MQM-P on 29 March passes, says it is hypothetical and lives in the URL', async () => {
  const page = await newPage();
  await openCase(page, '2022-03-29');
  const start = performance.now();
  await page.getByLabel('What-if stance of MQM-P').selectOption('for');
  await verdict(page).getByText('Passes: 176 for, 172 needed (4 to spare)').waitFor(SLOW);
  await countDrawn(page);
  perf('what-if redrawn (select to new count, in the test)', performance.now() - start);
  perf('what-if redrawn (requests and drawing, in the page)',
    Number(await page.locator('#main').getAttribute('data-render-ms')));
  await page.getByRole('heading', { name: 'What-if: a hypothetical count' }).waitFor();
  assert.match(await page.locator('#whatif-text').innerText(), /hypothetical: MQM-P for/);
  assert.match(decodeURIComponent(page.url()), /set=party:MQM-P=for/);
  // Nothing saved: the recorded count on the server is unchanged.
  const recorded = await (await fetch(`${server.url}/api/cases/${CASE}/tally?date=2022-03-29`)).json();
  assert.equal(recorded.verdict, 'fails');
  await screenshot(page, 'pk-2022-03-29-what-if-1280.png');
  await expectNoSeriousViolations(page);

  // The shared link opens the same what-if in another browser.
  const shared = await newPage();
  await shared.goto(page.url());
  await countDrawn(shared);
  await verdict(shared).getByText(/^Passes: 176 for/).waitFor(SLOW);
  assert.equal(await shared.getByLabel('What-if stance of MQM-P').inputValue(), 'for');
  await closePage(shared);

  await page.getByRole('button', { name: 'Clear what-if' }).click();
  await verdict(page).getByText(/^Fails: 169 for/).waitFor(SLOW);
  assert.ok(!decodeURIComponent(page.url()).includes('set='));
  await closePage(page);
});

test('what-ifs on the rule and the seats: a two-thirds bar, and seats falling vacant', async () => {
  const page = await newPage();
  await openCase(page, '2022-03-30');
  await page.getByLabel('Threshold', { exact: true }).selectOption('2/3');
  await verdict(page).getByText('Fails: 176 for, 228 needed (52 short)').waitFor(SLOW);
  assert.match(await page.locator('#whatif-text').innerText(), /threshold at least 2\/3/);
  assert.match(decodeURIComponent(page.url()), /set=rule\.threshold=2\/3/);
  await page.getByLabel('Threshold', { exact: true }).selectOption('');
  await verdict(page).getByText(/^Passes: 176 for, 172 needed/).waitFor(SLOW);

  // Three PTI seats fall vacant: a statutory bar stays at 172; counted on the filled seats it
  // drops to 170.
  const seats = page.locator('#seat-form');
  await seats.getByLabel('How many').fill('3');
  await seats.getByLabel('Party').selectOption('PTI');
  await seats.getByRole('button', { name: 'Count it' }).click();
  await page.locator('#whatif-text').getByText(/3 PTI seats vacant/).waitFor(SLOW);
  await verdict(page).getByText(/^Passes: 176 for, 172 needed/).waitFor(SLOW);
  await page.getByLabel('Counted on', { exact: true }).selectOption('filled');
  await verdict(page).getByText('Passes: 176 for, 170 needed (6 to spare)').waitFor(SLOW);
  assert.equal(await page.locator('#parties tr[data-party="PTI"] td.num').first().innerText(), '152');
  await closePage(page);
});

test('an editor records an event and another reader sees it live', async () => {
  const reader = await newPage(WIDE, await browser.newContext());
  await openCase(reader, '2022-03-29');
  await reader.locator('#live[data-state="live"]').waitFor(SLOW);

  const editorContext = await browser.newContext();
  const editor = await newPage(WIDE, editorContext);
  await openCase(editor, '2022-03-29');
  await signIn(editor, server.editorToken);
  const form = editor.locator('#event-form');
  await form.getByLabel('Event date', { exact: true }).fill('2022-03-29');
  await form.getByLabel('Kind', { exact: true }).selectOption('stance');
  await form.getByLabel('Party', { exact: true }).selectOption('PML-Q');
  await form.getByLabel('Stance', { exact: true }).selectOption('for');
  await form.getByLabel('Summary', { exact: true }).fill('PML-Q will vote for the motion');
  // No source: refused in the page, before anything is sent.
  await form.getByRole('button', { name: 'Record event' }).click();
  await form.getByText('An event needs a date, a summary and a source title.').waitFor();
  await form.getByLabel('Title', { exact: true }).fill('PML-Q announces support for the motion');
  await form.getByLabel('Publisher', { exact: true }).fill('Dawn');
  await form.getByLabel('Link', { exact: true }).fill('https://www.dawn.com/news/example');
  await screenshot(editor, 'pk-editor-form-1280.png');
  await expectNoSeriousViolations(editor);

  const sent = performance.now();
  await form.getByRole('button', { name: 'Record event' }).click();
  await reader.locator('#notice').getByText('Desk editor recorded: PML-Q will vote for the motion')
    .waitFor(SLOW);
  perf('an edit reaches another reader (click to notice)', performance.now() - sent);
  await verdict(reader).getByText(/^Passes: 173 for/).waitFor(SLOW);
  await reader.locator('#events').getByText('PML-Q will vote for the motion').waitFor();
  await reader.locator('#events').getByRole('link', { name: 'PML-Q announces support for the motion' }).waitFor();
  await verdict(editor).getByText(/^Passes: 173 for/).waitFor(SLOW);

  // The editor retracts it, with a reason; the reader's count goes back.
  const item = editor.locator('#events li', { hasText: 'PML-Q will vote for the motion' });
  await item.getByRole('button', { name: 'Retract…' }).click();
  await editor.getByLabel('Reason').fill('misreported: only Cheema crossed');
  await editor.locator('#retract-dialog').getByRole('button', { name: 'Retract' }).click();
  await reader.locator('#notice').getByText('Desk editor retracted an event').waitFor(SLOW);
  await verdict(reader).getByText(/^Fails: 169 for/).waitFor(SLOW);
  await reader.locator('#events li.retracted', { hasText: 'PML-Q will vote for the motion' }).waitFor();
  await closePage(reader);
  await closePage(editor);
  await editorContext.close();
});

test('a conflicting edit is explained and the page reloads the current state', async () => {
  const context = await browser.newContext();
  const editor = await newPage(WIDE, context);
  // This page hears no live changes, so its version goes stale when another desk writes.
  await editor.route('**/stream*', (r) => r.abort());
  await openCase(editor, '2022-03-29');
  await signIn(editor, server.editorToken);
  await recordDirectly({
    date: '2022-03-25', kind: 'note', summary: 'Another desk notes the session is adjourned',
    source: { title: 'Session adjourned', publisher: 'APP' },
  });
  const form = editor.locator('#event-form');
  await form.getByLabel('Kind', { exact: true }).selectOption('note');
  await form.getByLabel('Summary', { exact: true }).fill('GDA meets the Prime Minister');
  await form.getByLabel('Title', { exact: true }).fill('GDA meets PM');
  await form.getByRole('button', { name: 'Record event' }).click();
  await form.getByText(/Someone else changed this case while you were writing/).waitFor(SLOW);
  await editor.locator('#events').getByText('Another desk notes the session is adjourned').waitFor();
  // What the editor typed is kept; sent again, it is recorded.
  assert.equal(await form.getByLabel('Summary', { exact: true }).inputValue(), 'GDA meets the Prime Minister');
  await form.getByRole('button', { name: 'Record event' }).click();
  await editor.locator('#events').getByText('GDA meets the Prime Minister').waitFor(SLOW);
  await closePage(editor);
  await context.close();
});

test('a viewer and an anonymous reader see no edit controls', async () => {
  const anonymous = await newPage();
  await openCase(anonymous, '2022-03-29');
  const viewerContext = await browser.newContext();
  const viewer = await newPage(WIDE, viewerContext);
  await openCase(viewer, '2022-03-29');
  await signIn(viewer, server.viewerToken);
  for (const page of [anonymous, viewer]) {
    assert.equal(await page.locator('#editor').isVisible(), false);
    assert.equal(await page.getByRole('button', { name: 'Retract…' }).count(), 0);
    await page.getByLabel('What-if stance of MQM-P').selectOption('for');
    await page.locator('#whatif').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Record as events…' }).isVisible(), false);
  }
  await closePage(anonymous);
  await closePage(viewer);
  await viewerContext.close();
});

test('the main task by keyboard alone: open the case, pick 29 March, flip MQM-P', async () => {
  const page = await newPage();
  await page.goto(`${server.url}/`);
  await page.getByRole('link', { name: 'National Assembly of Pakistan' }).waitFor();
  // Tabs until `predicate` holds for the focused element.
  async function tabTo(description, predicate) {
    for (let i = 0; i < 60; ++i) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(predicate)) return;
    }
    assert.fail(`Tab never reached ${description}`);
  }
  await tabTo('the case link', () => document.activeElement.textContent === 'National Assembly of Pakistan');
  await page.keyboard.press('Enter');
  await countDrawn(page);
  await tabTo('the date', () => document.activeElement.id === 'date-input');
  await page.keyboard.type('03292022');
  await verdict(page).getByText(/^Fails: 169 for/).waitFor(SLOW);
  await tabTo('the stance of MQM-P',
    () => document.activeElement.getAttribute('aria-label') === 'What-if stance of MQM-P');
  await page.keyboard.press('ArrowDown');
  await verdict(page).getByText(/^Passes: 176 for/).waitFor(SLOW);
  await closePage(page);
});

test('the forecast, power and export panels answer from the server', async () => {
  const page = await newPage();
  await openCase(page, '2022-03-29');
  await page.getByText('Forecast', { exact: true }).click();
  await page.locator('#forecast-result').getByText(/^P\(pass\) = 6\.5%/).waitFor(SLOW);
  assert.equal(await page.locator('#forecast-chart svg rect').count() > 5, true);
  const pti = page.getByLabel('PTI', { exact: true });
  await pti.fill('0.5');
  await page.locator('#forecast-result').getByText(/^P\(pass\) = (?!6\.5%)/).waitFor(SLOW);

  await page.getByText('Voting power and coalitions').click();
  const row = page.locator('#power tbody tr', { hasText: 'PTI' });
  await row.getByText('57.1%').waitFor(SLOW);
  await page.locator('#coalitions li').first().waitFor(SLOW);
  assert.equal(await page.locator('#coalitions li').count(), 9, 'the first 8 and a line saying how many more');
  await screenshot(page, 'pk-panels-1280.png');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Tally (CSV)' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), `${CASE}-2022-03-29.csv`);
  const embed = await page.locator('#embed-code').inputValue();
  assert.match(embed, /<iframe src="http:\/\/127\.0\.0\.1:\d+\/\?case=pk-na-2022&amp;date=2022-03-29&amp;embed=1"|embed=1/);
  await closePage(page);
});

test('the embedded view shows the count alone, read-only', async () => {
  const page = await newPage({ width: 660, height: 720 });
  await page.goto(`${server.url}/?case=${CASE}&date=2022-03-30&embed=1`);
  await countDrawn(page);
  await verdict(page).getByText(/^Passes: 176 for/).waitFor(SLOW);
  assert.equal(await page.getByRole('button', { name: 'Sign in' }).isVisible(), false);
  assert.equal(await page.locator('#events').isVisible(), false);
  await screenshot(page, 'pk-embed-660.png');
  await closePage(page);
});

describe('a server that is not public', () => {
  let privateServer;
  before(async () => { privateServer = await startServer({ public: false }); });
  after(async () => { await privateServer?.stop(); });

  test('asks for a token, then shows the cases', async () => {
    const page = await newPage();
    await page.goto(`${privateServer.url}/`);
    await page.getByRole('heading', { name: 'Sign in to see the count' }).waitFor(SLOW);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByLabel('Token').fill('not-a-token');
    await page.locator('#token-dialog').getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#token-dialog .form-error').getByText(/unknown or has been revoked/).waitFor();
    await page.getByLabel('Token').fill(privateServer.viewerToken);
    await page.locator('#token-dialog').getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'National Assembly of Pakistan' }).click();
    await countDrawn(page);
    await page.locator('#live[data-state="live"]').waitFor(SLOW);
    await closePage(page);
  });
});
