import type { OrganisationRef } from './organisations.contract';

/**
 * admin: everything, imports and users. commissioner: one or more ICBs. network: one region.
 * practice: one practice (its own figures in full, its peers' whole-practice figures with names).
 */
export type Role = 'admin' | 'commissioner' | 'network' | 'practice';

/** A user as the API shows it (never the password hash). */
export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** Organisation codes of the area: ICB codes (commissioner), one region (network), one practice; [] for admin. */
  areas: string[];
  disabled: boolean;
  createdAt: string;
  lastLoginAt: string | null;
}

/** `POST /api/auth/login` body. */
export interface LoginRequest {
  email: string;
  password: string;
}

/** The answer to a login, and to `GET /api/auth/session` when someone is signed in: who, and what they may see. */
export interface Session {
  user: User;
  /** The organisations of the user's area, with names ([] for admin, who sees everything). */
  areas: OrganisationRef[];
  expiresAt: string;
}

/** `GET /api/auth/session` when nobody is signed in: a 200 answer, not a 401, as being signed out is not an error. */
export interface SignedOut {
  user: null;
}

/** `GET /api/auth/session`. */
export type SessionAnswer = Session | SignedOut;

/** `POST /api/auth/tokens` body: a bearer token for scripts, shown once. */
export interface CreateTokenRequest {
  name: string;
  /** Days until it expires (1 to 365, default 90). */
  days?: number;
}

export interface CreatedToken {
  id: string;
  name: string;
  /** Send as `Authorization: Bearer <token>`. Shown only in this answer. */
  token: string;
  expiresAt: string;
}

/** `POST /api/users` body (admin only). */
export interface CreateUserRequest {
  email: string;
  name: string;
  role: Role;
  areas: string[];
  /** At least 12 characters. */
  password: string;
}
