import { createHash } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Locator, Page } from 'playwright-core';
import { TikTokEvent } from '@app/tiktok';
import {
  buildDashboard,
  DashboardBuild,
  createTestApp,
  createTestWorker,
  FAST_DELIVERY,
  SandboxPixel,
  signUp,
  TestApp,
  TestSandbox,
  TestWorker,
  uniqueEmail,
  waitFor,
} from '@app/testing';
import { HeadlessChromium, WatchedPage } from '../browser/headless-chromium';
import { seriousAxeViolations } from './accessibility';
import { PastedSnippetSite } from './pasted-snippet-site';

// `npm run dashboard:screenshots` sets it: the journey below then photographs each page for docs/dashboard.md.
const SCREENSHOTS = process.env.DASHBOARD_SCREENSHOTS;
const TTCLID = 'E.C.P.dashboard-journey';

// The customer's guide done in the browser, as a person would: only roles, labels and visible
// text are used to find things (no CSS selectors, no test ids), and axe-core checks each page.
describe('the dashboard in headless Chromium (api + worker + sandbox)', () => {
  let sandbox: TestSandbox;
  let api: TestApp;
  let worker: TestWorker;
  let chromium: HeadlessChromium;
  let site: PastedSnippetSite | undefined;
  let dashboardDir: string;
  let buildOutput = '';
  let base: string;
  let owner: WatchedPage;
  let page: Page;
  let pixel: SandboxPixel;
  const account = { email: uniqueEmail('owner'), password: 'a long enough password', workspace: 'Journey Shop' };
  let ingestKey = '';
  let browserTag = '';
  let purchaseId = '';
  let anonymousId = '';

  beforeAll(async () => {
    let build: DashboardBuild;
    [sandbox, build, chromium] = await Promise.all([TestSandbox.start(), buildDashboard(), HeadlessChromium.launch()]);
    dashboardDir = build.dir;
    buildOutput = build.output;
    api = await createTestApp({ TIKTOK_API_BASE_URL: sandbox.url, DASHBOARD_DIR: dashboardDir, ...FAST_DELIVERY });
    await api.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(api.app.getHttpServer().address() as { port: number }).port}`;
    worker = await createTestWorker(api, FAST_DELIVERY);
    pixel = await sandbox.registerPixel();
    owner = await chromium.open();
    await owner.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
    page = owner.page;
    if (SCREENSHOTS) await mkdir(SCREENSHOTS, { recursive: true });
  });
  afterAll(async () => {
    await site?.close();
    await chromium?.close();
    await worker?.close();
    await api?.close();
    await sandbox?.close();
    if (dashboardDir) await rm(dashboardDir, { recursive: true, force: true });
  });

  // On a timeout, say what the page showed and what went wrong in it, not only what was missing.
  const visible = async (locator: Locator, timeout = 15_000): Promise<Locator> => {
    try {
      await locator.first().waitFor({ state: 'visible', timeout });
    } catch (error) {
      const shown = await locator.page().locator('body').innerText().catch(() => '(no page)');
      throw new Error(`${(error as Error).message}\n--- page problems: ${JSON.stringify(owner.problems)}\n--- page text:\n${shown.slice(0, 3000)}`);
    }
    return locator;
  };
  const heading = (name: string | RegExp) => visible(page.getByRole('heading', { level: 1, name }));
  const openPage = async (name: string) => {
    await page.getByRole('navigation', { name: 'Workspace pages' }).getByRole('link', { name }).click();
    await heading(name);
  };
  // axe on every page; also no script error and no CSP refusal on the way there.
  const checkPage = async (target: Page, screenshot?: string) => {
    expect(await seriousAxeViolations(target)).toEqual([]);
    const problems = owner.problems.filter((p) => !p.includes('Failed to load resource'));
    expect(problems).toEqual([]);
    if (SCREENSHOTS && screenshot) await target.screenshot({ path: join(SCREENSHOTS, `${screenshot}.png`), fullPage: true });
  };

  it('was built with its initial JS size printed, under the 200 KB gzipped goal', () => {
    const line = /^dashboard: initial JS ([\d.]+) KB gzipped \((.+); goal < 200\.0 KB: (met|NOT met)\)$/m.exec(buildOutput);
    expect(line?.[3]).toBe('met');
    expect(Number(line?.[1])).toBeLessThan(200);
  });

  it('signs up and starts on Platforms, the guide\'s first step', async () => {
    await page.goto(`${base}/`);
    await heading('Log in to TrackLayer');
    await checkPage(page, 'login');
    // The api's errors, in its words.
    await page.getByLabel('Email').fill(account.email);
    await page.getByLabel('Password').fill(account.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    expect(await (await visible(page.getByRole('alert'))).innerText()).toContain('Wrong email or password');
    await checkPage(page);
    await page.getByRole('link', { name: 'Sign up' }).click();
    await heading('Sign up for TrackLayer');
    await page.getByLabel('Email').fill(account.email);
    await page.getByLabel('Password').fill(account.password);
    await page.getByLabel('Workspace name').fill(account.workspace);
    await checkPage(page, 'signup');
    await page.getByLabel('Password').fill('password123');
    await page.getByRole('button', { name: 'Sign up' }).click();
    expect(await (await visible(page.getByRole('alert'))).innerText()).toContain('password is too common or too easy to guess');
    await checkPage(page);
    await page.getByLabel('Password').fill(account.password);
    await page.getByRole('button', { name: 'Sign up' }).click();
    await heading('Platforms');
    // The session is an httpOnly cookie; page scripts see neither it nor anything in storage.
    const cookies = await owner.context.cookies(`${base}/v1/me`);
    expect(cookies.map((c) => [c.name, c.httpOnly, c.sameSite, c.path])).toEqual([['tl_session', true, 'Strict', '/v1']]);
    const storage = await page.evaluate(() => {
      const window = globalThis as any;
      return [window.document.cookie, window.localStorage.length, window.sessionStorage.length];
    });
    expect(storage).toEqual(['', 0, 0]);
  });

  it("connects TikTok: a wrong token shows TikTok's refusal in words and saves nothing", async () => {
    const form = page.getByRole('region', { name: 'Connect TikTok' });
    await form.getByLabel('Pixel code').fill(pixel.pixelCode);
    await form.getByLabel('Access token').fill('tok_wrong_token_for_this_pixel');
    await form.getByRole('button', { name: 'Connect' }).click();
    const alert = await visible(form.getByRole('alert'));
    const refusal = await alert.innerText();
    expect(refusal).toContain(`This access token cannot send events to pixel ${pixel.pixelCode}`);
    expect(refusal).toContain('TikTok’s answer: Access token is invalid or has been revoked. (code 40105)');
    await visible(page.getByText('Nothing connected yet.'));
    await checkPage(page);
  });

  it('connects with the right token, shows the test event code reminder, and clears it', async () => {
    const form = page.getByRole('region', { name: 'Connect TikTok' });
    await form.getByLabel('Access token').fill(pixel.accessToken);
    await form.getByLabel('Test event code').fill('TEST4242');
    await form.getByRole('button', { name: 'Connect' }).click();
    const card = page.getByRole('article', { name: /TikTok/ });
    await visible(card.getByText('Active', { exact: true }));
    await visible(card.getByText('accepted', { exact: true }));
    await visible(card.getByText(/Clear it once the test events look right/));
    // The token never comes back: only its last four characters.
    expect(await page.content()).not.toContain(pixel.accessToken);
    await checkPage(page, 'platforms');
    await card.getByRole('button', { name: 'Clear test event code' }).click();
    await visible(card.getByText('none: events count in reporting'));
  });

  it('re-validates the connector, and the mapping editor flags a name TikTok does not know', async () => {
    const card = page.getByRole('article', { name: /TikTok/ });
    const [validation] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/validate')),
      card.getByRole('button', { name: 'Re-validate' }).click(),
    ]);
    expect(validation.status()).toBe(200);
    await visible(card.getByRole('button', { name: 'Re-validate' }));
    await visible(card.getByText('accepted', { exact: true }));

    // Options: stop sending the visitor's IP, saved and read back after a reload.
    await card.getByText('Settings', { exact: true }).click();
    await card.getByLabel('Send the visitor’s IP address').uncheck();
    await card.getByRole('button', { name: 'Save options' }).click();
    await waitFor(
      async () => {
        await page.reload();
        await heading('Platforms');
        await page.getByRole('article', { name: /TikTok/ }).getByText('Settings', { exact: true }).click();
        return page.getByRole('article', { name: /TikTok/ }).getByLabel('Send the visitor’s IP address').isChecked();
      },
      (checked) => !checked,
    );
    await card.getByLabel('Send the visitor’s IP address').check();
    const [saved] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'PATCH' && /\/connectors\/[^/]+$/.test(r.url())),
      card.getByRole('button', { name: 'Save options' }).click(),
    ]);
    expect(saved.status()).toBe(200);

    await card.getByRole('button', { name: 'Add a mapping' }).click();
    await card.getByLabel('Your event name').fill('newsletter_signup');
    await card.getByLabel('TikTok event name').fill('NewsletterSignup');
    await visible(card.getByText('not a TikTok standard event: sent as a custom event'));
    await card.getByRole('button', { name: 'Save mapping' }).click();
    // Saved: the whole table lists it as this connector's, still flagged. The card is drawn
    // again once the save is read back, which closes the table: open it until it stays open.
    const table = card.getByRole('table', { name: /Event names and the TikTok names/ });
    const row = table.getByRole('row', { name: /newsletter_signup/ });
    await waitFor(
      async () => {
        if (!(await table.isVisible())) await card.getByText(/^The whole table/).click();
        return row.isVisible();
      },
      (shown) => shown,
    );
    expect(await row.innerText()).toMatch(/NewsletterSignup\s+not a TikTok standard event[^\n]*\s+this connector/);
    // The defaults are there too, TikTok's names unflagged.
    expect(await table.getByRole('row', { name: /purchase/ }).first().innerText()).not.toContain('not a TikTok standard event');
    await checkPage(page);
  });

  it('creates an ingest key and revokes it: the list says revoked and the full key is gone', async () => {
    await openPage('Install');
    await page.getByLabel('Key name').fill('Old key');
    await page.getByRole('button', { name: 'Create key' }).click();
    const oldKey = (await (await visible(page.getByLabel('The new ingest key'))).innerText()).trim();
    const row = page.getByRole('row', { name: /Old key/ });
    await row.getByRole('button', { name: /^Revoke Old key/ }).click();
    await visible(row.getByText(/^Revoked /));
    expect(await page.getByLabel('The new ingest key').count()).toBe(0);
    expect(await page.content()).not.toContain(oldKey);
    const refused = await fetch(`${base}/v1/ingest`, {
      method: 'POST',
      headers: { authorization: `Bearer ${oldKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ event: 'page_view' }),
    });
    expect(refused.status).toBe(401);
  });

  it('creates an ingest key, shows it once, and copies it', async () => {
    await page.getByLabel('Key name').fill('Journey website');
    await page.getByRole('button', { name: 'Create key' }).click();
    const shown = await visible(page.getByLabel('The new ingest key'));
    ingestKey = (await shown.innerText()).trim();
    expect(ingestKey).toMatch(/^tl_live_/);
    await page.getByRole('button', { name: 'Copy key' }).click();
    await visible(page.getByText('Copied to the clipboard'));
    expect(await page.evaluate(() => (globalThis as any).navigator.clipboard.readText())).toBe(ingestKey);
    browserTag = await page.getByLabel('Browser tag').innerText();
    expect(browserTag).toContain(`data-key="${ingestKey}"`);
    expect(await page.getByLabel('Server-side (curl)').innerText()).toContain(`Authorization: Bearer ${ingestKey}`);
    // The one-line host change for an analytics client already in place.
    expect(await page.getByLabel('Segment analytics.js (@segment/analytics-next)').innerText()).toBe(
      `AnalyticsBrowser.load({ writeKey: '${ingestKey}', cdnURL: '${base}' });`,
    );
    const row = page.getByRole('row', { name: /Journey website/ });
    await visible(row.getByRole('button', { name: /Revoke/ }));
    // The list shows the key's prefix (never the rest) and its last use, none yet.
    const listed = await row.innerText();
    const prefix = /(tl_live_\S*)…/.exec(listed)?.[1];
    expect(prefix && ingestKey.startsWith(prefix) && prefix.length < ingestKey.length).toBe(true);
    expect(listed).toContain('never');
    await checkPage(page, 'install');
  });

  it('receives a landing with ?ttclid= and a purchase through the pasted browser tag, and delivers them', async () => {
    site = await PastedSnippetSite.start(browserTag);
    const shopper = await chromium.open();
    try {
      await shopper.page.goto(`${site.origin}/landing?ttclid=${TTCLID}`);
      await shopper.page.waitForFunction(() => typeof (globalThis as any).tracklayer?.anonymousId === 'function');
      await shopper.page.goto(`${site.origin}/checkout/done`);
      await shopper.page.waitForFunction(() => typeof (globalThis as any).tracklayer?.anonymousId === 'function');
      anonymousId = await shopper.page.evaluate(() => (globalThis as any).tracklayer.anonymousId());
      purchaseId = await shopper.page.evaluate(() =>
        (globalThis as any).tracklayer.track('purchase', { value: 42, currency: 'USD', order_id: 'J-1' }, { email: 'Ada@Example.com' }),
      );
      expect(shopper.problems).toEqual([]);
    } finally {
      await shopper.context.close();
    }
    const sent = await waitFor(
      () => sandbox.deliveredEvents(pixel.pixelCode),
      (events) => events.some((e) => e.event_id === purchaseId),
    );
    expect(sent.find((e) => e.event_id === purchaseId)).toMatchObject({
      event: 'CompletePayment',
      user: { ttclid: TTCLID, email: [createHash('sha256').update('ada@example.com').digest('hex')] },
    } satisfies Partial<TikTokEvent> | object);

    // The shop's server, as the Install page's curl does, passes the browser's anonymous id and
    // no click id: TrackLayer restores the landing's ttclid.
    const fromServer = await fetch(`${base}/v1/ingest`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ingestKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ event: 'view_content', event_id: 'J-server', anonymous_id: anonymousId, properties: { content_id: 'sku-1' } }),
    });
    expect(fromServer.status).toBe(202);

    // And one a server sends wrong: TrackLayer refuses it.
    const refused = await fetch(`${base}/v1/ingest`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ingestKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ event: 'add_to_cart', event_id: 'J-bad', event_time: 'yesterday', user: { email: 'not-an-email' } }),
    });
    expect(refused.status).toBe(400);
  });

  it('lists them live in Events with the ttclid badge, and shows the purchase in detail', async () => {
    await openPage('Events');
    const purchase = page.getByRole('row', { name: /purchase/ });
    await visible(purchase.getByRole('link', { name: 'purchase' }));
    await visible(purchase.getByText('ttclid', { exact: true }));
    await visible(purchase.getByText('email', { exact: true }));
    await visible(purchase.getByText('Delivered', { exact: true }));
    await visible(page.getByRole('row', { name: /page_view/ }).first().getByText('ttclid', { exact: true }));
    const restoredRow = page.getByRole('row', { name: /view_content/ });
    await visible(restoredRow.getByText('ttclid', { exact: true }));
    await visible(restoredRow.getByText('restored', { exact: true }));
    // The refused one, with its errors in words, under Rejected by TrackLayer.
    const rejected = page.getByRole('table', { name: 'Events TrackLayer refused, newest first' }).getByRole('row', { name: /add_to_cart/ });
    const errors = await (await visible(rejected)).innerText();
    expect(errors).toContain('event_time must be Unix seconds, Unix milliseconds or an ISO 8601 date-time');
    // Filters narrow the list: only events with an email (the purchase), then a name nobody sent.
    const filters = page.getByRole('region', { name: 'Filters' });
    await filters.getByLabel('Identifier').selectOption('email');
    await visible(page.getByText(/\(1 of \d+ shown\)/));
    expect(await page.getByRole('row', { name: /page_view/ }).count()).toBe(0);
    await filters.getByLabel('Event name').fill('no-such-event');
    await visible(page.getByText(/\(0 of \d+ shown\)/));
    await filters.getByLabel('Event name').fill('');
    await filters.getByLabel('Identifier').selectOption('');
    await visible(page.getByRole('row', { name: /page_view/ }).first());
    // Live: an event sent now shows up without a reload.
    const live = await fetch(`${base}/v1/ingest`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ingestKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ event: 'search', event_id: 'J-live', properties: { query: 'shoes' } }),
    });
    expect(live.status).toBe(202);
    await visible(page.getByRole('row', { name: /search/ }));
    await checkPage(page, 'events');

    await rejected.getByRole('link', { name: 'add_to_cart' }).click();
    await heading(/add_to_cart/);
    await visible(page.getByRole('heading', { level: 1 }).getByText('Rejected by TrackLayer'));
    expect(await page.getByText('TrackLayer rejected this event:').locator('..').innerText()).toContain('event_time');
    expect(await page.getByLabel('As received').innerText()).not.toContain('not-an-email');
    expect(await page.getByRole('button', { name: 'Replay' }).count()).toBe(0);
    await checkPage(page);
    await page.getByRole('link', { name: 'Back to events' }).click();
    await heading('Events');

    await purchase.getByRole('link', { name: 'purchase' }).click();
    await heading(/purchase/);
    const normalized = await page.getByLabel('Normalized').innerText();
    expect(normalized).toContain(TTCLID);
    expect(normalized).toContain(purchaseId);
    expect(normalized).not.toContain('Ada@Example.com');
    expect(await page.getByLabel('As received').innerText()).not.toContain('Ada@Example.com');
    // What was sent: the event object of TikTok's request, as the sandbox received it.
    const sentBlock = page.getByLabel(/^Sent to /);
    await visible(sentBlock);
    const sentText = await sentBlock.innerText();
    expect(sentText).toContain(purchaseId);
    expect(sentText).toContain('CompletePayment');
    await visible(page.getByRole('heading', { name: /TikTok/ }).getByText('Delivered'));
    await checkPage(page, 'event-detail');

    // Replay: sent again with the same event_id; a second answer joins the first.
    await page.getByRole('button', { name: 'Replay' }).click();
    await visible(page.getByRole('status').getByText('1 delivery is queued again.'));
    await waitFor(
      async () => (await sandbox.deliveredEvents(pixel.pixelCode)).filter((e) => e.event_id === purchaseId).length,
      (times) => times === 2,
    );
    const answers = page.getByRole('table').filter({ hasText: 'Request id' });
    await waitFor(
      () => answers.getByRole('row', { name: /delivered/ }).count(),
      (rows) => rows === 2,
    );
  });

  it('opens Health and shows the checks, the coverage figures, the chart and the delivery logs', async () => {
    // Once its page was left, the full ingest key is never rendered again.
    await openPage('Install');
    await visible(page.getByRole('row', { name: /Journey website/ }));
    expect(await page.content()).not.toContain(ingestKey);
    await openPage('Health');
    await visible(page.getByRole('heading', { name: 'Checks' }));
    await visible(page.getByText(/Rejection rate/).first());
    const checks = await page.getByRole('list').filter({ hasText: 'Connector credentials' }).innerText();
    expect(checks).toContain('All connectors have valid credentials');
    await visible(page.getByRole('heading', { name: 'Click-ID coverage' }));
    // The server's event carries the landing's ttclid restored by TrackLayer.
    const restored = await page.getByRole('region', { name: 'Click-ID coverage' }).getByText(/Restored by TrackLayer/).locator('..').innerText();
    expect(restored).toMatch(/[1-9]\d*(\.\d)?%/);
    // Per connector, the click ids its platform matches on, with their restored shares.
    const perConnector = page.getByRole('region', { name: 'Click-ID coverage' }).getByRole('row').filter({ hasText: /ttclid \d/ });
    expect(await perConnector.innerText()).toMatch(/TikTok\s+ttclid [\d.]+% \([\d.]+%\), ttp [\d.]+% \([\d.]+%\)/);
    await visible(page.getByRole('heading', { name: 'Match-key coverage' }));
    const names = page.getByRole('region', { name: 'Event-name mapping' });
    await visible(names.getByRole('heading', { name: 'TikTok' }));
    await visible(names.getByRole('row', { name: /purchase\s+CompletePayment/ }));
    await visible(page.getByRole('img', { name: /ttclid coverage/ }));
    // A healthy journey raised no alert (the worker's rules run every minute by default).
    await visible(page.getByRole('region', { name: 'Alerts' }).getByText('No alerts.'));
    await visible(page.getByRole('heading', { name: 'Delivery logs' }));
    await visible(page.getByRole('row', { name: /delivered/ }).first());
    await checkPage(page, 'health');
  });

  it('invites a viewer from Members, who accepts the link and then sees no write controls; changes the role and removes them', async () => {
    const viewer = await signUp(api.http, 'viewer', 'Viewer home');
    await openPage('Members');
    const invite = page.getByRole('region', { name: 'Invite someone' });
    await invite.getByLabel('Email').fill(viewer.email);
    await invite.getByLabel('Role').selectOption('viewer');
    await invite.getByRole('button', { name: 'Invite' }).click();
    const link = await invite.getByRole('status').locator('code').innerText();
    expect(link).toMatch(new RegExp(`^${base}/invite/tl_inv_`));
    await visible(page.getByRole('region', { name: 'Pending invitations' }).getByText(viewer.email));
    await checkPage(page, 'members');

    const theirs = await chromium.open();
    try {
      const them = theirs.page;
      await them.goto(`${base}/login`);
      await them.getByLabel('Email').fill(viewer.email);
      await them.getByLabel('Password').fill(viewer.password);
      await them.getByRole('button', { name: 'Log in' }).click();
      await them.getByRole('heading', { level: 1, name: 'Platforms' }).waitFor();
      await them.goto(link);
      await them.getByRole('button', { name: 'Accept invitation' }).click();
      await them.getByRole('heading', { level: 1, name: 'Platforms' }).waitFor();
      await them.getByRole('combobox', { name: 'Workspace' }).selectOption({ label: `${account.workspace} (viewer)` });
      await them.getByRole('article', { name: /TikTok/ }).waitFor();
      expect(await them.getByRole('button', { name: 'Connect' }).count()).toBe(0);
      expect(await them.getByRole('button', { name: /Delete|Re-validate/ }).count()).toBe(0);
      expect(await them.getByLabel('Pixel code').count()).toBe(0);
      expect(await seriousAxeViolations(them)).toEqual([]);
      await them.getByRole('link', { name: 'Install' }).click();
      await them.getByRole('heading', { level: 1, name: 'Install' }).waitFor();
      await them.getByRole('row', { name: /Journey website/ }).waitFor();
      // Used by the shop since: its last use is listed.
      expect(await them.getByRole('row', { name: /Journey website/ }).innerText()).not.toContain('never');
      expect(await them.getByRole('button', { name: /Create key|Revoke/ }).count()).toBe(0);
      await them.getByRole('link', { name: 'Events' }).click();
      await them.getByRole('heading', { level: 1, name: 'Events' }).waitFor();
      await them.getByRole('row', { name: /purchase/ }).getByRole('link', { name: 'purchase' }).click();
      await them.getByRole('heading', { level: 1, name: /purchase/ }).waitFor();
      await them.getByLabel('Normalized').waitFor();
      expect(await them.getByRole('button', { name: 'Replay' }).count()).toBe(0);
      await them.getByRole('link', { name: 'Members' }).click();
      await them.getByRole('heading', { level: 1, name: 'Members' }).waitFor();
      expect(await them.getByRole('button', { name: /Invite|Remove/ }).count()).toBe(0);
      expect(await seriousAxeViolations(them)).toEqual([]);
    } finally {
      await theirs.context.close();
    }

    // Back as the owner, who now sees the viewer among the members: promote, then remove.
    await page.reload();
    await heading('Members');
    const row = page.getByRole('row', { name: new RegExp(viewer.email) });
    await row.getByLabel(`Role of ${viewer.email}`).selectOption('member');
    await page.reload();
    await heading('Members');
    expect(await row.getByLabel(`Role of ${viewer.email}`).inputValue()).toBe('member');
    await row.getByRole('button', { name: `Remove ${viewer.email}` }).click();
    await row.waitFor({ state: 'detached' });
  });

  it('creates a second workspace from the switcher, and switches back', async () => {
    const switcher = page.getByRole('combobox', { name: 'Workspace' });
    await switcher.selectOption({ label: 'New workspace…' });
    await heading(/workspace/i);
    await page.getByLabel('Workspace name').fill('Second Shop');
    await checkPage(page);
    await page.getByRole('button', { name: /Create/ }).click();
    await heading('Platforms');
    expect(await switcher.locator('option:checked').innerText()).toBe('Second Shop (owner)');
    await visible(page.getByText('Nothing connected yet.'));
    await switcher.selectOption({ label: `${account.workspace} (owner)` });
    await visible(page.getByRole('article', { name: /TikTok/ }));
  });

  it('deletes the connector after a confirmation', async () => {
    const card = page.getByRole('article', { name: /TikTok/ });
    await card.getByRole('button', { name: 'Delete' }).click();
    const confirm = card.getByRole('group', { name: 'Confirm deletion' });
    await confirm.getByRole('button', { name: /^Yes, delete/ }).click();
    await visible(page.getByText('Nothing connected yet.'));
    await checkPage(page);
  });
});
