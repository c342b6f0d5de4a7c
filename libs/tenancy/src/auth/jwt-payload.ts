export interface JwtPayload {
  sub: string;
  email: string;
  // Set only in dashboard cookie sessions: what their CSRF token is bound to.
  sid?: string;
  exp?: number;
}
