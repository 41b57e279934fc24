#!/bin/sh
# The build steps of a function image, run in the staged context (see stage-context.sh): by the
# function's Dockerfile inside the Fn build image, and by the test that proves a function folder
# holds everything its build needs. Usage: image-build.sh <function> <output dir>
# Output: <output dir>/app/*.jar, the function and its runtime dependencies (the Fn runtime
# image brings the FDK itself).
set -eu
fn=$1
out=$2
mvn=${MVN:-mvn}
skip="-Dmaven.test.skip=true"

$mvn -B -q -N install $skip
$mvn -B -q -f fn-support/pom.xml install $skip
$mvn -B -q -f fn-testkit/pom.xml install $skip
$mvn -B -q -f "$fn/pom.xml" package dependency:copy-dependencies $skip \
  -DincludeScope=runtime -DexcludeGroupIds=com.fnproject.fn -DoutputDirectory=target/deps
mkdir -p "$out/app"
cp "$fn"/target/"$fn"-*.jar "$out/app/"
cp "$fn"/target/deps/*.jar "$out/app/"
