import { useI18n } from '../i18n.ts';
import { DOCUMENT_STATUS_LABELS, labelOf, STATUS_LABELS, STATUS_TONE } from '../labels.ts';

const ICONS: Record<string, string> = {
  success: '✓',
  danger: '✕',
  action: '!',
  info: '•',
  neutral: '○',
  muted: '–',
};

/** A status as a coloured pill with a symbol and a text label (never colour alone). */
export function StatusBadge({
  status,
  kind = 'case',
  testId,
}: {
  status: string;
  kind?: 'case' | 'document';
  testId?: string;
}) {
  const { lang } = useI18n();
  const tone = STATUS_TONE[status] ?? 'neutral';
  const label = labelOf(kind === 'case' ? STATUS_LABELS : DOCUMENT_STATUS_LABELS, status, lang);
  return (
    <span className={`badge badge-${tone}`} data-testid={testId ?? 'status-badge'} data-status={status}>
      <span aria-hidden="true" className="badge-icon">
        {ICONS[tone]}
      </span>
      {label}
    </span>
  );
}
