import type { OfficerCaseView } from '../../api.ts';
import { Card } from '../../components/card.tsx';
import { useI18n } from '../../i18n.ts';

/**
 * What the eligibility check asked the officer to look at (e.g. a company filing in another province
 * than its credit code's): warnings, not refusals, so the case goes on; nothing shows when there are none.
 */
export function EligibilityWarnings({ warnings }: { warnings: OfficerCaseView['eligibilityWarnings'] }) {
  const { t, pick } = useI18n();
  if (warnings.length === 0) return null;
  return (
    <Card id="warnings" title={t('eligibilityWarningsTitle')} testId="eligibility-warnings">
      <p className="muted small">{t('eligibilityWarningsIntro')}</p>
      <ul className="alert alert-warning">
        {warnings.map((w) => (
          <li key={`${w.code}#${w.field ?? ''}`} data-testid={`eligibility-warning-${w.code}`}>
            {pick(w.messageZh, w.message)}
            {w.field && <span className="muted small"> ({w.field})</span>}
          </li>
        ))}
      </ul>
    </Card>
  );
}
