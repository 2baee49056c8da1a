package org.tabularium.documents.v1;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * Document notarization queries. Open to everyone: registrations are public records.
 * </pre>
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class DocumentsServiceGrpc {

  private DocumentsServiceGrpc() {}

  public static final java.lang.String SERVICE_NAME = "tabularium.documents.v1.DocumentsService";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<org.tabularium.documents.v1.VerifyDocumentRequest,
      org.tabularium.documents.v1.VerifyDocumentResponse> getVerifyDocumentMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "VerifyDocument",
      requestType = org.tabularium.documents.v1.VerifyDocumentRequest.class,
      responseType = org.tabularium.documents.v1.VerifyDocumentResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<org.tabularium.documents.v1.VerifyDocumentRequest,
      org.tabularium.documents.v1.VerifyDocumentResponse> getVerifyDocumentMethod() {
    io.grpc.MethodDescriptor<org.tabularium.documents.v1.VerifyDocumentRequest, org.tabularium.documents.v1.VerifyDocumentResponse> getVerifyDocumentMethod;
    if ((getVerifyDocumentMethod = DocumentsServiceGrpc.getVerifyDocumentMethod) == null) {
      synchronized (DocumentsServiceGrpc.class) {
        if ((getVerifyDocumentMethod = DocumentsServiceGrpc.getVerifyDocumentMethod) == null) {
          DocumentsServiceGrpc.getVerifyDocumentMethod = getVerifyDocumentMethod =
              io.grpc.MethodDescriptor.<org.tabularium.documents.v1.VerifyDocumentRequest, org.tabularium.documents.v1.VerifyDocumentResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "VerifyDocument"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.documents.v1.VerifyDocumentRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.documents.v1.VerifyDocumentResponse.getDefaultInstance()))
              .setSchemaDescriptor(new DocumentsServiceMethodDescriptorSupplier("VerifyDocument"))
              .build();
        }
      }
    }
    return getVerifyDocumentMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static DocumentsServiceStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<DocumentsServiceStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<DocumentsServiceStub>() {
        @java.lang.Override
        public DocumentsServiceStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new DocumentsServiceStub(channel, callOptions);
        }
      };
    return DocumentsServiceStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static DocumentsServiceBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<DocumentsServiceBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<DocumentsServiceBlockingV2Stub>() {
        @java.lang.Override
        public DocumentsServiceBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new DocumentsServiceBlockingV2Stub(channel, callOptions);
        }
      };
    return DocumentsServiceBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static DocumentsServiceBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<DocumentsServiceBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<DocumentsServiceBlockingStub>() {
        @java.lang.Override
        public DocumentsServiceBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new DocumentsServiceBlockingStub(channel, callOptions);
        }
      };
    return DocumentsServiceBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static DocumentsServiceFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<DocumentsServiceFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<DocumentsServiceFutureStub>() {
        @java.lang.Override
        public DocumentsServiceFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new DocumentsServiceFutureStub(channel, callOptions);
        }
      };
    return DocumentsServiceFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * Document notarization queries. Open to everyone: registrations are public records.
   * </pre>
   */
  public interface AsyncService {

    /**
     * <pre>
     * Says whether a digest is registered, when (block time), at which entry, with a receipt.
     * An unregistered digest is not an error: registered is false.
     * Errors: INVALID_ARGUMENT (SHA256_INVALID: not 32 bytes).
     * </pre>
     */
    default void verifyDocument(org.tabularium.documents.v1.VerifyDocumentRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.documents.v1.VerifyDocumentResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getVerifyDocumentMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service DocumentsService.
   * <pre>
   * Document notarization queries. Open to everyone: registrations are public records.
   * </pre>
   */
  public static abstract class DocumentsServiceImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return DocumentsServiceGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service DocumentsService.
   * <pre>
   * Document notarization queries. Open to everyone: registrations are public records.
   * </pre>
   */
  public static final class DocumentsServiceStub
      extends io.grpc.stub.AbstractAsyncStub<DocumentsServiceStub> {
    private DocumentsServiceStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected DocumentsServiceStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new DocumentsServiceStub(channel, callOptions);
    }

    /**
     * <pre>
     * Says whether a digest is registered, when (block time), at which entry, with a receipt.
     * An unregistered digest is not an error: registered is false.
     * Errors: INVALID_ARGUMENT (SHA256_INVALID: not 32 bytes).
     * </pre>
     */
    public void verifyDocument(org.tabularium.documents.v1.VerifyDocumentRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.documents.v1.VerifyDocumentResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getVerifyDocumentMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service DocumentsService.
   * <pre>
   * Document notarization queries. Open to everyone: registrations are public records.
   * </pre>
   */
  public static final class DocumentsServiceBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<DocumentsServiceBlockingV2Stub> {
    private DocumentsServiceBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected DocumentsServiceBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new DocumentsServiceBlockingV2Stub(channel, callOptions);
    }

    /**
     * <pre>
     * Says whether a digest is registered, when (block time), at which entry, with a receipt.
     * An unregistered digest is not an error: registered is false.
     * Errors: INVALID_ARGUMENT (SHA256_INVALID: not 32 bytes).
     * </pre>
     */
    public org.tabularium.documents.v1.VerifyDocumentResponse verifyDocument(org.tabularium.documents.v1.VerifyDocumentRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getVerifyDocumentMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service DocumentsService.
   * <pre>
   * Document notarization queries. Open to everyone: registrations are public records.
   * </pre>
   */
  public static final class DocumentsServiceBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<DocumentsServiceBlockingStub> {
    private DocumentsServiceBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected DocumentsServiceBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new DocumentsServiceBlockingStub(channel, callOptions);
    }

    /**
     * <pre>
     * Says whether a digest is registered, when (block time), at which entry, with a receipt.
     * An unregistered digest is not an error: registered is false.
     * Errors: INVALID_ARGUMENT (SHA256_INVALID: not 32 bytes).
     * </pre>
     */
    public org.tabularium.documents.v1.VerifyDocumentResponse verifyDocument(org.tabularium.documents.v1.VerifyDocumentRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getVerifyDocumentMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service DocumentsService.
   * <pre>
   * Document notarization queries. Open to everyone: registrations are public records.
   * </pre>
   */
  public static final class DocumentsServiceFutureStub
      extends io.grpc.stub.AbstractFutureStub<DocumentsServiceFutureStub> {
    private DocumentsServiceFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected DocumentsServiceFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new DocumentsServiceFutureStub(channel, callOptions);
    }

    /**
     * <pre>
     * Says whether a digest is registered, when (block time), at which entry, with a receipt.
     * An unregistered digest is not an error: registered is false.
     * Errors: INVALID_ARGUMENT (SHA256_INVALID: not 32 bytes).
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<org.tabularium.documents.v1.VerifyDocumentResponse> verifyDocument(
        org.tabularium.documents.v1.VerifyDocumentRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getVerifyDocumentMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_VERIFY_DOCUMENT = 0;

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
        case METHODID_VERIFY_DOCUMENT:
          serviceImpl.verifyDocument((org.tabularium.documents.v1.VerifyDocumentRequest) request,
              (io.grpc.stub.StreamObserver<org.tabularium.documents.v1.VerifyDocumentResponse>) responseObserver);
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
        default:
          throw new AssertionError();
      }
    }
  }

  public static final io.grpc.ServerServiceDefinition bindService(AsyncService service) {
    return io.grpc.ServerServiceDefinition.builder(getServiceDescriptor())
        .addMethod(
          getVerifyDocumentMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              org.tabularium.documents.v1.VerifyDocumentRequest,
              org.tabularium.documents.v1.VerifyDocumentResponse>(
                service, METHODID_VERIFY_DOCUMENT)))
        .build();
  }

  private static abstract class DocumentsServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    DocumentsServiceBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return org.tabularium.documents.v1.DocumentsProto.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("DocumentsService");
    }
  }

  private static final class DocumentsServiceFileDescriptorSupplier
      extends DocumentsServiceBaseDescriptorSupplier {
    DocumentsServiceFileDescriptorSupplier() {}
  }

  private static final class DocumentsServiceMethodDescriptorSupplier
      extends DocumentsServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    DocumentsServiceMethodDescriptorSupplier(java.lang.String methodName) {
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
      synchronized (DocumentsServiceGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new DocumentsServiceFileDescriptorSupplier())
              .addMethod(getVerifyDocumentMethod())
              .build();
        }
      }
    }
    return result;
  }
}
