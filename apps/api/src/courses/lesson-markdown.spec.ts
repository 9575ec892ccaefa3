import { describe, expect, it } from '@jest/globals';
import { renderLessonHtml } from './lesson-markdown.js';
import { XSS_PAYLOADS, unsafeParts } from './xss-payloads.js';

describe('lesson Markdown rendering', () => {
  it('keeps ordinary Markdown: headings, emphasis, lists, tables, code, http(s) and mailto links, https images', () => {
    const html = renderLessonHtml(
      '## Title\n\nSome **bold** and _em_ text.\n\n- one\n- two\n\n| a | b |\n|:-|-:|\n| 1 | 2 |\n\n```js\nx()\n```\n\n' +
        '[site](https://example.org) [mail](mailto:a@example.org) ![pic](https://example.org/p.png)',
    );
    expect(html).toContain('<h2>Title</h2>');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('<li>one</li>');
    expect(html).toContain('<th align="left">a</th>');
    expect(html).toContain('<code class="language-js">');
    expect(html).toContain('<a href="https://example.org" rel="noopener noreferrer nofollow">site</a>');
    expect(html).toContain('href="mailto:a@example.org"');
    expect(html).toMatch(/<img (alt="pic" )?src="https:\/\/example.org\/p.png"/);
    expect(unsafeParts(html)).toEqual([]);
  });

  it.each(XSS_PAYLOADS.map((p, i) => [i + 1, p] as const))('payload %i leaves nothing dangerous: %s', (_n, payload) => {
    const html = renderLessonHtml(payload);
    expect(unsafeParts(html)).toEqual([]);
  });
});
