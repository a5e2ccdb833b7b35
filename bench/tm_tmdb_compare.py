#!/usr/bin/python3
"""translate-toolkit's tmdb on the TM and queries of tm_bench, for comparison.

    bench/tm_tmdb_compare.py BENCH_DIR [QUERIES [TIME_LIMIT_S [stock|repaired]]]

BENCH_DIR is tm_bench's TMKIT_BENCH_DIR after a run: tm_pairs.tsv (the TM of all real pairs),
queries.txt, baseline_real_<min>.tsv (tmkit's brute-force matches per query,
as source texts). Builds BENCH_DIR/tmdb.sqlite with translate.storage.tmdb
(Debian package python3-translate), then runs the first QUERIES queries
(default 10: its stock query plan scans) at min_similarity 70 and 50, single
thread, with max_candidates unlimited so that recall can be counted; a query
still running after TIME_LIMIT_S seconds (default 30) is interrupted and
counted as a timeout (its latency then reads as the limit). Prints
latency percentiles, errors, and recall against tmkit's brute force (the share
of the brute force's sources that tmdb returns). tmdb scores by characters,
tmkit by words, so recall below 100% is partly a different notion of
similarity, and partly candidates its full-text prefilter never sees.

"repaired" runs tmdb's own lookup (its words, its length window, its
similarity) with the join order forced to start from the full-text match
(CROSS JOIN), instead of SQLite's stock choice of scanning `sources` by
length and testing MATCH row by row: that is tmdb at its best, and what the
ratio should be taken against.
"""
import os
import statistics
import sys
import time

from translate.storage import tmdb


class RepairedTMDB(tmdb.TMDB):
    """tmdb with its full-text query planned from the full-text side."""

    def translate_unit(self, unit_source, source_langs, target_langs):
        words = [w for w in tmdb.STRIP_REGEXP.sub(" ", unit_source).split() if len(w) > 2]
        if not self.fulltext or len(words) <= 3:
            return super().translate_unit(unit_source, source_langs, target_langs)
        minlen = tmdb.min_levenshtein_length(len(unit_source), self.min_similarity)
        maxlen = tmdb.max_levenshtein_length(len(unit_source), self.min_similarity, self.max_length)
        self.cursor.execute(
            "SELECT s.text, t.text, s.context FROM fulltext f CROSS JOIN sources s ON s.sid = f.docid "
            "CROSS JOIN targets t ON t.sid = s.sid WHERE fulltext MATCH ? AND s.lang IN (?) AND t.lang IN (?) "
            "AND s.length BETWEEN ? AND ?",
            (" OR ".join(words), source_langs, target_langs, minlen, maxlen))
        results = []
        for source, target, context in self.cursor:
            quality = self.comparer.similarity(unit_source, source, self.min_similarity)
            if quality >= self.min_similarity:
                results.append({"source": source, "target": target, "context": context, "quality": quality})
        results.sort(key=lambda match: match["quality"], reverse=True)
        return results[: self.max_candidates]


def percentile(values, p):
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, -(-len(ordered) * p // 100) - 1))
    return ordered[int(rank)]


def main():
    bench_dir = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    time_limit_s = float(sys.argv[3]) if len(sys.argv) > 3 else 30.0
    plan = sys.argv[4] if len(sys.argv) > 4 else "stock"
    kind = RepairedTMDB if plan == "repaired" else tmdb.TMDB
    db_path = os.path.join(bench_dir, "tmdb.sqlite")
    if os.path.exists(db_path):
        os.remove(db_path)
    units = []
    with open(os.path.join(bench_dir, "tm_pairs.tsv"), encoding="utf-8") as pairs:
        for line in pairs:
            source, _, target = line.rstrip("\n").partition("\t")
            units.append({"source": source, "target": target, "context": ""})
    start = time.perf_counter()
    db = tmdb.TMDB(db_path, max_candidates=10**9, min_similarity=70)
    db.add_list(units, "en", "de")
    db = kind(db_path, max_candidates=10**9, min_similarity=70)  # builds the full-text index
    build_s = time.perf_counter() - start
    print(f"tmdb build: {len(units)} units in {build_s:.1f} s, {os.path.getsize(db_path) / 1e6:.1f} MB")
    with open(os.path.join(bench_dir, "queries.txt"), encoding="utf-8") as f:
        queries = [line.rstrip("\n") for line in f][:count]
    for min_similarity in (70, 50):
        baseline = {}
        path = os.path.join(bench_dir, f"baseline_real_{min_similarity}.tsv")
        with open(path, encoding="utf-8") as f:
            for line in f:
                fields = line.rstrip("\n").split("\t")
                baseline[int(fields[0])] = set(fields[1:])
        db.min_similarity = min_similarity
        latencies, cpu_latencies, errors, timeouts, expected, recalled = [], [], 0, 0, 0, 0
        for i, query in enumerate(queries):
            start, start_cpu = time.perf_counter(), time.process_time()
            db.connection.set_progress_handler(
                lambda: time.perf_counter() - start > time_limit_s, 100000)
            try:
                found = {r["source"] for r in db.translate_unit(query, "en", "de")}
            except Exception as error:  # its FTS query syntax leaks: count, go on
                if "interrupted" in str(error):
                    timeouts += 1
                else:
                    errors += 1
                    print(f"  query {i} failed: {error!r}: {query[:60]!r}")
                found = set()
            latencies.append((time.perf_counter() - start) * 1000)
            cpu_latencies.append((time.process_time() - start_cpu) * 1000)
            truth = baseline.get(i, set())
            expected += len(truth)
            recalled += len(truth & found)
        recall = 100.0 if expected == 0 else 100.0 * recalled / expected
        print(f"tmdb ({plan} plan) min {min_similarity}: {len(queries)} queries, mean {statistics.mean(latencies):.1f} ms, "
              f"p50 {percentile(latencies, 50):.1f} ms, p95 {percentile(latencies, 95):.1f} ms, "
              f"p99 {percentile(latencies, 99):.1f} ms (CPU p50 {percentile(cpu_latencies, 50):.1f}, "
              f"p95 {percentile(cpu_latencies, 95):.1f}), errors {errors}, timeouts {timeouts}, "
              f"recall {recall:.1f}% of {expected} brute-force matches")


if __name__ == "__main__":
    main()
