import { createContext, useCallback, useContext, useEffect, useState } from 'react';
import { TERMINAL_STATUSES } from '../../../functions/domain/case-status.ts';
import { type AuditEvent, api, type OfficerCaseView, type OutboxEmailView } from '../api.ts';
import { useAction } from './use-action.ts';

/** What an officer's step panel may do: post a decision or a record, and know whether one is running. */
export interface OfficerAction {
  busy: boolean;
  /** A step's decision: posts it, refreshes, then follows the case until the workflow moves it on. */
  decide: (post: () => Promise<unknown>) => Promise<void>;
  /** Something noted on the case that leaves the step open (an override, the SMS check): posts, refreshes. */
  record: (post: () => Promise<unknown>) => Promise<void>;
}

/** The step and status a decision was sent from: the page polls until the case has left them. */
interface Sent {
  status: string;
  step?: string;
}

const POLL_MS = 1_000;
const POLL_TRIES = 20;

/**
 * One case as an officer works it: the view, the audit trail and the emails, the action every panel posts
 * through, and, after a decision, polling until the workflow has moved the case on.
 */
export function useOfficerCase(caseId: string) {
  const [view, setView] = useState<OfficerCaseView>();
  const [audit, setAudit] = useState<AuditEvent[]>([]);
  const [emails, setEmails] = useState<OutboxEmailView[]>([]);
  const [error, setError] = useState<unknown>();
  const [sent, setSent] = useState<Sent>();

  const load = useCallback(async () => {
    try {
      const [v, a, m] = await Promise.all([api.officerCase(caseId), api.audit(caseId), api.emails(caseId)]);
      setView(v);
      setAudit(a.items);
      setEmails(m.items);
      setError(undefined);
      return v;
    } catch (e) {
      setError(e);
      return undefined;
    }
  }, [caseId]);

  useEffect(() => {
    void load();
  }, [load]);

  // After a decision the workflow moves the case on asynchronously: poll until it has moved on and
  // the next step is open (or the case has ended). A status can change before the next step parks
  // (submitted to the bureau: AT_BUREAU first, the decision step a moment later).
  useEffect(() => {
    if (!sent) return;
    let tries = 0;
    const timer = window.setInterval(async () => {
      tries++;
      const v = await load();
      const movedOn = v && (v.case.currentStep !== sent.step || v.case.status !== sent.status);
      const settled = v && (Boolean(v.case.currentStep) || TERMINAL_STATUSES.has(v.case.status));
      if (!v || (movedOn && settled) || tries > POLL_TRIES) {
        window.clearInterval(timer);
        setSent(undefined);
      }
    }, POLL_MS);
    return () => window.clearInterval(timer);
  }, [sent, load]);

  const { busy, error: actionError, run } = useAction(load);
  const action: OfficerAction = {
    busy,
    decide: async (post) => {
      if (!view) return;
      const { status, currentStep } = view.case;
      await run(post, () => setSent({ status, ...(currentStep ? { step: currentStep } : {}) }));
    },
    record: async (post) => {
      if (view) await run(post);
    },
  };

  return { view, audit, emails, error, sent, actionError, action, refresh: load };
}

/** The officer case page's action, handed to its panels. */
export const OfficerActionContext = createContext<OfficerAction | undefined>(undefined);

/** The action of the officer case page this panel is on. */
export function useOfficerAction(): OfficerAction {
  const action = useContext(OfficerActionContext);
  if (!action) throw new Error('useOfficerAction outside an officer case page');
  return action;
}
