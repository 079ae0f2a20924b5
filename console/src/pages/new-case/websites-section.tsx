import { CONTENT_CATEGORIES, ContentCategory } from '../../../../functions/domain/content-categories.ts';
import { type CaseForm, emptyWebsite, type WebsiteForm } from '../../form-model.ts';
import { useI18n } from '../../i18n.ts';
import { ErrorList, ProvinceField, TextFields } from './controls.tsx';
import type { CaseFormModel } from './use-case-form.ts';

/** At most this many websites in one application. */
const MAX_WEBSITES = 20;

/** The websites of the application, one block each; a site can be added or (when several) removed. */
export function WebsitesSection({ model }: { model: CaseFormModel }) {
  const { t } = useI18n();
  const { form, update } = model;
  return (
    <fieldset className="card">
      <legend>{t('sectionWebsites')}</legend>
      {form.websites.map((w, i) => (
        <WebsiteBlock key={w.uid} model={model} index={i} />
      ))}
      {form.websites.length < MAX_WEBSITES && (
        <button
          type="button"
          className="button button-small"
          data-testid="add-website"
          onClick={() =>
            update((f) => {
              f.websites.push({ ...emptyWebsite(), serverProvince: f.applicant.province });
            })
          }
        >
          + {t('addWebsite')}
        </button>
      )}
    </fieldset>
  );
}

function WebsiteBlock({ model, index: i }: { model: CaseFormModel; index: number }) {
  const { t } = useI18n();
  const { form, update } = model;
  const base = `websites.${i}`;
  const site = (f: CaseForm) => f.websites[i] as WebsiteForm;
  return (
    <div className="website-block" data-testid={`website-${i}`}>
      <div className="card-header">
        {/* h2: the form's sections are fieldsets, so the next heading level after the page's h1 is 2. */}
        <h2 className="website-heading">{t('website', { n: i + 1 })}</h2>
        {form.websites.length > 1 && (
          <button
            type="button"
            className="button button-quiet button-small"
            onClick={() =>
              update((f) => {
                f.websites.splice(i, 1);
              })
            }
          >
            {t('removeWebsite', { n: i + 1 })}
          </button>
        )}
      </div>
      <div className="grid-2">
        <TextFields
          model={model}
          section={site}
          specs={[{ key: 'name', path: `${base}.name`, label: t('websiteName'), hint: t('websiteNameHint') }]}
        />
        <ProvinceField
          model={model}
          label={t('serverProvince')}
          path={`${base}.serverProvince`}
          value={site(form).serverProvince}
          choose={(f, province) => {
            site(f).serverProvince = province;
          }}
        />
        <TextFields
          model={model}
          section={site}
          specs={[
            {
              key: 'domains',
              path: `${base}.domains`,
              label: t('domains'),
              hint: t('domainsHint'),
              list: true,
              control: 'textarea',
              inputProps: { rows: 2, spellCheck: false, autoCapitalize: 'none' },
            },
            {
              key: 'ipAddresses',
              path: `${base}.ipAddresses`,
              label: t('ipAddresses'),
              hint: '203.0.113.10',
              list: true,
              control: 'textarea',
              inputProps: { rows: 2, spellCheck: false },
            },
          ]}
        />
      </div>
      <ContentCategories model={model} index={i} />
    </div>
  );
}

/** The site's content categories (at least one); those that need a pre-approval say so. */
function ContentCategories({ model, index: i }: { model: CaseFormModel; index: number }) {
  const { t, pick } = useI18n();
  const path = `websites.${i}.contentCategories`;
  const chosen = (model.form.websites[i] as WebsiteForm).contentCategories;
  const errors = model.at(path);
  const toggle = (cat: ContentCategory, on: boolean) => {
    model.touch(path)();
    model.update((f) => {
      const site = f.websites[i] as WebsiteForm;
      site.contentCategories = on
        ? [...site.contentCategories, cat]
        : site.contentCategories.filter((x) => x !== cat);
    });
  };
  return (
    <fieldset className="checkbox-group" aria-describedby={errors.length ? `cat-err-${i}` : undefined}>
      <legend>
        {t('contentCategories')} <span className="required">*</span>
      </legend>
      <div className="checkbox-grid">
        {ContentCategory.options.map((cat) => (
          <label key={cat} className="checkbox">
            <input
              type="checkbox"
              checked={chosen.includes(cat)}
              data-testid={`field-${path}-${cat}`}
              onChange={(e) => toggle(cat, e.target.checked)}
            />
            {pick(CONTENT_CATEGORIES[cat].labelZh, CONTENT_CATEGORIES[cat].labelEn)}
            {CONTENT_CATEGORIES[cat].needsPreApproval && (
              <span className="muted small">（{t('preApprovalNeeded')}）</span>
            )}
          </label>
        ))}
      </div>
      <ErrorList id={`cat-err-${i}`} testId={`error-${path}`} errors={errors} />
    </fieldset>
  );
}
