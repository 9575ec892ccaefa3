/**
 * JSON in sessionStorage that never throws (storage may be full or disabled). What comes back
 * is `unknown`: the caller checks its shape, since another version of the app may have written it.
 */
export function readSession(key: string): unknown {
  try {
    const raw = window.sessionStorage.getItem(key);
    return raw === null ? null : (JSON.parse(raw) as unknown);
  } catch {
    return null;
  }
}

export function writeSession(key: string, value: unknown): void {
  try {
    window.sessionStorage.setItem(key, JSON.stringify(value));
  } catch {
    // ignored: keeping answers across a reload is a convenience
  }
}

export function removeSession(...keys: string[]): void {
  try {
    for (const key of keys) window.sessionStorage.removeItem(key);
  } catch {
    // ignored
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A text field of a submitted form (FormData values may also be files). */
export function formText(data: FormData, name: string): string {
  const value = data.get(name);
  return typeof value === 'string' ? value.trim() : '';
}
