import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import type { Application } from '../../../functions/domain/application.ts';
import { CONTENT_CATEGORIES, ContentCategory } from '../../../functions/domain/content-categories.ts';
import { ApplicantType, FilingType } from '../../../functions/domain/filing.ts';
import { PROVINCES } from '../../../functions/domain/provinces.ts';
import { ApiError, api } from '../api.ts';
import { ErrorMessage, useErrorText } from '../components/error-message.tsx';
import { Field, TextField } from '../components/form-fields.tsx';
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
  // A draft cannot change who applies (the API refuses it): type and ID numbers are read-only.
  const editing = caseId !== undefined;
  const [loadError, setLoadError] = useState<unknown>();
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [showAll, setShowAll] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<unknown>();
  const [saving, setSaving] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);

  const { errors: clientErrors, overrides } = useMemo(() => validateForm(form), [form]);
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
  /** What a TextField needs for one form path: its errors, touched on blur, typing written back. */
  const bind = (
    path: string,
    value: string,
    set: (draft: CaseForm, value: string) => void,
    options: { touch?: string; list?: boolean } = {},
  ) => ({
    path,
    value,
    errors: at(path, options.list),
    onBlur: touch(options.touch ?? path),
    onValue: (typed: string) => update((draft) => set(draft, typed)),
  });

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
        {Object.keys(overrides).length > 0 && (
          <div className="alert alert-warning" role="status" data-testid="form-overrides">
            <p>{t('overridesNotice')}</p>
            <ul>
              {Object.entries(overrides).flatMap(([field, list]) =>
                list.map((e) => (
                  <li key={`${field}:${e.code}`}>
                    {field && <strong>{fieldLabel(field, t)}：</strong>}
                    {pick(e.messageZh, e.message)}
                  </li>
                )),
              )}
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
          <TextField
            label={t('existingIcpNumber')}
            required
            hint="京ICP备12345678号-1"
            {...bind('existingIcpNumber', form.existingIcpNumber, (f, v) => {
              f.existingIcpNumber = v;
            })}
          />
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
                disabled={editing && form.applicantType !== type}
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
          <TextField
            label={isBusiness ? t('companyName') : t('personName')}
            required
            inputProps={{ autoComplete: isBusiness ? 'organization' : 'name' }}
            {...bind('applicant.name', a.name, (f, v) => {
              f.applicant.name = v;
            })}
          />
          {isBusiness ? (
            <TextField
              label={t('creditCode')}
              required
              hint="91310115MA1K4Q2B2C"
              inputProps={{ spellCheck: false, autoCapitalize: 'characters', readOnly: editing }}
              {...bind('applicant.creditCode', a.creditCode, (f, v) => {
                f.applicant.creditCode = v;
              })}
            />
          ) : (
            <TextField
              label={isForeign ? t('passportNumber') : t('residentIdNumber')}
              required
              inputProps={{ spellCheck: false, autoComplete: 'off', readOnly: editing }}
              {...bind('applicant.idNumber', a.idNumber, (f, v) => {
                f.applicant.idNumber = v;
              })}
            />
          )}
          {isBusiness && (
            <TextField
              label={t('legalRepresentative')}
              required
              {...bind('applicant.legalRepresentative', a.legalRepresentative, (f, v) => {
                f.applicant.legalRepresentative = v;
              })}
            />
          )}
          {isForeign && (
            <>
              <TextField
                label={t('nationality')}
                required
                inputProps={{ maxLength: 2, autoCapitalize: 'characters', readOnly: editing }}
                {...bind('applicant.nationality', a.nationality, (f, v) => {
                  f.applicant.nationality = v;
                })}
              />
              <TextField
                label={t('residenceNumber')}
                required
                {...bind(
                  'applicant.residenceRegistration.number',
                  a.residenceNumber,
                  (f, v) => {
                    f.applicant.residenceNumber = v;
                  },
                  { touch: 'applicant.residenceRegistration' },
                )}
              />
              <TextField
                label={t('residenceValidUntil')}
                required
                inputProps={{ type: 'date' }}
                {...bind(
                  'applicant.residenceRegistration.validUntil',
                  a.residenceValidUntil,
                  (f, v) => {
                    f.applicant.residenceValidUntil = v;
                  },
                  { touch: 'applicant.residenceRegistration' },
                )}
              />
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
          <TextField
            label={t('address')}
            required
            className="span-2"
            inputProps={{ autoComplete: 'street-address' }}
            {...bind('applicant.address', a.address, (f, v) => {
              f.applicant.address = v;
            })}
          />
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
                <TextField
                  label={t('websiteName')}
                  required
                  hint={t('websiteNameHint')}
                  {...bind(`${base}.name`, w.name, (f, v) => {
                    (f.websites[i] as typeof w).name = v;
                  })}
                />
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
                <TextField
                  label={t('domains')}
                  required
                  hint={t('domainsHint')}
                  control="textarea"
                  inputProps={{ rows: 2, spellCheck: false, autoCapitalize: 'none' }}
                  {...bind(
                    `${base}.domains`,
                    w.domains,
                    (f, v) => {
                      (f.websites[i] as typeof w).domains = v;
                    },
                    { list: true },
                  )}
                />
                <TextField
                  label={t('ipAddresses')}
                  required
                  hint="203.0.113.10"
                  control="textarea"
                  inputProps={{ rows: 2, spellCheck: false }}
                  {...bind(
                    `${base}.ipAddresses`,
                    w.ipAddresses,
                    (f, v) => {
                      (f.websites[i] as typeof w).ipAddresses = v;
                    },
                    { list: true },
                  )}
                />
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
          <TextField
            label={t('personName')}
            required
            {...bind('responsiblePerson.name', r.name, (f, v) => {
              f.responsible.name = v;
            })}
          />
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
          <TextField
            label={t('idNumber')}
            required
            inputProps={{ spellCheck: false, autoComplete: 'off' }}
            {...bind('responsiblePerson.idNumber', r.idNumber, (f, v) => {
              f.responsible.idNumber = v;
            })}
          />
          <TextField
            label={t('mobile')}
            required
            hint="13812345678"
            inputProps={{ type: 'tel', inputMode: 'tel', autoComplete: 'tel' }}
            {...bind('responsiblePerson.mobile', r.mobile, (f, v) => {
              f.responsible.mobile = v;
            })}
          />
          <TextField
            label={t('email')}
            required
            inputProps={{ type: 'email', autoComplete: 'email' }}
            {...bind('responsiblePerson.email', r.email, (f, v) => {
              f.responsible.email = v;
            })}
          />
          <TextField
            label={t('emergencyName')}
            required
            {...bind('responsiblePerson.emergencyContact.name', r.emergencyName, (f, v) => {
              f.responsible.emergencyName = v;
            })}
          />
          <TextField
            label={t('emergencyMobile')}
            required
            inputProps={{ type: 'tel', inputMode: 'tel' }}
            {...bind('responsiblePerson.emergencyContact.mobile', r.emergencyMobile, (f, v) => {
              f.responsible.emergencyMobile = v;
            })}
          />
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
            <TextField
              label={t('generalIcpNumber')}
              required
              hint="沪ICP备12345678号"
              {...bind('commercial.generalIcpNumber', c.generalIcpNumber, (f, v) => {
                f.commercial.generalIcpNumber = v;
              })}
            />
            <TextField
              label={t('registeredCapital')}
              required
              inputProps={{ inputMode: 'numeric' }}
              {...bind('commercial.registeredCapitalCny', c.registeredCapitalCny, (f, v) => {
                f.commercial.registeredCapitalCny = v;
              })}
            />
            <TextField
              label={t('legalRepName')}
              required
              {...bind(
                'commercial.legalRepresentative.name',
                c.legalRepName,
                (f, v) => {
                  f.commercial.legalRepName = v;
                },
                { touch: 'commercial.legalRepresentative' },
              )}
            />
            <TextField
              label={t('legalRepId')}
              required
              inputProps={{ autoComplete: 'off' }}
              {...bind(
                'commercial.legalRepresentative.idNumber',
                c.legalRepIdNumber,
                (f, v) => {
                  f.commercial.legalRepIdNumber = v;
                },
                { touch: 'commercial.legalRepresentative' },
              )}
            />
            <TextField
              label={t('foreignOwnership')}
              inputProps={{ inputMode: 'decimal' }}
              {...bind('commercial.foreignOwnershipPercent', c.foreignOwnershipPercent, (f, v) => {
                f.commercial.foreignOwnershipPercent = v;
              })}
            />
            <TextField
              label={t('staffInsured')}
              required
              inputProps={{ inputMode: 'numeric' }}
              {...bind('commercial.staffWithSocialInsurance', c.staffWithSocialInsurance, (f, v) => {
                f.commercial.staffWithSocialInsurance = v;
              })}
            />
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
