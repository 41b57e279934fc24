#!/bin/sh
# The build steps of a function image, run in the staged context (see stage-context.sh): by the
# build stage of the function's Dockerfile inside the Fn build image, by the test that proves a
# function folder holds everything its build needs (DeployContextTest), and by the benchmark
# (bench/run.sh), so that what is measured is what is deployed.
# Usage: image-build.sh <function> <output dir> <handler Class::method>
# Output: <output dir>/app/<function>.jar  one jar: the function, fn-support, the OCI SDK on
#                                          jdk-http (no Jersey), without jar signature files
#         <output dir>/cds/classes.lst     the classes one real invocation loads (the training
#                                          run below); the run stage dumps its AppCDS archive
#                                          from it with the runtime image's own JVM
#         <output dir>/cds/jit-directives.json  which methods C2 may compile (the ENTRYPOINT's
#                                          -XX:CompilerDirectivesFile)
# HTTP_PROVIDER=jersey puts the SDK back on Jersey (the benchmark measures the jar alone that way).
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
# fn-testkit first: jdk-http's tests use it, and Maven resolves test scope even when tests are
# skipped; jdk-http before fn-support, which depends on it.
for module in fn-testkit jdk-http fn-support bench "$fn"; do
  $mvn -B -q -f "$module/pom.xml" install $skip
done

$mvn -B -q -f deploy/app-jar/pom.xml package -Dfn="$fn" -Dprovider="$provider" $skip
cp deploy/app-jar/target/app.jar "$out/app/$fn.jar"

# Training: the function runs once, as Fn runs it (the FDK runtime's entry point, the image's
# class path order), against fn-testkit's signature-checking server with the function's benchmark
# scenario; that JVM lists every class it loads. A failed invocation fails the build.
$mvn -B -q -f deploy/fdk-runtime/pom.xml dependency:copy-dependencies -DoutputDirectory="$out/train/runtime"
$mvn -B -q -f bench/pom.xml dependency:build-classpath -Dmdep.outputFile="$out/train/bench.classpath"
java -cp "$(ls bench/target/bench-*.jar | head -n 1):$(cat "$out/train/bench.classpath")" dev.ocifn.bench.Train \
  "$fn" "$handler" "$out/app" "$out/train/runtime" "$out/cds/classes.lst"
rm -rf "$out/train"
cp deploy/jit-directives.json "$out/cds/jit-directives.json"
