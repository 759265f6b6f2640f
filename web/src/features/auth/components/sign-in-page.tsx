import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { ErrorSummary, type FieldError } from '../../../components/error-summary';
import { api } from '../../../lib/api-client';
import { queryKeys, useSession } from '../../../lib/queries';
import { useDocumentTitle } from '../../../lib/use-document-title';

/** Only paths of this site are followed after signing in. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function SignInPage() {
  useDocumentTitle('Sign in');
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const session = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<string[]>([]);
  // Each refused submit moves focus to the summary again, as each wrong password does (a new error).
  const [refusals, setRefusals] = useState(0);

  const login = useMutation({
    mutationFn: api.login,
    onSuccess: (newSession) => {
      // Not clear(): the header observes the session query, and must see the new one.
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== queryKeys.session[0] });
      queryClient.setQueryData(queryKeys.session, newSession);
      navigate(next, { replace: true });
    },
  });

  if (session.data) return <Navigate to={next} replace />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const gaps = [...(email.trim() ? [] : ['email']), ...(password ? [] : ['password'])];
    setMissing(gaps);
    if (gaps.length) {
      // The API's answer to the last try is out of date, so only the missing fields are summarised.
      login.reset();
      setRefusals((n) => n + 1);
      return;
    }
    login.mutate({ email: email.trim(), password });
  };

  const errors: FieldError[] = [
    ...(missing.includes('email') ? [{ field: 'email', text: 'Enter your email address' }] : []),
    ...(missing.includes('password') ? [{ field: 'password', text: 'Enter your password' }] : []),
    ...(login.isError ? [{ field: 'email', text: login.error.message }] : []),
  ];

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} focusKey={login.error ?? refusals} />
        <h1>Sign in to PCSP Insights</h1>
        <p>Use the email address and password your administrator gave you.</p>
        <form onSubmit={submit} noValidate>
          <div className={`nhsuk-form-group${missing.includes('email') ? ' nhsuk-form-group--error' : ''}`}>
            <label className="nhsuk-label" htmlFor="email">
              Email address
            </label>
            {missing.includes('email') && (
              <span className="nhsuk-error-message" id="email-error">
                <span className="nhsuk-u-visually-hidden">Error:</span> Enter your email address
              </span>
            )}
            <input
              className={`nhsuk-input${missing.includes('email') ? ' nhsuk-input--error' : ''}`}
              id="email"
              name="email"
              type="email"
              autoComplete="username"
              spellCheck={false}
              value={email}
              aria-describedby={missing.includes('email') ? 'email-error' : undefined}
              onChange={(e) => setEmail(e.target.value)}
            />
          </div>
          <div className={`nhsuk-form-group${missing.includes('password') ? ' nhsuk-form-group--error' : ''}`}>
            <label className="nhsuk-label" htmlFor="password">
              Password
            </label>
            {missing.includes('password') && (
              <span className="nhsuk-error-message" id="password-error">
                <span className="nhsuk-u-visually-hidden">Error:</span> Enter your password
              </span>
            )}
            <input
              className={`nhsuk-input${missing.includes('password') ? ' nhsuk-input--error' : ''}`}
              id="password"
              name="password"
              type="password"
              autoComplete="current-password"
              value={password}
              aria-describedby={missing.includes('password') ? 'password-error' : undefined}
              onChange={(e) => setPassword(e.target.value)}
            />
          </div>
          <button className="nhsuk-button" type="submit" disabled={login.isPending}>
            {login.isPending ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      </div>
    </div>
  );
}
