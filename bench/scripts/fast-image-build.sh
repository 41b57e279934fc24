#!/bin/sh
# Prototype of deploy/image-build.sh for the fast deployed form (issue 8): run in a staged context
# holding the root pom, fn-support, fn-testkit, jdk-http, bench and the function, by the build
# stage of bench/scripts/Dockerfile.fast and by the benchmark (bench/run.sh), so that what is
# measured is what is deployed.
# Usage: fast-image-build.sh <function> <output dir> <handler Class::method>
# Output: <output dir>/app/<function>.jar  one shaded jar: the function, fn-support, the OCI SDK
#                                          on jdk-http (no Jersey), no jar signature files
#         <output dir>/cds/classes.lst     the classes one real invocation loads (the training
#                                          run below); the run stage dumps its AppCDS archive
#                                          from it with the runtime image's own JVM (not in app/:
#                                          everything there is a jar on the class path)
# HTTP_PROVIDER=jersey keeps the SDK's Jersey stack (to measure the other levers alone).
set -eu
fn=$1
out=$2
handler=$3
mvn=${MVN:-mvn}
provider=${HTTP_PROVIDER:-jdk}
skip="-Dmaven.test.skip=true"

mkdir -p "$out/app" "$out/cds" "$out/train"
out=$(cd "$out" && pwd)

$mvn -B -q -N install $skip
# Order: fn-testkit before jdk-http (its tests use it; Maven resolves test scope even when tests are
# skipped), jdk-http before fn-support (once fn-support uses it).
for module in fn-testkit jdk-http fn-support bench "$fn"; do
  $mvn -B -q -f "$module/pom.xml" install $skip
done

# One jar, no signatures (a signed jar is verified class by class and AppCDS skips it).
$mvn -B -q -f bench/scripts/shaded-app/pom.xml package -Dfn="$fn" -Dprovider="$provider" $skip
cp bench/scripts/shaded-app/target/app.jar "$out/app/$fn.jar"

# Training: the function runs once, as Fn would run it, against the local signature-checking
# server with the benchmark's scenario; the JVM lists every class it loads.
$mvn -B -q -f bench/scripts/fdk-runtime/pom.xml dependency:copy-dependencies -DoutputDirectory="$out/train/runtime"
$mvn -B -q -f bench/pom.xml dependency:build-classpath -Dmdep.outputFile="$out/train/bench.classpath"
java -cp "$(ls bench/target/bench-*.jar | head -n 1):$(cat "$out/train/bench.classpath")" dev.ocifn.bench.Train \
  "$fn" "$handler" "$out/app" "$out/train/runtime" "$out/cds/classes.lst"
rm -rf "$out/train"
