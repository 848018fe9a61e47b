import { describe, expect, test } from 'vitest';
import { escapeMarkdownCell, escapeMarkdownText, escapeXml, markdownCode } from '../../core/report/escape.js';

describe('user text is escaped for each format', () => {
  test('XML and HTML: the five special characters, and control characters XML forbids', () => {
    expect(escapeXml(`a<b>&"c"'d'`)).toBe('a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;');
    expect(escapeXml('bell\u0007 tab\t')).toBe('bell\uFFFD tab\t');
  });

  test('Markdown: raw HTML stays literal, emphasis and links do not form, newlines do not end the row', () => {
    expect(escapeMarkdownText('<details> *x* [l](u) `c`')).toBe('&lt;details&gt; \\*x\\* \\[l\\](u) \\`c\\`');
    expect(escapeMarkdownText('mobilenet_v2 _emph_')).toBe('mobilenet_v2 \\_emph\\_');
    expect(escapeMarkdownCell('a | b\nc')).toBe('a \\| b c');
  });

  test('an inline code span survives backticks inside it', () => {
    expect(markdownCode('plain')).toBe('`plain`');
    expect(markdownCode('a`b')).toBe('``a`b``');
    expect(markdownCode('`x`')).toBe('`` `x` ``');
  });
});
