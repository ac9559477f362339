import { useEffect, useState } from 'preact/hooks';
import { send } from '../../messaging/send';
import type { PublicSettings } from '../../settings/types';
import { HistoryTab } from './history-tab';
import { LookupTab } from './lookup-tab';
import { openSettings } from './open-settings';
import { PageTab } from './page-tab';
import { Tabs, type TabSpec } from './tabs';
import { UploadTab } from './upload-tab';

/** Whether the extension knows a backend and holds a token. */
export function isConfigured(s: PublicSettings): boolean {
  return Boolean(s.apiBase && s.hasToken);
}

function tabsFor(settings: PublicSettings): TabSpec[] {
  return [
    { id: 'upload', label: 'Upload', render: (active) => <UploadTab settings={settings} active={active} /> },
    { id: 'lookup', label: 'Look up', render: () => <LookupTab settings={settings} /> },
    { id: 'page', label: 'This page', render: () => <PageTab settings={settings} /> },
    { id: 'history', label: 'History', render: () => <HistoryTab /> },
  ];
}

/** The toolbar popup: the four tabs once Glean is configured, else the way to set it up. */
export function PopupApp() {
  const [settings, setSettings] = useState<PublicSettings | null>(null);
  const [error, setError] = useState('');

  useEffect(() => {
    send('settings.get', null).then(setSettings, (e: Error) => setError(e.message));
  }, []);

  return (
    <main class={settings && isConfigured(settings) ? 'popup with-tabs' : 'popup'}>
      <header class="popup-header">
        <h1>Glean Images</h1>
        {settings && isConfigured(settings) && (
          <p class="connection hint">
            <span>{new URL(settings.apiBase).host}</span>
            {settings.tokenType === 'global' && <span class="acting-as"> · acting as {settings.actAs}</span>}
          </p>
        )}
        {settings && isConfigured(settings) && (
          <button type="button" class="small header-settings" onClick={openSettings}>Settings</button>
        )}
      </header>
      {error && <p class="error" role="alert">{error}</p>}
      {!settings && !error && <p class="hint" role="status">Loading…</p>}
      {settings && !isConfigured(settings) && (
        <>
          <p>Connect the extension to your Glean first.</p>
          <div class="actions">
            <button type="button" class="primary" onClick={openSettings}>Open settings</button>
          </div>
        </>
      )}
      {settings && isConfigured(settings) && <Tabs label="Glean Images" tabs={tabsFor(settings)} />}
    </main>
  );
}
