#!/usr/bin/env bash
# Evaluates the content filter on a labelled TSV (columns label, text; optional category).
#   deploy/filter-eval.sh FILE.tsv [--explain] [--max-false-block-rate R] [--min-recall R] [--max-wrong-rate CAT=R]
# Builds the content-filter jar once if it is missing; the last output line is one JSON object.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
module="$repo/content-filter"
jar="$module/target/content-filter-0.1.0-SNAPSHOT.jar"

if [[ $# -lt 1 ]]; then
  echo "usage: $0 FILE.tsv [--explain] [--max-false-block-rate R] [--min-recall R] [--max-wrong-rate CAT=R]" >&2
  exit 2
fi

if [[ ! -f "$jar" || ! -d "$module/target/lib" ]]; then
  echo "building content-filter (once)..." >&2
  (cd "$repo" && mvn -B -q -Dstyle.color=never -pl content-filter -am package -DskipTests >&2)
fi

exec java -XX:+UseSerialGC -cp "$jar:$module/target/lib/*" org.sms1069.filter.eval.EvalMain "$@"
