import { useState } from 'react';
import {
  addBusinessDays,
  chinaDate,
  holidayOn,
  isBusinessDay,
  isIsoDate,
} from '../../../../functions/domain/china-calendar.ts';
import { OFFICES, type OfficeId } from '../../../../functions/domain/offices.ts';
import { api, type CaseView } from '../../api.ts';
import { Card } from '../../components/card.tsx';
import { LabelledField, SelectField } from '../../components/labelled-field.tsx';
import { chinaInstant, formatAppointment } from '../../format.ts';
import { useI18n } from '../../i18n.ts';
import { ActionButton } from './action-button.tsx';

/** Appointment times offered: every half hour from 09:00 to 17:00 (China time). */
const TIMES = Array.from({ length: 17 }, (_, i) => {
  const minutes = 9 * 60 + i * 30;
  const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  return [time, time] as const;
});

/** Scheduling the in-person verification: office, a future China business day, a time. */
export function AppointmentPanel({ record }: { record: CaseView }) {
  const { t, pick, lang } = useI18n();
  const today = chinaDate();
  const [officeId, setOfficeId] = useState<OfficeId>(record.office === 'SH' ? 'SH' : 'BJ');
  const [date, setDate] = useState(() => addBusinessDays(today, 1));
  const [time, setTime] = useState('10:00');
  const validDate = isIsoDate(date);
  const holiday = validDate ? holidayOn(date) : undefined;
  const businessDay = validDate && isBusinessDay(date);
  const future = validDate && new Date(chinaInstant(date, time)).getTime() > Date.now();
  const problem = !validDate
    ? undefined
    : !businessDay
      ? t('notBusinessDay', { date }) +
        (holiday ? t('holidayName', { name: pick(holiday.nameZh, holiday.nameEn) }) : '')
      : !future
        ? t('dateInPast')
        : undefined;
  return (
    <Card id="appt" title={t('scheduleTitle')} testId="appointment-panel" className="card card-action">
      <div className="grid-3">
        <SelectField
          id="appt-office"
          label={t('office')}
          value={officeId}
          onValue={(v) => setOfficeId(v as OfficeId)}
          options={OFFICES.map((o) => [o.id, pick(o.name.zh, o.name.en)] as const)}
        />
        <LabelledField id="appt-date" label={t('date')}>
          <input
            id="appt-date"
            type="date"
            min={today}
            data-testid="appt-date"
            value={date}
            aria-invalid={problem ? true : undefined}
            aria-describedby="appt-problem"
            onChange={(e) => setDate(e.target.value)}
          />
        </LabelledField>
        <SelectField id="appt-time" label={t('time')} value={time} onValue={setTime} options={TIMES} />
      </div>
      <p
        id="appt-problem"
        className={problem ? 'text-danger' : 'muted'}
        aria-live="polite"
        data-testid="appt-feedback"
      >
        {problem ?? (validDate ? formatAppointment(chinaInstant(date, time), lang) : '')}
      </p>
      <ActionButton
        testId="appt-submit"
        disabled={!!problem || !validDate}
        post={() => api.appointment(record.caseId, { officeId, startsAt: chinaInstant(date, time) })}
      >
        {t('bookAppointment')}
      </ActionButton>
    </Card>
  );
}
