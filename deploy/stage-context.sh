#!/bin/sh
# Run by `fn deploy` (func.yaml `build:` step) in a function's folder, before the image build.
# Fn gives Docker only the function's folder as build context, but a function image also needs
# the root pom, the shared modules and the image build's own scripts: copy them, with the
# function's own sources and training scenario, into <function>/target/context, which the
# function's Dockerfile copies into its build stage. Main sources only, and only what ships or
# builds the image: platform/ (jdk-http, fn-support), deploy/oci-fake (the training run's local
# OCI), deploy (the training run, the build scripts) and the function. Nothing from dev/.
#
# fn deploy discards this step's output and reports a failure only as "exit status 1": every
# step and any error also go to <function>/target/context.log.
set -u
fn_dir=$(pwd)
fn=$(basename "$fn_dir")
repo=$(cd "$fn_dir/.." && pwd)
ctx="$fn_dir/target/context"
log="$fn_dir/target/context.log"

mkdir -p "$fn_dir/target" && : > "$log" || {
  echo "stage-context: cannot write $log" >&2
  exit 1
}
say() {
  echo "stage-context: $*" | tee -a "$log" >&2
}
fail() {
  say "FAILED: $*"
  exit 1
}
# Runs one command, its output into the log; a failure names the command.
step() {
  "$@" >> "$log" 2>&1 || fail "$* (exit $?)"
}

say "staging the image build's context of $fn into $ctx"
[ -f "$repo/pom.xml" ] && [ -d "$repo/platform/fn-support" ] && [ -f "$fn_dir/pom.xml" ] ||
  fail "run me from a function folder of the repository (its parent holds pom.xml and platform/fn-support); here: $fn_dir"
step rm -rf "$ctx"
step mkdir -p "$ctx/deploy/app-jar" "$ctx/deploy/fdk-runtime"
step cp "$repo/pom.xml" "$ctx/pom.xml"
for module in platform/jdk-http platform/fn-support deploy/oci-fake deploy "$fn"; do
  [ -f "$repo/$module/pom.xml" ] && [ -d "$repo/$module/src/main" ] || fail "$repo/$module has no pom.xml or src/main"
  step mkdir -p "$ctx/$module/src"
  step cp "$repo/$module/pom.xml" "$ctx/$module/pom.xml"
  step cp -R "$repo/$module/src/main" "$ctx/$module/src/main"
  say "staged $module (pom.xml, src/main)"
done
if [ -d "$fn_dir/src/train" ]; then
  step cp -R "$fn_dir/src/train" "$ctx/$fn/src/train"
  say "staged $fn/src/train (the training scenario)"
else
  say "WARNING $fn has no src/train/scenario.json: the image's AppCDS archive will miss its OCI call's classes"
fi
step cp "$repo/deploy/image-build.sh" "$repo/deploy/maven-proxy.sh" "$repo/deploy/run-stage.sh" \
  "$repo/deploy/jvm-flags" "$repo/deploy/jit-directives.json" "$ctx/deploy/"
step cp "$repo/deploy/app-jar/pom.xml" "$ctx/deploy/app-jar/pom.xml"
step cp "$repo/deploy/fdk-runtime/pom.xml" "$ctx/deploy/fdk-runtime/pom.xml"
say "staged the root pom and deploy's scripts; done"
