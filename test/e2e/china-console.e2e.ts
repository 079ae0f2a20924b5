/**
 * The console of a China deployment in Chromium. CloudFront China sends no headers of ours, so the
 * Content-Security-Policy is the one `npm run console:files` writes into the page, and the console
 * itself refuses to run inside a frame. The officer's review, previews included, must work under
 * that policy with no violation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs } from '#stack/api-client';
import { SAMPLE_APPLICATIONS } from '#stack/sample-applications';
import { CONSOLE_CSP_OUTPUT } from '../../infra/console-files.ts';
import {
  consoleDocument,
  cspViolations,
  type E2eEnvironment,
  screenshot,
  signedIn,
  startE2e,
} from './browser.ts';
import { caseInReview, directivesOf, expectPreviewsShown, previewedDocuments } from './previews.ts';

const application = SAMPLE_APPLICATIONS.chineseIndividual;
const { image, pdf } = previewedDocuments(application);

describe('the console of a China deployment', () => {
  let env: E2eEnvironment;
  beforeAll(async () => {
    env = await startE2e({ partition: 'aws-cn' });
  });
  afterAll(async () => {
    await env?.close();
  });

  it('reviews a case with previews under the policy in the page, and no violation', async () => {
    const api = apiAs(env.stack.consoleConfig, await env.stack.tokenFor('applicant-zhang-wei'));
    const caseId = await caseInReview(api, application);

    const officer = await signedIn(env, 'officer-wang-fang');
    await officer.goto(`${env.stack.urls.portal}/#/officer/cases/${caseId}`);
    await officer.getByTestId('review-panel').waitFor();
    // No policy header: the policy in force is the page's, the template's output localized.
    expect((await consoleDocument(officer).allHeaders())['content-security-policy']).toBeUndefined();
    const inPage = await officer
      .locator('meta[http-equiv="Content-Security-Policy"]')
      .getAttribute('content');
    const template = directivesOf(env.stack.assembly.outputs[CONSOLE_CSP_OUTPUT] ?? '');
    expect(template.size).toBeGreaterThan(0);
    expect([...directivesOf(inPage ?? '').keys()]).toEqual([...template.keys()]);
    await expectPreviewsShown(env, officer, image, pdf);
    expect(cspViolations(officer)).toEqual([]);
    await screenshot(officer, 'china-officer-case-review');
  });

  it('refuses to run inside another page’s frame', async () => {
    const page = await (await env.browser.newContext()).newPage();
    await page.setContent(`<iframe src="${env.stack.urls.portal}/" width="800" height="600"></iframe>`);
    const frame = await (await page.locator('iframe').elementHandle())?.contentFrame();
    if (!frame) throw new Error('The frame did not load');
    await frame.getByTestId('framed').waitFor();
    expect(await frame.getByTestId('sign-in').count()).toBe(0);
  });
});
