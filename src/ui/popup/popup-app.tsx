import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n/t';
import type { ProcessingOptions } from '../../images/types';
import { send } from '../../messaging/send';
import type { PublicSettings } from '../../settings/types';
import { DetailsView } from './details-view';
import { HistoryTab } from './history-tab';
import { LookupTab } from './lookup-tab';
import { openSettings } from './open-settings';
import { PageTab } from './page-tab';
import { routeFrom } from './popup-route';
import { ScreenshotButtons } from './screenshot-buttons';
import { SiteSwitch } from './site-switch';
import { ProcessingDefaults } from './processing-defaults';
import { Tabs, type TabSpec } from './tabs';
import { UploadTab } from './upload-tab';

/** Whether the extension knows a backend and holds a token (or an OAuth sign-in that only needs renewing). */
export function isConfigured(s: PublicSettings): boolean {
  return Boolean(s.apiBase && (s.hasToken || s.needsSignIn));
}

function tabsFor(settings: PublicSettings, highlight?: string): TabSpec[] {
  return [
    { id: 'upload', label: t('popup_upload'), render: (active) => <UploadTab settings={settings} active={active} /> },
    { id: 'lookup', label: t('popup_lookUp'), render: () => <LookupTab settings={settings} /> },
    { id: 'page', label: t('popup_thisPage'), render: () => <PageTab settings={settings} /> },
    { id: 'history', label: t('popup_history'), render: () => <HistoryTab highlight={highlight} /> },
  ];
}

/**
 * The toolbar popup: the four tabs once Glean is configured, else the way to set it up. The same
 * page is the "Upload with details…" window (`?details=`) and the toast's link into History.
 */
export function PopupApp() {
  const [settings, setSettings] = useState<PublicSettings | null>(null);
  const [error, setError] = useState('');
  const [route] = useState(() => routeFrom(location.search));
  const [processingDefaults, setProcessingDefaults] = useState<ProcessingOptions | null>(null);
  const ready = settings !== null && isConfigured(settings);
  const tabsMode = route.kind === 'tabs';

  useEffect(() => {
    send('settings.get', null).then(setSettings, (e: Error) => setError(e.message));
  }, []);
  // Only for the processing summary; without it the summary just says "default".
  useEffect(() => {
    if (ready && tabsMode) send('preferences.get', null).then((p) => setProcessingDefaults(p.processing), () => undefined);
  }, [ready, tabsMode]);

  const tabs = settings && route.kind === 'tabs' ? tabsFor(settings, route.highlight) : [];
  const initial = route.kind === 'tabs' ? Math.max(0, tabs.findIndex((tab) => tab.id === route.tab)) : 0;

  return (
    <main class={!ready ? 'popup' : tabsMode ? 'popup with-tabs' : 'popup details-window'}>
      <header class="popup-header">
        <h1>{t('extName')}</h1>
        {settings && isConfigured(settings) && (
          <p class="connection hint">
            <span>{new URL(settings.apiBase).host}</span>
            {settings.tokenType === 'global' && <span class="acting-as"> · {t('popup_actingAs', settings.actAs)}</span>}
          </p>
        )}
        {settings && isConfigured(settings) && (
          <button type="button" class="small header-settings" onClick={openSettings}>{t('common_settings')}</button>
        )}
        {ready && tabsMode && <SiteSwitch />}
        {ready && tabsMode && <ScreenshotButtons />}
      </header>
      {settings?.needsSignIn && <p class="error" role="alert">{t('popup_signInEnded')} <button type="button" class="small" onClick={openSettings}>{t('popup_signInAgain')}</button></p>}
      {error && <p class="error" role="alert">{error}</p>}
      {!settings && !error && <p class="hint" role="status">{t('common_loading')}</p>}
      {settings && !isConfigured(settings) && (
        <>
          <p>{t('popup_connectFirst')}</p>
          <div class="actions">
            <button type="button" class="primary" onClick={openSettings}>{t('common_openSettings')}</button>
          </div>
        </>
      )}
      {ready && route.kind === 'tabs' && (
        <ProcessingDefaults.Provider value={processingDefaults}>
          <Tabs label={t('extName')} tabs={tabs} initial={initial} />
        </ProcessingDefaults.Provider>
      )}
      {ready && route.kind === 'details' && <DetailsView target={route.target} settings={settings} />}
      {ready && route.kind === 'bad-details' && (
        <p class="error" role="alert">{t('popup_lostPicture', t('menu_uploadWithDetails'))}</p>
      )}
    </main>
  );
}
