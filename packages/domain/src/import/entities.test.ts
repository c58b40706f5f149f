import { describe, expect, it } from 'vitest';
import { entitiesDecode, htmlEntitiesDecode } from './entities.ts';

describe('htmlEntitiesDecode', () => {
  it('decodes named, decimal and hexadecimal references', () => {
    expect(htmlEntitiesDecode('Sở KH&amp;CN &ndash; &ge;&nbsp;50% &#7879; &#x1ED1; &Agrave;&eacute;')).toBe(
      'Sở KH&CN \u2013 \u2265\u00A050% ệ ố Àé',
    );
  });

  it('reads numeric references 128–159 as Windows-1252, as browsers do', () => {
    expect(htmlEntitiesDecode('&#150;&#147;x&#148;')).toBe('\u2013\u201Cx\u201D');
  });

  it('leaves unknown and malformed references as written, and replaces impossible code points', () => {
    expect(htmlEntitiesDecode('R&D &unknown; &#; &# &#xZZ; AT&T')).toBe('R&D &unknown; &#; &# &#xZZ; AT&T');
    expect(htmlEntitiesDecode('&#0;&#xD800;&#x110000;')).toBe('\uFFFD\uFFFD\uFFFD');
  });
});

describe('entitiesDecode in XML', () => {
  it('decodes the five predefined names and numeric references, as the HTML dialect does', () => {
    const text = '&lt;w:t&gt; &amp; &quot;x&quot; &apos;y&apos; &#7879; &#x1ED1; &#xD800;';
    expect(entitiesDecode(text, 'xml')).toBe('<w:t> & "x" \'y\' ệ ố \uFFFD');
    expect(entitiesDecode(text, 'xml')).toBe(entitiesDecode(text, 'html'));
  });

  it('leaves HTML names, references without ";" and Windows-1252 readings to HTML', () => {
    expect(entitiesDecode('&nbsp; &ndash; &amp &#7879 &#150;', 'xml')).toBe('&nbsp; &ndash; &amp &#7879 \u0096');
    expect(entitiesDecode('&nbsp; &ndash; &amp &#7879 &#150;', 'html')).toBe('\u00A0 \u2013 & ệ \u2013');
  });
});
