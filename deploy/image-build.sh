#!/bin/sh
# The build stage of a function image, run in the staged context (see stage-context.sh): by the
# function's Dockerfile inside the Fn build image, by the test that proves a function folder holds
# everything its build needs (DeployContextTest), and by the benchmark (dev/bench/run.sh), so that
# what is measured is what is deployed.
# Usage: image-build.sh <function> <output dir> <handler Class::method>
# Output: <output dir>/app/<function>.jar  one jar: the function, fn-support, the OCI SDK on
#                                          jdk-http (no Jersey), without jar signature files and
#                                          without the FDK (the runtime image brings its own)
#         <output dir>/cds/classes.lst     the classes one real invocation loads (the training
#                                          run below), for the run stage's AppCDS dump
#         <output dir>/cds/jvm-flags, jit-directives.json, run-stage.sh
#                                          the run stage's inputs (see run-stage.sh)
# HTTP_PROVIDER=jersey puts the SDK back on Jersey (the benchmark measures the jar alone that way).
set -eu
fn=$1
out=$2
handler=$3
mvn=${MVN:-mvn}
provider=${HTTP_PROVIDER:-jdk}

. deploy/maven-proxy.sh
proxy=$(maven_proxy_opts)
if [ -n "$proxy" ]; then
  export MAVEN_OPTS="${MAVEN_OPTS:-} $proxy"
  echo "image-build: Maven goes through the build's proxy: $proxy"
fi

mkdir -p "$out/app" "$out/cds" "$out/train"
out=$(cd "$out" && pwd)

# The root pom (its enforcer checks the Maven and Java versions first).
$mvn -B -q -N install
# Each module: compile, jar and install its main code, nothing else. A lifecycle phase (package,
# install) would resolve test-scoped dependencies even with tests skipped, and the JUnit kit the
# tests use is deliberately not staged; the tests ran before deploying (mvn verify).
for module in platform/jdk-http platform/fn-support deploy/oci-fake deploy "$fn"; do
  $mvn -B -q -f "$module/pom.xml" resources:resources compiler:compile jar:jar install:install
done

$mvn -B -q -f deploy/app-jar/pom.xml package -Dfn="$fn" -Dprovider="$provider" -Dmaven.test.skip=true
cp deploy/app-jar/target/app.jar "$out/app/$fn.jar"

# Training: the function runs once, as Fn runs it (the FDK runtime's entry point, the image's
# class path order), against the signature-checking server with the function's scenario
# ($fn/src/train/scenario.json); that JVM lists every class it loads. A failed invocation fails
# the build.
$mvn -B -q -f deploy/fdk-runtime/pom.xml dependency:copy-dependencies -DoutputDirectory="$out/train/runtime"
$mvn -B -q -f deploy/pom.xml dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$out/train/deploy.classpath"
java -cp "$(ls deploy/target/deploy-*.jar | head -n 1):$(cat "$out/train/deploy.classpath")" dev.ocifn.deploy.Train \
  "$fn" "$handler" "$out/app" "$out/train/runtime" "$out/cds/classes.lst"
rm -rf "$out/train"
cp deploy/jvm-flags deploy/jit-directives.json deploy/run-stage.sh "$out/cds/"
