/** Small named records in the settings store (queue pause, preferences), read and written whole. */
import { withStore } from './open';
import { STORES } from './schema';

/** Reads a named record, or undefined. */
export function getRecord<T>(name: string): Promise<T | undefined> {
  return withStore<T | undefined>(STORES.settings, 'readonly', (s) => s.get(name));
}

/** Writes a named record; undefined deletes it. */
export async function setRecord<T>(name: string, value: T | undefined): Promise<void> {
  if (value === undefined) await withStore(STORES.settings, 'readwrite', (s) => s.delete(name));
  else await withStore(STORES.settings, 'readwrite', (s) => s.put(value, name));
}
