import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

/**
 * Lesson bodies are Markdown written by authors; learners' browsers receive HTML. The HTML
 * is rendered with marked and then passed through an allow-list: no scripts, no event
 * handlers, no style, no frames or embeds, links only to http(s), mailto and the course's own
 * media, images only from the course's own media (`/api/media/<id>`, served from Kindling's
 * origin, which the CSP's img-src allows) or https. Video goes in the lesson's videoUrl, never
 * into the body.
 */
const markdown = new Marked({ gfm: true, breaks: false, async: false });

/** A media URL of Kindling's own origin (uploaded through POST /api/courses/:id/media). */
const OWN_MEDIA = /^\/api\/media\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SAFE_HREF = /^(https?:\/\/|mailto:|#)/i;
const SAFE_SRC = /^https:\/\//i;
const safeHref = (href: string): boolean => SAFE_HREF.test(href) || OWN_MEDIA.test(href);
const safeSrc = (src: string): boolean => SAFE_SRC.test(src) || OWN_MEDIA.test(src);

const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr', 'blockquote', 'ul', 'ol', 'li',
    'strong', 'em', 'b', 'i', 'del', 's', 'sup', 'sub', 'code', 'pre', 'a', 'img',
    'table', 'thead', 'tbody', 'tr', 'th', 'td', 'dl', 'dt', 'dd', 'abbr', 'kbd',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel'],
    img: ['src', 'alt', 'title', 'loading'],
    th: ['align'],
    td: ['align'],
    ol: ['start'],
    abbr: ['title'],
  },
  allowedClasses: { code: [/^language-[a-z0-9+#-]+$/i] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['https'] },
  allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
  allowProtocolRelative: false,
  allowedStyles: {},
  disallowedTagsMode: 'discard',
  enforceHtmlBoundary: false,
  parseStyleAttributes: false,
  transformTags: {
    // Only absolute http(s), mailto and in-page links; relative URLs would resolve against the app.
    a: (tagName, attribs) => {
      const { href, ...rest }: sanitizeHtml.Attributes = attribs;
      const kept: sanitizeHtml.Attributes = href !== undefined && safeHref(href) ? { href } : {};
      return { tagName, attribs: { ...kept, ...rest, rel: 'noopener noreferrer nofollow' } };
    },
    img: (tagName, attribs) => {
      const { src, ...rest }: sanitizeHtml.Attributes = attribs;
      const kept: sanitizeHtml.Attributes = { ...rest };
      if (src !== undefined && safeSrc(src)) {
        kept.src = src;
        kept.loading = 'lazy';
      }
      return { tagName, attribs: kept };
    },
  },
  exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
};

/** Markdown → HTML that is safe to put into a learner's page as it is. */
export function renderLessonHtml(body: string): string {
  const html = markdown.parse(body) as string;
  return sanitizeHtml(html, SANITIZE_OPTIONS).trim();
}
