import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import type { Application } from '../../../functions/domain/application.ts';
import { CONTENT_CATEGORIES, ContentCategory } from '../../../functions/domain/content-categories.ts';
import { ApplicantType, FilingType } from '../../../functions/domain/filing.ts';
import { PROVINCES } from '../../../functions/domain/provinces.ts';
import { ApiError, api } from '../api.ts';
import { ErrorMessage, useErrorText } from '../components/error-message.tsx';
import { Field } from '../components/form-fields.tsx';
import {
  type CaseForm,
  emptyForm,
  emptyWebsite,
  errorsAt,
  type FieldErrors,
  fromApplication,
  groupByField,
  validateForm,
} from '../form-model.ts';
import { type MessageKey, useI18n } from '../i18n.ts';
import { APPLICANT_TYPE_LABELS, FILING_TYPE_LABELS } from '../labels.ts';
import { navigate } from '../router.ts';

const FIELD_LABELS: Array<[RegExp, MessageKey]> = [
  [/^existingIcpNumber$/, 'existingIcpNumber'],
  [/^applicant\.name$/, 'applicantName'],
  [/^applicant\.idNumber$/, 'idNumber'],
  [/^applicant\.creditCode$/, 'creditCode'],
  [/^applicant\.legalRepresentative$/, 'legalRepresentative'],
  [/^applicant\.nationality$/, 'nationality'],
  [/^applicant\.residenceRegistration(\.number)?$/, 'residenceNumber'],
  [/^applicant\.residenceRegistration\.validUntil$/, 'residenceValidUntil'],
  [/^applicant\.address$/, 'address'],
  [/^applicant\.province$/, 'province'],
  [/^websites\.\d+\.name$/, 'websiteName'],
  [/^websites\.\d+\.domains(\.\d+)?$/, 'colDomains'],
  [/^websites\.\d+\.ipAddresses(\.\d+)?$/, 'ipAddresses'],
  [/^websites\.\d+\.serverProvince$/, 'serverProvince'],
  [/^websites\.\d+\.contentCategories/, 'contentCategories'],
  [/^responsiblePerson\.name$/, 'personName'],
  [/^responsiblePerson\.idNumber$/, 'idNumber'],
  [/^responsiblePerson\.mobile$/, 'mobile'],
  [/^responsiblePerson\.email$/, 'email'],
  [/^responsiblePerson\.emergencyContact\.name$/, 'emergencyName'],
  [/^responsiblePerson\.emergencyContact\.mobile$/, 'emergencyMobile'],
  [/^commercial\.generalIcpNumber$/, 'generalIcpNumber'],
  [/^commercial\.registeredCapitalCny$/, 'registeredCapital'],
  [/^commercial\.legalRepresentative\.name$/, 'legalRepName'],
  [/^commercial\.legalRepresentative\.idNumber$/, 'legalRepId'],
  [/^commercial\.foreignOwnershipPercent$/, 'foreignOwnership'],
  [/^commercial\.staffWithSocialInsurance$/, 'staffInsured'],
  [/^commercial$/, 'sectionCommercial'],
];

/** A person's name for a field path ('websites.1.domains.0' → 'Website 2 · Domains'). */
function fieldLabel(path: string, t: ReturnType<typeof useI18n>['t']): string {
  const entry = FIELD_LABELS.find(([pattern]) => pattern.test(path));
  const label = entry ? t(entry[1]) : path;
  const site = /^websites\.(\d+)\./.exec(path);
  const section = path.startsWith('responsiblePerson') ? `${t('sectionResponsible')} · ` : '';
  return site ? `${t('website', { n: Number(site[1]) + 1 })} · ${label}` : `${section}${label}`;
}

/**
 * The guided application form, validated with the domain's application schema as the user goes.
 * With `caseId` it edits that draft (PUT); the applicant's identity cannot change in a draft.
 */
export function NewCasePage({ caseId }: { caseId?: string } = {}) {
  const { t, pick } = useI18n();
  const errorText = useErrorText();
  const [form, setForm] = useState<CaseForm>(emptyForm);
  const [loaded, setLoaded] = useState(caseId === undefined);
  const [loadError, setLoadError] = useState<unknown>();
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [showAll, setShowAll] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<unknown>();
  const [saving, setSaving] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);

  const { errors: clientErrors } = useMemo(() => validateForm(form), [form]);
  const errors: FieldErrors = useMemo(() => {
    const merged: FieldErrors = { ...serverErrors };
    for (const [path, list] of Object.entries(clientErrors)) {
      if (showAll || [...touched].some((t) => path === t || path.startsWith(`${t}.`))) merged[path] = list;
    }
    return merged;
  }, [clientErrors, serverErrors, showAll, touched]);

  const update = (mutate: (draft: CaseForm) => void) => {
    setForm((prev) => {
      const next = structuredClone(prev);
      mutate(next);
      return next;
    });
  };
  const touch = (path: string) => () => {
    setTouched((prev) => (prev.has(path) ? prev : new Set(prev).add(path)));
    setServerErrors((prev) => {
      const next = { ...prev };
      for (const key of Object.keys(next)) if (key === path || key.startsWith(`${path}.`)) delete next[key];
      return next;
    });
  };
  const at = (path: string, list = false) => errorsAt(errors, path, list);

  useEffect(() => {
    if (!caseId) return;
    api.getCase(caseId).then((record) => {
      if (record.status !== 'DRAFT') return navigate(`/cases/${caseId}`, { replace: true });
      setForm(fromApplication(record.application as Application));
      setLoaded(true);
    }, setLoadError);
  }, [caseId]);

  const provinceOptions = (
    <>
      <option value="">{t('chooseProvince')}</option>
      {PROVINCES.map((p) => (
        <option key={p.code} value={p.code}>
          {pick(p.nameZh, p.nameEn)}
        </option>
      ))}
    </>
  );

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setShowAll(true);
    setFailure(undefined);
    const { input, errors: problems } = validateForm(form);
    if (Object.keys(problems).length > 0) {
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    setSaving(true);
    try {
      const saved = caseId ? await api.editCase(caseId, input) : await api.createCase(input);
      navigate(`/cases/${saved.caseId}`);
    } catch (error) {
      setSaving(false);
      if (error instanceof ApiError && error.status === 400 && error.issues.length) {
        setServerErrors(groupByField(error.issues));
      }
      setFailure(error);
      requestAnimationFrame(() => summaryRef.current?.focus());
    }
  }

  const a = form.applicant;
  const r = form.responsible;
  const c = form.commercial;
  const isBusiness = form.applicantType === 'CHINESE_BUSINESS';
  const isForeign = form.applicantType === 'FOREIGN_INDIVIDUAL';
  const allIssues = Object.entries(errors).flatMap(([field, list]) => list.map((e) => ({ ...e, field })));
  const needsExisting = form.filingType === 'ADD_WEBSITE' || form.filingType === 'CHANGE_HOSTING';
  if (loadError) return <ErrorMessage error={loadError} />;
  if (!loaded) return <p role="status">{t('loading')}</p>;

  return (
    <form
      className="case-form"
      noValidate
      onSubmit={onSubmit}
      data-testid="new-case-form"
      data-case-id={caseId}
      aria-labelledby="new-case-title"
    >
      <h1 id="new-case-title">{caseId ? t('editCaseTitle', { id: caseId }) : t('newCaseTitle')}</h1>
      <p className="muted">{t('newCaseIntro')}</p>
      {caseId && <p className="muted">{t('editCaseIdentity')}</p>}

      <div ref={summaryRef} tabIndex={-1} className="summary-anchor">
        {showAll && allIssues.length > 0 && (
          <div className="alert alert-danger" role="alert" data-testid="form-errors">
            <p>{t('formHasErrors', { n: allIssues.length })}</p>
            <ul>
              {allIssues.map((e) => (
                <li key={`${e.field}:${e.code}:${e.message}`}>
                  <a
                    href={`#field-${e.field}`}
                    onClick={(ev) => {
                      ev.preventDefault();
                      const el =
                        document.querySelector<HTMLElement>(`[data-testid="field-${CSS.escape(e.field)}"]`) ??
                        document.querySelector<HTMLElement>(
                          `[data-testid^="field-${CSS.escape(e.field.replace(/\.\d+$/, ''))}"]`,
                        );
                      el?.focus();
                    }}
                  >
                    {e.field && <strong>{fieldLabel(e.field, t)}：</strong>}
                    {pick(e.messageZh, e.message)}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        )}
        {failure instanceof ApiError && failure.status === 422 ? (
          <div className="alert alert-danger" role="alert" data-testid="not-eligible">
            <p>{t('notEligible')}</p>
            <ul>
              {(failure.issues.length ? failure.issues : [failure]).map((issue) => (
                <li key={`${issue.field}:${issue.code}:${issue.message}`}>{errorText(issue)}</li>
              ))}
            </ul>
          </div>
        ) : failure instanceof ApiError && failure.status === 400 ? null : (
          <ErrorMessage error={failure} testId="form-failure" />
        )}
      </div>

      <fieldset className="card">
        <legend>{t('sectionFiling')}</legend>
        <div className="choice-grid" role="radiogroup" aria-label={t('filingType')}>
          {FilingType.options.map((type) => (
            <label key={type} className={`choice${form.filingType === type ? ' choice-selected' : ''}`}>
              <input
                type="radio"
                name="filingType"
                value={type}
                checked={form.filingType === type}
                data-testid={`filing-type-${type}`}
                onChange={() =>
                  update((f) => {
                    f.filingType = type;
                  })
                }
              />
              <span>
                <strong>{pick(FILING_TYPE_LABELS[type][0], FILING_TYPE_LABELS[type][1])}</strong>
                <span className="muted small">
                  {pick(FILING_TYPE_LABELS[type][2], FILING_TYPE_LABELS[type][3])}
                </span>
              </span>
            </label>
          ))}
        </div>
        {needsExisting && (
          <Field
            label={t('existingIcpNumber')}
            path="existingIcpNumber"
            errors={at('existingIcpNumber')}
            required
            hint="京ICP备12345678号-1"
          >
            {(p) => (
              <input
                {...p}
                value={form.existingIcpNumber}
                onBlur={touch('existingIcpNumber')}
                onChange={(e) =>
                  update((f) => {
                    f.existingIcpNumber = e.target.value;
                  })
                }
              />
            )}
          </Field>
        )}
      </fieldset>

      <fieldset className="card">
        <legend>{t('sectionApplicant')}</legend>
        <div className="choice-grid" role="radiogroup" aria-label={t('applicantType')}>
          {ApplicantType.options.map((type) => (
            <label key={type} className={`choice${form.applicantType === type ? ' choice-selected' : ''}`}>
              <input
                type="radio"
                name="applicantType"
                value={type}
                checked={form.applicantType === type}
                disabled={caseId !== undefined && form.applicantType !== type}
                data-testid={`applicant-type-${type}`}
                onChange={() =>
                  update((f) => {
                    f.applicantType = type;
                    f.responsible.idType = type === 'FOREIGN_INDIVIDUAL' ? 'PASSPORT' : 'RESIDENT_ID';
                  })
                }
              />
              <strong>{pick(APPLICANT_TYPE_LABELS[type][0], APPLICANT_TYPE_LABELS[type][1])}</strong>
            </label>
          ))}
        </div>
        <div className="grid-2">
          <Field
            label={isBusiness ? t('companyName') : t('personName')}
            path="applicant.name"
            errors={at('applicant.name')}
            required
          >
            {(p) => (
              <input
                {...p}
                autoComplete={isBusiness ? 'organization' : 'name'}
                value={a.name}
                onBlur={touch('applicant.name')}
                onChange={(e) =>
                  update((f) => {
                    f.applicant.name = e.target.value;
                  })
                }
              />
            )}
          </Field>
          {isBusiness ? (
            <Field
              label={t('creditCode')}
              path="applicant.creditCode"
              errors={at('applicant.creditCode')}
              required
              hint="91310115MA1K4Q2B2C"
            >
              {(p) => (
                <input
                  {...p}
                  spellCheck={false}
                  autoCapitalize="characters"
                  value={a.creditCode}
                  onBlur={touch('applicant.creditCode')}
                  onChange={(e) =>
                    update((f) => {
                      f.applicant.creditCode = e.target.value;
                    })
                  }
                />
              )}
            </Field>
          ) : (
            <Field
              label={isForeign ? t('passportNumber') : t('residentIdNumber')}
              path="applicant.idNumber"
              errors={at('applicant.idNumber')}
              required
            >
              {(p) => (
                <input
                  {...p}
                  spellCheck={false}
                  autoComplete="off"
                  value={a.idNumber}
                  onBlur={touch('applicant.idNumber')}
                  onChange={(e) =>
                    update((f) => {
                      f.applicant.idNumber = e.target.value;
                    })
                  }
                />
              )}
            </Field>
          )}
          {isBusiness && (
            <Field
              label={t('legalRepresentative')}
              path="applicant.legalRepresentative"
              errors={at('applicant.legalRepresentative')}
              required
            >
              {(p) => (
                <input
                  {...p}
                  value={a.legalRepresentative}
                  onBlur={touch('applicant.legalRepresentative')}
                  onChange={(e) =>
                    update((f) => {
                      f.applicant.legalRepresentative = e.target.value;
                    })
                  }
                />
              )}
            </Field>
          )}
          {isForeign && (
            <>
              <Field
                label={t('nationality')}
                path="applicant.nationality"
                errors={at('applicant.nationality')}
                required
              >
                {(p) => (
                  <input
                    {...p}
                    maxLength={2}
                    autoCapitalize="characters"
                    value={a.nationality}
                    onBlur={touch('applicant.nationality')}
                    onChange={(e) =>
                      update((f) => {
                        f.applicant.nationality = e.target.value;
                      })
                    }
                  />
                )}
              </Field>
              <Field
                label={t('residenceNumber')}
                path="applicant.residenceRegistration.number"
                errors={at('applicant.residenceRegistration.number')}
                required
              >
                {(p) => (
                  <input
                    {...p}
                    value={a.residenceNumber}
                    onBlur={touch('applicant.residenceRegistration')}
                    onChange={(e) =>
                      update((f) => {
                        f.applicant.residenceNumber = e.target.value;
                      })
                    }
                  />
                )}
              </Field>
              <Field
                label={t('residenceValidUntil')}
                path="applicant.residenceRegistration.validUntil"
                errors={at('applicant.residenceRegistration.validUntil')}
                required
              >
                {(p) => (
                  <input
                    {...p}
                    type="date"
                    value={a.residenceValidUntil}
                    onBlur={touch('applicant.residenceRegistration')}
                    onChange={(e) =>
                      update((f) => {
                        f.applicant.residenceValidUntil = e.target.value;
                      })
                    }
                  />
                )}
              </Field>
            </>
          )}
          <Field label={t('province')} path="applicant.province" errors={at('applicant.province')} required>
            {(p) => (
              <select
                {...p}
                value={a.province}
                onBlur={touch('applicant.province')}
                onChange={(e) =>
                  update((f) => {
                    f.applicant.province = e.target.value;
                    for (const w of f.websites) if (!w.serverProvince) w.serverProvince = e.target.value;
                  })
                }
              >
                {provinceOptions}
              </select>
            )}
          </Field>
          <Field
            label={t('address')}
            path="applicant.address"
            errors={at('applicant.address')}
            required
            className="span-2"
          >
            {(p) => (
              <input
                {...p}
                autoComplete="street-address"
                value={a.address}
                onBlur={touch('applicant.address')}
                onChange={(e) =>
                  update((f) => {
                    f.applicant.address = e.target.value;
                  })
                }
              />
            )}
          </Field>
        </div>
      </fieldset>

      <fieldset className="card">
        <legend>{t('sectionWebsites')}</legend>
        {form.websites.map((w, i) => {
          const base = `websites.${i}`;
          return (
            <div key={w.uid} className="website-block" data-testid={`website-${i}`}>
              <div className="card-header">
                <h3>{t('website', { n: i + 1 })}</h3>
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
                <Field
                  label={t('websiteName')}
                  path={`${base}.name`}
                  errors={at(`${base}.name`)}
                  required
                  hint={t('websiteNameHint')}
                >
                  {(p) => (
                    <input
                      {...p}
                      value={w.name}
                      onBlur={touch(`${base}.name`)}
                      onChange={(e) =>
                        update((f) => {
                          (f.websites[i] as typeof w).name = e.target.value;
                        })
                      }
                    />
                  )}
                </Field>
                <Field
                  label={t('serverProvince')}
                  path={`${base}.serverProvince`}
                  errors={at(`${base}.serverProvince`)}
                  required
                >
                  {(p) => (
                    <select
                      {...p}
                      value={w.serverProvince}
                      onBlur={touch(`${base}.serverProvince`)}
                      onChange={(e) =>
                        update((f) => {
                          (f.websites[i] as typeof w).serverProvince = e.target.value;
                        })
                      }
                    >
                      {provinceOptions}
                    </select>
                  )}
                </Field>
                <Field
                  label={t('domains')}
                  path={`${base}.domains`}
                  errors={at(`${base}.domains`, true)}
                  required
                  hint={t('domainsHint')}
                >
                  {(p) => (
                    <textarea
                      {...p}
                      rows={2}
                      spellCheck={false}
                      autoCapitalize="none"
                      value={w.domains}
                      onBlur={touch(`${base}.domains`)}
                      onChange={(e) =>
                        update((f) => {
                          (f.websites[i] as typeof w).domains = e.target.value;
                        })
                      }
                    />
                  )}
                </Field>
                <Field
                  label={t('ipAddresses')}
                  path={`${base}.ipAddresses`}
                  errors={at(`${base}.ipAddresses`, true)}
                  required
                  hint="203.0.113.10"
                >
                  {(p) => (
                    <textarea
                      {...p}
                      rows={2}
                      spellCheck={false}
                      value={w.ipAddresses}
                      onBlur={touch(`${base}.ipAddresses`)}
                      onChange={(e) =>
                        update((f) => {
                          (f.websites[i] as typeof w).ipAddresses = e.target.value;
                        })
                      }
                    />
                  )}
                </Field>
              </div>
              <fieldset
                className="checkbox-group"
                aria-describedby={at(`${base}.contentCategories`).length ? `cat-err-${i}` : undefined}
              >
                <legend>
                  {t('contentCategories')} <span className="required">*</span>
                </legend>
                <div className="checkbox-grid">
                  {ContentCategory.options.map((cat) => (
                    <label key={cat} className="checkbox">
                      <input
                        type="checkbox"
                        checked={w.contentCategories.includes(cat)}
                        data-testid={`field-${base}.contentCategories-${cat}`}
                        onChange={(e) => {
                          touch(`${base}.contentCategories`)();
                          update((f) => {
                            const site = f.websites[i] as typeof w;
                            site.contentCategories = e.target.checked
                              ? [...site.contentCategories, cat]
                              : site.contentCategories.filter((x) => x !== cat);
                          });
                        }}
                      />
                      {pick(CONTENT_CATEGORIES[cat].labelZh, CONTENT_CATEGORIES[cat].labelEn)}
                      {CONTENT_CATEGORIES[cat].needsPreApproval && (
                        <span className="muted small">（{t('preApprovalNeeded')}）</span>
                      )}
                    </label>
                  ))}
                </div>
                {at(`${base}.contentCategories`).length > 0 && (
                  <ul
                    className="field-errors"
                    id={`cat-err-${i}`}
                    data-testid={`error-${base}.contentCategories`}
                  >
                    {at(`${base}.contentCategories`).map((e) => (
                      <li key={`${e.code}:${e.message}`}>{pick(e.messageZh, e.message)}</li>
                    ))}
                  </ul>
                )}
              </fieldset>
            </div>
          );
        })}
        {form.websites.length < 20 && (
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

      <fieldset className="card">
        <legend>{t('sectionResponsible')}</legend>
        {!isBusiness && (
          <button
            type="button"
            className="button button-small"
            data-testid="copy-from-applicant"
            onClick={() =>
              update((f) => {
                f.responsible.name = f.applicant.name;
                f.responsible.idNumber = f.applicant.idNumber;
                f.responsible.idType = f.applicantType === 'FOREIGN_INDIVIDUAL' ? 'PASSPORT' : 'RESIDENT_ID';
              })
            }
          >
            {t('copyFromApplicant')}
          </button>
        )}
        <div className="grid-2">
          <Field
            label={t('personName')}
            path="responsiblePerson.name"
            errors={at('responsiblePerson.name')}
            required
          >
            {(p) => (
              <input
                {...p}
                value={r.name}
                onBlur={touch('responsiblePerson.name')}
                onChange={(e) =>
                  update((f) => {
                    f.responsible.name = e.target.value;
                  })
                }
              />
            )}
          </Field>
          <Field
            label={t('idType')}
            path="responsiblePerson.idType"
            errors={at('responsiblePerson.idType')}
            required
          >
            {(p) => (
              <select
                {...p}
                value={r.idType}
                onChange={(e) =>
                  update((f) => {
                    f.responsible.idType = e.target.value as 'RESIDENT_ID' | 'PASSPORT';
                  })
                }
              >
                <option value="RESIDENT_ID">{t('idTypeResident')}</option>
                <option value="PASSPORT">{t('idTypePassport')}</option>
              </select>
            )}
          </Field>
          <Field
            label={t('idNumber')}
            path="responsiblePerson.idNumber"
            errors={at('responsiblePerson.idNumber')}
            required
          >
            {(p) => (
              <input
                {...p}
                spellCheck={false}
                autoComplete="off"
                value={r.idNumber}
                onBlur={touch('responsiblePerson.idNumber')}
                onChange={(e) =>
                  update((f) => {
                    f.responsible.idNumber = e.target.value;
                  })
                }
              />
            )}
          </Field>
          <Field
            label={t('mobile')}
            path="responsiblePerson.mobile"
            errors={at('responsiblePerson.mobile')}
            required
            hint="13812345678"
          >
            {(p) => (
              <input
                {...p}
                type="tel"
                inputMode="tel"
                autoComplete="tel"
                value={r.mobile}
                onBlur={touch('responsiblePerson.mobile')}
                onChange={(e) =>
                  update((f) => {
                    f.responsible.mobile = e.target.value;
                  })
                }
              />
            )}
          </Field>
          <Field
            label={t('email')}
            path="responsiblePerson.email"
            errors={at('responsiblePerson.email')}
            required
          >
            {(p) => (
              <input
                {...p}
                type="email"
                autoComplete="email"
                value={r.email}
                onBlur={touch('responsiblePerson.email')}
                onChange={(e) =>
                  update((f) => {
                    f.responsible.email = e.target.value;
                  })
                }
              />
            )}
          </Field>
          <Field
            label={t('emergencyName')}
            path="responsiblePerson.emergencyContact.name"
            errors={at('responsiblePerson.emergencyContact.name')}
            required
          >
            {(p) => (
              <input
                {...p}
                value={r.emergencyName}
                onBlur={touch('responsiblePerson.emergencyContact.name')}
                onChange={(e) =>
                  update((f) => {
                    f.responsible.emergencyName = e.target.value;
                  })
                }
              />
            )}
          </Field>
          <Field
            label={t('emergencyMobile')}
            path="responsiblePerson.emergencyContact.mobile"
            errors={at('responsiblePerson.emergencyContact.mobile')}
            required
          >
            {(p) => (
              <input
                {...p}
                type="tel"
                inputMode="tel"
                value={r.emergencyMobile}
                onBlur={touch('responsiblePerson.emergencyContact.mobile')}
                onChange={(e) =>
                  update((f) => {
                    f.responsible.emergencyMobile = e.target.value;
                  })
                }
              />
            )}
          </Field>
        </div>
      </fieldset>

      {form.filingType === 'COMMERCIAL' && (
        <fieldset className="card">
          <legend>{t('sectionCommercial')}</legend>
          {at('commercial').length > 0 && (
            <ul className="field-errors" data-testid="error-commercial">
              {at('commercial').map((e) => (
                <li key={`${e.code}:${e.message}`}>{pick(e.messageZh, e.message)}</li>
              ))}
            </ul>
          )}
          <div className="grid-2">
            <Field
              label={t('generalIcpNumber')}
              path="commercial.generalIcpNumber"
              errors={at('commercial.generalIcpNumber')}
              required
              hint="沪ICP备12345678号"
            >
              {(p) => (
                <input
                  {...p}
                  value={c.generalIcpNumber}
                  onBlur={touch('commercial.generalIcpNumber')}
                  onChange={(e) =>
                    update((f) => {
                      f.commercial.generalIcpNumber = e.target.value;
                    })
                  }
                />
              )}
            </Field>
            <Field
              label={t('registeredCapital')}
              path="commercial.registeredCapitalCny"
              errors={at('commercial.registeredCapitalCny')}
              required
            >
              {(p) => (
                <input
                  {...p}
                  inputMode="numeric"
                  value={c.registeredCapitalCny}
                  onBlur={touch('commercial.registeredCapitalCny')}
                  onChange={(e) =>
                    update((f) => {
                      f.commercial.registeredCapitalCny = e.target.value;
                    })
                  }
                />
              )}
            </Field>
            <Field
              label={t('legalRepName')}
              path="commercial.legalRepresentative.name"
              errors={at('commercial.legalRepresentative.name')}
              required
            >
              {(p) => (
                <input
                  {...p}
                  value={c.legalRepName}
                  onBlur={touch('commercial.legalRepresentative')}
                  onChange={(e) =>
                    update((f) => {
                      f.commercial.legalRepName = e.target.value;
                    })
                  }
                />
              )}
            </Field>
            <Field
              label={t('legalRepId')}
              path="commercial.legalRepresentative.idNumber"
              errors={at('commercial.legalRepresentative.idNumber')}
              required
            >
              {(p) => (
                <input
                  {...p}
                  autoComplete="off"
                  value={c.legalRepIdNumber}
                  onBlur={touch('commercial.legalRepresentative')}
                  onChange={(e) =>
                    update((f) => {
                      f.commercial.legalRepIdNumber = e.target.value;
                    })
                  }
                />
              )}
            </Field>
            <Field
              label={t('foreignOwnership')}
              path="commercial.foreignOwnershipPercent"
              errors={at('commercial.foreignOwnershipPercent')}
            >
              {(p) => (
                <input
                  {...p}
                  inputMode="decimal"
                  value={c.foreignOwnershipPercent}
                  onBlur={touch('commercial.foreignOwnershipPercent')}
                  onChange={(e) =>
                    update((f) => {
                      f.commercial.foreignOwnershipPercent = e.target.value;
                    })
                  }
                />
              )}
            </Field>
            <Field
              label={t('staffInsured')}
              path="commercial.staffWithSocialInsurance"
              errors={at('commercial.staffWithSocialInsurance')}
              required
            >
              {(p) => (
                <input
                  {...p}
                  inputMode="numeric"
                  value={c.staffWithSocialInsurance}
                  onBlur={touch('commercial.staffWithSocialInsurance')}
                  onChange={(e) =>
                    update((f) => {
                      f.commercial.staffWithSocialInsurance = e.target.value;
                    })
                  }
                />
              )}
            </Field>
          </div>
        </fieldset>
      )}

      <div className="form-actions">
        <button
          type="submit"
          className="button button-primary button-large"
          data-testid="create-case"
          disabled={saving}
        >
          {saving ? t('saving') : caseId ? t('saveDraft') : t('createDraft')}
        </button>
      </div>
    </form>
  );
}
