package org.tabularium.voting.v1;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class VotingServiceGrpc {

  private VotingServiceGrpc() {}

  public static final java.lang.String SERVICE_NAME = "tabularium.voting.v1.VotingService";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<org.tabularium.voting.v1.GetElectionRequest,
      org.tabularium.voting.v1.GetElectionResponse> getGetElectionMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetElection",
      requestType = org.tabularium.voting.v1.GetElectionRequest.class,
      responseType = org.tabularium.voting.v1.GetElectionResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<org.tabularium.voting.v1.GetElectionRequest,
      org.tabularium.voting.v1.GetElectionResponse> getGetElectionMethod() {
    io.grpc.MethodDescriptor<org.tabularium.voting.v1.GetElectionRequest, org.tabularium.voting.v1.GetElectionResponse> getGetElectionMethod;
    if ((getGetElectionMethod = VotingServiceGrpc.getGetElectionMethod) == null) {
      synchronized (VotingServiceGrpc.class) {
        if ((getGetElectionMethod = VotingServiceGrpc.getGetElectionMethod) == null) {
          VotingServiceGrpc.getGetElectionMethod = getGetElectionMethod =
              io.grpc.MethodDescriptor.<org.tabularium.voting.v1.GetElectionRequest, org.tabularium.voting.v1.GetElectionResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetElection"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.voting.v1.GetElectionRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.voting.v1.GetElectionResponse.getDefaultInstance()))
              .setSchemaDescriptor(new VotingServiceMethodDescriptorSupplier("GetElection"))
              .build();
        }
      }
    }
    return getGetElectionMethod;
  }

  private static volatile io.grpc.MethodDescriptor<org.tabularium.voting.v1.GetCeremonyRequest,
      org.tabularium.voting.v1.GetCeremonyResponse> getGetCeremonyMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetCeremony",
      requestType = org.tabularium.voting.v1.GetCeremonyRequest.class,
      responseType = org.tabularium.voting.v1.GetCeremonyResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<org.tabularium.voting.v1.GetCeremonyRequest,
      org.tabularium.voting.v1.GetCeremonyResponse> getGetCeremonyMethod() {
    io.grpc.MethodDescriptor<org.tabularium.voting.v1.GetCeremonyRequest, org.tabularium.voting.v1.GetCeremonyResponse> getGetCeremonyMethod;
    if ((getGetCeremonyMethod = VotingServiceGrpc.getGetCeremonyMethod) == null) {
      synchronized (VotingServiceGrpc.class) {
        if ((getGetCeremonyMethod = VotingServiceGrpc.getGetCeremonyMethod) == null) {
          VotingServiceGrpc.getGetCeremonyMethod = getGetCeremonyMethod =
              io.grpc.MethodDescriptor.<org.tabularium.voting.v1.GetCeremonyRequest, org.tabularium.voting.v1.GetCeremonyResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetCeremony"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.voting.v1.GetCeremonyRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.voting.v1.GetCeremonyResponse.getDefaultInstance()))
              .setSchemaDescriptor(new VotingServiceMethodDescriptorSupplier("GetCeremony"))
              .build();
        }
      }
    }
    return getGetCeremonyMethod;
  }

  private static volatile io.grpc.MethodDescriptor<org.tabularium.voting.v1.GetBallotRequest,
      org.tabularium.voting.v1.GetBallotResponse> getGetBallotMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetBallot",
      requestType = org.tabularium.voting.v1.GetBallotRequest.class,
      responseType = org.tabularium.voting.v1.GetBallotResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<org.tabularium.voting.v1.GetBallotRequest,
      org.tabularium.voting.v1.GetBallotResponse> getGetBallotMethod() {
    io.grpc.MethodDescriptor<org.tabularium.voting.v1.GetBallotRequest, org.tabularium.voting.v1.GetBallotResponse> getGetBallotMethod;
    if ((getGetBallotMethod = VotingServiceGrpc.getGetBallotMethod) == null) {
      synchronized (VotingServiceGrpc.class) {
        if ((getGetBallotMethod = VotingServiceGrpc.getGetBallotMethod) == null) {
          VotingServiceGrpc.getGetBallotMethod = getGetBallotMethod =
              io.grpc.MethodDescriptor.<org.tabularium.voting.v1.GetBallotRequest, org.tabularium.voting.v1.GetBallotResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetBallot"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.voting.v1.GetBallotRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.voting.v1.GetBallotResponse.getDefaultInstance()))
              .setSchemaDescriptor(new VotingServiceMethodDescriptorSupplier("GetBallot"))
              .build();
        }
      }
    }
    return getGetBallotMethod;
  }

  private static volatile io.grpc.MethodDescriptor<org.tabularium.voting.v1.GetTallyRequest,
      org.tabularium.voting.v1.GetTallyResponse> getGetTallyMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetTally",
      requestType = org.tabularium.voting.v1.GetTallyRequest.class,
      responseType = org.tabularium.voting.v1.GetTallyResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<org.tabularium.voting.v1.GetTallyRequest,
      org.tabularium.voting.v1.GetTallyResponse> getGetTallyMethod() {
    io.grpc.MethodDescriptor<org.tabularium.voting.v1.GetTallyRequest, org.tabularium.voting.v1.GetTallyResponse> getGetTallyMethod;
    if ((getGetTallyMethod = VotingServiceGrpc.getGetTallyMethod) == null) {
      synchronized (VotingServiceGrpc.class) {
        if ((getGetTallyMethod = VotingServiceGrpc.getGetTallyMethod) == null) {
          VotingServiceGrpc.getGetTallyMethod = getGetTallyMethod =
              io.grpc.MethodDescriptor.<org.tabularium.voting.v1.GetTallyRequest, org.tabularium.voting.v1.GetTallyResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetTally"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.voting.v1.GetTallyRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.voting.v1.GetTallyResponse.getDefaultInstance()))
              .setSchemaDescriptor(new VotingServiceMethodDescriptorSupplier("GetTally"))
              .build();
        }
      }
    }
    return getGetTallyMethod;
  }

  private static volatile io.grpc.MethodDescriptor<org.tabularium.voting.v1.GetElectionRecordRequest,
      org.tabularium.voting.v1.GetElectionRecordResponse> getGetElectionRecordMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetElectionRecord",
      requestType = org.tabularium.voting.v1.GetElectionRecordRequest.class,
      responseType = org.tabularium.voting.v1.GetElectionRecordResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
  public static io.grpc.MethodDescriptor<org.tabularium.voting.v1.GetElectionRecordRequest,
      org.tabularium.voting.v1.GetElectionRecordResponse> getGetElectionRecordMethod() {
    io.grpc.MethodDescriptor<org.tabularium.voting.v1.GetElectionRecordRequest, org.tabularium.voting.v1.GetElectionRecordResponse> getGetElectionRecordMethod;
    if ((getGetElectionRecordMethod = VotingServiceGrpc.getGetElectionRecordMethod) == null) {
      synchronized (VotingServiceGrpc.class) {
        if ((getGetElectionRecordMethod = VotingServiceGrpc.getGetElectionRecordMethod) == null) {
          VotingServiceGrpc.getGetElectionRecordMethod = getGetElectionRecordMethod =
              io.grpc.MethodDescriptor.<org.tabularium.voting.v1.GetElectionRecordRequest, org.tabularium.voting.v1.GetElectionRecordResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetElectionRecord"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.voting.v1.GetElectionRecordRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.voting.v1.GetElectionRecordResponse.getDefaultInstance()))
              .setSchemaDescriptor(new VotingServiceMethodDescriptorSupplier("GetElectionRecord"))
              .build();
        }
      }
    }
    return getGetElectionRecordMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static VotingServiceStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<VotingServiceStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<VotingServiceStub>() {
        @java.lang.Override
        public VotingServiceStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new VotingServiceStub(channel, callOptions);
        }
      };
    return VotingServiceStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static VotingServiceBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<VotingServiceBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<VotingServiceBlockingV2Stub>() {
        @java.lang.Override
        public VotingServiceBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new VotingServiceBlockingV2Stub(channel, callOptions);
        }
      };
    return VotingServiceBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static VotingServiceBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<VotingServiceBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<VotingServiceBlockingStub>() {
        @java.lang.Override
        public VotingServiceBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new VotingServiceBlockingStub(channel, callOptions);
        }
      };
    return VotingServiceBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static VotingServiceFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<VotingServiceFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<VotingServiceFutureStub>() {
        @java.lang.Override
        public VotingServiceFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new VotingServiceFutureStub(channel, callOptions);
        }
      };
    return VotingServiceFutureStub.newStub(factory, channel);
  }

  /**
   */
  public interface AsyncService {

    /**
     * <pre>
     * An election: terms, status, the ceremony, H_E, joint key, counts, checkpoints.
     * </pre>
     */
    default void getElection(org.tabularium.voting.v1.GetElectionRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.voting.v1.GetElectionResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetElectionMethod(), responseObserver);
    }

    /**
     * <pre>
     * The sealed shares dealt to one guardian (for its own checks and share).
     * </pre>
     */
    default void getCeremony(org.tabularium.voting.v1.GetCeremonyRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.voting.v1.GetCeremonyResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetCeremonyMethod(), responseObserver);
    }

    /**
     * <pre>
     * One ballot by confirmation code: its state and entry.
     * </pre>
     */
    default void getBallot(org.tabularium.voting.v1.GetBallotRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.voting.v1.GetBallotResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetBallotMethod(), responseObserver);
    }

    /**
     * <pre>
     * The tally ciphertexts, the posted partial decryptions and the totals.
     * </pre>
     */
    default void getTally(org.tabularium.voting.v1.GetTallyRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.voting.v1.GetTallyResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetTallyMethod(), responseObserver);
    }

    /**
     * <pre>
     * Everything `tabularium election verify` needs offline: the election's log entries (every
     * accepted transaction, as signed), each with its inclusion proof to the closing checkpoint,
     * and that checkpoint as the log signed it. A header message, then entries in batches.
     * </pre>
     */
    default void getElectionRecord(org.tabularium.voting.v1.GetElectionRecordRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.voting.v1.GetElectionRecordResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetElectionRecordMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service VotingService.
   */
  public static abstract class VotingServiceImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return VotingServiceGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service VotingService.
   */
  public static final class VotingServiceStub
      extends io.grpc.stub.AbstractAsyncStub<VotingServiceStub> {
    private VotingServiceStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected VotingServiceStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new VotingServiceStub(channel, callOptions);
    }

    /**
     * <pre>
     * An election: terms, status, the ceremony, H_E, joint key, counts, checkpoints.
     * </pre>
     */
    public void getElection(org.tabularium.voting.v1.GetElectionRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.voting.v1.GetElectionResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetElectionMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * The sealed shares dealt to one guardian (for its own checks and share).
     * </pre>
     */
    public void getCeremony(org.tabularium.voting.v1.GetCeremonyRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.voting.v1.GetCeremonyResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetCeremonyMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * One ballot by confirmation code: its state and entry.
     * </pre>
     */
    public void getBallot(org.tabularium.voting.v1.GetBallotRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.voting.v1.GetBallotResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetBallotMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * The tally ciphertexts, the posted partial decryptions and the totals.
     * </pre>
     */
    public void getTally(org.tabularium.voting.v1.GetTallyRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.voting.v1.GetTallyResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetTallyMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Everything `tabularium election verify` needs offline: the election's log entries (every
     * accepted transaction, as signed), each with its inclusion proof to the closing checkpoint,
     * and that checkpoint as the log signed it. A header message, then entries in batches.
     * </pre>
     */
    public void getElectionRecord(org.tabularium.voting.v1.GetElectionRecordRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.voting.v1.GetElectionRecordResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncServerStreamingCall(
          getChannel().newCall(getGetElectionRecordMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service VotingService.
   */
  public static final class VotingServiceBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<VotingServiceBlockingV2Stub> {
    private VotingServiceBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected VotingServiceBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new VotingServiceBlockingV2Stub(channel, callOptions);
    }

    /**
     * <pre>
     * An election: terms, status, the ceremony, H_E, joint key, counts, checkpoints.
     * </pre>
     */
    public org.tabularium.voting.v1.GetElectionResponse getElection(org.tabularium.voting.v1.GetElectionRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetElectionMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * The sealed shares dealt to one guardian (for its own checks and share).
     * </pre>
     */
    public org.tabularium.voting.v1.GetCeremonyResponse getCeremony(org.tabularium.voting.v1.GetCeremonyRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetCeremonyMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * One ballot by confirmation code: its state and entry.
     * </pre>
     */
    public org.tabularium.voting.v1.GetBallotResponse getBallot(org.tabularium.voting.v1.GetBallotRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetBallotMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * The tally ciphertexts, the posted partial decryptions and the totals.
     * </pre>
     */
    public org.tabularium.voting.v1.GetTallyResponse getTally(org.tabularium.voting.v1.GetTallyRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetTallyMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Everything `tabularium election verify` needs offline: the election's log entries (every
     * accepted transaction, as signed), each with its inclusion proof to the closing checkpoint,
     * and that checkpoint as the log signed it. A header message, then entries in batches.
     * </pre>
     */
    @io.grpc.ExperimentalApi("https://github.com/grpc/grpc-java/issues/10918")
    public io.grpc.stub.BlockingClientCall<?, org.tabularium.voting.v1.GetElectionRecordResponse>
        getElectionRecord(org.tabularium.voting.v1.GetElectionRecordRequest request) {
      return io.grpc.stub.ClientCalls.blockingV2ServerStreamingCall(
          getChannel(), getGetElectionRecordMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service VotingService.
   */
  public static final class VotingServiceBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<VotingServiceBlockingStub> {
    private VotingServiceBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected VotingServiceBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new VotingServiceBlockingStub(channel, callOptions);
    }

    /**
     * <pre>
     * An election: terms, status, the ceremony, H_E, joint key, counts, checkpoints.
     * </pre>
     */
    public org.tabularium.voting.v1.GetElectionResponse getElection(org.tabularium.voting.v1.GetElectionRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetElectionMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * The sealed shares dealt to one guardian (for its own checks and share).
     * </pre>
     */
    public org.tabularium.voting.v1.GetCeremonyResponse getCeremony(org.tabularium.voting.v1.GetCeremonyRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetCeremonyMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * One ballot by confirmation code: its state and entry.
     * </pre>
     */
    public org.tabularium.voting.v1.GetBallotResponse getBallot(org.tabularium.voting.v1.GetBallotRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetBallotMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * The tally ciphertexts, the posted partial decryptions and the totals.
     * </pre>
     */
    public org.tabularium.voting.v1.GetTallyResponse getTally(org.tabularium.voting.v1.GetTallyRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetTallyMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Everything `tabularium election verify` needs offline: the election's log entries (every
     * accepted transaction, as signed), each with its inclusion proof to the closing checkpoint,
     * and that checkpoint as the log signed it. A header message, then entries in batches.
     * </pre>
     */
    public java.util.Iterator<org.tabularium.voting.v1.GetElectionRecordResponse> getElectionRecord(
        org.tabularium.voting.v1.GetElectionRecordRequest request) {
      return io.grpc.stub.ClientCalls.blockingServerStreamingCall(
          getChannel(), getGetElectionRecordMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service VotingService.
   */
  public static final class VotingServiceFutureStub
      extends io.grpc.stub.AbstractFutureStub<VotingServiceFutureStub> {
    private VotingServiceFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected VotingServiceFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new VotingServiceFutureStub(channel, callOptions);
    }

    /**
     * <pre>
     * An election: terms, status, the ceremony, H_E, joint key, counts, checkpoints.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<org.tabularium.voting.v1.GetElectionResponse> getElection(
        org.tabularium.voting.v1.GetElectionRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetElectionMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * The sealed shares dealt to one guardian (for its own checks and share).
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<org.tabularium.voting.v1.GetCeremonyResponse> getCeremony(
        org.tabularium.voting.v1.GetCeremonyRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetCeremonyMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * One ballot by confirmation code: its state and entry.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<org.tabularium.voting.v1.GetBallotResponse> getBallot(
        org.tabularium.voting.v1.GetBallotRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetBallotMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * The tally ciphertexts, the posted partial decryptions and the totals.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<org.tabularium.voting.v1.GetTallyResponse> getTally(
        org.tabularium.voting.v1.GetTallyRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetTallyMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_GET_ELECTION = 0;
  private static final int METHODID_GET_CEREMONY = 1;
  private static final int METHODID_GET_BALLOT = 2;
  private static final int METHODID_GET_TALLY = 3;
  private static final int METHODID_GET_ELECTION_RECORD = 4;

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
        case METHODID_GET_ELECTION:
          serviceImpl.getElection((org.tabularium.voting.v1.GetElectionRequest) request,
              (io.grpc.stub.StreamObserver<org.tabularium.voting.v1.GetElectionResponse>) responseObserver);
          break;
        case METHODID_GET_CEREMONY:
          serviceImpl.getCeremony((org.tabularium.voting.v1.GetCeremonyRequest) request,
              (io.grpc.stub.StreamObserver<org.tabularium.voting.v1.GetCeremonyResponse>) responseObserver);
          break;
        case METHODID_GET_BALLOT:
          serviceImpl.getBallot((org.tabularium.voting.v1.GetBallotRequest) request,
              (io.grpc.stub.StreamObserver<org.tabularium.voting.v1.GetBallotResponse>) responseObserver);
          break;
        case METHODID_GET_TALLY:
          serviceImpl.getTally((org.tabularium.voting.v1.GetTallyRequest) request,
              (io.grpc.stub.StreamObserver<org.tabularium.voting.v1.GetTallyResponse>) responseObserver);
          break;
        case METHODID_GET_ELECTION_RECORD:
          serviceImpl.getElectionRecord((org.tabularium.voting.v1.GetElectionRecordRequest) request,
              (io.grpc.stub.StreamObserver<org.tabularium.voting.v1.GetElectionRecordResponse>) responseObserver);
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
          getGetElectionMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              org.tabularium.voting.v1.GetElectionRequest,
              org.tabularium.voting.v1.GetElectionResponse>(
                service, METHODID_GET_ELECTION)))
        .addMethod(
          getGetCeremonyMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              org.tabularium.voting.v1.GetCeremonyRequest,
              org.tabularium.voting.v1.GetCeremonyResponse>(
                service, METHODID_GET_CEREMONY)))
        .addMethod(
          getGetBallotMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              org.tabularium.voting.v1.GetBallotRequest,
              org.tabularium.voting.v1.GetBallotResponse>(
                service, METHODID_GET_BALLOT)))
        .addMethod(
          getGetTallyMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              org.tabularium.voting.v1.GetTallyRequest,
              org.tabularium.voting.v1.GetTallyResponse>(
                service, METHODID_GET_TALLY)))
        .addMethod(
          getGetElectionRecordMethod(),
          io.grpc.stub.ServerCalls.asyncServerStreamingCall(
            new MethodHandlers<
              org.tabularium.voting.v1.GetElectionRecordRequest,
              org.tabularium.voting.v1.GetElectionRecordResponse>(
                service, METHODID_GET_ELECTION_RECORD)))
        .build();
  }

  private static abstract class VotingServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    VotingServiceBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return org.tabularium.voting.v1.VotingProto.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("VotingService");
    }
  }

  private static final class VotingServiceFileDescriptorSupplier
      extends VotingServiceBaseDescriptorSupplier {
    VotingServiceFileDescriptorSupplier() {}
  }

  private static final class VotingServiceMethodDescriptorSupplier
      extends VotingServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    VotingServiceMethodDescriptorSupplier(java.lang.String methodName) {
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
      synchronized (VotingServiceGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new VotingServiceFileDescriptorSupplier())
              .addMethod(getGetElectionMethod())
              .addMethod(getGetCeremonyMethod())
              .addMethod(getGetBallotMethod())
              .addMethod(getGetTallyMethod())
              .addMethod(getGetElectionRecordMethod())
              .build();
        }
      }
    }
    return result;
  }
}
