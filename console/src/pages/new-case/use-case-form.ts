import { type ComponentProps, useEffect, useMemo, useState } from 'react';
import type { Application } from '../../../../functions/domain/application.ts';
import { FilingType } from '../../../../functions/domain/filing.ts';
import { api, type FilingPrefill } from '../../api.ts';
import { currentSession } from '../../auth.ts';
import type { TextField } from '../../components/form-fields.tsx';
import { clearDraft, draftKey, readDraft, writeDraft } from '../../form-drafts.ts';
import {
  type CaseForm,
  emptyForm,
  emptyWebsite,
  errorsAt,
  type FieldErrors,
  formFromDraft,
  fromApplication,
  validateForm,
} from '../../form-model.ts';
import { navigate } from '../../router.ts';

/** The keys of T whose values are strings (what a text field can edit). */
type StringKey<T> = { [K in keyof T]: T[K] extends string ? K : never }[keyof T] & string;

/** One text field of the form: the string it edits (`key` of its section), its schema path, how it shows. */
export interface TextSpec<T> {
  key: StringKey<T>;
  /** The schema path: where the field's errors are, and its test id (`field-<path>`). */
  path: string;
  label: string;
  hint?: string;
  /** Fields are required unless marked optional. */
  optional?: boolean;
  /** The path marked touched on blur, when wider than the field's own (a group of fields). */
  touch?: string;
  /** A list control (one item a line): also shows its items' errors. */
  list?: boolean;
  control?: 'textarea';
  className?: string;
  inputProps?: ComponentProps<typeof TextField>['inputProps'];
}

/** Where a section's strings live in the form (the applicant, one website, ...). */
export type Section<T> = (form: CaseForm) => T;

/**
 * The application form's state: the values as typed, what was touched, the problems to show (the
 * domain schema's, for touched fields or all after a submit, and the server's), and the draft
 * loaded when editing one. What is typed is kept in this tab's sessionStorage (../../form-drafts.ts)
 * and restored after a reload, over the empty, prefilled or saved form it started from.
 */
export function useCaseForm(caseId: string | undefined, start: { from?: string; kind?: string } = {}) {
  const startKind = FilingType.safeParse(start.kind);
  const subject = currentSession()?.subject;
  const key = subject
    ? draftKey(subject, caseId ? `edit:${caseId}` : `new:${start.kind ?? ''}:${start.from ?? ''}`)
    : undefined;
  /** The form as typed before a reload, if this tab kept one (read once). */
  const [typed] = useState(() => (key ? formFromDraft(readDraft(key)) : undefined));
  const fromFiling = caseId === undefined && !!start.from && startKind.success;
  const [form, setForm] = useState<CaseForm>(() => {
    if (typed && caseId === undefined && !fromFiling) return typed;
    const initial = emptyForm();
    if (startKind.success) initial.filingType = startKind.data;
    return initial;
  });
  const [loaded, setLoaded] = useState(caseId === undefined && !fromFiling);
  /** The registered filing the form started from, and what it holds now (to show what changes). */
  const [prefill, setPrefill] = useState<FilingPrefill>();
  const [loadError, setLoadError] = useState<unknown>();
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [showAll, setShowAll] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});

  const { errors: clientErrors, overrides } = useMemo(() => validateForm(form), [form]);
  const errors: FieldErrors = useMemo(() => {
    const merged: FieldErrors = { ...serverErrors };
    for (const [path, list] of Object.entries(clientErrors)) {
      if (showAll || [...touched].some((t) => path === t || path.startsWith(`${t}.`))) merged[path] = list;
    }
    return merged;
  }, [clientErrors, serverErrors, showAll, touched]);

  useEffect(() => {
    if (!caseId) return;
    api.getCase(caseId).then((record) => {
      if (record.status !== 'DRAFT') return navigate(`/cases/${caseId}`, { replace: true });
      setForm(typed ?? fromApplication(record.application as Application));
      setLoaded(true);
    }, setLoadError);
  }, [caseId, typed]);

  // A case after the first starts from the approved filing: nothing of the entity or the responsible
  // person is typed again; a new website (ADD_WEBSITE) starts blank.
  useEffect(() => {
    if (!fromFiling || !start.from || !startKind.success) return;
    api.prefillFromFiling(start.from, startKind.data).then((filled) => {
      const next = fromApplication(filled.application as unknown as Application);
      if (next.websites.length === 0) next.websites = [emptyWebsite()];
      setForm(typed ?? next);
      setPrefill(filled);
      setLoaded(true);
    }, setLoadError);
  }, [fromFiling, start.from, startKind.success, startKind.data, typed]);

  useEffect(() => {
    if (loaded && key) writeDraft(key, form);
  }, [form, loaded, key]);
  /** Forgets the kept draft (the form was saved). */
  const discardDraft = () => {
    if (key) clearDraft(key);
  };

  const update = (mutate: (draft: CaseForm) => void) => {
    setForm((prev) => {
      const next = structuredClone(prev);
      mutate(next);
      return next;
    });
  };
  /** A blur handler: the field at `path` now shows its problems, and the server's are cleared. */
  const touch = (path: string) => () => {
    setTouched((prev) => (prev.has(path) ? prev : new Set(prev).add(path)));
    setServerErrors((prev) => {
      const next = { ...prev };
      for (const key of Object.keys(next)) if (key === path || key.startsWith(`${path}.`)) delete next[key];
      return next;
    });
  };
  const at = (path: string, list = false) => errorsAt(errors, path, list);
  /** What a TextField needs for one spec: its value, its errors, touched on blur, typing written back. */
  const bind = <T>(section: Section<T>, spec: TextSpec<T>) => ({
    path: spec.path,
    value: section(form)[spec.key] as string,
    errors: at(spec.path, spec.list),
    onBlur: touch(spec.touch ?? spec.path),
    onValue: (typed: string) =>
      update((draft) => {
        (section(draft) as Record<string, unknown>)[spec.key] = typed;
      }),
  });

  return {
    form,
    prefill,
    loaded,
    loadError,
    errors,
    overrides,
    showAll,
    setShowAll,
    setServerErrors,
    discardDraft,
    update,
    touch,
    at,
    bind,
  };
}

export type CaseFormModel = ReturnType<typeof useCaseForm>;
