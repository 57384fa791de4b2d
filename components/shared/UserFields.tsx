import { userFieldDisplay } from '@/lib/display';
import { t } from './i18n';

/** A user's fields as a list: dates readable with the raw number on hover, the rest as text (see `userFieldDisplay`). */
export function UserFields({ user, omit }: { user: object; omit?: ReadonlySet<string> }) {
  return (
    <dl class="user-fields">
      {Object.entries(user)
        .filter(([field]) => !omit?.has(field))
        .map(([field, value]: [string, unknown]) => {
          const { text, raw, dateTime } = userFieldDisplay(field, value, t('never'));
          return (
            <div key={field}>
              <dt>{field}</dt>
              <dd title={raw}>{dateTime ? <time dateTime={dateTime}>{text}</time> : text}</dd>
            </div>
          );
        })}
    </dl>
  );
}
