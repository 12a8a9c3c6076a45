import { HttpErrorResponse } from '@angular/common/http';

const UNREACHABLE_MESSAGE = 'The panel server is unreachable.';

/** Turns a failed API call into one readable sentence from the server's `{message, details}` error body. */
export function describeApiError(error: unknown): string {
  if (!(error instanceof HttpErrorResponse)) {
    return error instanceof Error ? error.message : 'Something went wrong.';
  }
  if (error.status === 0) {
    return UNREACHABLE_MESSAGE;
  }
  const body = parseBody(error.error);
  const message = textOf(body['message']);
  const details = Array.isArray(body['details']) ? body['details'].map(describeDetail).filter(Boolean) : [];
  const parts = [message, ...details].filter((part) => part.length > 0);
  if (parts.length > 0) {
    return parts.join(' · ');
  }
  return `Request failed (${error.status}${error.statusText ? ` ${error.statusText}` : ''}).`;
}

// Text-typed endpoints (CSV export, 204 responses) deliver their error body as an unparsed string.
function parseBody(raw: unknown): Record<string, unknown> {
  let body = raw;
  if (typeof raw === 'string') {
    try {
      body = JSON.parse(raw);
    } catch {
      // A proxy's plain-text or HTML error page: only short plain text is worth showing.
      return { message: raw.length <= 200 && !raw.includes('<') ? raw : '' };
    }
  }
  return body !== null && typeof body === 'object' ? (body as Record<string, unknown>) : {};
}

function textOf(value: unknown): string {
  if (typeof value === 'string') {
    return value.trim();
  }
  if (Array.isArray(value)) {
    return value.filter((item): item is string => typeof item === 'string').join('; ');
  }
  return '';
}

function describeDetail(detail: unknown): string {
  if (detail === null || typeof detail !== 'object') {
    return '';
  }
  const { field, message } = detail as Record<string, unknown>;
  const text = textOf(message);
  return typeof field === 'string' && field && text ? `${field}: ${text}` : text;
}

/** The `{field, message}` details of a 400, keyed by field, for showing next to each input of a form. */
export function fieldErrorsOf(error: unknown): Readonly<Record<string, string>> {
  if (!(error instanceof HttpErrorResponse) || error.status !== 400) {
    return {};
  }
  const details = parseBody(error.error)['details'];
  const result: Record<string, string> = {};
  if (Array.isArray(details)) {
    for (const detail of details as unknown[]) {
      const { field, message } = (detail ?? {}) as Record<string, unknown>;
      const text = textOf(message);
      if (typeof field === 'string' && text) {
        result[field] = text;
      }
    }
  }
  return result;
}
