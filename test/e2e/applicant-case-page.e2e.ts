/**
 * The applicant's case page: reached from the link in an email in the local mailbox (it renders,
 * its assets load), and an upload's verdict shown without a reload while the page polls fast for it.
 * The time from the upload's end to the verdict on screen is printed, not asserted: the shared
 * machines are too noisy for timed assertions (the developers' guide); the report gives the figure.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, waitUntil } from '#stack/api-client';
import { SAMPLE_APPLICATIONS } from '#stack/sample-applications';
import {
  consoleDocument,
  cspViolations,
  type E2eEnvironment,
  responsesOf,
  sampleFileOnDisk,
  screenshot,
  signedIn,
  startE2e,
} from './browser.ts';

const application = SAMPLE_APPLICATIONS.chineseIndividual;
/** Two uploads: the first wakes the on-upload function (a cold start), the second finds it warm. */
const UPLOADS = ['APPLICANT_ID_FRONT', 'APPLICANT_ID_BACK'] as const;

/** Notes the moment (epoch ms) `doc-<docType>` first shows `status`, in the page, as it happens. */
async function watchStatus(page: Page, docType: string, status: string): Promise<void> {
  await page.evaluate(
    ([docType, wanted]) => {
      const w = window as unknown as { __verdictAt?: number; __verdictWatch?: MutationObserver };
      w.__verdictWatch?.disconnect(); // the previous upload's watch would fire at once
      w.__verdictAt = undefined;
      const check = () => {
        const el = document.querySelector(`[data-testid="doc-${docType}"]`);
        if (w.__verdictAt === undefined && el?.getAttribute('data-status') === wanted)
          w.__verdictAt = performance.timeOrigin + performance.now();
      };
      w.__verdictWatch = new MutationObserver(check);
      w.__verdictWatch.observe(document.body, {
        subtree: true,
        attributes: true,
        childList: true,
      });
    },
    [docType, status] as const,
  );
}

const verdictSeenAt = (page: Page) =>
  page.evaluate(() => (window as unknown as { __verdictAt: number }).__verdictAt);

describe('the applicant’s case page', () => {
  let env: E2eEnvironment;
  let caseId: string;
  beforeAll(async () => {
    env = await startE2e();
    const api = apiAs(env.stack.consoleConfig, await env.stack.tokenFor('applicant-zhang-wei'));
    caseId = (await api<{ caseId: string }>('POST', '/cases', application)).caseId;
    await api('POST', `/cases/${caseId}/submit`);
    await waitUntil(
      () => api<{ status: string }>('GET', `/cases/${caseId}`),
      (c) => c.status === 'AWAITING_DOCUMENTS',
      'the documents step',
    );
  });
  afterAll(async () => {
    await env?.close();
  });

  it('shows an upload’s verdict without a reload, polling fast while the check is pending', async () => {
    const page = await signedIn(env, 'applicant-zhang-wei', { width: 390, height: 844 });
    await page.goto(`${env.stack.urls.portal}/#/cases/${caseId}`);
    await page.getByTestId('applicant-case').waitFor();
    const documentsLoaded = responsesOf(page, () => true).length;
    const consoleDocuments = consoleDocument(page).url();
    const api = apiAs(env.stack.consoleConfig, await env.stack.tokenFor('applicant-zhang-wei'));

    for (const docType of UPLOADS) {
      await watchStatus(page, docType, 'VALID');
      // The upload ends when the bucket answers the presigned POST (same machine, same clock).
      const bucket = new URL(env.stack.urls.s3).origin;
      const uploaded = page
        .waitForResponse((r) => r.request().method() === 'POST' && r.url().startsWith(bucket))
        .then(() => Date.now());
      await page
        .getByTestId(`upload-input-${docType}`)
        .setInputFiles(sampleFileOnDisk(env, docType, application));
      const uploadEnd = await uploaded;
      await page.locator(`[data-testid="doc-${docType}"][data-status="VALID"]`).waitFor({ timeout: 60_000 });
      const verdictAt = await verdictSeenAt(page);
      // When the server recorded the verdict (its clock is this machine's): the rest is the page's.
      const recorded = await api<{ documents: Record<string, { recordedAt?: string }> }>(
        'GET',
        `/cases/${caseId}`,
      );
      const recordedAt = Date.parse(recorded.documents[docType]?.recordedAt ?? '');
      console.log(
        `${docType}: upload end → verdict on screen ${Math.round(verdictAt - uploadEnd)} ms ` +
          `(verdict recorded after ${Math.round(recordedAt - uploadEnd)} ms, on screen ${Math.round(verdictAt - recordedAt)} ms later)`,
      );
    }

    // No reload: the same console document, and the case was read again by the page's polling.
    expect(consoleDocument(page).url()).toBe(consoleDocuments);
    const reads = responsesOf(page, (u) => u.pathname === `/cases/${caseId}`).length;
    expect(reads).toBeGreaterThan(1);
    expect(responsesOf(page, () => true).length).toBeGreaterThan(documentsLoaded);
    expect(cspViolations(page)).toEqual([]);
    await screenshot(page, 'applicant-upload-verdict');
  });

  it('opens the case from the link in its email in the local mailbox, with every asset loaded', async () => {
    const mailbox = env.stack.urls.mailbox;
    const link = `#/cases/${caseId}`;
    // The outbox sender mails within a minute: find the message that links the case.
    const messageId = await waitUntil(
      async () => {
        const list = await (await fetch(mailbox)).text();
        for (const [, id] of list.matchAll(/href="\/mailbox\/([^"]+)"/g)) {
          const html = await (await fetch(`${mailbox}/${id}/html`)).text();
          if (html.includes(link)) return decodeURIComponent(id as string);
        }
        return undefined;
      },
      (id) => id !== undefined,
      'an email linking the case',
      90,
    );

    const page = await signedIn(env, 'applicant-zhang-wei', { width: 390, height: 844 });
    await page.goto(`${mailbox}/${encodeURIComponent(messageId as string)}`);
    const message = page.frameLocator('iframe[title="message"]');
    const href = (await message.locator(`a[href$="${link}"]`).first().getAttribute('href')) as string;
    expect(new URL(href).origin).toBe(new URL(env.stack.urls.portal).origin);

    await page.goto(href);
    await page.locator(`[data-testid="applicant-case"][data-case-id="${caseId}"]`).waitFor();
    const assets = responsesOf(
      page,
      (u) => u.origin === new URL(env.stack.urls.portal).origin && u.pathname.startsWith('/assets/'),
    );
    expect(assets.length).toBeGreaterThan(0);
    for (const asset of assets) {
      expect(asset.status(), asset.url()).toBe(200);
      const headers = await asset.allHeaders();
      expect(headers['content-type'], asset.url()).toMatch(/^(text\/javascript|text\/css)/);
      expect(headers['cache-control'], asset.url()).toBe('public, max-age=31536000, immutable');
    }
    expect(cspViolations(page)).toEqual([]);
    await screenshot(page, 'applicant-case-from-email');
  });
});
