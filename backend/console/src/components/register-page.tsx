import {
  PASSWORD_MIN_LENGTH,
  REGISTRABLE_TENANT_KINDS,
  REGISTRATION_MAX_PROOFS,
  RegistrationDataSchema,
  checkPassword,
  type PasswordProblem,
  type RegistrationData,
} from '@openipp/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../hooks/use-error-text';
import { NAMESPACES, currentLocale } from '../i18n';
import { ApiError, type ApiClient } from '../lib/api';
import { fieldErrorsFromProblem, fieldErrorsFromZod, type FieldErrors } from '../lib/field-errors';
import { DocumentPicker, type PickedDocuments } from './document-picker';
import { FieldError } from './field-error';
import { EMPTY_IDENTITY, IdentityFields, errorsUnder, type IdentityDraft } from './identity-fields';
import { PasswordField, isPasswordProblem } from './password-field';
import { PublicScreen } from './public-screen';

type TenantKind = (typeof REGISTRABLE_TENANT_KINDS)[number];

interface Draft {
  tenantKind: TenantKind;
  identity: IdentityDraft;
  displayName: string;
  email: string;
  password: string;
  phone: string;
  postalAddress: string;
}

const EMPTY: Draft = { tenantKind: 'rights_holder', identity: EMPTY_IDENTITY, displayName: '', email: '', password: '', phone: '', postalAddress: '' };

/** Why the form was not sent, or what the server refused. */
type Failure = { kind: 'local' } | { kind: 'server'; error: unknown };

/**
 * Registration of a rights holder, agency or seller: the entity's identity and
 * proof, and its first user (the owner). Checked here with the server's own
 * schema, password policy and file sniffing before anything is uploaded.
 */
export function RegisterPage({ api }: { api: ApiClient }) {
  const { t } = useTranslation(NAMESPACES);
  const errorText = useErrorText();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [proofs, setProofs] = useState<PickedDocuments>({ files: [], checks: [] });
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [passwordProblems, setPasswordProblems] = useState<readonly PasswordProblem[]>([]);
  const [failure, setFailure] = useState<Failure>();
  const [submitting, setSubmitting] = useState(false);
  const [registeredEmail, setRegisteredEmail] = useState<string>();

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((current) => ({ ...current, [key]: value }));

  const proofProblem =
    proofs.files.length === 0 ? 'none' : proofs.files.length > REGISTRATION_MAX_PROOFS ? 'too_many' : proofs.checks.some((check) => check.problem) ? 'bad_file' : undefined;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFailure(undefined);
    setPasswordProblems([]);
    const data: RegistrationData = {
      tenantKind: draft.tenantKind,
      identity: { ...draft.identity },
      email: draft.email,
      password: draft.password,
      displayName: draft.displayName,
      locale: currentLocale(),
      phone: draft.phone.trim() || null,
      postalAddress: draft.postalAddress.trim() || null,
    };
    const parsed = RegistrationDataSchema.safeParse(data);
    const local = parsed.success ? {} : fieldErrorsFromZod(parsed.error.issues);
    const weak = checkPassword(draft.password, { email: draft.email.trim() });
    setFieldErrors(local);
    if (!parsed.success || weak.length > 0 || proofProblem) {
      setFailure({ kind: 'local' });
      return;
    }
    setSubmitting(true);
    try {
      await api.register(data, proofs.files);
      setRegisteredEmail(parsed.data.email);
    } catch (caught) {
      setFailure({ kind: 'server', error: caught });
      if (caught instanceof ApiError) {
        if (caught.code === 'weak_password') setPasswordProblems(caught.errors.map((error) => error.code).filter(isPasswordProblem));
        if (caught.code === 'validation_failed') setFieldErrors(fieldErrorsFromProblem(caught.errors));
      }
    } finally {
      setSubmitting(false);
    }
  }

  if (registeredEmail !== undefined) return <RegisterDone api={api} email={registeredEmail} />;

  const serverError = failure?.kind === 'server' ? failure.error : undefined;
  const weakList = serverError instanceof ApiError && serverError.code === 'weak_password' ? passwordProblems : [];

  return (
    <PublicScreen width="wide">
      <h1 className="login-heading">{t('register.heading')}</h1>
      <p className="muted">{t('register.intro')}</p>
      <form className="register-form" onSubmit={submit} noValidate>
        <fieldset className="form-section">
          <legend>{t('register.sections.kind')}</legend>
          <label className="field">
            <span className="field-label">{t('register.tenantKind')}</span>
            <select data-testid="register-tenant-kind" value={draft.tenantKind} onChange={(event) => set('tenantKind', event.target.value as TenantKind)}>
              {REGISTRABLE_TENANT_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`common:tenantKinds.${kind}`)}
                </option>
              ))}
            </select>
          </label>
          <p className="section-hint">{t(`register.tenantKindHints.${draft.tenantKind}`)}</p>
        </fieldset>

        <fieldset className="form-section">
          <legend>{t('register.sections.identity')}</legend>
          <p className="section-hint">{t('register.identityIntro')}</p>
          <IdentityFields
            testIdPrefix="register"
            value={draft.identity}
            onChange={(identity) => set('identity', identity)}
            errors={errorsUnder(fieldErrors, 'identity.')}
          />
        </fieldset>

        <fieldset className="form-section">
          <legend>{t('register.sections.account')}</legend>
          <div className="form-grid">
            <label className="field">
              <span className="field-label">{t('register.displayName')}</span>
              <input
                data-testid="register-display-name"
                required
                maxLength={120}
                autoComplete="name"
                value={draft.displayName}
                onChange={(event) => set('displayName', event.target.value)}
              />
              <span className="muted small">{t('register.displayNameHint')}</span>
              <FieldError field="displayName" codes={fieldErrors.displayName} />
            </label>
            <label className="field">
              <span className="field-label">{t('common:email')}</span>
              <input
                data-testid="register-email"
                type="email"
                required
                maxLength={254}
                autoComplete="email"
                value={draft.email}
                onChange={(event) => set('email', event.target.value)}
              />
              <span className="muted small">{t('register.emailHint')}</span>
              <FieldError field="email" codes={fieldErrors.email} />
            </label>
            <PasswordField
              testId="register-password"
              value={draft.password}
              email={draft.email.trim()}
              serverProblems={passwordProblems}
              errorCodes={fieldErrors.password}
              onChange={(value) => {
                set('password', value);
                setPasswordProblems([]);
              }}
            />
            <label className="field">
              <span className="field-label">{t('contacts.phone')}</span>
              <input
                data-testid="register-phone"
                type="tel"
                maxLength={40}
                autoComplete="tel"
                value={draft.phone}
                onChange={(event) => set('phone', event.target.value)}
              />
              <span className="muted small">{t('contacts.phoneHint')}</span>
              <FieldError field="phone" codes={fieldErrors.phone} />
            </label>
            <label className="field field-wide">
              <span className="field-label">{t('contacts.address')}</span>
              <textarea
                data-testid="register-address"
                rows={2}
                maxLength={1000}
                autoComplete="street-address"
                value={draft.postalAddress}
                onChange={(event) => set('postalAddress', event.target.value)}
              />
              <span className="muted small">{t('contacts.addressHint')}</span>
              <FieldError field="postalAddress" codes={fieldErrors.postalAddress} />
            </label>
          </div>
        </fieldset>

        <fieldset className="form-section">
          <legend>{t('register.sections.proof')}</legend>
          <DocumentPicker
            testId="register-proof"
            label={t('register.proof')}
            hint={t(`register.proofHint.${draft.identity.entityKind}`, { max: REGISTRATION_MAX_PROOFS })}
            multiple
            picked={proofs}
            onChange={setProofs}
          />
          <FieldError field="proof" codes={fieldErrors.proof} />
          {failure?.kind === 'local' && proofProblem && (
            <span className="field-error" role="alert" data-testid="register-proof-error">
              {t(`register.proofProblems.${proofProblem}`, { max: REGISTRATION_MAX_PROOFS })}
            </span>
          )}
        </fieldset>

        {failure !== undefined && (
          <div className="form-error" role="alert" data-testid="register-error" data-code={serverError instanceof ApiError ? serverError.code : 'local'}>
            {failure.kind === 'local' ? t('register.fixFields') : errorText(failure.error)}
            {weakList.length > 0 && (
              <ul className="error-list">
                {weakList.map((problem) => (
                  <li key={problem}>{t(`password.problems.${problem}`, { min: PASSWORD_MIN_LENGTH })}</li>
                ))}
              </ul>
            )}
          </div>
        )}

        <p className="muted small">{t('register.afterSubmit')}</p>
        <div className="form-actions">
          <a className="button" href="#/">
            {t('register.backToSignIn')}
          </a>
          <button data-testid="register-submit" className="button button-primary" type="submit" disabled={submitting}>
            {submitting ? t('register.submitting') : t('register.submit')}
          </button>
        </div>
      </form>
    </PublicScreen>
  );
}

/** After registering: what happens next, and a way to get the mail again. */
function RegisterDone({ api, email }: { api: ApiClient; email: string }) {
  const { t } = useTranslation(NAMESPACES);
  const errorText = useErrorText();
  const [resend, setResend] = useState<{ state: 'idle' | 'sending' | 'sent' } | { state: 'failed'; error: unknown }>({ state: 'idle' });

  async function send() {
    setResend({ state: 'sending' });
    try {
      await api.resendVerification(email);
      setResend({ state: 'sent' });
    } catch (error) {
      setResend({ state: 'failed', error });
    }
  }

  return (
    <PublicScreen>
      <div data-testid="register-done" role="status">
        <span className="notice-icon notice-icon-mail" aria-hidden="true" />
        <h1 className="login-heading">{t('register.done.heading')}</h1>
        <ol className="steps">
          <li>{t('register.done.steps.email', { email })}</li>
          <li>{t('register.done.steps.identity')}</li>
          <li>{t('register.done.steps.signIn')}</li>
        </ol>
      </div>
      {resend.state === 'sent' && (
        <p className="form-notice" role="status" data-testid="register-resend-done">
          {t('register.done.resent', { email })}
        </p>
      )}
      {resend.state === 'failed' && (
        <p className="form-error" role="alert">
          {errorText(resend.error)}
        </p>
      )}
      <div className="form-actions form-actions-split">
        <button data-testid="register-resend" className="button" type="button" disabled={resend.state === 'sending'} onClick={() => void send()}>
          {resend.state === 'sending' ? t('register.done.resending') : t('register.done.resend')}
        </button>
        <a className="button button-primary" href="#/" data-testid="register-done-sign-in">
          {t('common:signIn')}
        </a>
      </div>
    </PublicScreen>
  );
}
