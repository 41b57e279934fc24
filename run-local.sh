#!/bin/sh
# The whole chain on this machine: local identity domain, local API Gateway running the apigw/
# specifications, the four functions in Fn FDK containers, and local OCI endpoints that check
# every request's signature. Needs JDK 17 and Maven; the first run downloads dependencies.
# Options: --port N (gateway, 8080), --identity-port N (8081), --data DIR (.local-data), --real
set -eu
cd "$(dirname "$0")"
echo "==> Building the functions, tools and local stack with Maven (tests skipped; 'mvn -B verify' runs them)"
mvn -B -ntp -Dmaven.test.skip=true -pl dev/local -am package
echo "==> Starting"
exec java -cp "dev/local/target/classes:$(cat dev/local/target/classpath.txt)" dev.ocifn.local.Main "$@"
