#!/usr/bin/env bash
# CI gate for the content filter: 5-fold cross-validation (deploy/filter-eval.sh --cv 5) of each
# shared corpus, the marketing model retrained on the other folds (plus the other corpus) each time,
# so the targets are checked on held-out lines, not on the lines the model was fitted to. Fails
# (non-zero exit) when a target is missed. Targets (issue 15):
#   dev.tsv:              no VERIFICATION blocked, <=1.5% of ALLOW blocked, >=97% of MARKETING and
#                         100% of PROHIBITED blocked
#   sms80w-sample10k.tsv: >=95% of label 1 blocked, <=1.5% of label 0 blocked
# The lexicon was written looking at these corpora, so the rules' share is not held out: see
# docs/filter.md.
# The thresholds are checked by EvalMain itself (no python needed); this script also re-checks the
# JSON last line with grep so that a silently broken evaluation cannot pass.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpus="${FILTER_CORPUS_DIR:-$repo/../shared/corpus}"
eval_sh="$repo/deploy/filter-eval.sh"
status=0

run() {
  local name="$1"; shift
  local file="$corpus/$name"
  if [[ ! -f "$file" ]]; then
    echo "filter-check: missing corpus $file" >&2
    status=1
    return
  fi
  echo "== $name $*"
  local output rc=0
  output="$("$eval_sh" "$file" "$@")" || rc=$?
  printf '%s\n' "$output" | grep -v '^\(FALSE BLOCK\|MISSED\|\.\.\.\)' || true
  local json
  json="$(printf '%s\n' "$output" | tail -n 1)"
  if [[ "$json" != \{\"total\":* ]]; then
    echo "filter-check: $name: no JSON summary line" >&2
    status=1
  elif [[ $rc -ne 0 ]]; then
    echo "filter-check: $name: target missed (exit $rc)" >&2
    status=1
  fi
}

run dev.tsv --cv 5 --weight 8 --with "$corpus/sms80w-sample10k.tsv" --max-false-block-rate 0.015 \
  --max-wrong-rate VERIFICATION=0 --max-wrong-rate MARKETING=0.03 --max-wrong-rate PROHIBITED=0
run sms80w-sample10k.tsv --cv 5 --with "$corpus/dev.tsv@8" --max-false-block-rate 0.015 --min-recall 0.95

if [[ $status -eq 0 ]]; then
  echo "filter-check: all content-filter targets met"
else
  echo "filter-check: FAILED" >&2
fi
exit $status
