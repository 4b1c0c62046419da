#!/usr/bin/python3
"""Generate the reference hyphenations in this folder (<tag>.txt).

The references come from an implementation of Liang's algorithm that is
independent of the Go package: Pyphen (Debian's python3-pyphen 0.13.2),
fed the very same hyph-utf8 pattern files (../patterns/hyph-*.pat.txt),
exception files (../patterns/hyph-*.hyp.txt) and hyphen minimums.

How it was run (Debian 12, as root):

    apt-get install -y python3-pyphen wamerican wbritish wngerman wfrench \
        wspanish witalian wportuguese wdutch
    cd hyphen/testdata && /usr/bin/python3 gen-reference.py

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
else: no hyph-utf8 pattern has a digit above 7, so 9 (odd: break) and 8 (even:
no break) win over every other pattern, which makes the exception decide every
position of that word and of no other (a pattern spelling that very word
between dots, like Dutch ".wals5te.", is dropped in favour of the exception,
since Pyphen keeps one pattern per letter string). The script also checks
the result against the .hyp.txt text itself (after the minimums).

Words: from each Debian word list (/usr/share/dict/...), the words made of
letters only (str.isalpha) with at least 5 letters, lower-cased, deduplicated
and sorted by code point; of these, every Nth word is taken so that TARGET
words are picked, evenly spread over the list. All the words of the
language's exception list are added. Output: one "word<TAB>hy-phen-at-ed"
line per word, after "#" comment lines that say where it came from.
"""

import os
import subprocess
import sys
import tempfile

import pyphen

TARGET = 2000

HERE = os.path.dirname(os.path.abspath(__file__))
PATTERNS = os.path.join(HERE, '..', 'patterns')

# canonical tag, hyph-utf8 name, Debian word list, its package, left, right
LANGS = [
    ('en-US', 'en-us', 'american-english', 'wamerican', 2, 3),
    ('en-GB', 'en-gb', 'british-english', 'wbritish', 2, 3),
    ('de-1996', 'de-1996', 'ngerman', 'wngerman', 2, 2),
    ('fr', 'fr', 'french', 'wfrench', 2, 2),
    ('es', 'es', 'spanish', 'wspanish', 2, 2),
    ('it', 'it', 'italian', 'witalian', 2, 2),
    ('pt', 'pt', 'portuguese', 'wportuguese', 2, 3),
    ('nl', 'nl', 'dutch', 'wdutch', 2, 2),
]


def package_version(pkg):
    try:
        out = subprocess.run(['dpkg-query', '-W', '-f=${Version}', pkg],
                             capture_output=True, text=True, check=True)
        return out.stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return 'unknown'


def read_words(path):
    with open(path, encoding='utf-8') as f:
        return f.read().split()


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
    tmp = tempfile.mkdtemp(prefix='hyph-ref-')
    for tag, name, wordlist, wpkg, left, right in LANGS:
        pats = read_words(os.path.join(PATTERNS, 'hyph-%s.pat.txt' % name))
        hyp_path = os.path.join(PATTERNS, 'hyph-%s.hyp.txt' % name)
        hyps = read_words(hyp_path) if os.path.exists(hyp_path) else []
        extra = [exception_pattern(h) for h in hyps]
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

        src = os.path.join('/usr/share/dict', wordlist)
        words = sorted({w.lower() for w in read_words(src)
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
            got = hy.inserted(w)
            want = with_minimums(h, left, right)
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
            f.write('# words: every %dth of %d words in /usr/share/dict/%s'
                    ' (%s %s), plus %d exceptions\n'
                    % (step, len(words), wordlist, wpkg, package_version(wpkg),
                       len(hyps)))
            f.write('\n'.join(lines) + '\n')
        print('%-8s %5d words (%d from the list, %d exceptions) -> %s'
              % (tag, len(lines), len(picked), len(hyps),
                 os.path.basename(out)))


if __name__ == '__main__':
    main()
