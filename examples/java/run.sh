#!/usr/bin/env bash
# Builds the Java client and runs SendAndStatus.java with java's single-file source launcher.
# usage: examples/java/run.sh [PHONE]   (needs SMS_API_URL, SMS_KEY_ID, SMS_KEY_SECRET exported: set -a; . deploy/local/run/demo-app.env; set +a)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
(cd "$root" && mvn -q -B -pl client package -DskipTests \
   dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime)
exec java -cp "$root/client/target/classes:$(cat "$root/client/target/classpath.txt")" "$root/examples/java/SendAndStatus.java" "$@"
