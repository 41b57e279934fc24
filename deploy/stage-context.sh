#!/bin/sh
# Run by `fn deploy` (func.yaml `build:` step) in a function's folder, before the image build.
# Fn gives Docker only the function's folder as build context, but a function also needs the
# root pom and the shared fn-support module: copy them, with the function's own sources, into
# <function>/target/context, which the function's Dockerfile copies into its build stage.
# fn-testkit comes along (main sources only) because Maven resolves test-scoped dependencies
# even when tests are skipped.
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
mkdir -p "$ctx/deploy"
cp "$repo/pom.xml" "$ctx/pom.xml"
for module in fn-support fn-testkit "$fn"; do
  mkdir -p "$ctx/$module"
  cp "$repo/$module/pom.xml" "$ctx/$module/pom.xml"
  cp -R "$repo/$module/src" "$ctx/$module/src"
  rm -rf "$ctx/$module/src/test"
done
cp "$repo/deploy/image-build.sh" "$ctx/deploy/image-build.sh"
