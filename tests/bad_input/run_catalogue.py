#!/usr/bin/env python3
"""The bad-input catalogue (issue 7): every entry feeds tmkit one kind of bad
input and checks the exit code, the one-line message, that nothing hangs
(a timeout per case) and, where a TM is involved, that the TM still opens,
passes PRAGMA integrity_check and holds what it held before.

    run_catalogue.py TMKIT WORKDIR [--markdown]

Small fixtures are in tests/data/bad/; big or binary ones are written by
tests/data/bad/make_generated.py into WORKDIR. --markdown prints the table
for docs/hardening.md.
"""
import os
import re
import shutil
import sqlite3
import subprocess
import sys

TMKIT, WORK = sys.argv[1], sys.argv[2]
MARKDOWN = '--markdown' in sys.argv
HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, '..', 'data')
BAD = os.path.join(DATA, 'bad')
SAMPLE = os.path.join(HERE, '..', '..', 'samples', 'dprk-cuba')

shutil.rmtree(WORK, ignore_errors=True)
os.makedirs(WORK)
subprocess.run([sys.executable, os.path.join(BAD, 'make_generated.py'), WORK], check=True)


def bad(name):
    return os.path.join(BAD, name)


def gen(name):
    return os.path.join(WORK, name)


def fresh_tm(name, seed_tmx=os.path.join(DATA, 'tmx', 'inline_bpt_ept.tmx')):
    """A TM holding the units of one small fixture, to check nothing is lost."""
    path = gen(name)
    for suffix in ('', '-wal', '-shm'):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)
    subprocess.run([TMKIT, 'import', '--tm', path, seed_tmx], check=True, capture_output=True)
    return path


def tm_units(path):
    db = sqlite3.connect(path)
    try:
        assert db.execute('PRAGMA integrity_check').fetchone()[0] == 'ok', 'integrity_check failed'
        return db.execute('SELECT count(*) FROM unit').fetchone()[0]
    finally:
        db.close()


def newer_schema_tm():
    path = fresh_tm('newer.tmkit')
    db = sqlite3.connect(path)
    db.execute('PRAGMA user_version = 99')
    db.commit()
    db.close()
    return path


def not_sqlite_tm():
    path = gen('not_sqlite.tmkit')
    with open(path, 'w') as f:
        f.write('This is a text file that someone named .tmkit by mistake, long enough to have a header.\n')
    return path


NOBODY = ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups']


def can_run_as_nobody():
    # nobody must be able to reach and run the binary (a build tree under a
    # private folder may not allow it).
    try:
        return subprocess.run(NOBODY + [TMKIT, '--version'], capture_output=True, timeout=30).returncode == 0
    except OSError:
        return False


def run_as_nobody():
    # Root ignores file permissions, so the read-only case runs tmkit as
    # nobody against a TM (and folder) that nobody cannot write.
    if os.geteuid() != 0:
        return []
    return NOBODY


# (input, command, expected exit code, stderr pattern, extra check or None)
CASES = []


def case(label, command, code, err, check=None, timeout=120, shell_prefix=None, stdout=None, skip_unless=None):
    CASES.append(dict(label=label, command=command, code=code, err=err, check=check, timeout=timeout,
                      prefix=shell_prefix, stdout=stdout, skip_unless=skip_unless))


case('empty file', [TMKIT, 'segment', '--lang', 'en', bad('empty.txt')], 0, r'^$', stdout=r'^$')
case('whitespace-only file', [TMKIT, 'segment', '--lang', 'en', bad('whitespace.txt')], 0, r'^$', stdout=r'^$')
case('binary file', [TMKIT, 'segment', '--lang', 'en', gen('binary.bin')], 1,
     r'^tmkit: error: .*binary\.bin:1:8: this is not a text file \(a NUL byte at byte 7\)$')
case('invalid UTF-8 in text', [TMKIT, 'segment', '--lang', 'en', bad('invalid_utf8.txt')], 1,
     r'^tmkit: error: .*invalid_utf8\.txt:2:33: invalid UTF-8 at byte 56$')
case('invalid UTF-8 in text, --lenient', [TMKIT, 'segment', '--lang', 'en', '--lenient', bad('invalid_utf8.txt')], 0,
     r'^tmkit: warning: .*invalid_utf8\.txt:2:33: invalid UTF-8 at byte 56 \(and maybe later\) replaced with U\+FFFD$')
case('invalid UTF-8 in TMX', lambda: [TMKIT, 'import', '--tm', fresh_tm('utf8.tmkit'),
                                      os.path.join(DATA, 'tmx', 'invalid_utf8.tmx')], 1,
     r'^tmkit: error: .*invalid_utf8\.tmx: byte \d+: invalid UTF-8', check=('utf8.tmkit', 3))
case('UTF-16 text given as plain text', [TMKIT, 'segment', '--lang', 'en', gen('utf16le_bom.txt')], 1,
     r'^tmkit: error: .*utf16le_bom\.txt: this is UTF-16 \(byte order mark\); tmkit reads UTF-8 text: '
     r'convert it first, e\.g\. iconv -f UTF-16 -t UTF-8$')
case('a 10 MB single line', [TMKIT, 'segment', '--lang', 'en', gen('single_line_10mb.txt')], 0, r'^$')
case('100,000 empty paragraphs', [TMKIT, 'segment', '--lang', 'en', gen('empty_paragraphs_100k.txt')], 0, r'^$',
     stdout=r'^First\.\n\nLast\.\n$')
case('mismatched language (--src-lang ko on French)',
     [TMKIT, 'align', bad('french.txt'), bad('french.txt'), '--src-lang', 'ko', '--tgt-lang', 'fr',
      '--format', 'beads'], 0,
     r'tmkit: warning: .*french\.txt: the text is mostly in Latin script, but ko is written in Hangul or Han')
case('source and target identical',
     [TMKIT, 'align', os.path.join(SAMPLE, 'es.txt'), os.path.join(SAMPLE, 'es.txt'), '--src-lang', 'es',
      '--tgt-lang', 'es', '--format', 'beads'], 0,
     r'^tmkit: warning: .*es\.txt and .*es\.txt are the same text: is one of them the wrong file\?$')
case('one side empty',
     [TMKIT, 'align', os.path.join(SAMPLE, 'en.txt'), bad('empty.txt'), '--src-lang', 'en', '--tgt-lang', 'ko'], 1,
     r'^tmkit: error: .*empty\.txt: has no sentences to align \(the other side has 16\)$')
case('TMX truncated mid-unit', lambda: [TMKIT, 'import', '--tm', fresh_tm('trunc.tmkit'),
                                        bad('truncated_mid_unit.tmx')], 1,
     r'^tmkit: error: .*truncated_mid_unit\.tmx:\d+:\d+: ', check=('trunc.tmkit', 3))
case('TMX with 0 units', lambda: [TMKIT, 'import', '--tm', fresh_tm('zero.tmkit'), bad('zero_units.tmx')], 0,
     r'^$', check=('zero.tmkit', 3), stdout=r'units read: 0\n')
case('<tuv> without language', lambda: [TMKIT, 'import', '--tm', fresh_tm('nolang.tmkit'),
                                        bad('tuv_without_language.tmx')], 0,
     r'^tmkit: warning: .*tuv_without_language\.tmx:11:7: tu 2: <tuv> has no xml:lang$',
     check=('nolang.tmkit', 4), stdout=r'skipped: 1\n')
case('<tuv> without language, --strict', lambda: [TMKIT, 'import', '--strict', '--tm', fresh_tm('nolang2.tmkit'),
                                                  bad('tuv_without_language.tmx')], 1,
     r'^tmkit: error: .*tuv_without_language\.tmx:11:7: tu 2: <tuv> has no xml:lang$', check=('nolang2.tmkit', 3))
case('nesting 100,000 deep', lambda: [TMKIT, 'import', '--tm', fresh_tm('deep.tmkit'), gen('nesting_100k.tmx')],
     0, r'^tmkit: warning: .*nesting_100k\.tmx:2:\d+: tu 1: elements nested more than 64 deep$',
     check=('deep.tmkit', 4), stdout=r'skipped: 1\n')
case('XXE (external entity)', lambda: [TMKIT, 'import', '--tm', fresh_tm('xxe.tmkit'),
                                       os.path.join(DATA, 'tmx', 'xxe_external_entity.tmx')], 0,
     r"^tmkit: warning: .*xxe_external_entity\.tmx:\d+:\d+: tu 1: entity '&xxe;' is not expanded "
     r"\(tmkit never processes a DTD\)$", check=('xxe.tmkit', None))
case('billion laughs', lambda: [TMKIT, 'import', '--tm', fresh_tm('laughs.tmkit'),
                                os.path.join(DATA, 'tmx', 'billion_laughs.tmx')], 0,
     r"^tmkit: warning: .*billion_laughs\.tmx:\d+:\d+: tu 1: entity '&lol9;' is not expanded", check=('laughs.tmkit', None),
     timeout=30)
case('a TM file that is not SQLite', lambda: [TMKIT, 'stats', '--tm', not_sqlite_tm()], 1,
     r'^tmkit: error: .*not_sqlite\.tmkit: cannot open translation memory: file is not a database$')
case('a TM from a newer schema version', lambda: [TMKIT, 'stats', '--tm', newer_schema_tm()], 1,
     r'^tmkit: error: .*newer\.tmkit: schema version 99 is newer than this tmkit reads \(\d+\)$')
case('a read-only TM',
     lambda: run_as_nobody() + [TMKIT, 'import', '--tm', fresh_tm('readonly.tmkit'),
                                os.path.join(DATA, 'tmx', 'utf8_bom.tmx')], 1,
     r'^tmkit: error: .*readonly\.tmkit: .*readonly database$', check=('readonly.tmkit', 3),
     skip_unless=lambda: os.geteuid() != 0 or can_run_as_nobody())
case('a full disk (ulimit -f 1000 blocks)', lambda: [TMKIT, 'import', '--tm', fresh_tm('full.tmkit'),
                                                     gen('large_20k_units.tmx')], 1,
     r'^tmkit: error: .*full\.tmkit: .*(disk I/O error|disk is full|too large)', check=('full.tmkit', 3),
     shell_prefix='ulimit -f 1000; ')

failures = []
rows = []
skipped = 0
for c in CASES:
    if c['skip_unless'] and not c['skip_unless']():
        print(f"skipped: {c['label']} (user nobody cannot run {TMKIT} here)")
        skipped += 1
        continue
    command = c['command']() if callable(c['command']) else c['command']
    if c['prefix']:
        command = ['bash', '-c', c['prefix'] + 'exec "$@"', 'bash'] + command
    try:
        result = subprocess.run(command, capture_output=True, timeout=c['timeout'])
        code, out, err = result.returncode, result.stdout.decode('utf-8', 'replace'), \
            result.stderr.decode('utf-8', 'replace')
    except subprocess.TimeoutExpired:
        failures.append(f"{c['label']}: still running after {c['timeout']} s (a hang)")
        continue
    problems = []
    if code < 0:
        problems.append(f'killed by signal {-code}')
    elif c['code'] is not None and code != c['code']:
        problems.append(f"exit code {code}, expected {c['code']}")
    elif code not in (0, 1):
        problems.append(f'exit code {code}: 2 is a usage error, 3 an internal error')
    if not re.search(c['err'], err.strip(), re.S | re.M):
        problems.append(f"stderr {err.strip()[:300]!r} does not match {c['err']!r}")
    if c['stdout'] and not re.search(c['stdout'], out, re.S):
        problems.append(f"stdout {out[:200]!r} does not match {c['stdout']!r}")
    if c['check']:
        name, expected_units = c['check']
        try:
            units = tm_units(gen(name))
            if expected_units is not None and units != expected_units:
                problems.append(f'the TM holds {units} units, expected {expected_units}')
        except Exception as e:  # noqa: BLE001 - reported as a failure
            problems.append(f'the TM is damaged: {e}')
    if problems:
        failures.append(f"{c['label']}: " + '; '.join(problems))
    first_line = (err.strip().splitlines() or ['(nothing)'])[0]
    rows.append((c['label'], first_line.replace(WORK + '/', '').replace(os.path.abspath(DATA) + '/', ''), code))

if MARKDOWN:
    print('| input | message (first line of stderr) | exit code |')
    print('|---|---|---|')
    for label, message, code in rows:
        print(f'| {label} | `{message}` | {code} |')
print(f'{len(CASES) - len(failures) - skipped} passed, {len(failures)} failed' +
      (f', {skipped} skipped' if skipped else ''))
for failure in failures:
    print('FAIL ' + failure)
sys.exit(1 if failures else 0)
