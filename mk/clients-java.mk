# Java client (clients/java): Maven project (Java 17, JUnit 5) tested against a live node.
# Maven's repository is .tools/m2 inside this checkout (gitignored), so a fresh machine downloads
# the pinned artifacts once and nothing depends on ~/.m2. Code generators (protoc,
# protoc-gen-grpc-java) are Maven artifacts too, pinned in pom.xml, copied to .tools/java-codegen.
JAVA_DIR := clients/java
MVN := mvn -B -ntp -Dstyle.color=never -Dmaven.repo.local=$(CURDIR)/.tools/m2 -f $(JAVA_DIR)/pom.xml
JAVA_CODEGEN := .tools/java-codegen
JAVA_CODEGEN_STAMP := $(JAVA_CODEGEN)/.fetched

.PHONY: clients-java-protos clients-java-lint clients-java-test

# protoc and protoc-gen-grpc-java at the versions pom.xml pins, fetched again when it changes.
$(JAVA_CODEGEN_STAMP): $(JAVA_DIR)/pom.xml
	$(MVN) -q dependency:copy@codegen
	chmod +x $(JAVA_CODEGEN)/protoc $(JAVA_CODEGEN)/protoc-gen-grpc-java
	touch $@

clients-java-protos: $(BUF) $(JAVA_CODEGEN_STAMP)
	rm -rf $(JAVA_DIR)/src/gen/java
	cd $(JAVA_DIR) && $(CURDIR)/$(BUF) generate

clients-java-lint: $(BUF) $(JAVA_CODEGEN_STAMP)
	@tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	  (cd $(JAVA_DIR) && $(CURDIR)/$(BUF) generate -o "$$tmp") && \
	  diff -r "$$tmp/src/gen/java" $(JAVA_DIR)/src/gen/java || \
	  { echo "stale generated Java in $(JAVA_DIR)/src/gen/java (run: make protos)"; exit 1; }
	$(MVN) -q test-compile -Dmaven.compiler.failOnWarning=true

clients-java-test: $(EXT_STAMP)
	$(MVN) test

PROTO_TARGETS += clients-java-protos
LINT_TARGETS += clients-java-lint
TEST_TARGETS += clients-java-test
