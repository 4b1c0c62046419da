#!/usr/bin/python3
"""Generate the reference hyphenations in this folder (<tag>.txt).

The references come from an implementation of Liang's algorithm that is
independent of the Go package: Pyphen (Debian's python3-pyphen 0.13.2),
fed the very same hyph-utf8 pattern files (../patterns/hyph-*.pat.txt),
exception files (../patterns/hyph-*.hyp.txt) and hyphen minimums.

How it was run (Debian 12, as root):

    apt-get install -y python3-pyphen wamerican wbritish wngerman wfrench \
        wspanish witalian wportuguese wdutch wpolish wswedish wdanish \
        wnorwegian wcatalan hunspell-hu hunspell-hr hunspell-sl hunspell-tr \
        dict-freedict-fin-eng
    cd hyphen/testdata && /usr/bin/python3 gen-reference.py [TAG...]

With tags, only those languages' files are written.

Pyphen reads the hunspell/libhyphen ".dic" format: a first line naming the
encoding, then one pattern a line. Each .pat.txt is converted to that format
in a temporary folder (LEFTHYPHENMIN/RIGHTHYPHENMIN lines are written for
completeness, but Pyphen ignores them: the minimums are passed to its
constructor instead, and it applies them as TeX does, allowing a break after
letter i only when left <= i <= len(word) - right).

TeX's hyphenation exceptions (\\hyphenation{...}, the .hyp.txt files) replace
the patterns for exactly that word. Pyphen has no exception list, so each
exception is added as one pattern spanning the whole word between the two
word-boundary dots, with the digit 9 at each of its breaks and 8 everywhere
else: when no pattern of the language has a digit above 8, 9 (odd: break)
and 8 (even: no break) win over every other pattern, which makes the
exception decide every position of that word and of no other (a pattern
spelling that very word between dots, like Dutch ".wals5te.", is dropped in
favour of the exception, since Pyphen keeps one pattern per letter string).
The script also checks the result against the .hyp.txt text itself (after
the minimums). Norwegian's patterns use the digit 9 too, which Pyphen's
one-digit levels cannot outrank: there, Pyphen gets the patterns alone, and
the exception words' reference is the .hyp.txt text (after the minimums),
since an exception decides its word whatever the patterns say.

Words: from each language's word source, the words made of letters only
(str.isalpha) with at least 5 letters, lower-cased, deduplicated and sorted
by code point; of these, every Nth word is taken so that TARGET words are
picked, evenly spread over the list. All the words of the language's
exception list are added. Output: one "word<TAB>hy-phen-at-ed" line per
word, after "#" comment lines that say where it came from.

The word sources are Debian packages: a word list (/usr/share/dict/...)
where Debian has one for the language; else the stems of the hunspell
dictionary (/usr/share/hunspell/*.dic, each line's word before its "/"
flags, in the encoding the .aff names), which are real words, though
uninflected; for Finnish, which has neither, the headwords of the
Finnish-English FreeDict dictionary (its dictd index). Turkish words are
lower-cased with Turkish rules (I to ı, İ to i), as the Go package does.
"""

import os
import subprocess
import sys
import tempfile

import pyphen

TARGET = 2000

HERE = os.path.dirname(os.path.abspath(__file__))
PATTERNS = os.path.join(HERE, '..', 'patterns')

# Kinds of word source: a /usr/share/dict word list, a hunspell dictionary,
# a dictd index.
DICT, HUNSPELL, DICTD = 'dict', 'hunspell', 'dictd'

# canonical tag, hyph-utf8 name, (kind of word source, its file, its
# package), left, right. Word lists are UTF-8 but for those in LATIN1.
LANGS = [
    ('en-US', 'en-us', (DICT, 'american-english', 'wamerican'), 2, 3),
    ('en-GB', 'en-gb', (DICT, 'british-english', 'wbritish'), 2, 3),
    ('de-1996', 'de-1996', (DICT, 'ngerman', 'wngerman'), 2, 2),
    ('fr', 'fr', (DICT, 'french', 'wfrench'), 2, 3),
    ('es', 'es', (DICT, 'spanish', 'wspanish'), 2, 2),
    ('it', 'it', (DICT, 'italian', 'witalian'), 2, 2),
    ('pt', 'pt', (DICT, 'portuguese', 'wportuguese'), 2, 3),
    ('nl', 'nl', (DICT, 'dutch', 'wdutch'), 2, 3),
    ('pl', 'pl', (DICT, 'polish', 'wpolish'), 2, 3),
    ('sv', 'sv', (DICT, 'swedish', 'wswedish'), 2, 2),
    ('da', 'da', (DICT, 'danish', 'wdanish'), 2, 2),
    ('nb', 'nb', (DICT, 'bokmaal', 'wnorwegian'), 2, 2),
    ('nn', 'nn', (DICT, 'nynorsk', 'wnorwegian'), 2, 2),
    ('fi', 'fi', (DICTD, 'freedict-fin-eng', 'dict-freedict-fin-eng'), 2, 2),
    ('hu', 'hu', (HUNSPELL, 'hu_HU', 'hunspell-hu'), 2, 2),
    ('hr', 'hr', (HUNSPELL, 'hr_HR', 'hunspell-hr'), 2, 2),
    ('sl', 'sl', (HUNSPELL, 'sl_SI', 'hunspell-sl'), 2, 3),
    ('tr', 'tr', (HUNSPELL, 'tr_TR', 'hunspell-tr'), 2, 3),
    ('ca', 'ca', (DICT, 'catalan', 'wcatalan'), 2, 2),
]
LATIN1 = {'swedish', 'bokmaal', 'nynorsk'}


def package_version(pkg):
    try:
        out = subprocess.run(['dpkg-query', '-W', '-f=${Version}', pkg],
                             capture_output=True, text=True, check=True)
        return out.stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return 'unknown'


def read_words(path, encoding='utf-8'):
    with open(path, encoding=encoding) as f:
        return f.read().split()


def source_words(kind, name):
    """The words of a word source, and the path it was read from."""
    if kind == DICT:
        path = os.path.join('/usr/share/dict', name)
        encoding = 'iso-8859-1' if name in LATIN1 else 'utf-8'
        return read_words(path, encoding), path
    if kind == HUNSPELL:
        base = os.path.join('/usr/share/hunspell', name)
        encoding = 'utf-8'
        with open(base + '.aff', 'rb') as f:
            for line in f:
                if line.startswith(b'SET '):
                    encoding = line.split()[1].decode('ascii')
        with open(base + '.dic', encoding=encoding) as f:
            lines = f.read().splitlines()[1:]  # the first line is a count
        return [line.split('/')[0].split()[0] for line in lines
                if line.strip()], base + '.dic'
    if kind == DICTD:
        path = os.path.join('/usr/share/dictd', name + '.index')
        with open(path, encoding='utf-8') as f:
            return [line.split('\t')[0] for line in f], path
    raise ValueError(kind)


def lower(tag, word):
    """word in lower case, with Turkish rules for Turkish."""
    if tag == 'tr':
        word = word.replace('I', 'ı').replace('İ', 'i')
    return word.lower()


def max_level(patterns):
    return max((int(c) for p in patterns for c in p if c.isdigit()),
               default=0)


def exception_pattern(hyphenated):
    """The pattern that forces exactly the breaks of one exception."""
    letters = hyphenated.replace('-', '')
    breaks = set()
    n = 0
    for c in hyphenated:
        if c == '-':
            breaks.add(n)
        else:
            n += 1
    out = ['.']
    for i, c in enumerate(letters):
        out.append('9' if i in breaks else '8')
        out.append(c)
    out.append('8.')
    return ''.join(out)


def strip_digits(pattern):
    return ''.join(c for c in pattern if not c.isdigit())


def with_minimums(hyphenated, left, right):
    """The .hyp.txt hyphenation with breaks outside the minimums removed."""
    letters = hyphenated.replace('-', '')
    pos, n = [], 0
    for c in hyphenated:
        if c == '-':
            pos.append(n)
        else:
            n += 1
    keep = [p for p in pos if left <= p <= len(letters) - right]
    out = []
    for i, c in enumerate(letters):
        if i in keep:
            out.append('-')
        out.append(c)
    return ''.join(out)


def main():
    only = set(sys.argv[1:])
    unknown = only - {lang[0] for lang in LANGS}
    if unknown:
        sys.exit('unknown tags: %s' % ' '.join(sorted(unknown)))
    tmp = tempfile.mkdtemp(prefix='hyph-ref-')
    for tag, name, (kind, source, wpkg), left, right in LANGS:
        if only and tag not in only:
            continue
        pats = read_words(os.path.join(PATTERNS, 'hyph-%s.pat.txt' % name))
        hyp_path = os.path.join(PATTERNS, 'hyph-%s.hyp.txt' % name)
        hyps = read_words(hyp_path) if os.path.exists(hyp_path) else []
        # Exceptions as patterns of levels 9 and 8 need patterns below 9.
        in_pyphen = max_level(pats) <= 8
        extra = [exception_pattern(h) for h in hyps] if in_pyphen else []
        # A pattern with the same letters as an exception (".wals5te." and
        # "wals-te" in Dutch) only ever matches that very word, which the
        # exception decides: drop it, as Pyphen keeps one pattern per key.
        exkeys = {strip_digits(p) for p in extra}
        pats = [p for p in pats if strip_digits(p) not in exkeys]
        dic = os.path.join(tmp, 'hyph_%s.dic' % name)
        with open(dic, 'w', encoding='utf-8') as f:
            f.write('UTF-8\nLEFTHYPHENMIN %d\nRIGHTHYPHENMIN %d\n'
                    % (left, right))
            f.write('\n'.join(pats + extra) + '\n')
        hy = pyphen.Pyphen(filename=dic, left=left, right=right, cache=False)

        all_words, src = source_words(kind, source)
        words = sorted({lower(tag, w) for w in all_words
                        if w.isalpha() and len(w) >= 5})
        step = max(1, len(words) // TARGET)
        picked = words[step // 2::step][:TARGET]

        lines = []
        seen = set()
        for w in picked:
            seen.add(w)
            lines.append('%s\t%s' % (w, hy.inserted(w)))
        for h in hyps:
            w = h.replace('-', '')
            want = with_minimums(h, left, right)
            got = hy.inserted(w) if in_pyphen else want
            if got != want:
                sys.exit('%s: exception %s: pyphen %s, .hyp.txt %s'
                         % (tag, w, got, want))
            if w not in seen:
                seen.add(w)
                lines.append('%s\t%s' % (w, got))

        out = os.path.join(HERE, '%s.txt' % tag)
        with open(out, 'w', encoding='utf-8') as f:
            f.write('# Reference hyphenations for %s, made by gen-reference.py'
                    ' with pyphen %s\n' % (tag, pyphen.__version__))
            f.write('# patterns: hyph-%s.pat.txt%s; left=%d right=%d\n'
                    % (name, ' + hyph-%s.hyp.txt' % name if hyps else '',
                       left, right))
            if hyps and not in_pyphen:
                f.write('# exceptions: from hyph-%s.hyp.txt (its patterns'
                        ' reach level 9, above what Pyphen can give them)\n'
                        % name)
            f.write('# words: every %dth of %d words in %s'
                    ' (%s %s), plus %d exceptions\n'
                    % (step, len(words), src, wpkg, package_version(wpkg),
                       len(hyps)))
            f.write('\n'.join(lines) + '\n')
        print('%-8s %5d words (%d from the list, %d exceptions) -> %s'
              % (tag, len(lines), len(picked), len(hyps),
                 os.path.basename(out)))


if __name__ == '__main__':
    main()
