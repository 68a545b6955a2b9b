import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { cleanDocument } from '../src/clean/index.js';
import { classifySegments, isCredit, looseByline, promoLine, toIsoDate } from '../src/clean/boilerplate.js';
import { detectRepublication, reportingOutlet, sameOutlet, wireOfAuthor } from '../src/clean/republication.js';
import { chooseTitle } from '../src/clean/html.js';
import { assessQuality, machineTranslationFlags, qualityScore } from '../src/clean/quality.js';
import { InputError, type RawDocument } from '../src/types.js';
import { EXAMPLE } from './helpers.js';

const text = (content: string): RawDocument => ({ uri: 't.txt', content, kind: 'text', charset: 'utf-8' });
const html = (content: string): RawDocument => ({ uri: 't.html', content, kind: 'html', charset: 'utf-8' });
const P = (s: string) => `${s} The officials said the fighting had continued for several days and that more troops were expected to arrive.`;
const reasonOf = (removed: { text: string; reason: string }[], needle: string) => removed.find((r) => r.text.includes(needle))?.reason;

// ---- plain text with scraper chrome ----

test('example: body kept from first to last paragraph, chrome removed with reasons', () => {
  const d = cleanDocument(text(readFileSync(EXAMPLE, 'utf8')));
  assert.ok(d.text.startsWith('The impending withdrawal of US troops from Afghanistan'));
  assert.ok(d.text.includes('pain in the ass for Americans to join them'));
  for (const junk of ['NurPhoto / Getty', 'Taliban promises ‘nightmare’', 'Learn more about The Daily Beast', 'Get our best stories delivered',
    'Beast Inside', 'Source link', 'Show More', 'Related Articles', 'Leave a Reply', 'Your email address will not be published', 'Back to top']) {
    assert.ok(!d.text.includes(junk), junk);
  }
  assert.equal(d.title, 'Taliban set to become Al Qaeda’s “ darling ” again');
  assert.deepEqual(d.credits, ['NurPhoto / Getty']);
  assert.equal(d.republication, true);
  assert.equal(d.original_publisher, 'The Daily Beast');
  assert.equal(reasonOf(d.removed, 'Taliban promises'), 'related_headline');
  assert.equal(reasonOf(d.removed, 'Leave a Reply'), 'comment_form');
  assert.equal(reasonOf(d.removed, 'Get our best stories'), 'newsletter');
  assert.equal(reasonOf(d.removed, 'NurPhoto'), 'credit');
  assert.equal(reasonOf(d.removed, 'Taliban set to become'), 'title');
  assert.deepEqual(d.quality.flags.map((f) => f.kind).filter((k, i, a) => a.indexOf(k) === i).sort(), ['machine_translation', 'unbalanced_quotes']);
});

test('boilerplate kinds on an unseen scraped page', () => {
  const page = [
    'Militants seize border town after week of clashes',
    'Photo: Reuters',
    'By Jane Doe and Omar Khan',
    P('Fighters loyal to the group entered the town at dawn on Sunday, residents said.'),
    'Share on Facebook',
    P('Local elders asked both sides to let civilians leave before the next round of fighting.'),
    'READ MORE: Ceasefire talks stall as envoys trade blame',
    P('The governor said reinforcements had been sent from the provincial capital.'),
    'Army chief vows to retake every district lost this year',
    P('A spokesman for the militants claimed the group now controlled the main road.'),
    'Sign up for our weekly newsletter and get the latest analysis in your inbox.',
    'Comments are closed.',
    'Previous article',
    'Next article',
    'We use cookies to improve your experience. By continuing you accept our cookie policy.',
  ].join('\n\n');
  const d = cleanDocument(text(page));
  assert.equal(d.title, 'Militants seize border town after week of clashes');
  assert.deepEqual(d.credits, ['Photo: Reuters']);
  assert.deepEqual(d.byline, ['Jane Doe', 'Omar Khan']);
  assert.equal(d.text.split('\n\n').length, 4, d.text);
  assert.equal(reasonOf(d.removed, 'Share on Facebook'), 'share');
  assert.equal(reasonOf(d.removed, 'READ MORE'), 'related_headline');
  assert.equal(reasonOf(d.removed, 'Army chief vows'), 'related_headline');
  assert.equal(reasonOf(d.removed, 'weekly newsletter'), 'newsletter');
  assert.equal(reasonOf(d.removed, 'Comments are closed'), 'comment_form');
  assert.equal(reasonOf(d.removed, 'Next article'), 'navigation');
  assert.equal(reasonOf(d.removed, 'cookies'), 'cookie_notice');
});

test('a short sentence between paragraphs is body, not a related headline', () => {
  const c = classifySegments([{ text: P('One.') }, { text: 'The list goes on.' }, { text: P('Two.') }], { plainText: true });
  assert.equal(c.body.length, 3);
  assert.equal(c.removed.length, 0);
});

test('wire copy: in plain text without other publisher the dateline makes it the wire’s own copy; staff and standards footers go', () => {
  const d = cleanDocument(text(['Afghan forces retake district', 'KABUL (Reuters) - ' + P('Government forces retook the district.'), P('The Taliban denied it.'),
    'Reporting by Hamid Shalizi; Editing by Nick Macfie', 'Our Standards: The Thomson Reuters Trust Principles.'].join('\n\n')));
  assert.equal(d.publisher, 'Reuters');
  assert.equal(d.original_publisher, null);
  assert.equal(d.republication, false);
  assert.equal(reasonOf(d.removed, 'Editing by'), 'staff_credits');
  assert.ok(!d.text.includes('Trust Principles'));
  assert.equal(d.text.split('\n\n').length, 2);
});

test('prose that merely looks like chrome stays: short sentences, brand names', () => {
  const brands = 'Videos on YouTube and iPhone apps paid through PayPal were used, said McDonald.';
  const c = classifySegments([{ text: P('A.') }, { text: 'Published in 2019, the report was damning.' }, { text: brands }, { text: P('B.') }], { plainText: true });
  assert.equal(c.body.length, 4, JSON.stringify(c.removed));
  const glued = classifySegments([{ text: 'HomeLatest NewsNollywood Actress Is Looking Stunning' }, { text: P('A.') }], { plainText: false });
  assert.equal(glued.removed[0]?.reason, 'navigation');
});

test('a one-line text is its own body, not a title', () => {
  const d = cleanDocument(text('Biden met Ghani in Kabul on Friday\n'));
  assert.equal(d.text, 'Biden met Ghani in Kabul on Friday');
  assert.equal(d.title, null);
});

test('a long paragraph that mentions a newsletter stays', () => {
  const long = P('The group publishes a monthly newsletter in Pashto and Urdu that urges readers to subscribe and donate, analysts said.');
  const c = classifySegments([{ text: P('Intro.') }, { text: long }], { plainText: true });
  assert.deepEqual(c.body, [P('Intro.'), long]);
});

test('photo credits are recognised in their common shapes', () => {
  for (const c of ['NurPhoto / Getty', 'Photo: Reuters', 'AP Photo/Rahmat Gul', 'Wakil Kohsar/AFP via Getty Images', 'Photograph: Anadolu Agency', 'Getty Images'])
    assert.ok(isCredit(c), c);
  for (const c of ['The Taliban said they would attack.', 'Taliban promises nightmare for US troops in Afghanistan', P('Reuters reported.')])
    assert.ok(!isCredit(c), c);
});

test('dates normalise to YYYY-MM-DD', () => {
  assert.equal(toIsoDate('2021-05-10T23:30:00-04:00'), '2021-05-10');
  assert.equal(toIsoDate('May 10, 2021'), '2021-05-10');
  assert.equal(toIsoDate('10 May 2021'), '2021-05-10');
  assert.equal(toIsoDate('not a date'), null);
});

// ---- HTML ----

const ARTICLE = `<!doctype html><html lang="en"><head>
<title>Envoy warns of long war | The Kabul Times</title>
<meta property="og:site_name" content="The Kabul Times">
<meta property="og:title" content="Envoy warns of long war">
<meta property="article:published_time" content="2021-04-14T08:00:00Z">
<meta name="author" content="Sara Ahmadi">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Envoy warns of a long war","datePublished":"2021-04-13","author":[{"@type":"Person","name":"Sara Ahmadi"},{"@type":"Person","name":"Tom Reed"}],"publisher":{"@type":"Organization","name":"Kabul Times Media"}}</script>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/politics">Politics</a></nav>
<article>
<h1>Envoy warns of a long war</h1>
<figure><img src="a.jpg"><figcaption>Fighters in Helmand. (AP Photo/Abdul Khaliq)</figcaption></figure>
<p>${P('The envoy said the talks in Doha had stalled over the question of prisoner releases.')}</p>
<p>${P('Diplomats from three countries were present when the delegations met on Tuesday.')}</p>
<p><a href="/other">Taliban take district centre in Badghis province</a></p>
<p>${P('The envoy added that he still hoped for an agreement before the summer.')}</p>
</article>
<footer><p>© 2021 The Kabul Times. All rights reserved.</p></footer>
</body></html>`;

test('HTML: main content, metadata from meta tags and JSON-LD', () => {
  const d = cleanDocument(html(ARTICLE));
  assert.equal(d.title, 'Envoy warns of a long war');
  assert.equal(d.publisher, 'The Kabul Times');
  assert.equal(d.published, '2021-04-14');
  assert.deepEqual(d.byline, ['Sara Ahmadi', 'Tom Reed']);
  assert.deepEqual(d.credits, ['AP Photo/Abdul Khaliq']);
  const paras = d.text.split('\n\n');
  assert.equal(paras.length, 3, d.text);
  assert.ok(paras[0].startsWith('The envoy said the talks in Doha'));
  assert.ok(!d.text.includes('Badghis'), 'link-only related headline removed');
  assert.ok(!d.text.includes('Home'));
  assert.ok(!d.text.includes('Fighters in Helmand'), 'captions are not body');
  assert.equal(d.republication, false);
});

test('HTML: JSON-LD and <time> supply what meta tags lack; caller date wins', () => {
  const page = ARTICLE.replace(/<meta property="(og:site_name|article:published_time)"[^>]*>/g, '');
  const d = cleanDocument(html(page));
  assert.equal(d.publisher, 'Kabul Times Media');
  assert.equal(d.published, '2021-04-13');
  const t = cleanDocument(html(`<html><body><article><time datetime="2020-08-01T10:00:00Z">1 Aug</time><p>${P('A.')}</p><p>${P('B.')}</p></article></body></html>`));
  assert.equal(t.published, '2020-08-01');
  assert.equal(cleanDocument(html(ARTICLE), { published: '2021-05-10' }).published, '2021-05-10');
});

test('hostile HTML never leaks markup into the text', () => {
  const page = `<html><head><style>p{color:red}</style><script>alert("head")</script></head><body>
<div onclick="steal()"><p onmouseover="x()">${P('Safe paragraph one.')}</p>
<script>document.write('<p>injected script paragraph</p>')</script>
<p>${P('Second paragraph with a <a href="javascript:alert(1)">link</a> inside.')}</p>
<noscript><p>noscript text</p></noscript><iframe src="https://evil.example"></iframe>
<p>${P('Escaped &lt;script&gt;alert(2)&lt;/script&gt; text and <img src=x onerror=alert(3)> image.')}</p>
<textarea><p>textarea text</p></textarea><svg><text>svg text</text></svg>
</div></body></html>`;
  const d = cleanDocument(html(page));
  assert.match(d.text, /Safe paragraph one/);
  assert.match(d.text, /Escaped alert\(2\) text/, 'escaped text is text; only its tags go');
  for (const bad of [/</, />/, /script/i, /javascript:/i, /onerror|onclick|onmouseover/i, /alert\((1|3|"head")\)/, /color:red/, /injected|noscript text|textarea text|svg text/])
    assert.doesNotMatch(d.text, bad);
});

test('HTML without body text is an InputError', () => {
  assert.throws(() => cleanDocument(html('<html><head><title>x</title><script>var a=1</script></head><body><nav><a href="/">Home</a></nav></body></html>')),
    (e: unknown) => e instanceof InputError && /no article text found/.test(e.message));
});

// ---- republication ----

test('republication: "originally appeared", wire datelines, "Source:"', () => {
  const body = [P('A.'), P('B.')];
  assert.deepEqual(detectRepublication([...body, 'This article originally appeared in Foreign Policy.'], [], null),
    { republication: true, original_publisher: 'Foreign Policy' });
  assert.deepEqual(detectRepublication(['KABUL (Reuters) - ' + P('A.'), P('B.')], [], null), { republication: true, original_publisher: 'Reuters' });
  assert.deepEqual(detectRepublication(body, [{ text: 'Source: Al Jazeera', reason: 'republication_footer' }], null),
    { republication: true, original_publisher: 'Al Jazeera' });
  assert.deepEqual(detectRepublication(body, [{ text: 'Originally published by The Conversation.', reason: 'republication_footer' }], null),
    { republication: true, original_publisher: 'The Conversation' });
});

test('republication: none for an ordinary article, or for a wire story on the wire’s own site', () => {
  assert.deepEqual(detectRepublication([P('A.'), P('B.')], [{ text: 'Leave a Reply', reason: 'comment_form' }], null), { republication: false, original_publisher: null });
  assert.deepEqual(detectRepublication(['KABUL (Reuters) - ' + P('A.')], [], 'Reuters'), { republication: false, original_publisher: null });
});

test('republication: "Source link" alone falls back to the outlet sources talked to', () => {
  const body = [P('An official told The Daily Beast that talks failed.'), P('A commander told The Daily Beast he would fight on.'), P('A third told Reuters nothing.')];
  assert.deepEqual(detectRepublication(body, [{ text: 'Source link', reason: 'republication_footer' }], null), { republication: true, original_publisher: 'The Daily Beast' });
});

// ---- quality flags ----

const flagsOf = (paras: string[], kind: string) => assessQuality(paras).flags.filter((f) => f.kind === kind);

test('machine_translation: French names, doubled consonants, inverted tags, stray stops, detached quotes', () => {
  const paras = [
    'Oussama Ben Laden was mentionned in the traditionnal report.',
    '“We will fight,” did he declare. The UN report says declared that the army of the. Afghan Army fled.',
    '“We saw them, fought them, ”said a soldier.',
  ];
  const text = paras.join('\n\n');
  const flags = flagsOf(paras, 'machine_translation');
  const found = flags.map((f) => f.text);
  for (const x of ['Oussama', 'Ben Laden', 'mentionned', 'traditionnal', '” did he declare', 'says declared', ', ”']) assert.ok(found.includes(x), x);
  assert.ok(found.some((f) => f.startsWith('of the.')));
  for (const f of flags) assert.equal(text.slice(f.start, f.end), f.text);
  assert.deepEqual(flagsOf(['Osama bin Laden was mentioned in the traditional report, the officials said.'], 'machine_translation'), []);
});

test('unbalanced_quotes: per paragraph, but a quote continued into the next paragraph is fine', () => {
  assert.equal(flagsOf(['He said “we will win. Then he left.', 'Nothing more.'], 'unbalanced_quotes').length, 1);
  assert.equal(flagsOf(['He said "we will win.'], 'unbalanced_quotes').length, 1);
  assert.equal(flagsOf(['He said: “We will win.', '“And we will stay,” he added.'], 'unbalanced_quotes').length, 0);
  assert.equal(flagsOf(['“We will win,” he said.'], 'unbalanced_quotes').length, 0);
});

test('truncated: body ends mid-sentence or trails off', () => {
  assert.equal(flagsOf([P('A.'), 'And then the commander said that the'], 'truncated').length, 1);
  assert.equal(flagsOf([P('A.'), 'Subscribers can read the rest of…'], 'truncated').length, 1);
  assert.equal(flagsOf([P('A.'), '“We will stay,” he said.'], 'truncated').length, 0);
});

test('garbled_name: mojibake, digits in names, stray capitals', () => {
  const paras = ['President Macronâ€™s envoy met Al Qa3da and TaLiban leaders with McDonald and YouTube staff.'];
  const found = flagsOf(paras, 'garbled_name').map((f) => f.text);
  assert.ok(found.some((f) => f.includes('Macron')), found.join());
  assert.ok(found.includes('Qa3da'));
  assert.ok(found.includes('TaLiban'));
  assert.ok(!found.includes('McDonald') && !found.includes('YouTube'));
});

test('quality score falls as flags accumulate', () => {
  const one = qualityScore([{ kind: 'truncated', text: 'x' }]);
  const two = qualityScore([{ kind: 'truncated', text: 'x' }, { kind: 'machine_translation', text: 'y' }]);
  assert.equal(qualityScore([]), 1);
  assert.ok(one < 1 && two < one && two >= 0);
});

// ---- syndicated wire copy ----

const R = (original: string | null) => ({ republication: original !== null, original_publisher: original });

test('wire datelines: after navigation lines, without a place, with a date, agency in any of the usual names', () => {
  const nav = ['Local', 'News', 'Sports', 'https://www.example.com/news/story.php'];
  assert.deepEqual(detectRepublication([...nav, 'HAYWARD, Calif. (AP) — ' + P('A man died.'), P('B.')], [], 'SFGate'), R('Associated Press'));
  assert.deepEqual(detectRepublication(['(Reuters) — ' + P('The attorney general is investigating.'), P('B.')], [], 'VentureBeat'), R('Reuters'));
  assert.deepEqual(detectRepublication(['New Delhi, Nov 20 (PTI) ' + P('The ministry said.'), P('B.')], [], 'The Tribune'), R('PTI'));
  assert.deepEqual(detectRepublication(['BEIJING, Nov. 20 (Xinhua) -- ' + P('The ministry said.'), P('B.')], [], null), R('Xinhua'));
  assert.deepEqual(detectRepublication(['PARIS (Agence France-Presse) - ' + P('A.'), P('B.')], [], null), R('AFP'));
  // a bracketed agency deep in the story is a quoted dispatch, not a dateline; "(AP)" in prose is no dateline
  assert.deepEqual(detectRepublication([P('A.'), P('B.'), P('C.'), 'KABUL (Reuters) - ' + P('D.')], [], null), R(null));
  assert.deepEqual(detectRepublication([P('An Associated Press (AP) journalist heard gunfire near the plant.'), P('B.')], [], 'RT'), R(null));
  assert.deepEqual(detectRepublication([P('Smith spoke to the Associated Press (AP) Tuesday about the plant.'), P('B.')], [], 'RT'), R(null));
});

test('wire authors, sign-offs, copyright and credit lines mark wire copy', () => {
  const body = [P('A.'), P('B.')];
  assert.deepEqual(detectRepublication(body, [], 'NBC News', { authors: ['Reuters'] }), R('Reuters'));
  assert.deepEqual(detectRepublication(body, [], 'Sportsnet.ca', { authors: ['Associated Press'] }), R('Associated Press'));
  assert.deepEqual(detectRepublication(body, [], null, { authors: ['By MIKE CORDER Associated Press'] }), R('Associated Press'));
  assert.deepEqual(detectRepublication(body, [], null, { authors: ['Jane Doe, AFP'] }), R('AFP'));
  assert.deepEqual(detectRepublication([...body, '— AFP'], [], 'France 24'), R('AFP'));
  assert.deepEqual(detectRepublication(body, [{ text: 'Copyright 2019 The Associated Press. All rights reserved.', reason: 'copyright' }], 'KTVU'), R('Associated Press'));
  assert.deepEqual(detectRepublication([...body, '(Reporting by David Lawder; Editing by Leslie Adler)'], [], 'Deccan Herald'), R('Reuters'));
  // human authors, a wire photo credit, a staff byline: not wire copy
  assert.deepEqual(detectRepublication(body, [{ text: 'AP Photo/Rahmat Gul', reason: 'credit' }], 'NBC News', { authors: ['Jane Doe', 'Rapidly Approaching'] }), R(null));
  assert.equal(wireOfAuthor('Apple Staff'), null);
  assert.equal(wireOfAuthor('Capt. Ap Jones'), null);
});

test('page metadata: syndication-source, isBasedOn, sourceOrganization, canonical on another site', () => {
  const body = [P('A.'), P('B.')];
  assert.deepEqual(detectRepublication(body, [], 'Yahoo News', { syndicationSources: ['https://apnews.com/article/abc'] }), R('Associated Press'));
  assert.deepEqual(detectRepublication(body, [], 'Salon', { pageUrl: 'https://www.salon.com/x', basedOn: ['https://theconversation.com/some-story-123'] }), R('theconversation.com'));
  assert.deepEqual(detectRepublication(body, [], 'MSN', { sourceOrganizations: ['Bloomberg'] }), R('Bloomberg'));
  assert.deepEqual(detectRepublication(body, [], 'Some Daily', { canonical: 'https://www.reuters.com/article/idUS123', pageUrl: 'https://somedaily.com/a' }), R('Reuters'));
  assert.deepEqual(detectRepublication(body, [], 'Mirror Site', { canonical: 'https://origin-news.org/a', pageUrl: 'https://mirror.example/a' }), R('origin-news.org'));
  // the outlet's own canonical (another subdomain or country domain) and its own organisation
  assert.deepEqual(detectRepublication(body, [], 'BBC News', { canonical: 'https://www.bbc.com/news/x', pageUrl: 'https://m.bbc.co.uk/news/x' }), R(null));
  assert.deepEqual(detectRepublication(body, [], 'The Washington Post', { sourceOrganizations: ['The Washington Post'] }), R(null));
});

test('a wire story on the wire’s own site, under any of its names, is not a republication', () => {
  assert.deepEqual(detectRepublication(['NEW YORK (Reuters) - ' + P('Oil fell.')], [], 'U.S.', { pageUrl: 'https://www.reuters.com/article/x' }), R(null));
  assert.deepEqual(detectRepublication(['WASHINGTON (AP) — ' + P('A.')], [], 'AP News'), R(null));
  assert.ok(sameOutlet('livescience.com', 'Live Science'));
  assert.ok(sameOutlet('RT International', 'rt.com'));
  assert.ok(sameOutlet('The Conversation', 'theconversation.com'));
  assert.ok(!sameOutlet('Deccan Herald', 'Reuters'));
  assert.ok(!sameOutlet('NBC News', 'AP'));
});

test('an outlet named in a footer ends at the sentence: "by Futurism. Read the original"', () => {
  assert.deepEqual(detectRepublication([P('A.'), 'This article was originally published by Futurism. Read the original article.'], [], 'ScienceAlert'), R('Futurism'));
});

test('HTML: wire copy found from the byline and meta author of a page', () => {
  const page = `<html><head><meta property="og:site_name" content="NBC News"><meta name="author" content="Reuters">
<title>Austria to turn house into police station</title></head><body><article><h1>Austria to turn house into police station</h1>
<div class="byline">By Reuters</div><p>VIENNA — ${P('The house will be turned into a police station.')}</p><p>${P('B.')}</p></article></body></html>`;
  const d = cleanDocument(html(page));
  assert.equal(d.republication, true);
  assert.equal(d.original_publisher, 'Reuters');
});

// ---- headline ----

test('title: the on-page headline wins by agreement over an SEO <title> or JSON-LD headline', () => {
  // the h1 and og:title agree; the SEO <title> and JSON-LD headline agree with each other only
  assert.equal(chooseTitle([
    { text: 'Video shows dramatic rescue of girl: "We got her!"', source: 'h1', weight: 2 },
    { text: 'Video shows dramatic rescue of girl: "We got her!"', source: 'og' },
    { text: 'John Doe: Dramatic video shows rescue of girl in hotel', source: 'jsonld' },
    { text: 'John Doe: Dramatic video shows rescue of girl in hotel - CBS News', source: 'title' },
  ], 'CBS News'), 'Video shows dramatic rescue of girl: "We got her!"');
  // a social-media og:title loses to h1 + headline + <title>
  assert.equal(chooseTitle([
    { text: 'House will become a police station, Austria says', source: 'h1', weight: 2 },
    { text: 'House to become police station', source: 'og' },
    { text: 'House to become police station', source: 'twitter' },
    { text: 'House will become a police station, Austria says', source: 'jsonld' },
    { text: 'House will become a police station, Austria says', source: 'title' },
  ], 'NBC News'), 'House will become a police station, Austria says');
  // the site-name suffix goes
  assert.equal(chooseTitle([{ text: 'Beijing tariff demands may expand trade deal | Deccan Herald', source: 'title' }], 'Deccan Herald'), 'Beijing tariff demands may expand trade deal');
});

test('HTML: the article h1 is the title when the SEO <title> and JSON-LD headline differ from the page', () => {
  const page = `<html><head><title>Michael Doe: Dramatic video shows rescue of girl in hotel - CBS News</title>
<meta property="og:title" content="Video shows dramatic rescue of girl">
<script type="application/ld+json">{"@type":"NewsArticle","headline":"Michael Doe: Dramatic video shows rescue of girl in hotel"}</script></head>
<body><header><h1 class="site-logo"><a href="/">CBS News</a></h1></header><article><h1 class="content__title">Video shows dramatic rescue of girl</h1>
<p>${P('Police released video of the rescue.')}</p><p>${P('B.')}</p></article></body></html>`;
  assert.equal(cleanDocument(html(page)).title, 'Video shows dramatic rescue of girl');
});

// ---- promo and share chrome ----

test('newsletter sign-up boxes and share prompts go; a subhead about e-mails stays', () => {
  const c = classifySegments([
    { text: 'Breaking News Emails', tag: 'h2' },
    { text: 'Get breaking news alerts and special reports. The news and stories that matter, delivered weekday mornings.', tag: 'div' },
    { text: P('A.') }, { text: 'The Clinton Emails', tag: 'h2' }, { text: P('B.') },
    { text: 'Like this story? Share it with a friend!' },
  ], { plainText: false });
  assert.equal(reasonOf(c.removed, 'Breaking News Emails'), 'newsletter');
  assert.equal(reasonOf(c.removed, 'Get breaking news alerts'), 'newsletter');
  assert.equal(reasonOf(c.removed, 'Like this story'), 'share');
  assert.ok(c.body.includes('The Clinton Emails'));
});

test('a lone "By" left from a byline whose name sat in another element goes', () => {
  const c = classifySegments([{ text: 'By' }, { text: P('A.') }, { text: P('B.') }], { plainText: false });
  assert.equal(reasonOf(c.removed, 'By'), 'byline');
  assert.equal(c.body.length, 2);
});

test('HTML: a run of menu lines and a bare URL before the story go; table cells and short lines in a prose-less page stay', () => {
  const menu = ['Local', 'News', 'Sports', 'Real Estate', 'Business'].map((t) => ({ text: t, tag: 'li' }));
  const c = classifySegments([...menu, { text: 'https://www.example.com/news/a.php' }, { text: P('A.') }, { text: P('B.') }], { plainText: false });
  assert.equal(c.body.length, 2, c.body.join('|'));
  assert.equal(reasonOf(c.removed, 'Real Estate'), 'navigation');
  // two short lines are not a menu
  assert.equal(classifySegments([{ text: 'Analysis' }, { text: 'Kabul' }, { text: P('A.') }], { plainText: false }).body.length, 3);
  // a standings table: its cells are the content
  const table = ['1', 'Kyle Busch', '2', 'Denny Hamlin', '3', 'Joey Logano'].map((t) => ({ text: t, tag: 'td' }));
  assert.equal(classifySegments(table, { plainText: false }).body.length, 6);
});

// ---- plain-text header and footer chrome, publisher from the text ----

test('plain text: a stacked header block (title, standfirst, byline, date) stays separate lines; a hard-wrapped paragraph is joined', () => {
  const header = cleanDocument(text([
    "Inside the militias that run Basra's oil economy\nArmed groups once formed to fight Islamic State now control ports, contracts and jobs\nMartin Chulov in Basra\nMon 12 Feb 2024 06.00 GMT",
    P('The checkpoint on the road into Umm Qasr is manned by men in mismatched uniforms.'),
  ].join('\n\n')));
  assert.equal(header.title, "Inside the militias that run Basra's oil economy");
  assert.ok(header.text.startsWith('The checkpoint on the road'), header.text.slice(0, 80));
  const wrapped = cleanDocument(text([
    'Militants seize border town',
    'Fighters loyal to the group entered the town at dawn on Sunday, residents said,\nafter a week of clashes with the army that left dozens of people dead and\nthousands more displaced from their homes in the surrounding villages.',
  ].join('\n\n')));
  assert.equal(wrapped.text.split('\n\n').length, 1);
  assert.ok(wrapped.text.includes('said, after a week'));
});

test('plain text feature: standfirst, byline without "By" and date line go to metadata; the first real paragraph starts the body', () => {
  const d = cleanDocument(text([
    "Inside the militias that run Basra's oil economy",
    'Armed groups once formed to fight Islamic State now control ports, contracts and jobs',
    'Martin Chulov in Basra',
    'Mon 12 Feb 2024 06.00 GMT',
    P('The checkpoint on the road into Umm Qasr is manned by men in mismatched uniforms.'),
    P('Officials told the Guardian that militias now take a cut of nearly every contract.'),
    P('"Nothing moves without them," one port official told the Guardian.'),
  ].join('\n\n')));
  assert.ok(d.text.startsWith('The checkpoint on the road'));
  assert.equal(reasonOf(d.removed, 'Armed groups once formed'), 'standfirst');
  assert.equal(reasonOf(d.removed, 'Martin Chulov'), 'byline');
  assert.equal(reasonOf(d.removed, '12 Feb 2024'), 'dateline');
  assert.deepEqual(d.byline, ['Martin Chulov']);
  assert.equal(d.published, '2024-02-12');
  assert.equal(d.publisher, 'The Guardian');
  assert.equal(d.republication, false);
});

test('plain text: a standfirst ending in a full stop goes only when a byline follows; a short first paragraph stays', () => {
  const withByline = cleanDocument(text(['Kenya sends police to Haiti', 'The deployment is the first of its kind for an African force.',
    'Jane Doe, East Africa correspondent', P('The first officers landed in Port-au-Prince on Tuesday.')].join('\n\n')));
  assert.equal(reasonOf(withByline.removed, 'first of its kind'), 'standfirst');
  assert.deepEqual(withByline.byline, ['Jane Doe']);
  const shortLead = cleanDocument(text(['Kenya sends police to Haiti', 'Gunmen killed 12 people in northern Kenya on Sunday.',
    P('The first officers landed in Port-au-Prince on Tuesday.')].join('\n\n')));
  assert.ok(shortLead.text.startsWith('Gunmen killed 12 people'), shortLead.text.slice(0, 60));
});

test('byline lines without "By": names, places, roles and wires; headlines and sentences are not bylines', () => {
  assert.equal(looseByline('Martin Chulov in Basra')?.join('|'), 'Martin Chulov');
  assert.equal(looseByline('Jane Doe and John Roe in Kinshasa')?.join('|'), 'Jane Doe|John Roe');
  assert.equal(looseByline('Jane Doe, Middle East correspondent')?.join('|'), 'Jane Doe');
  assert.equal(looseByline('JANE DOE, Associated Press')?.join('|'), 'JANE DOE');
  assert.equal(looseByline('Jane Doe in Goma and Omar Khan in Kigali')?.join('|'), 'Jane Doe|Omar Khan');
  for (const s of ['Heavy Fighting in Basra', 'The Militias in Basra', 'Gunmen killed 12 people in Basra.', 'Talks in Jeddah resume']) assert.equal(looseByline(s), null, s);
});

test('AP plain text: the copyright notice goes, the contributor line stays; a wire dateline with no publisher makes it the wire’s own copy', () => {
  const d = cleanDocument(text([
    'Mali junta extends transition as attacks mount',
    'BAMAKO, Mali (AP) — ' + P("Mali's military junta said on Thursday it would extend its rule."),
    P('Opposition parties boycotted the talks.'),
    'Associated Press writer Baba Ahmed in Bamako contributed to this report.',
    'Copyright 2024 The Associated Press. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.',
  ].join('\n\n')));
  assert.ok(d.text.endsWith('contributed to this report.'), d.text.slice(-80));
  assert.equal(reasonOf(d.removed, 'Copyright 2024'), 'copyright');
  assert.equal(d.publisher, 'Associated Press');
  assert.equal(d.republication, false);
  assert.equal(d.original_publisher, null);
  // HTML on another site keeps the republication reading
  assert.equal(detectRepublication(['BAMAKO, Mali (AP) — ' + P('The junta said.')], [], 'SFGate').republication, true);
});

test('WordPress feed footer: "The post … appeared first on Site." and what follows go; Site is the original publisher', () => {
  const page = (site: string) => cleanDocument(text([
    "Sudan's warring sides agree to resume talks",
    P("Sudan's army and the Rapid Support Forces agreed to return to negotiations in Jeddah."),
    P('The talks collapsed in June after both sides violated a series of ceasefires.'),
    `The post Sudan's warring sides agree to resume talks appeared first on ${site}.`,
    'Sudan army chief visits Port Sudan as fighting rages',
    P('Fighting raged on in Darfur for a third week, residents said, as aid agencies warned of famine.'),
  ].join('\n\n')));
  const d = page('Sudan Tribune');
  assert.ok(d.text.split('\n\n').pop()!.startsWith('The talks collapsed in June'), d.text.slice(-80));
  assert.equal(reasonOf(d.removed, 'appeared first on'), 'republication_footer');
  assert.ok(!d.text.includes('Port Sudan') && !d.text.includes('third week'));
  assert.equal(d.republication, true);
  assert.equal(d.original_publisher, 'Sudan Tribune');
  assert.equal(page('actualite.cd').original_publisher, 'actualite.cd');
});

test('calls to action at the end of scraped text go: follow us, sign up, download the app; prose about them stays', () => {
  const d = cleanDocument(text([
    'Kenyan police arrest 12 over Mandera attack',
    P('Police in northern Kenya have arrested 12 suspects over an attack on a police post.'),
    P('The suspects will be arraigned on Monday.'),
    'Follow us on Twitter, Facebook and Instagram for the latest news from across the region.',
    'Sign up for our daily newsletter to get the top stories in your inbox every morning.',
    'For more news, download our app.',
  ].join('\n\n')));
  assert.ok(d.text.split('\n\n').pop()!.startsWith('The suspects will be arraigned'), d.text.slice(-80));
  for (const x of ['Follow us', 'Sign up for', 'download our app']) assert.ok(!d.text.includes(x), x);
  assert.equal(reasonOf(d.removed, 'Follow us'), 'share');
  assert.equal(promoLine('Police said the gunmen had followed the convoy on the Mandera road for an hour.'), null);
});

test('publisher from the text: the media outlet sources spoke to, not people; none without one', () => {
  assert.equal(reportingOutlet('A diplomat told The Daily Beast. Another told Smith nothing. A third told The Daily Beast again.'), 'The Daily Beast');
  assert.equal(reportingOutlet('The RSF said in a statement to Reuters that it welcomed talks.'), 'Reuters');
  assert.equal(reportingOutlet('The Nation has learned that the officers were paid.'), 'The Nation');
  assert.equal(reportingOutlet('He told The Associated Press Thursday that troops would stay.'), 'The Associated Press');
  assert.equal(reportingOutlet('The minister told Parliament that the deal was done. He told John Kamau it was.'), null);
  const d = cleanDocument(text(['Kenya sends police to Haiti', P('Officials told Parliament on Tuesday that the officers were ready.')].join('\n\n')));
  assert.equal(d.publisher, null);
});

test('captions ending in their credit, separator lines, WordPress "Like this:" and "Follow AP’s coverage at" lines go', () => {
  const d = cleanDocument(text([
    'Militias tighten grip on Basra port',
    'Fighters at a checkpoint near Umm Qasr. Photograph: Jane Doe/AFP/Getty Images',
    P('The checkpoint on the road into Umm Qasr is manned by men in mismatched uniforms.'),
    '___',
    P('Officials said militias now take a cut of nearly every contract.'),
    'Associated Press writer Baba Ahmed in Bamako contributed to this report.',
    '___',
    "Follow AP's Africa coverage at https://apnews.com/hub/africa",
    'Like this:',
    'Like Loading...',
  ].join('\n\n')));
  assert.equal(reasonOf(d.removed, 'Fighters at a checkpoint'), 'caption');
  assert.deepEqual(d.credits, ['Photograph: Jane Doe/AFP/Getty Images']);
  assert.ok(d.text.startsWith('The checkpoint on the road'));
  assert.ok(d.text.endsWith('contributed to this report.'), d.text.slice(-60));
  for (const x of ['___', 'coverage at', 'Like']) assert.ok(!d.text.includes(x), x);
  assert.equal(reportingOutlet('A police officer told Kenyans.co.ke that the suspects fled.'), 'Kenyans.co.ke');
});

test('French exonyms are flagged only as whole words, whatever precedes them', () => {
  const names = (t: string) => machineTranslationFlags(t).map((f) => `${f.start}:${f.text}`);
  assert.deepEqual(names('Les talibans et Al-Qaïda en Irak.'), ['16:Al-Qaïda', '28:Irak']);
  assert.deepEqual(names('xIrak, Irakx and éIrak'), [], 'a letter before or after is part of another word');
  assert.deepEqual(names('xAl Qaïda'), ['4:Qaïda'], 'a rejected match does not hide a shorter one inside it');
  assert.deepEqual(names('\u{1D400}Irak (Irak)'), ['8:Irak'], 'a letter outside the BMP counts as a letter');
});
