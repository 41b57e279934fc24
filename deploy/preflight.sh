#!/bin/sh
# Checks, before the first `fn deploy` (in OCI Cloud Shell or any build host), what a deploy needs
# from the machine and the Fn context. Every check runs, even after a failure; each prints one
# line, PASS or FAIL with the fix; the exit status is 1 if any failed.
# Usage: deploy/preflight.sh [--app <app>] [--maven]
#   --app <app>  also check that this machine's architecture matches the app's shape
#   --maven      also check that Maven Central answers from here (slow behind some proxies)
# Sources: fnproject/cli (objects/context/context.go prints the context file `fn inspect context`
# shows; objects/app/apps.go `fn inspect app <app> shape`; common/common.go maps shapes to
# platforms and refuses cross-architecture builds in Cloud Shell; config/osrelease.go: in Cloud
# Shell the docker command is podman).
set -u
here=$(cd "$(dirname "$0")" && pwd)
app=
maven=false
while [ $# -gt 0 ]; do
  case $1 in
    --app) app=${2:-}; shift 2 || { echo "usage: $0 [--app <app>] [--maven]" >&2; exit 2; } ;;
    --maven) maven=true; shift ;;
    *) echo "usage: $0 [--app <app>] [--maven]" >&2; exit 2 ;;
  esac
done

failed=0
pass() { echo "PASS $1"; }
fail() { echo "FAIL $1; fix: $2"; failed=1; }

# The pinned FDK image version: the Dockerfiles' one ARG (DockerfilesTest keeps them equal).
version=$(sed -n 's/^ARG FDK_IMAGE_VERSION=//p' "$here/../usage-fn/Dockerfile" 2>/dev/null | head -n 1)

# 1. The Fn CLI.
if command -v fn >/dev/null 2>&1; then
  pass "fn: $(fn --version 2>&1 | head -n 1)"
else
  fail "fn: not on the PATH" "use OCI Cloud Shell (it has fn) or install the Fn CLI (https://github.com/fnproject/cli)"
fi

# 2. The current Fn context: registry, compartment, API URL.
context=$(fn inspect context 2>/dev/null)
value() {
  echo "$context" | sed -n "s/^$1:[[:space:]]*//p" | head -n 1
}
registry=$(value registry)
for key in registry oracle.compartment-id api-url; do
  v=$(value "$key")
  if [ -n "$v" ]; then
    pass "fn context $key: $v"
  else
    case $key in
      registry) fix="fn update context registry <region-key>.ocir.io/<tenancy-namespace>/<repo-prefix>" ;;
      oracle.compartment-id) fix="fn update context oracle.compartment-id <compartment OCID>" ;;
      *) fix="fn update context api-url https://functions.<region>.oraclecloud.com" ;;
    esac
    fail "fn context $key: not set (fn inspect context)" "$fix"
  fi
done

# 3. The container engine and the registry login. Cloud Shell's docker is podman.
if command -v podman >/dev/null 2>&1; then
  engine=podman
elif command -v docker >/dev/null 2>&1; then
  engine=docker
else
  engine=
fi
if [ -z "$engine" ]; then
  fail "container engine: neither docker nor podman on the PATH" "use OCI Cloud Shell, or install Docker"
else
  pass "container engine: $engine"
  host=${registry%%/*}
  if [ -z "$host" ]; then
    fail "registry login: no registry in the Fn context" "set it (above), then $engine login <region-key>.ocir.io"
  elif [ "$engine" = podman ]; then
    if user=$(podman login --get-login "$host" 2>/dev/null); then
      pass "registry login: $host as $user"
    else
      fail "registry login: podman is not logged in to $host" "podman login $host -u '<tenancy-namespace>/<user>' with an auth token as password"
    fi
  elif grep -q "\"$host\"" "${DOCKER_CONFIG:-$HOME/.docker}/config.json" 2>/dev/null; then
    pass "registry login: docker has credentials for $host"
  else
    fail "registry login: docker has no credentials for $host" "docker login $host -u '<tenancy-namespace>/<user>' with an auth token as password"
  fi
fi

# 4. The app's shape against this machine's architecture (Cloud Shell builds for its own only).
if [ -n "$app" ]; then
  case $(uname -m) in
    x86_64 | amd64) mine=GENERIC_X86 ;;
    aarch64 | arm64) mine=GENERIC_ARM ;;
    *) mine=unknown ;;
  esac
  shape=$(fn inspect app "$app" shape 2>/dev/null | tr -d '"[:space:]')
  if [ -z "$shape" ] && command -v oci >/dev/null 2>&1; then
    compartment=$(value oracle.compartment-id)
    shape=$(oci fn application list --compartment-id "$compartment" --display-name "$app" \
      --query 'data[0].shape' --raw-output 2>/dev/null | tr -d '"[:space:]')
  fi
  if [ -z "$shape" ]; then
    fail "app $app: its shape could not be read (fn inspect app $app shape): does the app exist?" \
      "fn create app $app --shape $mine --annotation oracle.com/oci/subnetIds='[\"<subnet OCID>\"]'"
  elif [ "$shape" = "$mine" ]; then
    pass "app $app: shape $shape matches this machine ($(uname -m))"
  elif [ "$shape" = GENERIC_X86_ARM ]; then
    fail "app $app: shape GENERIC_X86_ARM needs a multi-architecture build, which Cloud Shell refuses" \
      "recreate the app with --shape $mine, or build on a host with docker buildx"
  else
    fail "app $app: shape $shape, but this machine is $(uname -m) ($mine); Cloud Shell cannot cross-build" \
      "deploy from a machine of the app's architecture (uname -m), or recreate the app with --shape $mine"
  fi
fi

# 5. The pinned base images exist and this engine can reach them.
if [ -n "$engine" ] && [ -n "$version" ]; then
  for image in "fnproject/fn-java-fdk-build:jdk17-$version" "fnproject/fn-java-fdk:jre17-$version"; do
    if $engine manifest inspect "docker.io/$image" >/dev/null 2>&1; then
      pass "base image docker.io/$image resolves"
    else
      fail "base image docker.io/$image does not resolve" \
        "check the network or proxy to Docker Hub ($engine pull docker.io/$image shows why), or deploy with --build-arg FDK_IMAGE_VERSION=<published tag>"
    fi
  done
elif [ -z "$version" ]; then
  fail "base images: no ARG FDK_IMAGE_VERSION in $here/../usage-fn/Dockerfile" "run me from a clone of this repository"
fi

# 6. Maven Central (optional): the image build downloads the dependencies from it.
if [ "$maven" = true ]; then
  if curl -fsS -o /dev/null --max-time 30 https://repo.maven.apache.org/maven2/ 2>/dev/null; then
    pass "Maven Central answers from here"
  else
    fail "Maven Central does not answer from here" \
      "check the network; behind a proxy export HTTP_PROXY/HTTPS_PROXY before fn deploy (the build passes them to Maven)"
  fi
fi

exit $failed
