import type { Principal, Role } from '#adapters/jwt-verifier';
import type { ApiDependencies } from './dependencies.ts';

/** Hono's per-request variables for the API. */
export interface ApiEnv {
  Variables: {
    deps: ApiDependencies;
    requestId: string;
    principal?: Principal;
    /** The role the request acts in (the route's role, or supervisor acting as officer). */
    actingRole?: Role;
  };
}
