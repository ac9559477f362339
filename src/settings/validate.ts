import { normalizeBackendUrl } from '../glean/backend-url';
import { isGleanError } from '../glean/errors';
import { isActAsAddress } from '../glean/header-values';
import { t } from '../i18n/t';
import type { Settings, TokenType } from './types';

/** The fields of the options form as typed, before checking. */
export interface SettingsDraft {
  backend: string;
  tokenType: TokenType;
  actAs: string;
  userId: string;
}

/** A problem with one field, worded for the person who typed it. */
export interface FieldError {
  field: keyof SettingsDraft | 'token' | 'issuer' | 'clientId' | 'scopes';
  message: string;
}

/** Whether a string is an e-mail address to act as: exactly what a request will send (header-values.ts). */
export function isEmail(value: string): boolean {
  return isActAsAddress(value.trim());
}

/** The API base for what was typed as "Glean backend", or '' with the reason added to `errors`. */
export function checkBackend(text: string, errors: FieldError[]): string {
  try {
    return normalizeBackendUrl(text);
  } catch (e) {
    errors.push({ field: 'backend', message: isGleanError(e) ? e.message : t('settings_notGleanAddress') });
    return '';
  }
}

/** Checks a draft and returns the settings to store, or every field error at once. */
export function validateSettings(draft: SettingsDraft): { settings: Settings } | { errors: FieldError[] } {
  const errors: FieldError[] = [];
  const apiBase = checkBackend(draft.backend, errors);
  const actAs = draft.actAs.trim();
  if (draft.tokenType === 'global') {
    if (!actAs) errors.push({ field: 'actAs', message: t('settings_actAsRequired') });
    else if (!isEmail(actAs)) errors.push({ field: 'actAs', message: t('settings_actAsNotEmail', actAs) });
  } else if (actAs) {
    errors.push({ field: 'actAs', message: t('settings_actAsWithUserToken') });
  }
  if (errors.length) return { errors };
  return { settings: { apiBase, tokenType: draft.tokenType, actAs, userId: draft.userId.trim() } };
}

/** Thrown by the background when a draft does not validate; the router passes the fields on. */
export class SettingsInvalidError extends Error {
  constructor(readonly fields: FieldError[]) {
    super(fields.map((f) => f.message).join(' '));
    this.name = 'SettingsInvalidError';
  }
}

/** Validates a draft or throws SettingsInvalidError with every field's problem. */
export function requireValidSettings(draft: SettingsDraft): Settings {
  const result = validateSettings(draft);
  if ('errors' in result) throw new SettingsInvalidError(result.errors);
  return result.settings;
}
