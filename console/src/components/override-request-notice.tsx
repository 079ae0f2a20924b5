/**
 * The applicant's view of an override request: each pending check in words (never the raw code),
 * what the request means, and that correcting a typo by editing the draft clears it. The same words
 * as the email (functions/domain/override-requests.ts).
 */
import {
  checkInWords,
  OVERRIDE_MEANING,
  OVERRIDE_TYPO_HINT,
} from '../../../functions/domain/override-requests.ts';
import { useI18n } from '../i18n.ts';

export function OverrideRequestNotice({ codes }: { codes: string[] }) {
  const { pick } = useI18n();
  if (codes.length === 0) return null;
  const say = (b: { zh: string; en: string }) => pick(b.zh, b.en);
  return (
    <div className="alert alert-warning" data-testid="pending-overrides">
      <p>
        <strong>
          {pick('草稿已保存，但以下检查未通过：', 'Your draft is saved, but these checks did not pass:')}
        </strong>
      </p>
      <ul>
        {codes.map((code) => (
          <li key={code} data-code={code}>
            {say(checkInWords(code))}
          </li>
        ))}
      </ul>
      <p>{say(OVERRIDE_MEANING)}</p>
      <p data-testid="override-typo-hint">{say(OVERRIDE_TYPO_HINT)}</p>
    </div>
  );
}
