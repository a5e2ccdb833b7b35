#!/usr/bin/env python3
"""Durability (issue 7): kill -9 `tmkit import` and `tmkit align --tm` at random
moments, again and again, and check after each kill that the TM opens, passes
PRAGMA integrity_check and holds exactly the imports that committed: all of
an import or nothing of it. Then two imports into one TM at the same time:
both succeed, or one fails cleanly, and nothing committed is lost.

    kill_test.py TMKIT WORKDIR [RUNS] [UNITS_PER_IMPORT]

Fixed seed; prints one line per run and a summary.
"""
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import time

TMKIT, WORK = sys.argv[1], sys.argv[2]
RUNS = int(sys.argv[3]) if len(sys.argv) > 3 else 20
HERE = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(20261128)
shutil.rmtree(WORK, ignore_errors=True)
os.makedirs(WORK)


def write_tmx(path, prefix, count):
    with open(path, 'w', encoding='utf-8') as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="kill_test" '
                'creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="en" '
                'datatype="plaintext"/><body>\n')
        for i in range(count):
            f.write(f'<tu><tuv xml:lang="en"><seg>{prefix} sentence number {i} for the durability test.</seg></tuv>'
                    f'<tuv xml:lang="de"><seg>{prefix} Satz Nummer {i} für den Dauertest.</seg></tuv></tu>\n')
        f.write('</body></tmx>\n')


def write_pair(src, tgt, count):
    words = 'alpha beta gamma delta epsilon zeta theta kappa lambda sigma omega'.split()
    with open(src, 'w') as s, open(tgt, 'w') as t:
        for i in range(count):
            n = rng.randint(4, 20)
            s.write(' '.join(rng.choice(words) for _ in range(n)).capitalize() + f' {i}.\n')
            t.write(' '.join(rng.choice(words) for _ in range(n + rng.randint(0, 3))).capitalize() + f' {i}.\n')
            if i % 20 == 19:
                s.write('\n')
                t.write('\n')


def units(tm):
    db = sqlite3.connect(tm, timeout=30)
    try:
        status = db.execute('PRAGMA integrity_check').fetchone()[0]
        if status != 'ok':
            raise SystemExit(f'{tm}: integrity_check says {status!r}')
        return db.execute('SELECT count(*) FROM unit').fetchone()[0]
    finally:
        db.close()


failures = []
tm = os.path.join(WORK, 'kill.tmkit')
batch = int(sys.argv[4]) if len(sys.argv) > 4 else 5000
files = []
for k in range(RUNS):
    path = os.path.join(WORK, f'batch{k}.tmx')
    write_tmx(path, f'Batch {k}', batch)
    files.append(path)
write_tmx(os.path.join(WORK, 'warmup.tmx'), 'Warm-up', batch)
src, tgt = os.path.join(WORK, 'src.txt'), os.path.join(WORK, 'tgt.txt')
write_pair(src, tgt, 3000)

# Time one whole import and one whole alignment into the TM first: kill
# moments are then spread over [0.05 s, 1.4 × that], so some runs die early,
# some late, and some finish.
def timed(command):
    start = time.monotonic()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.monotonic() - start


import_seconds = timed([TMKIT, 'import', '--tm', tm, os.path.join(WORK, 'warmup.tmx')])
align_seconds = timed([TMKIT, 'align', '--segmented', src, tgt, '--src-lang', 'en', '--tgt-lang', 'de',
                       '--format', 'beads', '-o', os.devnull, '--tm', tm])
pair_units = units(tm) - batch
committed = units(tm)
print(f'a whole import takes {import_seconds:.2f}s, a whole align --tm {align_seconds:.2f}s '
      f'({pair_units} pairs); the TM holds {committed} units')
killed = finished = 0
for k in range(RUNS):
    align = k % 4 == 3
    command = ([TMKIT, 'align', '--segmented', src, tgt, '--src-lang', 'en', '--tgt-lang', 'de', '--format', 'beads',
                '-o', os.devnull, '--tm', tm] if align else [TMKIT, 'import', '--tm', tm, files[k]])
    delay = rng.uniform(0.05, 1.4 * (align_seconds if align else import_seconds))
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    time.sleep(delay)
    outcome = 'finished'
    if process.poll() is None:
        process.kill()
        outcome = 'killed'
    process.wait()
    err = process.stderr.read().decode('utf-8', 'replace').strip()
    try:
        now = units(tm) if os.path.exists(tm) else 0
    except Exception as e:  # noqa: BLE001 - a damaged TM is the failure we look for
        failures.append(f'run {k}: the TM does not open after the {outcome} process: {e}')
        continue
    added = now - committed
    # A second alignment of the same pair stores nothing new: its pairs are
    # all duplicates of the first one's.
    expected_all = 0 if align else batch
    if outcome == 'killed':
        killed += 1
    else:
        finished += 1
        if process.returncode != 0:
            failures.append(f'run {k}: exit {process.returncode}: {err}')
        elif added != expected_all:
            failures.append(f'run {k}: finished, but the TM gained {added} units instead of {expected_all}')
    if added not in (0, expected_all):
        failures.append(f'run {k}: {outcome} after {delay:.2f}s: the TM gained {added} units; '
                        f'all or nothing means 0 or {expected_all}')
    committed = now
    print(f"run {k:2d}: {'align --tm' if align else 'import    '} {outcome:8s} after {delay:4.2f}s: "
          f"+{added} units, integrity ok")

# Two writers at once.
tm2 = os.path.join(WORK, 'two.tmkit')
a = subprocess.Popen([TMKIT, 'import', '--tm', tm2, files[0]], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
b = subprocess.Popen([TMKIT, 'import', '--tm', tm2, files[1]], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
a.wait()
b.wait()
a_err = a.stderr.read().decode().strip()
b_err = b.stderr.read().decode().strip()
expected = batch * ((a.returncode == 0) + (b.returncode == 0))
got = units(tm2)
for name, p, e in (('first', a, a_err), ('second', b, b_err)):
    if p.returncode not in (0, 1) or (p.returncode == 1 and not e.startswith('tmkit: error: ')):
        failures.append(f'concurrent import, {name}: exit {p.returncode}: {e!r}')
if got != expected:
    failures.append(f'concurrent imports: the TM holds {got} units, expected {expected}')
print(f'concurrent imports: exit codes {a.returncode} and {b.returncode}, TM holds {got} units '
      f'({a_err or b_err or "no messages"})')

print(f'{RUNS} runs: {killed} killed, {finished} finished; TM opened and passed integrity_check every time')
print(f'{RUNS + 1 - len(failures)} passed, {len(failures)} failed')
for failure in failures:
    print('FAIL ' + failure)
sys.exit(1 if failures else 0)
