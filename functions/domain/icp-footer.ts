/** The MIIT filing system every ICP number in a site footer must link to. */
export const MIIT_BEIAN_URL = 'https://beian.miit.gov.cn/';

/**
 * The HTML an approved applicant pastes into the home page's footer: the number, linked to the MIIT
 * filing system, as the filing rules require. The number is escaped although ICP numbers are plain.
 */
export function icpFooterSnippet(icpNumber: string): string {
  const text = icpNumber.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<a href="${MIIT_BEIAN_URL}" target="_blank" rel="noopener noreferrer">${text}</a>`;
}
