#!/usr/bin/env bash
# Evaluates the content filter on labelled TSVs (columns label, text; optional category).
#   deploy/filter-eval.sh FILE.tsv [--explain] [--max-false-block-rate R] [--min-recall R] [--max-wrong-rate CAT=R]
#       the shipped filter (rules + shipped marketing model) on FILE
#   deploy/filter-eval.sh --cv K FILE.tsv [--weight W] [--with FILE2[@W2] ...] [thresholds]
#       stratified K-fold cross-validation: each fold judged by a model trained on the other folds
#       (lines counted W times) plus FILE2; thresholds are checked on the pooled held-out verdicts
#   deploy/filter-eval.sh --train FILE[@W] [--train ...] --test FILE.tsv [thresholds]
# Builds the content-filter and content-filter-training jars once if missing; the last output line
# is one JSON object (with --cv: mean and spread over the folds in "cv").
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
module="$repo/content-filter-training"
jar="$module/target/content-filter-training-0.1.0-SNAPSHOT.jar"

if [[ $# -lt 1 ]]; then
  sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi

if [[ ! -f "$jar" || ! -d "$module/target/lib" ]]; then
  echo "building content-filter and content-filter-training (once)..." >&2
  (cd "$repo" && mvn -B -q -Dstyle.color=never -pl content-filter-training -am package -DskipTests >&2)
fi

exec java -XX:+UseSerialGC -cp "$jar:$module/target/lib/*" org.sms1069.filter.training.FilterEvalMain "$@"
