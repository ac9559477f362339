/**
 * The seeded profile pictures. Their keys are fixed ("seed-alice", ...) so the demo page and
 * e2e tests can name them; real keys are opaque, which the uploads still exercise.
 */
import type { ImageStore } from './image-store.js';
import { avatarPng, hexColour } from './pictures.js';

export interface SeedPerson {
  id: string;
  key: string;
  name: string;
  colour: string;
}

export const SEED_PEOPLE: readonly SeedPerson[] = [
  { id: 'alice', key: 'seed-alice', name: 'Alice', colour: '#e4572e' },
  { id: 'bob', key: 'seed-bob', name: 'Bob', colour: '#17bebb' },
  { id: 'carol', key: 'seed-carol', name: 'Carol', colour: '#7b2cbf' },
];

/** The PNG a seeded person gets: a 96x96 disc in their colour with their initial. */
export function seedPicture(person: SeedPerson): Buffer {
  return avatarPng(hexColour(person.colour), person.name[0] ?? '?');
}

/**
 * Adds each person as a USER image unless something already holds their key or metadata
 * (an upload persisted in dataDir wins over the seed: seeding never clobbers user data).
 */
export function seedImages(store: ImageStore): void {
  for (const person of SEED_PEOPLE) {
    const fields = { type: 'USER', id: person.id };
    if (store.getByKey(person.key) || store.getByMetadata(fields)) continue;
    store.put(fields, seedPicture(person), 'image/png', { key: person.key, seeded: true });
  }
}
