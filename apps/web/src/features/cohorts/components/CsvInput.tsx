import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TextArea } from '../../../components/form';

/** A CSV from a file or pasted; the text is handed on as soon as it is known. */
export function CsvInput({
  id,
  header,
  value,
  onChange,
  error,
  onFile,
  hint,
}: {
  id: string;
  header: string;
  value: string;
  onChange: (csv: string) => void;
  error?: string | undefined;
  /** When given, a chosen file is handed on as it is (bytes: any encoding, or an XLSX) instead of as text. */
  onFile?: (file: File) => void;
  hint?: string;
}) {
  const { t } = useTranslation();
  const [fileName, setFileName] = useState<string | null>(null);
  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-file`}>{t('manage.csv.file')}</label>
        <p className="hint" id={`${id}-file-hint`}>
          {hint ?? t('manage.csv.fileHint', { header })}
        </p>
        <input
          id={`${id}-file`}
          type="file"
          accept={onFile ? '.csv,.txt,.tsv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : '.csv,text/csv'}
          aria-describedby={`${id}-file-hint`}
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (!file) return;
            setFileName(file.name);
            if (onFile) onFile(file);
            else void file.text().then(onChange);
          }}
        />
        {fileName ? <p className="hint">{t('manage.csv.loaded', { name: fileName })}</p> : null}
      </div>
      <TextArea id={`${id}-text`} label={t('manage.csv.paste')} rows={6} value={value} error={error} spellCheck={false} onChange={(e) => { onChange(e.target.value); }} />
    </>
  );
}
