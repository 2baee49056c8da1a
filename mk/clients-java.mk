# Java client (clients/java): Maven project (Java 17, JUnit 5) tested against a live node.
# Maven's repository is .tools/m2 inside this checkout (gitignored), so a fresh machine downloads
# the pinned artifacts once and nothing depends on ~/.m2. Code generators (protoc,
# protoc-gen-grpc-java) are Maven artifacts too, pinned in pom.xml, copied to .tools/java-codegen.
JAVA_DIR := clients/java
MVN := mvn -B -ntp -Dstyle.color=never -Dmaven.repo.local=$(CURDIR)/.tools/m2 -f $(JAVA_DIR)/pom.xml
JAVA_CODEGEN := .tools/java-codegen

.PHONY: java-codegen protos-java lint-java test-java

java-codegen: ## fetch the pinned protoc and protoc-gen-grpc-java from Maven Central
	$(MVN) -q dependency:copy@codegen
	chmod +x $(JAVA_CODEGEN)/protoc $(JAVA_CODEGEN)/protoc-gen-grpc-java

protos-java: $(BUF) java-codegen ## regenerate clients/java/src/gen/java from proto/
	rm -rf $(JAVA_DIR)/src/gen/java
	cd $(JAVA_DIR) && $(CURDIR)/$(BUF) generate

lint-java: $(BUF) java-codegen ## generated Java is fresh; the project compiles without warnings
	@tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	  (cd $(JAVA_DIR) && $(CURDIR)/$(BUF) generate -o "$$tmp") && \
	  diff -r "$$tmp/src/gen/java" $(JAVA_DIR)/src/gen/java || \
	  { echo "stale generated Java in $(JAVA_DIR)/src/gen/java (run: make protos)"; exit 1; }
	$(MVN) -q test-compile -Dmaven.compiler.failOnWarning=true

test-java: setup ## Java client tests (unit, vectors, live node, CLI)
	$(MVN) test

PROTO_TARGETS += protos-java
LINT_TARGETS += lint-java
TEST_TARGETS += test-java
