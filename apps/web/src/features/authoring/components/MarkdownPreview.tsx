import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../../components/Loading';

const FRAME_STYLE =
  'body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.6;color:#1c2430;margin:1rem;max-width:70ch}img{max-width:100%}a{color:#07504c}pre{background:#f1f3f5;padding:.75rem;overflow-x:auto}';

/**
 * The author's own preview of a lesson body. `marked` is loaded only here; the HTML goes into a
 * sandboxed frame (no scripts, no same origin), so a preview can never act on the page. Learners
 * see the server's sanitised rendering instead.
 */
export function MarkdownPreview({ markdown, lang }: { markdown: string; lang: string }) {
  const { t } = useTranslation();
  const [html, setHtml] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void import('marked').then(({ marked }) => {
      const rendered = marked.parse(markdown, { async: false, gfm: true });
      if (live) setHtml(rendered);
    });
    return () => {
      live = false;
    };
  }, [markdown]);
  if (html === null) return <Loading />;
  return (
    <iframe
      className="preview-frame"
      title={t('authoring.lesson.previewTitle')}
      sandbox=""
      srcDoc={`<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><style>${FRAME_STYLE}</style></head><body>${html}</body></html>`}
    />
  );
}
