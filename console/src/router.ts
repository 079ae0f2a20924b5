/**
 * A hash router (#/cases/C-1?tab=docs): works from any static host with no rewrite rules, and keeps
 * the sign-in callback's ?code=… apart from the routes.
 */
import { useEffect, useState } from 'react';

export interface Route {
  name:
    | 'home'
    | 'cases'
    | 'filings'
    | 'new-case'
    | 'case'
    | 'case-form'
    | 'edit-case'
    | 'queue'
    | 'officer-case'
    | 'help'
    | 'staff-cases'
    | 'override-queue'
    | 'dashboard'
    | 'not-found';
  params: Record<string, string>;
  query: URLSearchParams;
}

const PATTERNS: Array<[Route['name'], RegExp]> = [
  ['home', /^\/?$/],
  ['cases', /^\/cases\/?$/],
  ['filings', /^\/filings\/?$/],
  ['new-case', /^\/cases\/new\/?$/],
  ['case', /^\/cases\/(?<caseId>[A-Za-z0-9_-]+)\/?$/],
  ['edit-case', /^\/cases\/(?<caseId>[A-Za-z0-9_-]+)\/edit\/?$/],
  ['case-form', /^\/cases\/(?<caseId>[A-Za-z0-9_-]+)\/forms\/(?<docType>[A-Z_]+)\/?$/],
  ['queue', /^\/officer\/?$/],
  ['officer-case', /^\/officer\/cases\/(?<caseId>[A-Za-z0-9_-]+)\/?$/],
  ['staff-cases', /^\/officer\/cases\/?$/],
  ['override-queue', /^\/supervisor\/overrides\/?$/],
  ['dashboard', /^\/supervisor\/dashboard\/?$/],
  ['help', /^\/help\/?$/],
];

/** Parses a location hash ('#/cases/C-1?x=1') into a route. */
export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, '') || '/';
  const [path = '/', search = ''] = raw.split('?');
  const query = new URLSearchParams(search);
  for (const [name, pattern] of PATTERNS) {
    const match = pattern.exec(path);
    if (match) return { name, params: { ...(match.groups ?? {}) }, query };
  }
  return { name: 'not-found', params: {}, query };
}

export const href = (path: string): string => `#${path}`;

export function navigate(path: string, options: { replace?: boolean } = {}): void {
  const target = href(path);
  if (options.replace) {
    window.history.replaceState(null, '', target);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    window.location.hash = target;
  }
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseHash(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
