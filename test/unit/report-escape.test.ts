import { describe, expect, test } from 'vitest';
import { escapeMarkdownCell, escapeMarkdownText, escapeXml, markdownCode } from '../../core/report/escape.js';
import { visibleLine, visibleText } from '../../core/present/visible-text.js';

describe('user text is escaped for each format', () => {
  test('control characters are shown as their escapes, never passed on to act', () => {
    // ESC (a terminal escape), BEL, CR, DEL, the one-byte CSI U+009B and a right-to-left override.
    const label = 'a\u001b[2Jb\u0007\r\u007f\u009b31m\u202eevil';
    expect(visibleText(label)).toBe('a\\u001b[2Jb\\u0007\\u000d\\u007f\\u009b31m\\u202eevil');
    expect(visibleText('two\nlines\tand a tab')).toBe('two\nlines\tand a tab');
    expect(visibleLine('two\nlines\tand a tab')).toBe('two\\u000alines\\u0009and a tab');
    // Text without controls, other scripts and emoji included, is untouched.
    expect(visibleText('résumé — 日本 ✅')).toBe('résumé — 日本 ✅');
  });

  test('XML and HTML: the five special characters, and control characters shown as escapes', () => {
    expect(escapeXml(`a<b>&"c"'d'`)).toBe('a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;');
    expect(escapeXml('bell\u0007 tab\t')).toBe('bell\\u0007 tab\t');
    expect(escapeXml('esc\u001b[31m')).toBe('esc\\u001b[31m');
  });

  test('Markdown: raw HTML stays literal, emphasis and links do not form, newlines do not end the row', () => {
    expect(escapeMarkdownText('<details> *x* [l](u) `c`')).toBe('&lt;details&gt; \\*x\\* \\[l\\](u) \\`c\\`');
    expect(escapeMarkdownText('mobilenet_v2 _emph_')).toBe('mobilenet_v2 \\_emph\\_');
    expect(escapeMarkdownCell('a | b\nc')).toBe('a \\| b c');
    expect(escapeMarkdownText('esc\u001b[31m')).toBe('esc\\\\u001b\\[31m');
    expect(markdownCode('esc\u001b[31m')).toBe('`esc\\u001b[31m`');
  });

  test('an inline code span survives backticks inside it', () => {
    expect(markdownCode('plain')).toBe('`plain`');
    expect(markdownCode('a`b')).toBe('``a`b``');
    expect(markdownCode('`x`')).toBe('`` `x` ``');
  });
});
