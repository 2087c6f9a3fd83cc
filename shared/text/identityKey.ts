/**
 * Names and organisations are claims people type at join. Two claims that a reader cannot tell apart on the
 * wall must compare equal here, so that a board can refuse the second one (issue 10, item 4):
 *  1. NFKC: full-width, mathematical and other compatibility forms become plain letters ("Ａｌｉｃｅ" → "Alice");
 *  2. case fold (lower case, then ß → ss, final sigma → sigma);
 *  3. confusable fold: a small UTS #39 ("skeleton") style table for the look-alikes that matter in practice:
 *     Cyrillic and Greek letters that look Latin ("Аlice" with a Cyrillic А), dotless i, and the digits and
 *     letters a sans-serif font draws alike (l, I, 1 → l; 0 → o; rn → m; vv → w);
 *  4. punctuation and spaces: every run of spaces, dots, commas, brackets and dashes becomes one space.
 * Only for comparing: the key is stored beside the name, never shown. The table is deliberately small and
 * written here (no dependency): it covers the scripts a UK event meets; a fuller TR39 table can replace
 * `CONFUSABLES` without changing callers.
 */

/** Look-alike → the Latin letter it imitates, applied after lower-casing (so it also catches capitals). */
const CONFUSABLES: Readonly<Record<string, string>> = {
  // Cyrillic
  а: 'a', в: 'b', г: 'r', е: 'e', ё: 'e', ж: 'x', з: '3', и: 'u', к: 'k', л: 'n', м: 'm', н: 'h', о: 'o', п: 'n',
  р: 'p', с: 'c', т: 't', у: 'y', х: 'x', ц: 'u', ч: '4', ш: 'w', щ: 'w', ъ: 'b', ь: 'b', ы: 'bl', э: '3',
  ѕ: 's', і: 'l', ї: 'l', ј: 'j', ԁ: 'd', ԛ: 'q', ԝ: 'w', һ: 'h', ӏ: 'l', ү: 'y', ұ: 'y', ғ: 'f', қ: 'k', ң: 'h',
  ҳ: 'x', ҫ: 'c', ӑ: 'a', ӓ: 'a', ӗ: 'e', ө: 'o', ӧ: 'o', ԍ: 'g', ԏ: 't', ԃ: 'd', ԑ: 'e', ɡ: 'g',
  // Greek
  α: 'a', ά: 'a', β: 'b', γ: 'y', δ: 'd', ε: 'e', έ: 'e', ζ: 'z', η: 'h', ή: 'h', θ: 'o', ι: 'l', ί: 'l', ϊ: 'l',
  κ: 'k', λ: 'n', μ: 'm', ν: 'v', ξ: 'e', ο: 'o', ό: 'o', π: 'n', ρ: 'p', σ: 'o', ς: 'c', τ: 't', υ: 'u', ύ: 'u',
  φ: 'o', χ: 'x', ψ: 'w', ω: 'w', ώ: 'w', ϲ: 'c', ϳ: 'j', ϐ: 'b', ϱ: 'p', ϵ: 'e',
  // Latin and digits drawn alike in sans-serif fonts
  ı: 'l', i: 'l', '1': 'l', '|': 'l', ǀ: 'l', ɩ: 'l', '0': 'o', ɑ: 'a', ɒ: 'a', ɛ: 'e', ſ: 'f', ʏ: 'y', ʜ: 'h',
  ɴ: 'n', ʀ: 'r', ᴀ: 'a', ᴄ: 'c', ᴅ: 'd', ᴇ: 'e', ᴋ: 'k', ᴍ: 'm', ᴏ: 'o', ᴘ: 'p', ᴛ: 't', ᴜ: 'u', ᴠ: 'v', ᴡ: 'w', ᴢ: 'z',
};

/** Letter pairs that read as one letter (UTS #39 maps "rn" to "m"). */
const CONFUSABLE_PAIRS: ReadonlyArray<readonly [RegExp, string]> = [
  [/rn/g, 'm'],
  [/vv/g, 'w'],
];

/** Runs of spaces and punctuation (including hyphens, brackets and quotes) count as one space. */
const SEPARATORS = /[\s\p{P}\p{S}]+/gu;

/** Case fold beyond `toLowerCase` for the letters that need it. */
function caseFold(text: string): string {
  return text.toLowerCase().replace(/ß/g, 'ss').replace(/ς/g, 'σ');
}

/** `text` with look-alike letters replaced by the Latin letter they imitate (input already case-folded). */
export function foldConfusables(text: string): string {
  let folded = '';
  for (const character of text) folded += CONFUSABLES[character] ?? character;
  for (const [pattern, replacement] of CONFUSABLE_PAIRS) folded = folded.replace(pattern, replacement);
  return folded;
}

/**
 * The comparison key of one claim (a name or an organisation): equal keys mean a reader could not tell the
 * two apart. `identityKey('Alice  Supplier')` equals `identityKey('АLICE supplier.')` (Cyrillic А).
 */
export function identityKey(text: string): string {
  // Combining marks are kept (José is not Jose), but NFKC composes them first so both spellings agree.
  // Hidden characters are refused at join; dropping them here too means they can never split a key.
  const normalised = caseFold(text.normalize('NFKC')).replace(/[\p{Cf}\p{Cc}]/gu, '');
  // The pipe and digits are folded before separators are collapsed: `|` is punctuation-like but draws as l.
  return foldConfusables(normalised).replace(SEPARATORS, ' ').trim();
}

/** The key of a person's whole claim: name and organisation together. */
export function personIdentityKey(name: string, organisation: string): string {
  return `${identityKey(name)}\n${identityKey(organisation)}`;
}

/**
 * Words a participant may not use in their name or organisation, because on the wall they would read as the
 * council's own role (which only the server shows, from an officer's account). Compared on the folded key,
 * so "0fficer", "OFFICER" and a Cyrillic "оfficer" are caught too. Whole words only: "Administrative
 * Services" is fine; "Admin" alone is not. Kept short on purpose: every word here refuses some real name.
 */
const ROLE_WORDS = ['officer', 'moderator', 'admin', 'administrator', 'facilitator'] as const;
const ROLE_PHRASES = ['council staff', 'staff member'] as const;

const ROLE_BY_FOLDED_WORD = new Map<string, string>(ROLE_WORDS.map((word) => [identityKey(word), word]));
const ROLE_BY_FOLDED_PHRASE = new Map<string, string>(ROLE_PHRASES.map((phrase) => [identityKey(phrase), phrase]));

/** The role word or phrase `text` claims (e.g. "officer" in "Olive Officer (council officer)"), or null. */
export function claimedRoleWord(text: string): string | null {
  const key = identityKey(text);
  for (const word of key.split(' ')) {
    const role = ROLE_BY_FOLDED_WORD.get(word);
    if (role !== undefined) return role;
  }
  const padded = ` ${key} `;
  for (const [phrase, role] of ROLE_BY_FOLDED_PHRASE) if (padded.includes(` ${phrase} `)) return role;
  return null;
}

/**
 * The message for a name or organisation that claims a council role, or null when it claims none. One text for
 * the join form (before sending) and the server (which decides). `label` is e.g. "Your name".
 */
export function roleClaimProblem(label: string, text: string): string | null {
  const word = claimedRoleWord(text);
  if (word === null) return null;
  return `${label} must not include ‘${word}’. The board shows who works for the council by itself, so nobody can claim it in a name.`;
}
