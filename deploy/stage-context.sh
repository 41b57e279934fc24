#!/bin/sh
# Run by `fn deploy` (func.yaml `build:` step) in a function's folder, before the image build.
# Fn gives Docker only the function's folder as build context, but a function image also needs
# the root pom, the shared modules and the image build's own scripts: copy them, with the
# function's own sources, into <function>/target/context, which the function's Dockerfile copies
# into its build stage. Main sources only; fn-testkit and bench come along because the image
# build's training invocation runs on them (and Maven resolves test-scoped dependencies even
# when tests are skipped).
set -eu
fn_dir=$(pwd)
fn=$(basename "$fn_dir")
repo=$(cd "$fn_dir/.." && pwd)
ctx="$fn_dir/target/context"

[ -f "$repo/pom.xml" ] && [ -d "$repo/fn-support" ] || {
  echo "stage-context: run me from a function folder of the repository" >&2
  exit 1
}
rm -rf "$ctx"
mkdir -p "$ctx/deploy/app-jar" "$ctx/deploy/fdk-runtime"
cp "$repo/pom.xml" "$ctx/pom.xml"
for module in fn-support fn-testkit jdk-http bench "$fn"; do
  mkdir -p "$ctx/$module"
  cp "$repo/$module/pom.xml" "$ctx/$module/pom.xml"
  cp -R "$repo/$module/src" "$ctx/$module/src"
  rm -rf "$ctx/$module/src/test"
done
cp "$repo/deploy/image-build.sh" "$repo/deploy/jit-directives.json" "$ctx/deploy/"
cp "$repo/deploy/app-jar/pom.xml" "$ctx/deploy/app-jar/pom.xml"
cp "$repo/deploy/fdk-runtime/pom.xml" "$ctx/deploy/fdk-runtime/pom.xml"
