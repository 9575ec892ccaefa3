import { useTranslation } from 'react-i18next';
import type { LineError } from '../../../api';
import { useFormat } from '../../../i18n/format';

/** Every rejected line of an upload, by line number. */
export function LineErrors({ errors, caption }: { errors: LineError[]; caption: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (!errors.length) return null;
  return (
    <div className="table-wrap">
      <table className="data">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              {t('manage.csv.line')}
            </th>
            <th scope="col">{t('manage.csv.problem')}</th>
          </tr>
        </thead>
        <tbody>
          {errors.map((e) => (
            <tr key={`${e.line}-${e.message}`}>
              <th scope="row" className="num">
                {fmt.number(e.line)}
              </th>
              <td>{e.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
