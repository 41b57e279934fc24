#!/bin/sh
# The cold-start benchmark in one command: builds the harness (offline; MVN overrides the Maven
# command), then measures every function folder (func.yaml + src/main/java) and writes
# docs/BENCHMARKS.md. Options go to dev.ocifn.bench.Bench (BenchOptions), e.g.
#   dev/bench/run.sh                                  every function, 7 cold runs per form
#   dev/bench/run.sh --functions usage-fn --runs 9    one function
#   dev/bench/run.sh --levers none                    no lever table
# Each form is built from the current sources in dev/bench/target/bench-work (with a Maven repository
# that links the developer's third-party artifacts), never in the working tree.
set -eu
cd "$(dirname "$0")/../.."
mvn=${MVN:-mvn -B -q -o}
$mvn -N install
$mvn -pl deploy/oci-fake,dev/fn-testkit,deploy,dev/bench install -DskipTests
$mvn -f dev/bench/pom.xml dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
exec java -cp "$(ls dev/bench/target/bench-*.jar | head -n 1):$(cat dev/bench/target/bench.classpath)" dev.ocifn.bench.Bench "$@"
