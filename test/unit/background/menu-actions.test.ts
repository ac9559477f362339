import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createMenus } from '../../../src/background/context-menus';
import { IMAGE_LINK_PATTERNS, menuChoice, PRESETS, profileTitle, SHOT_ENTRIES, shotKind } from '../../../src/background/menu-actions';
import { imageSitePattern } from '../../../src/background/right-click';
import { DEFAULT_UPLOAD_PREFERENCES } from '../../../src/settings/upload-preferences';

const prefs = { defaultType: 'UGC' as const, defaultMetadata: { ds: 'wiki' } };

describe('menuChoice', () => {
  it('"Upload to Glean" uses the default type and metadata, on images and image links', () => {
    expect(menuChoice('glean-upload', prefs, 'me')).toEqual({ action: 'upload', metadata: { type: 'UGC', ds: 'wiki' } });
    expect(menuChoice('glean-upload-link', prefs, 'me')).toEqual({ action: 'upload', metadata: { type: 'UGC', ds: 'wiki' } });
    expect(menuChoice('glean-upload-background', prefs, 'me')).toEqual({ action: 'upload', metadata: { type: 'UGC', ds: 'wiki' } });
    expect(menuChoice('glean-upload', DEFAULT_UPLOAD_PREFERENCES, '')).toEqual({ action: 'upload', metadata: { type: 'UGC' } });
  });

  it.each([
    ['glean-as-background', 'BACKGROUND'],
    ['glean-as-header', 'HEADER'],
    ['glean-as-logo', 'LOGO'],
    ['glean-as-icon', 'ICON'],
    ['glean-as-feedback', 'FEEDBACK'],
    ['glean-as-logo-link', 'LOGO'],
  ])('%s uploads as %s', (id, type) => {
    expect(menuChoice(id, prefs, 'me')).toEqual({ action: 'upload', metadata: { type } });
  });

  it('"My profile picture" uploads as USER with "Your user ID"', () => {
    expect(menuChoice('glean-as-user', prefs, 'u-42')).toEqual({ action: 'upload', metadata: { type: 'USER', id: 'u-42' } });
  });

  it('a missing user id gives the message, not an upload', () => {
    const choice = menuChoice('glean-as-user', prefs, '');
    expect(choice.action).toBe('message');
    expect(choice.action === 'message' && choice.message).toContain('"Your user ID"');
    expect(profileTitle('')).toContain('set "Your user ID"');
    expect(profileTitle('u')).toBe('My profile picture');
  });

  it('"Upload with details…" opens the details window with the defaults; unknown ids do nothing', () => {
    expect(menuChoice('glean-upload-details', prefs, '')).toEqual({ action: 'details', metadata: { type: 'UGC', ds: 'wiki' } });
    expect(menuChoice('something-else', prefs, '')).toEqual({ action: 'none' });
  });
});

describe('shotKind', () => {
  it('maps the screenshot entries to their kinds, and nothing else to one', () => {
    expect(['glean-shot-visible', 'glean-shot-region', 'glean-shot-page'].map(shotKind)).toEqual(['visible', 'region', 'page']);
    expect(shotKind('glean-shot')).toBeUndefined();
    expect(shotKind('glean-upload')).toBeUndefined();
    // A screenshot entry is never an upload of a picture.
    expect(menuChoice('glean-shot-visible', prefs, 'me')).toEqual({ action: 'none' });
  });
});

describe('createMenus', () => {
  it('creates every entry once, on the right contexts, replacing what was there', async () => {
    const created: Record<string, unknown>[] = [];
    const removeAll = vi.fn(async () => undefined);
    Object.assign(fakeBrowser, { contextMenus: { removeAll, create: (p: Record<string, unknown>, cb?: () => void) => (created.push(p), cb?.()) } });
    await createMenus('');
    await createMenus('me');
    expect(removeAll).toHaveBeenCalledTimes(2);
    const second = created.slice(created.length / 2);
    const ids = second.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    const byId = Object.fromEntries(second.map((p) => [p.id, p]));
    expect(byId['glean-upload']).toMatchObject({ title: 'Upload to Glean', contexts: ['image'] });
    expect(byId['glean-upload']).not.toHaveProperty('targetUrlPatterns');
    expect(byId['glean-upload-link']).toMatchObject({ contexts: ['link'], targetUrlPatterns: IMAGE_LINK_PATTERNS });
    expect(byId['glean-upload-as']).toMatchObject({ title: 'Upload to Glean as', contexts: ['image'] });
    for (const preset of PRESETS) expect(byId[preset.id]).toMatchObject({ parentId: 'glean-upload-as' });
    expect(byId['glean-as-user']).toMatchObject({ title: 'My profile picture' });
    expect(byId['glean-upload-details']).toMatchObject({ title: 'Upload with details…', parentId: 'glean-upload-as' });
    expect(byId['glean-upload-background']).toMatchObject({ title: 'Upload background image to Glean', contexts: ['page', 'frame'] });
    expect(byId['glean-shot']).toMatchObject({ title: 'Upload screenshot to Glean', contexts: ['all'] });
    expect(SHOT_ENTRIES.map((e) => byId[e.id])).toEqual([
      expect.objectContaining({ title: 'Visible area', parentId: 'glean-shot' }),
      expect.objectContaining({ title: 'Select a region', parentId: 'glean-shot' }),
      expect.objectContaining({ title: 'Whole page', parentId: 'glean-shot' }),
    ]);
    expect(created[0]).toMatchObject({ id: 'glean-upload' });
    expect(created.find((p) => p.id === 'glean-as-user')).toMatchObject({ title: profileTitle('') });
  });
});

describe('imageSitePattern', () => {
  it('asks for an image site only when it is not the page\'s own and the address is http(s)', () => {
    expect(imageSitePattern('https://cdn.example.com/a.png?x=1', 'https://wiki.example.com/page')).toBe('https://cdn.example.com/*');
    expect(imageSitePattern('https://wiki.example.com/a.png', 'https://wiki.example.com/page')).toBeNull();
    expect(imageSitePattern('data:image/png;base64,AAAA', 'https://wiki.example.com/')).toBeNull();
    expect(imageSitePattern('blob:https://wiki.example.com/uuid', 'https://wiki.example.com/')).toBeNull();
    expect(imageSitePattern(undefined, 'https://wiki.example.com/')).toBeNull();
  });
});
