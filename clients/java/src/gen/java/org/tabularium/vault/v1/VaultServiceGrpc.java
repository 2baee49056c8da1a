package org.tabularium.vault.v1;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * Document vault. PutDocument stores content; ReadDocument returns it after logging the access;
 * the other queries are public records of the log except ListAccessEvents and
 * ListBreakGlassEvents, which take signed requests (tabularium-auth-* metadata).
 * </pre>
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class VaultServiceGrpc {

  private VaultServiceGrpc() {}

  public static final java.lang.String SERVICE_NAME = "tabularium.vault.v1.VaultService";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<org.tabularium.vault.v1.PutDocumentRequest,
      org.tabularium.vault.v1.PutDocumentResponse> getPutDocumentMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "PutDocument",
      requestType = org.tabularium.vault.v1.PutDocumentRequest.class,
      responseType = org.tabularium.vault.v1.PutDocumentResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.CLIENT_STREAMING)
  public static io.grpc.MethodDescriptor<org.tabularium.vault.v1.PutDocumentRequest,
      org.tabularium.vault.v1.PutDocumentResponse> getPutDocumentMethod() {
    io.grpc.MethodDescriptor<org.tabularium.vault.v1.PutDocumentRequest, org.tabularium.vault.v1.PutDocumentResponse> getPutDocumentMethod;
    if ((getPutDocumentMethod = VaultServiceGrpc.getPutDocumentMethod) == null) {
      synchronized (VaultServiceGrpc.class) {
        if ((getPutDocumentMethod = VaultServiceGrpc.getPutDocumentMethod) == null) {
          VaultServiceGrpc.getPutDocumentMethod = getPutDocumentMethod =
              io.grpc.MethodDescriptor.<org.tabularium.vault.v1.PutDocumentRequest, org.tabularium.vault.v1.PutDocumentResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.CLIENT_STREAMING)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "PutDocument"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.vault.v1.PutDocumentRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.vault.v1.PutDocumentResponse.getDefaultInstance()))
              .setSchemaDescriptor(new VaultServiceMethodDescriptorSupplier("PutDocument"))
              .build();
        }
      }
    }
    return getPutDocumentMethod;
  }

  private static volatile io.grpc.MethodDescriptor<org.tabularium.vault.v1.ReadDocumentRequest,
      org.tabularium.vault.v1.ReadDocumentResponse> getReadDocumentMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ReadDocument",
      requestType = org.tabularium.vault.v1.ReadDocumentRequest.class,
      responseType = org.tabularium.vault.v1.ReadDocumentResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
  public static io.grpc.MethodDescriptor<org.tabularium.vault.v1.ReadDocumentRequest,
      org.tabularium.vault.v1.ReadDocumentResponse> getReadDocumentMethod() {
    io.grpc.MethodDescriptor<org.tabularium.vault.v1.ReadDocumentRequest, org.tabularium.vault.v1.ReadDocumentResponse> getReadDocumentMethod;
    if ((getReadDocumentMethod = VaultServiceGrpc.getReadDocumentMethod) == null) {
      synchronized (VaultServiceGrpc.class) {
        if ((getReadDocumentMethod = VaultServiceGrpc.getReadDocumentMethod) == null) {
          VaultServiceGrpc.getReadDocumentMethod = getReadDocumentMethod =
              io.grpc.MethodDescriptor.<org.tabularium.vault.v1.ReadDocumentRequest, org.tabularium.vault.v1.ReadDocumentResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ReadDocument"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.vault.v1.ReadDocumentRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.vault.v1.ReadDocumentResponse.getDefaultInstance()))
              .setSchemaDescriptor(new VaultServiceMethodDescriptorSupplier("ReadDocument"))
              .build();
        }
      }
    }
    return getReadDocumentMethod;
  }

  private static volatile io.grpc.MethodDescriptor<org.tabularium.vault.v1.GetDocumentHistoryRequest,
      org.tabularium.vault.v1.GetDocumentHistoryResponse> getGetDocumentHistoryMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetDocumentHistory",
      requestType = org.tabularium.vault.v1.GetDocumentHistoryRequest.class,
      responseType = org.tabularium.vault.v1.GetDocumentHistoryResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<org.tabularium.vault.v1.GetDocumentHistoryRequest,
      org.tabularium.vault.v1.GetDocumentHistoryResponse> getGetDocumentHistoryMethod() {
    io.grpc.MethodDescriptor<org.tabularium.vault.v1.GetDocumentHistoryRequest, org.tabularium.vault.v1.GetDocumentHistoryResponse> getGetDocumentHistoryMethod;
    if ((getGetDocumentHistoryMethod = VaultServiceGrpc.getGetDocumentHistoryMethod) == null) {
      synchronized (VaultServiceGrpc.class) {
        if ((getGetDocumentHistoryMethod = VaultServiceGrpc.getGetDocumentHistoryMethod) == null) {
          VaultServiceGrpc.getGetDocumentHistoryMethod = getGetDocumentHistoryMethod =
              io.grpc.MethodDescriptor.<org.tabularium.vault.v1.GetDocumentHistoryRequest, org.tabularium.vault.v1.GetDocumentHistoryResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetDocumentHistory"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.vault.v1.GetDocumentHistoryRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.vault.v1.GetDocumentHistoryResponse.getDefaultInstance()))
              .setSchemaDescriptor(new VaultServiceMethodDescriptorSupplier("GetDocumentHistory"))
              .build();
        }
      }
    }
    return getGetDocumentHistoryMethod;
  }

  private static volatile io.grpc.MethodDescriptor<org.tabularium.vault.v1.GetGrantRequest,
      org.tabularium.vault.v1.GetGrantResponse> getGetGrantMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetGrant",
      requestType = org.tabularium.vault.v1.GetGrantRequest.class,
      responseType = org.tabularium.vault.v1.GetGrantResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<org.tabularium.vault.v1.GetGrantRequest,
      org.tabularium.vault.v1.GetGrantResponse> getGetGrantMethod() {
    io.grpc.MethodDescriptor<org.tabularium.vault.v1.GetGrantRequest, org.tabularium.vault.v1.GetGrantResponse> getGetGrantMethod;
    if ((getGetGrantMethod = VaultServiceGrpc.getGetGrantMethod) == null) {
      synchronized (VaultServiceGrpc.class) {
        if ((getGetGrantMethod = VaultServiceGrpc.getGetGrantMethod) == null) {
          VaultServiceGrpc.getGetGrantMethod = getGetGrantMethod =
              io.grpc.MethodDescriptor.<org.tabularium.vault.v1.GetGrantRequest, org.tabularium.vault.v1.GetGrantResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetGrant"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.vault.v1.GetGrantRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.vault.v1.GetGrantResponse.getDefaultInstance()))
              .setSchemaDescriptor(new VaultServiceMethodDescriptorSupplier("GetGrant"))
              .build();
        }
      }
    }
    return getGetGrantMethod;
  }

  private static volatile io.grpc.MethodDescriptor<org.tabularium.vault.v1.ListAccessEventsRequest,
      org.tabularium.vault.v1.ListAccessEventsResponse> getListAccessEventsMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ListAccessEvents",
      requestType = org.tabularium.vault.v1.ListAccessEventsRequest.class,
      responseType = org.tabularium.vault.v1.ListAccessEventsResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<org.tabularium.vault.v1.ListAccessEventsRequest,
      org.tabularium.vault.v1.ListAccessEventsResponse> getListAccessEventsMethod() {
    io.grpc.MethodDescriptor<org.tabularium.vault.v1.ListAccessEventsRequest, org.tabularium.vault.v1.ListAccessEventsResponse> getListAccessEventsMethod;
    if ((getListAccessEventsMethod = VaultServiceGrpc.getListAccessEventsMethod) == null) {
      synchronized (VaultServiceGrpc.class) {
        if ((getListAccessEventsMethod = VaultServiceGrpc.getListAccessEventsMethod) == null) {
          VaultServiceGrpc.getListAccessEventsMethod = getListAccessEventsMethod =
              io.grpc.MethodDescriptor.<org.tabularium.vault.v1.ListAccessEventsRequest, org.tabularium.vault.v1.ListAccessEventsResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ListAccessEvents"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.vault.v1.ListAccessEventsRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.vault.v1.ListAccessEventsResponse.getDefaultInstance()))
              .setSchemaDescriptor(new VaultServiceMethodDescriptorSupplier("ListAccessEvents"))
              .build();
        }
      }
    }
    return getListAccessEventsMethod;
  }

  private static volatile io.grpc.MethodDescriptor<org.tabularium.vault.v1.ListBreakGlassEventsRequest,
      org.tabularium.vault.v1.ListBreakGlassEventsResponse> getListBreakGlassEventsMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ListBreakGlassEvents",
      requestType = org.tabularium.vault.v1.ListBreakGlassEventsRequest.class,
      responseType = org.tabularium.vault.v1.ListBreakGlassEventsResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<org.tabularium.vault.v1.ListBreakGlassEventsRequest,
      org.tabularium.vault.v1.ListBreakGlassEventsResponse> getListBreakGlassEventsMethod() {
    io.grpc.MethodDescriptor<org.tabularium.vault.v1.ListBreakGlassEventsRequest, org.tabularium.vault.v1.ListBreakGlassEventsResponse> getListBreakGlassEventsMethod;
    if ((getListBreakGlassEventsMethod = VaultServiceGrpc.getListBreakGlassEventsMethod) == null) {
      synchronized (VaultServiceGrpc.class) {
        if ((getListBreakGlassEventsMethod = VaultServiceGrpc.getListBreakGlassEventsMethod) == null) {
          VaultServiceGrpc.getListBreakGlassEventsMethod = getListBreakGlassEventsMethod =
              io.grpc.MethodDescriptor.<org.tabularium.vault.v1.ListBreakGlassEventsRequest, org.tabularium.vault.v1.ListBreakGlassEventsResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ListBreakGlassEvents"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.vault.v1.ListBreakGlassEventsRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.vault.v1.ListBreakGlassEventsResponse.getDefaultInstance()))
              .setSchemaDescriptor(new VaultServiceMethodDescriptorSupplier("ListBreakGlassEvents"))
              .build();
        }
      }
    }
    return getListBreakGlassEventsMethod;
  }

  private static volatile io.grpc.MethodDescriptor<org.tabularium.vault.v1.VerifyDocumentCopyRequest,
      org.tabularium.vault.v1.VerifyDocumentCopyResponse> getVerifyDocumentCopyMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "VerifyDocumentCopy",
      requestType = org.tabularium.vault.v1.VerifyDocumentCopyRequest.class,
      responseType = org.tabularium.vault.v1.VerifyDocumentCopyResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<org.tabularium.vault.v1.VerifyDocumentCopyRequest,
      org.tabularium.vault.v1.VerifyDocumentCopyResponse> getVerifyDocumentCopyMethod() {
    io.grpc.MethodDescriptor<org.tabularium.vault.v1.VerifyDocumentCopyRequest, org.tabularium.vault.v1.VerifyDocumentCopyResponse> getVerifyDocumentCopyMethod;
    if ((getVerifyDocumentCopyMethod = VaultServiceGrpc.getVerifyDocumentCopyMethod) == null) {
      synchronized (VaultServiceGrpc.class) {
        if ((getVerifyDocumentCopyMethod = VaultServiceGrpc.getVerifyDocumentCopyMethod) == null) {
          VaultServiceGrpc.getVerifyDocumentCopyMethod = getVerifyDocumentCopyMethod =
              io.grpc.MethodDescriptor.<org.tabularium.vault.v1.VerifyDocumentCopyRequest, org.tabularium.vault.v1.VerifyDocumentCopyResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "VerifyDocumentCopy"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.vault.v1.VerifyDocumentCopyRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.vault.v1.VerifyDocumentCopyResponse.getDefaultInstance()))
              .setSchemaDescriptor(new VaultServiceMethodDescriptorSupplier("VerifyDocumentCopy"))
              .build();
        }
      }
    }
    return getVerifyDocumentCopyMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static VaultServiceStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<VaultServiceStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<VaultServiceStub>() {
        @java.lang.Override
        public VaultServiceStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new VaultServiceStub(channel, callOptions);
        }
      };
    return VaultServiceStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static VaultServiceBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<VaultServiceBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<VaultServiceBlockingV2Stub>() {
        @java.lang.Override
        public VaultServiceBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new VaultServiceBlockingV2Stub(channel, callOptions);
        }
      };
    return VaultServiceBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static VaultServiceBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<VaultServiceBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<VaultServiceBlockingStub>() {
        @java.lang.Override
        public VaultServiceBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new VaultServiceBlockingStub(channel, callOptions);
        }
      };
    return VaultServiceBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static VaultServiceFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<VaultServiceFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<VaultServiceFutureStub>() {
        @java.lang.Override
        public VaultServiceFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new VaultServiceFutureStub(channel, callOptions);
        }
      };
    return VaultServiceFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * Document vault. PutDocument stores content; ReadDocument returns it after logging the access;
   * the other queries are public records of the log except ListAccessEvents and
   * ListBreakGlassEvents, which take signed requests (tabularium-auth-* metadata).
   * </pre>
   */
  public interface AsyncService {

    /**
     * <pre>
     * Client stream: the content in chunks (each at most 4 MiB), then one finish message with the
     * signed StoreDocument transaction and the commitment's salt. The node encrypts while it
     * receives, checks size and commitment, stores the ciphertext durably, then submits the
     * transaction; the answer is its receipt. Errors: INVALID_ARGUMENT (CONTENT_MISMATCH,
     * SIZE_MISMATCH, NOT_STORE_DOCUMENT, FINISH_MISSING, SALT_INVALID, CHUNK_TOO_LARGE), and every
     * refusal of StoreDocument. Nothing is kept unless the transaction is committed.
     * </pre>
     */
    default io.grpc.stub.StreamObserver<org.tabularium.vault.v1.PutDocumentRequest> putDocument(
        io.grpc.stub.StreamObserver<org.tabularium.vault.v1.PutDocumentResponse> responseObserver) {
      return io.grpc.stub.ServerCalls.asyncUnimplementedStreamingCall(getPutDocumentMethod(), responseObserver);
    }

    /**
     * <pre>
     * Signed request (REQUIRED) by a key that signed the access transaction. The node commits
     * the AccessDocument transaction (READ or EXPORT) to the log first; only then does it stream
     * the header and the plaintext. If the access event cannot be committed, no byte is returned
     * (fail closed). Errors: every refusal of AccessDocument (e.g. PERMISSION_DENIED
     * GRANT_EXPIRED, NOT_FOUND ERASED), PERMISSION_DENIED ACCESS_SIGNER_MISMATCH,
     * ALREADY_EXISTS ACCESS_ALREADY_USED (each read needs a new access transaction),
     * INVALID_ARGUMENT NOT_ACCESS_DOCUMENT / ACCESS_WINDOW_TOO_LONG (over 300 s),
     * UNAVAILABLE (COMMIT_FAILED: the event was not logged, so nothing is read).
     * </pre>
     */
    default void readDocument(org.tabularium.vault.v1.ReadDocumentRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.vault.v1.ReadDocumentResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getReadDocumentMethod(), responseObserver);
    }

    /**
     * <pre>
     * A document, its version chain (never shortened) and its erasure, if any.
     * Errors: NOT_FOUND DOCUMENT_NOT_FOUND, INVALID_ARGUMENT DOCUMENT_ID_INVALID.
     * </pre>
     */
    default void getDocumentHistory(org.tabularium.vault.v1.GetDocumentHistoryRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.vault.v1.GetDocumentHistoryResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetDocumentHistoryMethod(), responseObserver);
    }

    /**
     * <pre>
     * A grant and its chain of parent grants. Errors: NOT_FOUND GRANT_NOT_FOUND.
     * </pre>
     */
    default void getGrant(org.tabularium.vault.v1.GetGrantRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.vault.v1.GetGrantResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetGrantMethod(), responseObserver);
    }

    /**
     * <pre>
     * Access events, oldest first. By subject: only the subject itself. By document: its data
     * subjects, and holders of "admin" or "reviewer" in the owner organisation.
     * Errors: PERMISSION_DENIED NOT_SUBJECT / NOT_REVIEWER, UNAUTHENTICATED.
     * </pre>
     */
    default void listAccessEvents(org.tabularium.vault.v1.ListAccessEventsRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.vault.v1.ListAccessEventsResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getListAccessEventsMethod(), responseObserver);
    }

    /**
     * <pre>
     * Break-glass events of an organisation (open ones, or all). Holders of "admin" or "reviewer"
     * in it, and the organisation itself. Errors: PERMISSION_DENIED NOT_REVIEWER.
     * </pre>
     */
    default void listBreakGlassEvents(org.tabularium.vault.v1.ListBreakGlassEventsRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.vault.v1.ListBreakGlassEventsResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getListBreakGlassEventsMethod(), responseObserver);
    }

    /**
     * <pre>
     * Check a copy against the log: the commitment opened with the salt and the copy's SHA-256.
     * Public: the salt is the proof of being entitled to open it. Also answers erased documents
     * (the commitment stays on the log). Errors: NOT_FOUND DOCUMENT_NOT_FOUND / VERSION_NOT_FOUND.
     * </pre>
     */
    default void verifyDocumentCopy(org.tabularium.vault.v1.VerifyDocumentCopyRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.vault.v1.VerifyDocumentCopyResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getVerifyDocumentCopyMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service VaultService.
   * <pre>
   * Document vault. PutDocument stores content; ReadDocument returns it after logging the access;
   * the other queries are public records of the log except ListAccessEvents and
   * ListBreakGlassEvents, which take signed requests (tabularium-auth-* metadata).
   * </pre>
   */
  public static abstract class VaultServiceImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return VaultServiceGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service VaultService.
   * <pre>
   * Document vault. PutDocument stores content; ReadDocument returns it after logging the access;
   * the other queries are public records of the log except ListAccessEvents and
   * ListBreakGlassEvents, which take signed requests (tabularium-auth-* metadata).
   * </pre>
   */
  public static final class VaultServiceStub
      extends io.grpc.stub.AbstractAsyncStub<VaultServiceStub> {
    private VaultServiceStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected VaultServiceStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new VaultServiceStub(channel, callOptions);
    }

    /**
     * <pre>
     * Client stream: the content in chunks (each at most 4 MiB), then one finish message with the
     * signed StoreDocument transaction and the commitment's salt. The node encrypts while it
     * receives, checks size and commitment, stores the ciphertext durably, then submits the
     * transaction; the answer is its receipt. Errors: INVALID_ARGUMENT (CONTENT_MISMATCH,
     * SIZE_MISMATCH, NOT_STORE_DOCUMENT, FINISH_MISSING, SALT_INVALID, CHUNK_TOO_LARGE), and every
     * refusal of StoreDocument. Nothing is kept unless the transaction is committed.
     * </pre>
     */
    public io.grpc.stub.StreamObserver<org.tabularium.vault.v1.PutDocumentRequest> putDocument(
        io.grpc.stub.StreamObserver<org.tabularium.vault.v1.PutDocumentResponse> responseObserver) {
      return io.grpc.stub.ClientCalls.asyncClientStreamingCall(
          getChannel().newCall(getPutDocumentMethod(), getCallOptions()), responseObserver);
    }

    /**
     * <pre>
     * Signed request (REQUIRED) by a key that signed the access transaction. The node commits
     * the AccessDocument transaction (READ or EXPORT) to the log first; only then does it stream
     * the header and the plaintext. If the access event cannot be committed, no byte is returned
     * (fail closed). Errors: every refusal of AccessDocument (e.g. PERMISSION_DENIED
     * GRANT_EXPIRED, NOT_FOUND ERASED), PERMISSION_DENIED ACCESS_SIGNER_MISMATCH,
     * ALREADY_EXISTS ACCESS_ALREADY_USED (each read needs a new access transaction),
     * INVALID_ARGUMENT NOT_ACCESS_DOCUMENT / ACCESS_WINDOW_TOO_LONG (over 300 s),
     * UNAVAILABLE (COMMIT_FAILED: the event was not logged, so nothing is read).
     * </pre>
     */
    public void readDocument(org.tabularium.vault.v1.ReadDocumentRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.vault.v1.ReadDocumentResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncServerStreamingCall(
          getChannel().newCall(getReadDocumentMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * A document, its version chain (never shortened) and its erasure, if any.
     * Errors: NOT_FOUND DOCUMENT_NOT_FOUND, INVALID_ARGUMENT DOCUMENT_ID_INVALID.
     * </pre>
     */
    public void getDocumentHistory(org.tabularium.vault.v1.GetDocumentHistoryRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.vault.v1.GetDocumentHistoryResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetDocumentHistoryMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * A grant and its chain of parent grants. Errors: NOT_FOUND GRANT_NOT_FOUND.
     * </pre>
     */
    public void getGrant(org.tabularium.vault.v1.GetGrantRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.vault.v1.GetGrantResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetGrantMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Access events, oldest first. By subject: only the subject itself. By document: its data
     * subjects, and holders of "admin" or "reviewer" in the owner organisation.
     * Errors: PERMISSION_DENIED NOT_SUBJECT / NOT_REVIEWER, UNAUTHENTICATED.
     * </pre>
     */
    public void listAccessEvents(org.tabularium.vault.v1.ListAccessEventsRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.vault.v1.ListAccessEventsResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getListAccessEventsMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Break-glass events of an organisation (open ones, or all). Holders of "admin" or "reviewer"
     * in it, and the organisation itself. Errors: PERMISSION_DENIED NOT_REVIEWER.
     * </pre>
     */
    public void listBreakGlassEvents(org.tabularium.vault.v1.ListBreakGlassEventsRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.vault.v1.ListBreakGlassEventsResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getListBreakGlassEventsMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Check a copy against the log: the commitment opened with the salt and the copy's SHA-256.
     * Public: the salt is the proof of being entitled to open it. Also answers erased documents
     * (the commitment stays on the log). Errors: NOT_FOUND DOCUMENT_NOT_FOUND / VERSION_NOT_FOUND.
     * </pre>
     */
    public void verifyDocumentCopy(org.tabularium.vault.v1.VerifyDocumentCopyRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.vault.v1.VerifyDocumentCopyResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getVerifyDocumentCopyMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service VaultService.
   * <pre>
   * Document vault. PutDocument stores content; ReadDocument returns it after logging the access;
   * the other queries are public records of the log except ListAccessEvents and
   * ListBreakGlassEvents, which take signed requests (tabularium-auth-* metadata).
   * </pre>
   */
  public static final class VaultServiceBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<VaultServiceBlockingV2Stub> {
    private VaultServiceBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected VaultServiceBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new VaultServiceBlockingV2Stub(channel, callOptions);
    }

    /**
     * <pre>
     * Client stream: the content in chunks (each at most 4 MiB), then one finish message with the
     * signed StoreDocument transaction and the commitment's salt. The node encrypts while it
     * receives, checks size and commitment, stores the ciphertext durably, then submits the
     * transaction; the answer is its receipt. Errors: INVALID_ARGUMENT (CONTENT_MISMATCH,
     * SIZE_MISMATCH, NOT_STORE_DOCUMENT, FINISH_MISSING, SALT_INVALID, CHUNK_TOO_LARGE), and every
     * refusal of StoreDocument. Nothing is kept unless the transaction is committed.
     * </pre>
     */
    @io.grpc.ExperimentalApi("https://github.com/grpc/grpc-java/issues/10918")
    public io.grpc.stub.BlockingClientCall<org.tabularium.vault.v1.PutDocumentRequest, org.tabularium.vault.v1.PutDocumentResponse>
        putDocument() {
      return io.grpc.stub.ClientCalls.blockingClientStreamingCall(
          getChannel(), getPutDocumentMethod(), getCallOptions());
    }

    /**
     * <pre>
     * Signed request (REQUIRED) by a key that signed the access transaction. The node commits
     * the AccessDocument transaction (READ or EXPORT) to the log first; only then does it stream
     * the header and the plaintext. If the access event cannot be committed, no byte is returned
     * (fail closed). Errors: every refusal of AccessDocument (e.g. PERMISSION_DENIED
     * GRANT_EXPIRED, NOT_FOUND ERASED), PERMISSION_DENIED ACCESS_SIGNER_MISMATCH,
     * ALREADY_EXISTS ACCESS_ALREADY_USED (each read needs a new access transaction),
     * INVALID_ARGUMENT NOT_ACCESS_DOCUMENT / ACCESS_WINDOW_TOO_LONG (over 300 s),
     * UNAVAILABLE (COMMIT_FAILED: the event was not logged, so nothing is read).
     * </pre>
     */
    @io.grpc.ExperimentalApi("https://github.com/grpc/grpc-java/issues/10918")
    public io.grpc.stub.BlockingClientCall<?, org.tabularium.vault.v1.ReadDocumentResponse>
        readDocument(org.tabularium.vault.v1.ReadDocumentRequest request) {
      return io.grpc.stub.ClientCalls.blockingV2ServerStreamingCall(
          getChannel(), getReadDocumentMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * A document, its version chain (never shortened) and its erasure, if any.
     * Errors: NOT_FOUND DOCUMENT_NOT_FOUND, INVALID_ARGUMENT DOCUMENT_ID_INVALID.
     * </pre>
     */
    public org.tabularium.vault.v1.GetDocumentHistoryResponse getDocumentHistory(org.tabularium.vault.v1.GetDocumentHistoryRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetDocumentHistoryMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * A grant and its chain of parent grants. Errors: NOT_FOUND GRANT_NOT_FOUND.
     * </pre>
     */
    public org.tabularium.vault.v1.GetGrantResponse getGrant(org.tabularium.vault.v1.GetGrantRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetGrantMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Access events, oldest first. By subject: only the subject itself. By document: its data
     * subjects, and holders of "admin" or "reviewer" in the owner organisation.
     * Errors: PERMISSION_DENIED NOT_SUBJECT / NOT_REVIEWER, UNAUTHENTICATED.
     * </pre>
     */
    public org.tabularium.vault.v1.ListAccessEventsResponse listAccessEvents(org.tabularium.vault.v1.ListAccessEventsRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getListAccessEventsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Break-glass events of an organisation (open ones, or all). Holders of "admin" or "reviewer"
     * in it, and the organisation itself. Errors: PERMISSION_DENIED NOT_REVIEWER.
     * </pre>
     */
    public org.tabularium.vault.v1.ListBreakGlassEventsResponse listBreakGlassEvents(org.tabularium.vault.v1.ListBreakGlassEventsRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getListBreakGlassEventsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Check a copy against the log: the commitment opened with the salt and the copy's SHA-256.
     * Public: the salt is the proof of being entitled to open it. Also answers erased documents
     * (the commitment stays on the log). Errors: NOT_FOUND DOCUMENT_NOT_FOUND / VERSION_NOT_FOUND.
     * </pre>
     */
    public org.tabularium.vault.v1.VerifyDocumentCopyResponse verifyDocumentCopy(org.tabularium.vault.v1.VerifyDocumentCopyRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getVerifyDocumentCopyMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service VaultService.
   * <pre>
   * Document vault. PutDocument stores content; ReadDocument returns it after logging the access;
   * the other queries are public records of the log except ListAccessEvents and
   * ListBreakGlassEvents, which take signed requests (tabularium-auth-* metadata).
   * </pre>
   */
  public static final class VaultServiceBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<VaultServiceBlockingStub> {
    private VaultServiceBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected VaultServiceBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new VaultServiceBlockingStub(channel, callOptions);
    }

    /**
     * <pre>
     * Signed request (REQUIRED) by a key that signed the access transaction. The node commits
     * the AccessDocument transaction (READ or EXPORT) to the log first; only then does it stream
     * the header and the plaintext. If the access event cannot be committed, no byte is returned
     * (fail closed). Errors: every refusal of AccessDocument (e.g. PERMISSION_DENIED
     * GRANT_EXPIRED, NOT_FOUND ERASED), PERMISSION_DENIED ACCESS_SIGNER_MISMATCH,
     * ALREADY_EXISTS ACCESS_ALREADY_USED (each read needs a new access transaction),
     * INVALID_ARGUMENT NOT_ACCESS_DOCUMENT / ACCESS_WINDOW_TOO_LONG (over 300 s),
     * UNAVAILABLE (COMMIT_FAILED: the event was not logged, so nothing is read).
     * </pre>
     */
    public java.util.Iterator<org.tabularium.vault.v1.ReadDocumentResponse> readDocument(
        org.tabularium.vault.v1.ReadDocumentRequest request) {
      return io.grpc.stub.ClientCalls.blockingServerStreamingCall(
          getChannel(), getReadDocumentMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * A document, its version chain (never shortened) and its erasure, if any.
     * Errors: NOT_FOUND DOCUMENT_NOT_FOUND, INVALID_ARGUMENT DOCUMENT_ID_INVALID.
     * </pre>
     */
    public org.tabularium.vault.v1.GetDocumentHistoryResponse getDocumentHistory(org.tabularium.vault.v1.GetDocumentHistoryRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetDocumentHistoryMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * A grant and its chain of parent grants. Errors: NOT_FOUND GRANT_NOT_FOUND.
     * </pre>
     */
    public org.tabularium.vault.v1.GetGrantResponse getGrant(org.tabularium.vault.v1.GetGrantRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetGrantMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Access events, oldest first. By subject: only the subject itself. By document: its data
     * subjects, and holders of "admin" or "reviewer" in the owner organisation.
     * Errors: PERMISSION_DENIED NOT_SUBJECT / NOT_REVIEWER, UNAUTHENTICATED.
     * </pre>
     */
    public org.tabularium.vault.v1.ListAccessEventsResponse listAccessEvents(org.tabularium.vault.v1.ListAccessEventsRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getListAccessEventsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Break-glass events of an organisation (open ones, or all). Holders of "admin" or "reviewer"
     * in it, and the organisation itself. Errors: PERMISSION_DENIED NOT_REVIEWER.
     * </pre>
     */
    public org.tabularium.vault.v1.ListBreakGlassEventsResponse listBreakGlassEvents(org.tabularium.vault.v1.ListBreakGlassEventsRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getListBreakGlassEventsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Check a copy against the log: the commitment opened with the salt and the copy's SHA-256.
     * Public: the salt is the proof of being entitled to open it. Also answers erased documents
     * (the commitment stays on the log). Errors: NOT_FOUND DOCUMENT_NOT_FOUND / VERSION_NOT_FOUND.
     * </pre>
     */
    public org.tabularium.vault.v1.VerifyDocumentCopyResponse verifyDocumentCopy(org.tabularium.vault.v1.VerifyDocumentCopyRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getVerifyDocumentCopyMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service VaultService.
   * <pre>
   * Document vault. PutDocument stores content; ReadDocument returns it after logging the access;
   * the other queries are public records of the log except ListAccessEvents and
   * ListBreakGlassEvents, which take signed requests (tabularium-auth-* metadata).
   * </pre>
   */
  public static final class VaultServiceFutureStub
      extends io.grpc.stub.AbstractFutureStub<VaultServiceFutureStub> {
    private VaultServiceFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected VaultServiceFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new VaultServiceFutureStub(channel, callOptions);
    }

    /**
     * <pre>
     * A document, its version chain (never shortened) and its erasure, if any.
     * Errors: NOT_FOUND DOCUMENT_NOT_FOUND, INVALID_ARGUMENT DOCUMENT_ID_INVALID.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<org.tabularium.vault.v1.GetDocumentHistoryResponse> getDocumentHistory(
        org.tabularium.vault.v1.GetDocumentHistoryRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetDocumentHistoryMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * A grant and its chain of parent grants. Errors: NOT_FOUND GRANT_NOT_FOUND.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<org.tabularium.vault.v1.GetGrantResponse> getGrant(
        org.tabularium.vault.v1.GetGrantRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetGrantMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Access events, oldest first. By subject: only the subject itself. By document: its data
     * subjects, and holders of "admin" or "reviewer" in the owner organisation.
     * Errors: PERMISSION_DENIED NOT_SUBJECT / NOT_REVIEWER, UNAUTHENTICATED.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<org.tabularium.vault.v1.ListAccessEventsResponse> listAccessEvents(
        org.tabularium.vault.v1.ListAccessEventsRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getListAccessEventsMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Break-glass events of an organisation (open ones, or all). Holders of "admin" or "reviewer"
     * in it, and the organisation itself. Errors: PERMISSION_DENIED NOT_REVIEWER.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<org.tabularium.vault.v1.ListBreakGlassEventsResponse> listBreakGlassEvents(
        org.tabularium.vault.v1.ListBreakGlassEventsRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getListBreakGlassEventsMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Check a copy against the log: the commitment opened with the salt and the copy's SHA-256.
     * Public: the salt is the proof of being entitled to open it. Also answers erased documents
     * (the commitment stays on the log). Errors: NOT_FOUND DOCUMENT_NOT_FOUND / VERSION_NOT_FOUND.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<org.tabularium.vault.v1.VerifyDocumentCopyResponse> verifyDocumentCopy(
        org.tabularium.vault.v1.VerifyDocumentCopyRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getVerifyDocumentCopyMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_READ_DOCUMENT = 0;
  private static final int METHODID_GET_DOCUMENT_HISTORY = 1;
  private static final int METHODID_GET_GRANT = 2;
  private static final int METHODID_LIST_ACCESS_EVENTS = 3;
  private static final int METHODID_LIST_BREAK_GLASS_EVENTS = 4;
  private static final int METHODID_VERIFY_DOCUMENT_COPY = 5;
  private static final int METHODID_PUT_DOCUMENT = 6;

  private static final class MethodHandlers<Req, Resp> implements
      io.grpc.stub.ServerCalls.UnaryMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.ServerStreamingMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.ClientStreamingMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.BidiStreamingMethod<Req, Resp> {
    private final AsyncService serviceImpl;
    private final int methodId;

    MethodHandlers(AsyncService serviceImpl, int methodId) {
      this.serviceImpl = serviceImpl;
      this.methodId = methodId;
    }

    @java.lang.Override
    @java.lang.SuppressWarnings("unchecked")
    public void invoke(Req request, io.grpc.stub.StreamObserver<Resp> responseObserver) {
      switch (methodId) {
        case METHODID_READ_DOCUMENT:
          serviceImpl.readDocument((org.tabularium.vault.v1.ReadDocumentRequest) request,
              (io.grpc.stub.StreamObserver<org.tabularium.vault.v1.ReadDocumentResponse>) responseObserver);
          break;
        case METHODID_GET_DOCUMENT_HISTORY:
          serviceImpl.getDocumentHistory((org.tabularium.vault.v1.GetDocumentHistoryRequest) request,
              (io.grpc.stub.StreamObserver<org.tabularium.vault.v1.GetDocumentHistoryResponse>) responseObserver);
          break;
        case METHODID_GET_GRANT:
          serviceImpl.getGrant((org.tabularium.vault.v1.GetGrantRequest) request,
              (io.grpc.stub.StreamObserver<org.tabularium.vault.v1.GetGrantResponse>) responseObserver);
          break;
        case METHODID_LIST_ACCESS_EVENTS:
          serviceImpl.listAccessEvents((org.tabularium.vault.v1.ListAccessEventsRequest) request,
              (io.grpc.stub.StreamObserver<org.tabularium.vault.v1.ListAccessEventsResponse>) responseObserver);
          break;
        case METHODID_LIST_BREAK_GLASS_EVENTS:
          serviceImpl.listBreakGlassEvents((org.tabularium.vault.v1.ListBreakGlassEventsRequest) request,
              (io.grpc.stub.StreamObserver<org.tabularium.vault.v1.ListBreakGlassEventsResponse>) responseObserver);
          break;
        case METHODID_VERIFY_DOCUMENT_COPY:
          serviceImpl.verifyDocumentCopy((org.tabularium.vault.v1.VerifyDocumentCopyRequest) request,
              (io.grpc.stub.StreamObserver<org.tabularium.vault.v1.VerifyDocumentCopyResponse>) responseObserver);
          break;
        default:
          throw new AssertionError();
      }
    }

    @java.lang.Override
    @java.lang.SuppressWarnings("unchecked")
    public io.grpc.stub.StreamObserver<Req> invoke(
        io.grpc.stub.StreamObserver<Resp> responseObserver) {
      switch (methodId) {
        case METHODID_PUT_DOCUMENT:
          return (io.grpc.stub.StreamObserver<Req>) serviceImpl.putDocument(
              (io.grpc.stub.StreamObserver<org.tabularium.vault.v1.PutDocumentResponse>) responseObserver);
        default:
          throw new AssertionError();
      }
    }
  }

  public static final io.grpc.ServerServiceDefinition bindService(AsyncService service) {
    return io.grpc.ServerServiceDefinition.builder(getServiceDescriptor())
        .addMethod(
          getPutDocumentMethod(),
          io.grpc.stub.ServerCalls.asyncClientStreamingCall(
            new MethodHandlers<
              org.tabularium.vault.v1.PutDocumentRequest,
              org.tabularium.vault.v1.PutDocumentResponse>(
                service, METHODID_PUT_DOCUMENT)))
        .addMethod(
          getReadDocumentMethod(),
          io.grpc.stub.ServerCalls.asyncServerStreamingCall(
            new MethodHandlers<
              org.tabularium.vault.v1.ReadDocumentRequest,
              org.tabularium.vault.v1.ReadDocumentResponse>(
                service, METHODID_READ_DOCUMENT)))
        .addMethod(
          getGetDocumentHistoryMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              org.tabularium.vault.v1.GetDocumentHistoryRequest,
              org.tabularium.vault.v1.GetDocumentHistoryResponse>(
                service, METHODID_GET_DOCUMENT_HISTORY)))
        .addMethod(
          getGetGrantMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              org.tabularium.vault.v1.GetGrantRequest,
              org.tabularium.vault.v1.GetGrantResponse>(
                service, METHODID_GET_GRANT)))
        .addMethod(
          getListAccessEventsMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              org.tabularium.vault.v1.ListAccessEventsRequest,
              org.tabularium.vault.v1.ListAccessEventsResponse>(
                service, METHODID_LIST_ACCESS_EVENTS)))
        .addMethod(
          getListBreakGlassEventsMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              org.tabularium.vault.v1.ListBreakGlassEventsRequest,
              org.tabularium.vault.v1.ListBreakGlassEventsResponse>(
                service, METHODID_LIST_BREAK_GLASS_EVENTS)))
        .addMethod(
          getVerifyDocumentCopyMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              org.tabularium.vault.v1.VerifyDocumentCopyRequest,
              org.tabularium.vault.v1.VerifyDocumentCopyResponse>(
                service, METHODID_VERIFY_DOCUMENT_COPY)))
        .build();
  }

  private static abstract class VaultServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    VaultServiceBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return org.tabularium.vault.v1.VaultProto.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("VaultService");
    }
  }

  private static final class VaultServiceFileDescriptorSupplier
      extends VaultServiceBaseDescriptorSupplier {
    VaultServiceFileDescriptorSupplier() {}
  }

  private static final class VaultServiceMethodDescriptorSupplier
      extends VaultServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    VaultServiceMethodDescriptorSupplier(java.lang.String methodName) {
      this.methodName = methodName;
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.MethodDescriptor getMethodDescriptor() {
      return getServiceDescriptor().findMethodByName(methodName);
    }
  }

  private static volatile io.grpc.ServiceDescriptor serviceDescriptor;

  public static io.grpc.ServiceDescriptor getServiceDescriptor() {
    io.grpc.ServiceDescriptor result = serviceDescriptor;
    if (result == null) {
      synchronized (VaultServiceGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new VaultServiceFileDescriptorSupplier())
              .addMethod(getPutDocumentMethod())
              .addMethod(getReadDocumentMethod())
              .addMethod(getGetDocumentHistoryMethod())
              .addMethod(getGetGrantMethod())
              .addMethod(getListAccessEventsMethod())
              .addMethod(getListBreakGlassEventsMethod())
              .addMethod(getVerifyDocumentCopyMethod())
              .build();
        }
      }
    }
    return result;
  }
}
