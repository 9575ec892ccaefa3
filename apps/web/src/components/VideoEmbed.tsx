import { useTranslation } from 'react-i18next';

const VIDEO_ID = /^[A-Za-z0-9_-]{6,20}$/;

/**
 * The embeddable player URL for the allow-listed hosts (the CSP's frame-src names the same ones):
 * YouTube (always through youtube-nocookie.com), Vimeo and SWITCHtube; null for anything else.
 */
export function embedUrl(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const host = url.hostname.replace(/^(www|m)\./, '');
  if (host === 'youtube.com' || host === 'youtube-nocookie.com') {
    const path = /^\/(?:embed|shorts|live)\/([^/?#]+)/.exec(url.pathname);
    const id = path?.[1] ?? url.searchParams.get('v');
    return id && VIDEO_ID.test(id) ? `https://www.youtube-nocookie.com/embed/${id}` : null;
  }
  if (host === 'youtu.be') {
    const id = url.pathname.split('/')[1];
    return id && VIDEO_ID.test(id) ? `https://www.youtube-nocookie.com/embed/${id}` : null;
  }
  if (host === 'vimeo.com' || host === 'player.vimeo.com') {
    const id = /^\/(?:video\/)?(\d{3,12})(?:$|[/?#])/.exec(url.pathname)?.[1];
    return id ? `https://player.vimeo.com/video/${id}` : null;
  }
  if (host === 'tube.switch.ch') {
    const id = /^\/(?:videos|embed)\/([A-Za-z0-9_-]{4,40})(?:$|[/?#])/.exec(url.pathname)?.[1];
    return id ? `https://tube.switch.ch/embed/${id}` : null;
  }
  return null;
}

function isWebLink(raw: string): boolean {
  try {
    const { protocol } = new URL(raw);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

export function VideoEmbed({ url, title }: { url: string; title: string }) {
  const { t } = useTranslation();
  const src = embedUrl(url);
  if (src) {
    return (
      <div className="video">
        <iframe
          src={src}
          title={t('player.videoTitle', { title })}
          loading="lazy"
          allow="encrypted-media; fullscreen; picture-in-picture"
          referrerPolicy="strict-origin-when-cross-origin"
        />
      </div>
    );
  }
  if (!isWebLink(url)) return null;
  return (
    <p className="video-link">
      <a href={url} target="_blank" rel="noopener noreferrer">
        {t('player.videoLink', { title })}
        <span className="visually-hidden"> ({t('common.newTab')})</span>
      </a>
    </p>
  );
}
