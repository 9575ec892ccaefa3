import { VideoEmbed } from './VideoEmbed';

/**
 * A lesson's video and body exactly as learners see them: the player and the author's preview
 * both render through here. `bodyHtml` is the server's rendering of the Markdown (marked, then
 * sanitize-html's allow-list), never HTML made in the browser.
 */
export function LessonContent({ title, videoUrl, bodyHtml, lang }: { title: string; videoUrl: string | null | undefined; bodyHtml: string; lang: string }) {
  return (
    <>
      {videoUrl ? <VideoEmbed url={videoUrl} title={title} /> : null}
      <div className="lesson-body prose" lang={lang} dangerouslySetInnerHTML={{ __html: bodyHtml }} />
    </>
  );
}
