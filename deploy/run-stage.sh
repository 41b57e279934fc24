#!/bin/sh
# The run stage of a function image (its Dockerfile's one RUN there), inside the Fn Java runtime
# image, after the build stage's output was copied to /function/app and /function/cds:
#  1. writes /function/cds/jvm.args: every flag of jvm-flags and an explicit class path, the jars
#     of /function/app and then those of /function/runtime (the FDK), each set sorted by name,
#     full paths. A "dir/*" class path expands in directory order, which the JDK leaves
#     unspecified, and an AppCDS archive only maps on the class path order it was dumped with.
#  2. dumps the AppCDS archive from the build's training class list, with exactly those options;
#  3. starts the JVM once with exactly the ENTRYPOINT's options plus -Xshare:on (and -Xlog:cds),
#     loading the FDK's EntryPoint without running it (--dry-run). A missing java, an unknown or
#     rejected flag, an unreadable directives file or an archive that does not map fail the image
#     build here, instead of the function's first call (-Xshare:auto would start without the
#     archive, silently slow).
# Usage: run-stage.sh [<function root, default /function>] [check]
#   "check" runs step 3 alone, on the jvm.args there.
set -eu
root=${1:-/function}
mode=${2:-build}
cds=$root/cds
args=$cds/jvm.args
main=com.fnproject.fn.runtime.EntryPoint
logs=${TMPDIR:-/tmp}
export LC_ALL=C

fail() {
  echo "run stage FAILED: $*" >&2
  exit 1
}

command -v java >/dev/null 2>&1 ||
  fail "no java on the run image's PATH (the ENTRYPOINT starts java from it): is FDK_IMAGE_VERSION a Java 17 runtime image?"

if [ "$mode" != check ]; then
  [ -r "$cds/jvm-flags" ] || fail "$cds/jvm-flags is missing: the build stage (deploy/image-build.sh) copies it"
  [ -r "$cds/classes.lst" ] || fail "$cds/classes.lst is missing: the build stage's training run writes it"
  classpath=
  for jar in "$root"/app/*.jar; do
    [ -f "$jar" ] || fail "no jar in $root/app: the build stage's output was not copied"
    classpath=${classpath:+$classpath:}$jar
  done
  runtime=
  for jar in "$root"/runtime/*.jar; do
    [ -f "$jar" ] || fail "no FDK jar in $root/runtime: the run stage must start FROM an fnproject/fn-java-fdk image"
    runtime=${runtime:+$runtime:}$jar
  done
  sed -e 's/[[:space:]]*#.*$//' -e '/^[[:space:]]*$/d' -e "s#/function/#$root/#g" "$cds/jvm-flags" > "$args"
  printf '%s\n%s\n' -cp "$classpath:$runtime" >> "$args"
  echo "run stage: $args written; the class path:"
  echo "$classpath:$runtime" | tr ':' '\n' | sed 's/^/  /'

  if ! java @"$args" -Xshare:dump -XX:SharedClassListFile="$cds/classes.lst" > "$logs/cds-dump.log" 2>&1; then
    tail -n 30 "$logs/cds-dump.log" >&2
    fail "the AppCDS dump with the ENTRYPOINT's options failed (output above)"
  fi
  echo "run stage: AppCDS archive $cds/app.jsa dumped"
fi

if ! java @"$args" -Xshare:on -Xlog:cds -Xlog:class+load=info --dry-run "$main" > "$logs/cds-check.log" 2>&1; then
  grep -v '\[class,load\]' "$logs/cds-check.log" | tail -n 30 >&2
  fail "the JVM does not start with the ENTRYPOINT's options (java @$args) and -Xshare:on (output above):" \
    "an unknown or rejected flag, an unreadable file it names, or an archive that does not map" \
    "(a class path or a JVM other than the dump's)"
fi
grep -q "$main source: shared objects file" "$logs/cds-check.log" ||
  fail "the archive maps but $main did not come from it: the training class list lacks the FDK's classes"
echo "run stage: the ENTRYPOINT's options start the JVM with -Xshare:on and $main comes from the archive"
