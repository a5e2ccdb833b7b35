"""Compares `tmkit segment` with reference sentence boundaries.

Usage: segment_agreement.py DIR TMKIT [-v]

DIR holds NAME.txt (the text) and NAME_s.txt (its sentences, separated by
"{{sentence_break}}"). White space is ignored in the comparison: each side's
boundaries are offsets into the text with every white-space character
removed, so line wrapping and trimming never count. Prints per file the
reference's boundaries, ours and how many agree, then precision, recall and
F1 over all boundaries and the number of files where all agree, for tmkit
and for ICU alone (an SRX file without rules: our paragraph and list
handling, ICU's boundaries uncorrected).
"""
import glob
import os
import re
import subprocess
import sys
import tempfile


def boundaries(sentences):
    found, offset = set(), 0
    for sentence in sentences:
        offset += len(re.sub(r"\s+", "", sentence))
        found.add(offset)
    return found


def squeeze(text):
    return re.sub(r"\s+", " ", text).strip()


def segment(tmkit, path, extra):
    output = subprocess.run([tmkit, "segment", "--lang", "en", *extra, path], check=True,
                            capture_output=True, text=True).stdout
    return [s for s in map(squeeze, output.split("\n")) if s]


def compare(directory, tmkit, extra, verbose, label):
    total_reference = total_ours = total_agree = files = files_agree = 0
    for reference_path in sorted(glob.glob(os.path.join(directory, "*_s.txt"))):
        text_path = reference_path[: -len("_s.txt")] + ".txt"
        if not os.path.exists(text_path):
            continue
        with open(reference_path, encoding="utf-8") as f:
            reference = [s for s in map(squeeze, f.read().split("{{sentence_break}}")) if s]
        ours = segment(tmkit, text_path, extra)
        b_reference, b_ours = boundaries(reference), boundaries(ours)
        agree = len(b_reference & b_ours)
        files += 1
        files_agree += b_reference == b_ours
        total_reference += len(b_reference)
        total_ours += len(b_ours)
        total_agree += agree
        if verbose or not extra:
            print(f"{os.path.basename(text_path):22} reference {len(b_reference):4}  {label} {len(b_ours):4}  "
                  f"agree {agree:4}")
        if verbose and b_reference != b_ours:
            in_reference, in_ours = set(reference), set(ours)
            for s in ours:
                if s not in in_reference:
                    print(f"   {label} only:", s[:200])
            for s in reference:
                if s not in in_ours:
                    print("   reference only:", s[:200])
    precision = total_agree / total_ours
    recall = total_agree / total_reference
    print(f"{label}: files agreeing entirely {files_agree}/{files}; boundaries: precision {precision:.3f}, "
          f"recall {recall:.3f}, F1 {2 * precision * recall / (precision + recall):.3f}")


def main():
    directory, tmkit = sys.argv[1], sys.argv[2]
    verbose = "-v" in sys.argv[3:]
    compare(directory, tmkit, [], verbose, "tmkit")
    with tempfile.TemporaryDirectory() as tmp:
        empty = os.path.join(tmp, "empty.srx")
        with open(empty, "w", encoding="utf-8") as f:
            f.write('<srx version="2.0"><body/></srx>')
        compare(directory, tmkit, ["--srx", empty], False, "ICU alone")


if __name__ == "__main__":
    main()
