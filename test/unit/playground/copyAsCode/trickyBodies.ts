/** Bodies that break naive code generators: every quoting and escaping hazard of Python, TypeScript and the shell. */
export const trickyBodies: Record<string, string> = {
  'single and double quotes': `{"inputs": "It's a \\"quoted\\" word", 'x': 1}`,
  'triple quotes of both kinds': `"""docstring""" and '''another''' and """`,
  'backslashes and escapes as text': String.raw`C:\new\table \u0041 \x41 \N{DASH} \\ \'`,
  'template literal syntax': '${process.exit(3)} `backticks` ${"nested ${x}"}',
  'line breaks of every kind': 'one\ntwo\r\nthree\rfour\u2028five\u2029six\u0085seven\u000bvertical\u000cform',
  'unicode beyond ASCII': 'héllo · 日本語 · emoji 🚀👩🏽‍💻 · Ω≈ç√',
  'bidirectional controls (Trojan Source)': 'access \u202e}⁦if (admin)⁩ ⁦\u202c granted',
  'control characters and NUL': 'nul\u0000bell\u0007esc\u001b[31mred\u001b[0m del\u007f c1\u0085\u009b',
  'a lone surrogate': 'broken \ud83d pair and \udc00 low',
  'shell metacharacters': `$(rm -rf /tmp/x) \`id\` ; | & > < * ? ~ ! # % '$HOME' "$PATH"`,
  'printf format specifiers': '%s %d %n %% \\n \\0 \\c',
  'an empty body': '',
  'only a line break': '\n',
  'a pretty-printed JSON body': JSON.stringify({ inputs: 'What is a cold start, in one sentence?', parameters: { max_new_tokens: 64, temperature: 0.7 } }, null, 2),
  'comment and docstring closers': '*/ """ # // -->',
};
