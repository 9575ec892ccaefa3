import { useTranslation } from 'react-i18next';
import { VideoEmbed } from './VideoEmbed';

/**
 * A lesson's video and body exactly as learners see them: the player and the author's preview
 * both render through here. `bodyHtml` is the server's rendering of the Markdown (marked, then
 * sanitize-html's allow-list), never HTML made in the browser. Under the video, its text
 * alternative (issue 22 point 1) in a disclosure, as plain text in the lesson's language.
 */
export function LessonContent({ title, videoUrl, videoText, bodyHtml, lang }: {
  title: string; videoUrl: string | null | undefined; videoText?: string | null | undefined; bodyHtml: string; lang: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      {videoUrl ? <VideoEmbed url={videoUrl} title={title} /> : null}
      {videoUrl && videoText ? (
        <details className="video-text">
          <summary>{t('player.transcript')}</summary>
          <div className="video-text-body" lang={lang}>
            {videoText.split(/\n{2,}/).map((paragraph, i) => <p key={i}>{paragraph}</p>)}
          </div>
        </details>
      ) : null}
      <div className="lesson-body prose" lang={lang} dangerouslySetInnerHTML={{ __html: bodyHtml }} />
    </>
  );
}
