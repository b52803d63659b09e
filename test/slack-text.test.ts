import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normalizeSlackText } from '../src/ingest/slack-text.js';

const ACTOR_RAW =
  '2008-08-12 00:15:41.187 UTC\tError\tw3wp.7\tSoapUtilities.CreateException\tThrowException: actor = <http://wsusebc/ClientWebService/client.asmx|http://wsusebc/ClientWebService/client.asmx>, ID=c0a7445f-b989-43fa-ac20-11f8ca65fa8c, ErrorCode=InternalServerError, Message=, Client=?';
const ACTOR_PLAIN =
  '2008-08-12 00:15:41.187 UTC\tError\tw3wp.7\tSoapUtilities.CreateException\tThrowException: actor = http://wsusebc/ClientWebService/client.asmx, ID=c0a7445f-b989-43fa-ac20-11f8ca65fa8c, ErrorCode=InternalServerError, Message=, Client=?';
const PT = '2008-08-12\t09:15:41:203\t 940\tf54\tPT\tWARNING: SOAP Fault: 0x000190';
const PT2 = '2008-08-12\t09:15:41:203\t 940\tf54\tPT\tWARNING:     ErrorCode:InternalServerError(5)';

describe('normalizeSlackText: links', () => {
  it('turns an auto-linked actor URL back into the URL', () => {
    expect(normalizeSlackText(ACTOR_RAW)).toBe(ACTOR_PLAIN);
  });

  it('handles bare links and links with a different label', () => {
    expect(normalizeSlackText('see <http://support.microsoft.com/kb/954960/>')).toBe('see http://support.microsoft.com/kb/954960/');
    expect(normalizeSlackText('<http://support.microsoft.com/kb/954960/|the KB>')).toBe('http://support.microsoft.com/kb/954960/');
  });

  it('keeps what the user typed when Slack auto-linked a bare host', () => {
    expect(normalizeSlackText('Server URL = <http://wsus.contoso.com/ClientWebService/client.asmx|wsus.contoso.com/ClientWebService/client.asmx>')).toBe(
      'Server URL = wsus.contoso.com/ClientWebService/client.asmx',
    );
  });

  it('unescapes entities inside links', () => {
    expect(normalizeSlackText('<http://www.microsoft.com/downloads/details.aspx?displaylang=ja&amp;FamilyID=6aa8a49d-170c-4077-8b9b-61f7bf5a1281>')).toBe(
      'http://www.microsoft.com/downloads/details.aspx?displaylang=ja&FamilyID=6aa8a49d-170c-4077-8b9b-61f7bf5a1281',
    );
  });

  it('uses the label of a mailto link', () => {
    expect(normalizeSlackText('mail <mailto:admin@contoso.com|admin@contoso.com>')).toBe('mail admin@contoso.com');
    expect(normalizeSlackText('<mailto:admin@contoso.com>')).toBe('admin@contoso.com');
  });
});

describe('normalizeSlackText: mentions', () => {
  it('keeps user, channel and special mentions readable and distinct from links', () => {
    expect(normalizeSlackText('<@U123> please check')).toBe('@U123 please check');
    expect(normalizeSlackText('<@U123|alice> hi')).toBe('@alice hi');
    expect(normalizeSlackText('posted in <#C123|general>')).toBe('posted in #general');
    expect(normalizeSlackText('<#C123>')).toBe('#C123');
    expect(normalizeSlackText('<!here> <!channel> <!everyone>')).toBe('@here @channel @everyone');
    expect(normalizeSlackText('<!subteam^S123|@wsus-admins>')).toBe('@wsus-admins');
  });
});

describe('normalizeSlackText: escapes', () => {
  it('unescapes &lt; &gt; &amp; (the <WSUS Server> placeholder)', () => {
    expect(normalizeSlackText('Server URL = http://&lt;WSUS Server&gt;/ClientWebService/client.asmx')).toBe(
      'Server URL = http://<WSUS Server>/ClientWebService/client.asmx',
    );
    expect(normalizeSlackText('a &amp; b')).toBe('a & b');
  });

  it('unescapes in one pass: &amp;lt; → &lt;', () => {
    expect(normalizeSlackText('&amp;lt;')).toBe('&lt;');
    expect(normalizeSlackText('&amp;amp;')).toBe('&amp;');
  });

  it('leaves other entities alone', () => {
    expect(normalizeSlackText('&quot;x&quot; &#39; &nbsp;')).toBe('&quot;x&quot; &#39; &nbsp;');
  });

  it('never turns an escaped bracket pair into a link', () => {
    expect(normalizeSlackText('&lt;http://x|y&gt;')).toBe('<http://x|y>');
  });
});

describe('normalizeSlackText: code and quotes', () => {
  it('drops code fences on their own lines, keeping content and line breaks', () => {
    expect(normalizeSlackText(`log:\n\`\`\`\n${PT}\n${PT2}\n\`\`\`\nthanks`)).toBe(`log:\n${PT}\n${PT2}\nthanks`);
  });

  it('drops fences glued to the text', () => {
    expect(normalizeSlackText(`\`\`\`${PT}\n${PT2}\`\`\``)).toBe(`${PT}\n${PT2}`);
  });

  it('drops a language tag after an opening fence, but not glued log text', () => {
    expect(normalizeSlackText(`\`\`\`text\n${PT}\n\`\`\``)).toBe(`${PT}\n`);
    expect(normalizeSlackText('```PT  WARNING: SOAP Fault: 0x000190```')).toBe('PT  WARNING: SOAP Fault: 0x000190');
  });

  it('puts a fence in the middle of a line on its own line', () => {
    expect(normalizeSlackText(`here:\`\`\`${PT}\`\`\``)).toBe(`here:\n${PT}`);
  });

  it('keeps escaped text inside code blocks unescaped correctly', () => {
    expect(normalizeSlackText('```Server URL = http://&lt;WSUS Server&gt;/ClientWebService/client.asmx```')).toBe(
      'Server URL = http://<WSUS Server>/ClientWebService/client.asmx',
    );
  });

  it('drops single backticks around inline code', () => {
    expect(normalizeSlackText('error `0x8024400E` and `InternalServerError(5)`')).toBe('error 0x8024400E and InternalServerError(5)');
  });

  it('strips quote markers at line starts', () => {
    expect(normalizeSlackText(`&gt; ${PT}\n&gt; ${PT2}\n&gt;\nreply`)).toBe(`${PT}\n${PT2}\n\nreply`);
    expect(normalizeSlackText(`&gt;&gt;&gt; ${PT}\n${PT2}`)).toBe(`${PT}\n${PT2}`);
    expect(normalizeSlackText('a &gt; b')).toBe('a > b'); // not at a line start
  });

  it('strips quotes around a quoted code block', () => {
    expect(normalizeSlackText(`&gt; \`\`\`\n&gt; ${PT}\n&gt; \`\`\``)).toBe(`${PT}\n`);
  });
});

describe('normalizeSlackText: robustness', () => {
  it('handles odd and nested brackets', () => {
    expect(normalizeSlackText('<<http://x>>')).toBe('<http://x>');
    expect(normalizeSlackText('<>')).toBe('<>');
    expect(normalizeSlackText('<|>')).toBe('<|>');
    expect(normalizeSlackText('<@>')).toBe('@');
    expect(normalizeSlackText('<not a link>')).toBe('<not a link>');
    expect(normalizeSlackText('<http://x')).toBe('<http://x');
    expect(normalizeSlackText('``` ` `` ````')).toBeTypeOf('string');
    expect(normalizeSlackText('')).toBe('');
  });

  it('never throws and is the identity on text without Slack markup', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (s) => {
        expect(normalizeSlackText(s)).toBeTypeOf('string');
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('<', '>', '|', '&', 'lt;', 'gt;', 'amp;', '`', '```', '\n', '@', '#', '!', 'http://x', ' ', 'a') }),
        (s) => {
          expect(normalizeSlackText(s)).toBeTypeOf('string');
        },
      ),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9 \t:=.,()-]*$/), (s) => {
        expect(normalizeSlackText(s)).toBe(s);
      }),
      { numRuns: 300 },
    );
  });

  it('round-trips: escaping plain text the way Slack does and normalising gives it back', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9 \t:=.,()<>&/-]*$/), (s) => {
        fc.pre(!s.startsWith('>')); // a leading '> ' is a Slack quote marker
        const escaped = s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
        expect(normalizeSlackText(escaped)).toBe(s);
      }),
      { numRuns: 500 },
    );
  });

  it('stays fast on pathological input (many fences, brackets, entities)', () => {
    const inputs = [
      '```a'.repeat(50_000),
      '`'.repeat(200_000),
      '<'.repeat(100_000) + '>'.repeat(100_000),
      '&amp;'.repeat(50_000),
      `x${' '.repeat(100_000)}${'``` '.repeat(20_000)}`,
      '```\n'.repeat(50_000),
    ];
    const t0 = performance.now();
    for (const s of inputs) expect(normalizeSlackText(s)).toBeTypeOf('string');
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it('does not throw on non-string input at runtime', () => {
    expect(normalizeSlackText(undefined as unknown as string)).toBe('');
    expect(normalizeSlackText(42 as unknown as string)).toBe('42');
  });
});
