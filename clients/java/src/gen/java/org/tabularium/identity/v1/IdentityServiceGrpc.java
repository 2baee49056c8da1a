package org.tabularium.identity.v1;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * Identity queries. Agencies, officials and companies are public registers. A citizen's identity
 * is private: only the citizen and the root organisation's admins and registrars may resolve it,
 * with a signed request (see tabularium.identity.v1 request authentication in the README).
 * </pre>
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class IdentityServiceGrpc {

  private IdentityServiceGrpc() {}

  public static final java.lang.String SERVICE_NAME = "tabularium.identity.v1.IdentityService";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<org.tabularium.identity.v1.ResolveIdentityRequest,
      org.tabularium.identity.v1.ResolveIdentityResponse> getResolveIdentityMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ResolveIdentity",
      requestType = org.tabularium.identity.v1.ResolveIdentityRequest.class,
      responseType = org.tabularium.identity.v1.ResolveIdentityResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<org.tabularium.identity.v1.ResolveIdentityRequest,
      org.tabularium.identity.v1.ResolveIdentityResponse> getResolveIdentityMethod() {
    io.grpc.MethodDescriptor<org.tabularium.identity.v1.ResolveIdentityRequest, org.tabularium.identity.v1.ResolveIdentityResponse> getResolveIdentityMethod;
    if ((getResolveIdentityMethod = IdentityServiceGrpc.getResolveIdentityMethod) == null) {
      synchronized (IdentityServiceGrpc.class) {
        if ((getResolveIdentityMethod = IdentityServiceGrpc.getResolveIdentityMethod) == null) {
          IdentityServiceGrpc.getResolveIdentityMethod = getResolveIdentityMethod =
              io.grpc.MethodDescriptor.<org.tabularium.identity.v1.ResolveIdentityRequest, org.tabularium.identity.v1.ResolveIdentityResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ResolveIdentity"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.identity.v1.ResolveIdentityRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.identity.v1.ResolveIdentityResponse.getDefaultInstance()))
              .setSchemaDescriptor(new IdentityServiceMethodDescriptorSupplier("ResolveIdentity"))
              .build();
        }
      }
    }
    return getResolveIdentityMethod;
  }

  private static volatile io.grpc.MethodDescriptor<org.tabularium.identity.v1.GetIdentityHistoryRequest,
      org.tabularium.identity.v1.GetIdentityHistoryResponse> getGetIdentityHistoryMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetIdentityHistory",
      requestType = org.tabularium.identity.v1.GetIdentityHistoryRequest.class,
      responseType = org.tabularium.identity.v1.GetIdentityHistoryResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<org.tabularium.identity.v1.GetIdentityHistoryRequest,
      org.tabularium.identity.v1.GetIdentityHistoryResponse> getGetIdentityHistoryMethod() {
    io.grpc.MethodDescriptor<org.tabularium.identity.v1.GetIdentityHistoryRequest, org.tabularium.identity.v1.GetIdentityHistoryResponse> getGetIdentityHistoryMethod;
    if ((getGetIdentityHistoryMethod = IdentityServiceGrpc.getGetIdentityHistoryMethod) == null) {
      synchronized (IdentityServiceGrpc.class) {
        if ((getGetIdentityHistoryMethod = IdentityServiceGrpc.getGetIdentityHistoryMethod) == null) {
          IdentityServiceGrpc.getGetIdentityHistoryMethod = getGetIdentityHistoryMethod =
              io.grpc.MethodDescriptor.<org.tabularium.identity.v1.GetIdentityHistoryRequest, org.tabularium.identity.v1.GetIdentityHistoryResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetIdentityHistory"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.identity.v1.GetIdentityHistoryRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.identity.v1.GetIdentityHistoryResponse.getDefaultInstance()))
              .setSchemaDescriptor(new IdentityServiceMethodDescriptorSupplier("GetIdentityHistory"))
              .build();
        }
      }
    }
    return getGetIdentityHistoryMethod;
  }

  private static volatile io.grpc.MethodDescriptor<org.tabularium.identity.v1.GetPolicyRequest,
      org.tabularium.identity.v1.GetPolicyResponse> getGetPolicyMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetPolicy",
      requestType = org.tabularium.identity.v1.GetPolicyRequest.class,
      responseType = org.tabularium.identity.v1.GetPolicyResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<org.tabularium.identity.v1.GetPolicyRequest,
      org.tabularium.identity.v1.GetPolicyResponse> getGetPolicyMethod() {
    io.grpc.MethodDescriptor<org.tabularium.identity.v1.GetPolicyRequest, org.tabularium.identity.v1.GetPolicyResponse> getGetPolicyMethod;
    if ((getGetPolicyMethod = IdentityServiceGrpc.getGetPolicyMethod) == null) {
      synchronized (IdentityServiceGrpc.class) {
        if ((getGetPolicyMethod = IdentityServiceGrpc.getGetPolicyMethod) == null) {
          IdentityServiceGrpc.getGetPolicyMethod = getGetPolicyMethod =
              io.grpc.MethodDescriptor.<org.tabularium.identity.v1.GetPolicyRequest, org.tabularium.identity.v1.GetPolicyResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetPolicy"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.identity.v1.GetPolicyRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.identity.v1.GetPolicyResponse.getDefaultInstance()))
              .setSchemaDescriptor(new IdentityServiceMethodDescriptorSupplier("GetPolicy"))
              .build();
        }
      }
    }
    return getGetPolicyMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static IdentityServiceStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<IdentityServiceStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<IdentityServiceStub>() {
        @java.lang.Override
        public IdentityServiceStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new IdentityServiceStub(channel, callOptions);
        }
      };
    return IdentityServiceStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static IdentityServiceBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<IdentityServiceBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<IdentityServiceBlockingV2Stub>() {
        @java.lang.Override
        public IdentityServiceBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new IdentityServiceBlockingV2Stub(channel, callOptions);
        }
      };
    return IdentityServiceBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static IdentityServiceBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<IdentityServiceBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<IdentityServiceBlockingStub>() {
        @java.lang.Override
        public IdentityServiceBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new IdentityServiceBlockingStub(channel, callOptions);
        }
      };
    return IdentityServiceBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static IdentityServiceFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<IdentityServiceFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<IdentityServiceFutureStub>() {
        @java.lang.Override
        public IdentityServiceFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new IdentityServiceFutureStub(channel, callOptions);
        }
      };
    return IdentityServiceFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * Identity queries. Agencies, officials and companies are public registers. A citizen's identity
   * is private: only the citizen and the root organisation's admins and registrars may resolve it,
   * with a signed request (see tabularium.identity.v1 request authentication in the README).
   * </pre>
   */
  public interface AsyncService {

    /**
     * <pre>
     * The identity as of the latest block or as of at_height.
     * Errors: NOT_FOUND (IDENTITY_NOT_FOUND), INVALID_ARGUMENT (DID_INVALID),
     * OUT_OF_RANGE (HEIGHT_IN_FUTURE), PERMISSION_DENIED (PRIVATE_IDENTITY).
     * </pre>
     */
    default void resolveIdentity(org.tabularium.identity.v1.ResolveIdentityRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.identity.v1.ResolveIdentityResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getResolveIdentityMethod(), responseObserver);
    }

    /**
     * <pre>
     * Every change to an identity, oldest first, each with the identity as it was after it.
     * </pre>
     */
    default void getIdentityHistory(org.tabularium.identity.v1.GetIdentityHistoryRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.identity.v1.GetIdentityHistoryResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetIdentityHistoryMethod(), responseObserver);
    }

    /**
     * <pre>
     * The policy that governs an action type in an organisation (its own, else the default).
     * Errors: NOT_FOUND (POLICY_NOT_FOUND).
     * </pre>
     */
    default void getPolicy(org.tabularium.identity.v1.GetPolicyRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.identity.v1.GetPolicyResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetPolicyMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service IdentityService.
   * <pre>
   * Identity queries. Agencies, officials and companies are public registers. A citizen's identity
   * is private: only the citizen and the root organisation's admins and registrars may resolve it,
   * with a signed request (see tabularium.identity.v1 request authentication in the README).
   * </pre>
   */
  public static abstract class IdentityServiceImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return IdentityServiceGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service IdentityService.
   * <pre>
   * Identity queries. Agencies, officials and companies are public registers. A citizen's identity
   * is private: only the citizen and the root organisation's admins and registrars may resolve it,
   * with a signed request (see tabularium.identity.v1 request authentication in the README).
   * </pre>
   */
  public static final class IdentityServiceStub
      extends io.grpc.stub.AbstractAsyncStub<IdentityServiceStub> {
    private IdentityServiceStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected IdentityServiceStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new IdentityServiceStub(channel, callOptions);
    }

    /**
     * <pre>
     * The identity as of the latest block or as of at_height.
     * Errors: NOT_FOUND (IDENTITY_NOT_FOUND), INVALID_ARGUMENT (DID_INVALID),
     * OUT_OF_RANGE (HEIGHT_IN_FUTURE), PERMISSION_DENIED (PRIVATE_IDENTITY).
     * </pre>
     */
    public void resolveIdentity(org.tabularium.identity.v1.ResolveIdentityRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.identity.v1.ResolveIdentityResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getResolveIdentityMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Every change to an identity, oldest first, each with the identity as it was after it.
     * </pre>
     */
    public void getIdentityHistory(org.tabularium.identity.v1.GetIdentityHistoryRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.identity.v1.GetIdentityHistoryResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetIdentityHistoryMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * The policy that governs an action type in an organisation (its own, else the default).
     * Errors: NOT_FOUND (POLICY_NOT_FOUND).
     * </pre>
     */
    public void getPolicy(org.tabularium.identity.v1.GetPolicyRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.identity.v1.GetPolicyResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetPolicyMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service IdentityService.
   * <pre>
   * Identity queries. Agencies, officials and companies are public registers. A citizen's identity
   * is private: only the citizen and the root organisation's admins and registrars may resolve it,
   * with a signed request (see tabularium.identity.v1 request authentication in the README).
   * </pre>
   */
  public static final class IdentityServiceBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<IdentityServiceBlockingV2Stub> {
    private IdentityServiceBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected IdentityServiceBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new IdentityServiceBlockingV2Stub(channel, callOptions);
    }

    /**
     * <pre>
     * The identity as of the latest block or as of at_height.
     * Errors: NOT_FOUND (IDENTITY_NOT_FOUND), INVALID_ARGUMENT (DID_INVALID),
     * OUT_OF_RANGE (HEIGHT_IN_FUTURE), PERMISSION_DENIED (PRIVATE_IDENTITY).
     * </pre>
     */
    public org.tabularium.identity.v1.ResolveIdentityResponse resolveIdentity(org.tabularium.identity.v1.ResolveIdentityRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getResolveIdentityMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Every change to an identity, oldest first, each with the identity as it was after it.
     * </pre>
     */
    public org.tabularium.identity.v1.GetIdentityHistoryResponse getIdentityHistory(org.tabularium.identity.v1.GetIdentityHistoryRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetIdentityHistoryMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * The policy that governs an action type in an organisation (its own, else the default).
     * Errors: NOT_FOUND (POLICY_NOT_FOUND).
     * </pre>
     */
    public org.tabularium.identity.v1.GetPolicyResponse getPolicy(org.tabularium.identity.v1.GetPolicyRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetPolicyMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service IdentityService.
   * <pre>
   * Identity queries. Agencies, officials and companies are public registers. A citizen's identity
   * is private: only the citizen and the root organisation's admins and registrars may resolve it,
   * with a signed request (see tabularium.identity.v1 request authentication in the README).
   * </pre>
   */
  public static final class IdentityServiceBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<IdentityServiceBlockingStub> {
    private IdentityServiceBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected IdentityServiceBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new IdentityServiceBlockingStub(channel, callOptions);
    }

    /**
     * <pre>
     * The identity as of the latest block or as of at_height.
     * Errors: NOT_FOUND (IDENTITY_NOT_FOUND), INVALID_ARGUMENT (DID_INVALID),
     * OUT_OF_RANGE (HEIGHT_IN_FUTURE), PERMISSION_DENIED (PRIVATE_IDENTITY).
     * </pre>
     */
    public org.tabularium.identity.v1.ResolveIdentityResponse resolveIdentity(org.tabularium.identity.v1.ResolveIdentityRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getResolveIdentityMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Every change to an identity, oldest first, each with the identity as it was after it.
     * </pre>
     */
    public org.tabularium.identity.v1.GetIdentityHistoryResponse getIdentityHistory(org.tabularium.identity.v1.GetIdentityHistoryRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetIdentityHistoryMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * The policy that governs an action type in an organisation (its own, else the default).
     * Errors: NOT_FOUND (POLICY_NOT_FOUND).
     * </pre>
     */
    public org.tabularium.identity.v1.GetPolicyResponse getPolicy(org.tabularium.identity.v1.GetPolicyRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetPolicyMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service IdentityService.
   * <pre>
   * Identity queries. Agencies, officials and companies are public registers. A citizen's identity
   * is private: only the citizen and the root organisation's admins and registrars may resolve it,
   * with a signed request (see tabularium.identity.v1 request authentication in the README).
   * </pre>
   */
  public static final class IdentityServiceFutureStub
      extends io.grpc.stub.AbstractFutureStub<IdentityServiceFutureStub> {
    private IdentityServiceFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected IdentityServiceFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new IdentityServiceFutureStub(channel, callOptions);
    }

    /**
     * <pre>
     * The identity as of the latest block or as of at_height.
     * Errors: NOT_FOUND (IDENTITY_NOT_FOUND), INVALID_ARGUMENT (DID_INVALID),
     * OUT_OF_RANGE (HEIGHT_IN_FUTURE), PERMISSION_DENIED (PRIVATE_IDENTITY).
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<org.tabularium.identity.v1.ResolveIdentityResponse> resolveIdentity(
        org.tabularium.identity.v1.ResolveIdentityRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getResolveIdentityMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Every change to an identity, oldest first, each with the identity as it was after it.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<org.tabularium.identity.v1.GetIdentityHistoryResponse> getIdentityHistory(
        org.tabularium.identity.v1.GetIdentityHistoryRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetIdentityHistoryMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * The policy that governs an action type in an organisation (its own, else the default).
     * Errors: NOT_FOUND (POLICY_NOT_FOUND).
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<org.tabularium.identity.v1.GetPolicyResponse> getPolicy(
        org.tabularium.identity.v1.GetPolicyRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetPolicyMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_RESOLVE_IDENTITY = 0;
  private static final int METHODID_GET_IDENTITY_HISTORY = 1;
  private static final int METHODID_GET_POLICY = 2;

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
        case METHODID_RESOLVE_IDENTITY:
          serviceImpl.resolveIdentity((org.tabularium.identity.v1.ResolveIdentityRequest) request,
              (io.grpc.stub.StreamObserver<org.tabularium.identity.v1.ResolveIdentityResponse>) responseObserver);
          break;
        case METHODID_GET_IDENTITY_HISTORY:
          serviceImpl.getIdentityHistory((org.tabularium.identity.v1.GetIdentityHistoryRequest) request,
              (io.grpc.stub.StreamObserver<org.tabularium.identity.v1.GetIdentityHistoryResponse>) responseObserver);
          break;
        case METHODID_GET_POLICY:
          serviceImpl.getPolicy((org.tabularium.identity.v1.GetPolicyRequest) request,
              (io.grpc.stub.StreamObserver<org.tabularium.identity.v1.GetPolicyResponse>) responseObserver);
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
          getResolveIdentityMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              org.tabularium.identity.v1.ResolveIdentityRequest,
              org.tabularium.identity.v1.ResolveIdentityResponse>(
                service, METHODID_RESOLVE_IDENTITY)))
        .addMethod(
          getGetIdentityHistoryMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              org.tabularium.identity.v1.GetIdentityHistoryRequest,
              org.tabularium.identity.v1.GetIdentityHistoryResponse>(
                service, METHODID_GET_IDENTITY_HISTORY)))
        .addMethod(
          getGetPolicyMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              org.tabularium.identity.v1.GetPolicyRequest,
              org.tabularium.identity.v1.GetPolicyResponse>(
                service, METHODID_GET_POLICY)))
        .build();
  }

  private static abstract class IdentityServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    IdentityServiceBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return org.tabularium.identity.v1.IdentityProto.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("IdentityService");
    }
  }

  private static final class IdentityServiceFileDescriptorSupplier
      extends IdentityServiceBaseDescriptorSupplier {
    IdentityServiceFileDescriptorSupplier() {}
  }

  private static final class IdentityServiceMethodDescriptorSupplier
      extends IdentityServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    IdentityServiceMethodDescriptorSupplier(java.lang.String methodName) {
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
      synchronized (IdentityServiceGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new IdentityServiceFileDescriptorSupplier())
              .addMethod(getResolveIdentityMethod())
              .addMethod(getGetIdentityHistoryMethod())
              .addMethod(getGetPolicyMethod())
              .build();
        }
      }
    }
    return result;
  }
}
