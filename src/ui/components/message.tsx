import { Fragment, type ComponentChildren } from 'preact';
import { t, type MessageKey } from '../../i18n/t';

// Private-use characters stand in for the elements: getMessage substitutes them like any text,
// and no translation contains them, so splitting on them finds where each element goes.
const MARK = 0xe000;

/** A message with elements in it ("Key: <code>…</code>"), so translators can move them. */
export function Message({ id, args }: { id: MessageKey; args: ComponentChildren[] }) {
  const text = t(id, ...args.map((_, i) => String.fromCharCode(MARK + i)));
  const parts = text.split(/([\ue000-\ue008])/);
  return (
    <>
      {parts.map((part, i) => {
        const code = part.length === 1 ? part.charCodeAt(0) - MARK : -1;
        return <Fragment key={i}>{code >= 0 && code < args.length ? args[code] : part}</Fragment>;
      })}
    </>
  );
}
