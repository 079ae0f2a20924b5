import { CONTENT_CATEGORIES, type ContentCategory } from '../../../../functions/domain/content-categories.ts';
import { PROVINCES } from '../../../../functions/domain/provinces.ts';
import type { CaseView } from '../../api.ts';
import { Card } from '../../components/card.tsx';
import { useI18n } from '../../i18n.ts';
import { APPLICANT_TYPE_LABELS, labelOf } from '../../labels.ts';

type Json = Record<string, unknown>;

/** Label–value rows of a details list; empty values are left out, lists joined. */
function Rows({ pairs }: { pairs: Array<[string, unknown]> }) {
  return (
    <dl className="details">
      {pairs
        .filter(([, v]) => v !== undefined && v !== null && v !== '')
        .map(([k, v]) => (
          <div key={k} className="details-row">
            <dt>{k}</dt>
            <dd>{Array.isArray(v) ? v.join(', ') : String(v)}</dd>
          </div>
        ))}
    </dl>
  );
}

/** The application as submitted: applicant, each website, the responsible person, commercial details. */
export function ApplicationDetails({ record }: { record: CaseView }) {
  const { t, pick, lang } = useI18n();
  const app = (record.application ?? {}) as Json;
  const applicant = (app.applicant ?? {}) as Json;
  const person = (app.responsiblePerson ?? {}) as Json;
  const emergency = (person.emergencyContact ?? {}) as Json;
  const websites = (app.websites ?? []) as Json[];
  const commercial = app.commercial as Json | undefined;
  const provinceName = (code: unknown) => {
    const p = PROVINCES.find((x) => x.code === code);
    return p ? pick(p.nameZh, p.nameEn) : String(code ?? '');
  };
  const categories = (codes: unknown) =>
    ((codes ?? []) as string[]).map((c) => {
      const cat = CONTENT_CATEGORIES[c as ContentCategory];
      return cat ? pick(cat.labelZh, cat.labelEn) : c;
    });
  const residence = applicant.residenceRegistration as Json | undefined;
  const leader = applicant.entityLeader as Json | undefined;
  return (
    <Card id="app" title={t('applicationTitle')} testId="application-details">
      <h3>{t('sectionApplicant')}</h3>
      <Rows
        pairs={[
          [t('applicantType'), labelOf(APPLICANT_TYPE_LABELS, String(applicant.type ?? ''), lang)],
          [t('applicantName'), applicant.name],
          [t('idNumber'), applicant.idNumber],
          [t('creditCode'), applicant.creditCode],
          [t('legalRepresentative'), applicant.legalRepresentative],
          [t('nationality'), applicant.nationality],
          [t('residenceNumber'), residence?.number],
          [t('residenceValidUntil'), residence?.validUntil],
          [t('province'), provinceName(applicant.province)],
          [t('idCardProvince'), applicant.idCardProvince && provinceName(applicant.idCardProvince)],
          [t('address'), applicant.address],
          [
            t('sectionEntityLeader'),
            leader && [leader.name, leader.idNumber, leader.mobile, leader.email].join(' · '),
          ],
          [t('existingIcpNumber'), app.existingIcpNumber],
        ]}
      />
      {websites.map((w, i) => (
        <div key={String((w.domains as string[] | undefined)?.join(',') ?? w.name)}>
          <h3>{t('website', { n: i + 1 })}</h3>
          <Rows
            pairs={[
              [t('websiteName'), w.name],
              [t('colDomains'), w.domains],
              [t('ipAddresses'), w.ipAddresses],
              [t('serverProvince'), provinceName(w.serverProvince)],
              [t('contentCategories'), categories(w.contentCategories)],
            ]}
          />
        </div>
      ))}
      <h3>{t('sectionResponsible')}</h3>
      <Rows
        pairs={[
          [t('personName'), person.name],
          [t('idNumber'), person.idNumber],
          [t('mobile'), person.mobile],
          [t('email'), person.email],
          [t('emergencyName'), emergency.name],
          [t('emergencyMobile'), emergency.mobile],
        ]}
      />
      {commercial && (
        <>
          <h3>{t('sectionCommercial')}</h3>
          <Rows
            pairs={[
              [t('generalIcpNumber'), commercial.generalIcpNumber],
              [t('registeredCapital'), commercial.registeredCapitalCny],
              [t('legalRepName'), (commercial.legalRepresentative as Json | undefined)?.name],
              [t('foreignOwnership'), commercial.foreignOwnershipPercent],
              [t('staffInsured'), commercial.staffWithSocialInsurance],
            ]}
          />
        </>
      )}
    </Card>
  );
}
