package org.tabularium.landregistry.v1;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * Land registry queries. Public registers: open to everyone. Names are not here (see the vault).
 * </pre>
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class LandRegistryServiceGrpc {

  private LandRegistryServiceGrpc() {}

  public static final java.lang.String SERVICE_NAME = "tabularium.landregistry.v1.LandRegistryService";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<org.tabularium.landregistry.v1.GetParcelRequest,
      org.tabularium.landregistry.v1.GetParcelResponse> getGetParcelMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetParcel",
      requestType = org.tabularium.landregistry.v1.GetParcelRequest.class,
      responseType = org.tabularium.landregistry.v1.GetParcelResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<org.tabularium.landregistry.v1.GetParcelRequest,
      org.tabularium.landregistry.v1.GetParcelResponse> getGetParcelMethod() {
    io.grpc.MethodDescriptor<org.tabularium.landregistry.v1.GetParcelRequest, org.tabularium.landregistry.v1.GetParcelResponse> getGetParcelMethod;
    if ((getGetParcelMethod = LandRegistryServiceGrpc.getGetParcelMethod) == null) {
      synchronized (LandRegistryServiceGrpc.class) {
        if ((getGetParcelMethod = LandRegistryServiceGrpc.getGetParcelMethod) == null) {
          LandRegistryServiceGrpc.getGetParcelMethod = getGetParcelMethod =
              io.grpc.MethodDescriptor.<org.tabularium.landregistry.v1.GetParcelRequest, org.tabularium.landregistry.v1.GetParcelResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetParcel"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.landregistry.v1.GetParcelRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.landregistry.v1.GetParcelResponse.getDefaultInstance()))
              .setSchemaDescriptor(new LandRegistryServiceMethodDescriptorSupplier("GetParcel"))
              .build();
        }
      }
    }
    return getGetParcelMethod;
  }

  private static volatile io.grpc.MethodDescriptor<org.tabularium.landregistry.v1.GetRightsRequest,
      org.tabularium.landregistry.v1.GetRightsResponse> getGetRightsMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetRights",
      requestType = org.tabularium.landregistry.v1.GetRightsRequest.class,
      responseType = org.tabularium.landregistry.v1.GetRightsResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<org.tabularium.landregistry.v1.GetRightsRequest,
      org.tabularium.landregistry.v1.GetRightsResponse> getGetRightsMethod() {
    io.grpc.MethodDescriptor<org.tabularium.landregistry.v1.GetRightsRequest, org.tabularium.landregistry.v1.GetRightsResponse> getGetRightsMethod;
    if ((getGetRightsMethod = LandRegistryServiceGrpc.getGetRightsMethod) == null) {
      synchronized (LandRegistryServiceGrpc.class) {
        if ((getGetRightsMethod = LandRegistryServiceGrpc.getGetRightsMethod) == null) {
          LandRegistryServiceGrpc.getGetRightsMethod = getGetRightsMethod =
              io.grpc.MethodDescriptor.<org.tabularium.landregistry.v1.GetRightsRequest, org.tabularium.landregistry.v1.GetRightsResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetRights"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.landregistry.v1.GetRightsRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.landregistry.v1.GetRightsResponse.getDefaultInstance()))
              .setSchemaDescriptor(new LandRegistryServiceMethodDescriptorSupplier("GetRights"))
              .build();
        }
      }
    }
    return getGetRightsMethod;
  }

  private static volatile io.grpc.MethodDescriptor<org.tabularium.landregistry.v1.GetParcelHistoryRequest,
      org.tabularium.landregistry.v1.GetParcelHistoryResponse> getGetParcelHistoryMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetParcelHistory",
      requestType = org.tabularium.landregistry.v1.GetParcelHistoryRequest.class,
      responseType = org.tabularium.landregistry.v1.GetParcelHistoryResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<org.tabularium.landregistry.v1.GetParcelHistoryRequest,
      org.tabularium.landregistry.v1.GetParcelHistoryResponse> getGetParcelHistoryMethod() {
    io.grpc.MethodDescriptor<org.tabularium.landregistry.v1.GetParcelHistoryRequest, org.tabularium.landregistry.v1.GetParcelHistoryResponse> getGetParcelHistoryMethod;
    if ((getGetParcelHistoryMethod = LandRegistryServiceGrpc.getGetParcelHistoryMethod) == null) {
      synchronized (LandRegistryServiceGrpc.class) {
        if ((getGetParcelHistoryMethod = LandRegistryServiceGrpc.getGetParcelHistoryMethod) == null) {
          LandRegistryServiceGrpc.getGetParcelHistoryMethod = getGetParcelHistoryMethod =
              io.grpc.MethodDescriptor.<org.tabularium.landregistry.v1.GetParcelHistoryRequest, org.tabularium.landregistry.v1.GetParcelHistoryResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetParcelHistory"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.landregistry.v1.GetParcelHistoryRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.landregistry.v1.GetParcelHistoryResponse.getDefaultInstance()))
              .setSchemaDescriptor(new LandRegistryServiceMethodDescriptorSupplier("GetParcelHistory"))
              .build();
        }
      }
    }
    return getGetParcelHistoryMethod;
  }

  private static volatile io.grpc.MethodDescriptor<org.tabularium.landregistry.v1.GetTransferRequest,
      org.tabularium.landregistry.v1.GetTransferResponse> getGetTransferMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetTransfer",
      requestType = org.tabularium.landregistry.v1.GetTransferRequest.class,
      responseType = org.tabularium.landregistry.v1.GetTransferResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<org.tabularium.landregistry.v1.GetTransferRequest,
      org.tabularium.landregistry.v1.GetTransferResponse> getGetTransferMethod() {
    io.grpc.MethodDescriptor<org.tabularium.landregistry.v1.GetTransferRequest, org.tabularium.landregistry.v1.GetTransferResponse> getGetTransferMethod;
    if ((getGetTransferMethod = LandRegistryServiceGrpc.getGetTransferMethod) == null) {
      synchronized (LandRegistryServiceGrpc.class) {
        if ((getGetTransferMethod = LandRegistryServiceGrpc.getGetTransferMethod) == null) {
          LandRegistryServiceGrpc.getGetTransferMethod = getGetTransferMethod =
              io.grpc.MethodDescriptor.<org.tabularium.landregistry.v1.GetTransferRequest, org.tabularium.landregistry.v1.GetTransferResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetTransfer"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.landregistry.v1.GetTransferRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.landregistry.v1.GetTransferResponse.getDefaultInstance()))
              .setSchemaDescriptor(new LandRegistryServiceMethodDescriptorSupplier("GetTransfer"))
              .build();
        }
      }
    }
    return getGetTransferMethod;
  }

  private static volatile io.grpc.MethodDescriptor<org.tabularium.landregistry.v1.GetExtractRequest,
      org.tabularium.landregistry.v1.GetExtractResponse> getGetExtractMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetExtract",
      requestType = org.tabularium.landregistry.v1.GetExtractRequest.class,
      responseType = org.tabularium.landregistry.v1.GetExtractResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<org.tabularium.landregistry.v1.GetExtractRequest,
      org.tabularium.landregistry.v1.GetExtractResponse> getGetExtractMethod() {
    io.grpc.MethodDescriptor<org.tabularium.landregistry.v1.GetExtractRequest, org.tabularium.landregistry.v1.GetExtractResponse> getGetExtractMethod;
    if ((getGetExtractMethod = LandRegistryServiceGrpc.getGetExtractMethod) == null) {
      synchronized (LandRegistryServiceGrpc.class) {
        if ((getGetExtractMethod = LandRegistryServiceGrpc.getGetExtractMethod) == null) {
          LandRegistryServiceGrpc.getGetExtractMethod = getGetExtractMethod =
              io.grpc.MethodDescriptor.<org.tabularium.landregistry.v1.GetExtractRequest, org.tabularium.landregistry.v1.GetExtractResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetExtract"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.landregistry.v1.GetExtractRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.landregistry.v1.GetExtractResponse.getDefaultInstance()))
              .setSchemaDescriptor(new LandRegistryServiceMethodDescriptorSupplier("GetExtract"))
              .build();
        }
      }
    }
    return getGetExtractMethod;
  }

  private static volatile io.grpc.MethodDescriptor<org.tabularium.landregistry.v1.ListParcelsInBoxRequest,
      org.tabularium.landregistry.v1.ListParcelsInBoxResponse> getListParcelsInBoxMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ListParcelsInBox",
      requestType = org.tabularium.landregistry.v1.ListParcelsInBoxRequest.class,
      responseType = org.tabularium.landregistry.v1.ListParcelsInBoxResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<org.tabularium.landregistry.v1.ListParcelsInBoxRequest,
      org.tabularium.landregistry.v1.ListParcelsInBoxResponse> getListParcelsInBoxMethod() {
    io.grpc.MethodDescriptor<org.tabularium.landregistry.v1.ListParcelsInBoxRequest, org.tabularium.landregistry.v1.ListParcelsInBoxResponse> getListParcelsInBoxMethod;
    if ((getListParcelsInBoxMethod = LandRegistryServiceGrpc.getListParcelsInBoxMethod) == null) {
      synchronized (LandRegistryServiceGrpc.class) {
        if ((getListParcelsInBoxMethod = LandRegistryServiceGrpc.getListParcelsInBoxMethod) == null) {
          LandRegistryServiceGrpc.getListParcelsInBoxMethod = getListParcelsInBoxMethod =
              io.grpc.MethodDescriptor.<org.tabularium.landregistry.v1.ListParcelsInBoxRequest, org.tabularium.landregistry.v1.ListParcelsInBoxResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ListParcelsInBox"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.landregistry.v1.ListParcelsInBoxRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.landregistry.v1.ListParcelsInBoxResponse.getDefaultInstance()))
              .setSchemaDescriptor(new LandRegistryServiceMethodDescriptorSupplier("ListParcelsInBox"))
              .build();
        }
      }
    }
    return getListParcelsInBoxMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static LandRegistryServiceStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<LandRegistryServiceStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<LandRegistryServiceStub>() {
        @java.lang.Override
        public LandRegistryServiceStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new LandRegistryServiceStub(channel, callOptions);
        }
      };
    return LandRegistryServiceStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static LandRegistryServiceBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<LandRegistryServiceBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<LandRegistryServiceBlockingV2Stub>() {
        @java.lang.Override
        public LandRegistryServiceBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new LandRegistryServiceBlockingV2Stub(channel, callOptions);
        }
      };
    return LandRegistryServiceBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static LandRegistryServiceBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<LandRegistryServiceBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<LandRegistryServiceBlockingStub>() {
        @java.lang.Override
        public LandRegistryServiceBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new LandRegistryServiceBlockingStub(channel, callOptions);
        }
      };
    return LandRegistryServiceBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static LandRegistryServiceFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<LandRegistryServiceFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<LandRegistryServiceFutureStub>() {
        @java.lang.Override
        public LandRegistryServiceFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new LandRegistryServiceFutureStub(channel, callOptions);
        }
      };
    return LandRegistryServiceFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * Land registry queries. Public registers: open to everyone. Names are not here (see the vault).
   * </pre>
   */
  public interface AsyncService {

    /**
     * <pre>
     * A parcel (LA_BAUnit with its LA_SpatialUnit), current or at a past height.
     * Errors: NOT_FOUND PARCEL_NOT_FOUND, INVALID_ARGUMENT.
     * </pre>
     */
    default void getParcel(org.tabularium.landregistry.v1.GetParcelRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.landregistry.v1.GetParcelResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetParcelMethod(), responseObserver);
    }

    /**
     * <pre>
     * Rights, restrictions and responsibilities in force at a height or a block time (default:
     * now). Errors: NOT_FOUND PARCEL_NOT_FOUND; INVALID_ARGUMENT (both height and time given).
     * </pre>
     */
    default void getRights(org.tabularium.landregistry.v1.GetRightsRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.landregistry.v1.GetRightsResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetRightsMethod(), responseObserver);
    }

    /**
     * <pre>
     * Every version of the parcel's RRRs in order, the chain of title, and the events.
     * </pre>
     */
    default void getParcelHistory(org.tabularium.landregistry.v1.GetParcelHistoryRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.landregistry.v1.GetParcelHistoryResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetParcelHistoryMethod(), responseObserver);
    }

    /**
     * <pre>
     * A transfer: its proposal, status, consents and approvals. NOT_FOUND TRANSFER_NOT_FOUND.
     * </pre>
     */
    default void getTransfer(org.tabularium.landregistry.v1.GetTransferRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.landregistry.v1.GetTransferResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetTransferMethod(), responseObserver);
    }

    /**
     * <pre>
     * A verifiable extract: the parcel, its geometry hash, active rights with party ids, every
     * restriction ever registered with its release, the receipt of each entry, and a signed
     * checkpoint. Check it offline with `tabularium land extract verify`.
     * </pre>
     */
    default void getExtract(org.tabularium.landregistry.v1.GetExtractRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.landregistry.v1.GetExtractResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetExtractMethod(), responseObserver);
    }

    /**
     * <pre>
     * Active parcels whose bounding box meets the query box, on one level, by parcel id.
     * Errors: INVALID_ARGUMENT BOX_TOO_LARGE (more than 400 grid cells of 0.1 degree), BAD_BOX.
     * </pre>
     */
    default void listParcelsInBox(org.tabularium.landregistry.v1.ListParcelsInBoxRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.landregistry.v1.ListParcelsInBoxResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getListParcelsInBoxMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service LandRegistryService.
   * <pre>
   * Land registry queries. Public registers: open to everyone. Names are not here (see the vault).
   * </pre>
   */
  public static abstract class LandRegistryServiceImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return LandRegistryServiceGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service LandRegistryService.
   * <pre>
   * Land registry queries. Public registers: open to everyone. Names are not here (see the vault).
   * </pre>
   */
  public static final class LandRegistryServiceStub
      extends io.grpc.stub.AbstractAsyncStub<LandRegistryServiceStub> {
    private LandRegistryServiceStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected LandRegistryServiceStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new LandRegistryServiceStub(channel, callOptions);
    }

    /**
     * <pre>
     * A parcel (LA_BAUnit with its LA_SpatialUnit), current or at a past height.
     * Errors: NOT_FOUND PARCEL_NOT_FOUND, INVALID_ARGUMENT.
     * </pre>
     */
    public void getParcel(org.tabularium.landregistry.v1.GetParcelRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.landregistry.v1.GetParcelResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetParcelMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Rights, restrictions and responsibilities in force at a height or a block time (default:
     * now). Errors: NOT_FOUND PARCEL_NOT_FOUND; INVALID_ARGUMENT (both height and time given).
     * </pre>
     */
    public void getRights(org.tabularium.landregistry.v1.GetRightsRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.landregistry.v1.GetRightsResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetRightsMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Every version of the parcel's RRRs in order, the chain of title, and the events.
     * </pre>
     */
    public void getParcelHistory(org.tabularium.landregistry.v1.GetParcelHistoryRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.landregistry.v1.GetParcelHistoryResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetParcelHistoryMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * A transfer: its proposal, status, consents and approvals. NOT_FOUND TRANSFER_NOT_FOUND.
     * </pre>
     */
    public void getTransfer(org.tabularium.landregistry.v1.GetTransferRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.landregistry.v1.GetTransferResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetTransferMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * A verifiable extract: the parcel, its geometry hash, active rights with party ids, every
     * restriction ever registered with its release, the receipt of each entry, and a signed
     * checkpoint. Check it offline with `tabularium land extract verify`.
     * </pre>
     */
    public void getExtract(org.tabularium.landregistry.v1.GetExtractRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.landregistry.v1.GetExtractResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetExtractMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Active parcels whose bounding box meets the query box, on one level, by parcel id.
     * Errors: INVALID_ARGUMENT BOX_TOO_LARGE (more than 400 grid cells of 0.1 degree), BAD_BOX.
     * </pre>
     */
    public void listParcelsInBox(org.tabularium.landregistry.v1.ListParcelsInBoxRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.landregistry.v1.ListParcelsInBoxResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getListParcelsInBoxMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service LandRegistryService.
   * <pre>
   * Land registry queries. Public registers: open to everyone. Names are not here (see the vault).
   * </pre>
   */
  public static final class LandRegistryServiceBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<LandRegistryServiceBlockingV2Stub> {
    private LandRegistryServiceBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected LandRegistryServiceBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new LandRegistryServiceBlockingV2Stub(channel, callOptions);
    }

    /**
     * <pre>
     * A parcel (LA_BAUnit with its LA_SpatialUnit), current or at a past height.
     * Errors: NOT_FOUND PARCEL_NOT_FOUND, INVALID_ARGUMENT.
     * </pre>
     */
    public org.tabularium.landregistry.v1.GetParcelResponse getParcel(org.tabularium.landregistry.v1.GetParcelRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetParcelMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Rights, restrictions and responsibilities in force at a height or a block time (default:
     * now). Errors: NOT_FOUND PARCEL_NOT_FOUND; INVALID_ARGUMENT (both height and time given).
     * </pre>
     */
    public org.tabularium.landregistry.v1.GetRightsResponse getRights(org.tabularium.landregistry.v1.GetRightsRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetRightsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Every version of the parcel's RRRs in order, the chain of title, and the events.
     * </pre>
     */
    public org.tabularium.landregistry.v1.GetParcelHistoryResponse getParcelHistory(org.tabularium.landregistry.v1.GetParcelHistoryRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetParcelHistoryMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * A transfer: its proposal, status, consents and approvals. NOT_FOUND TRANSFER_NOT_FOUND.
     * </pre>
     */
    public org.tabularium.landregistry.v1.GetTransferResponse getTransfer(org.tabularium.landregistry.v1.GetTransferRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetTransferMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * A verifiable extract: the parcel, its geometry hash, active rights with party ids, every
     * restriction ever registered with its release, the receipt of each entry, and a signed
     * checkpoint. Check it offline with `tabularium land extract verify`.
     * </pre>
     */
    public org.tabularium.landregistry.v1.GetExtractResponse getExtract(org.tabularium.landregistry.v1.GetExtractRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetExtractMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Active parcels whose bounding box meets the query box, on one level, by parcel id.
     * Errors: INVALID_ARGUMENT BOX_TOO_LARGE (more than 400 grid cells of 0.1 degree), BAD_BOX.
     * </pre>
     */
    public org.tabularium.landregistry.v1.ListParcelsInBoxResponse listParcelsInBox(org.tabularium.landregistry.v1.ListParcelsInBoxRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getListParcelsInBoxMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service LandRegistryService.
   * <pre>
   * Land registry queries. Public registers: open to everyone. Names are not here (see the vault).
   * </pre>
   */
  public static final class LandRegistryServiceBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<LandRegistryServiceBlockingStub> {
    private LandRegistryServiceBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected LandRegistryServiceBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new LandRegistryServiceBlockingStub(channel, callOptions);
    }

    /**
     * <pre>
     * A parcel (LA_BAUnit with its LA_SpatialUnit), current or at a past height.
     * Errors: NOT_FOUND PARCEL_NOT_FOUND, INVALID_ARGUMENT.
     * </pre>
     */
    public org.tabularium.landregistry.v1.GetParcelResponse getParcel(org.tabularium.landregistry.v1.GetParcelRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetParcelMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Rights, restrictions and responsibilities in force at a height or a block time (default:
     * now). Errors: NOT_FOUND PARCEL_NOT_FOUND; INVALID_ARGUMENT (both height and time given).
     * </pre>
     */
    public org.tabularium.landregistry.v1.GetRightsResponse getRights(org.tabularium.landregistry.v1.GetRightsRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetRightsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Every version of the parcel's RRRs in order, the chain of title, and the events.
     * </pre>
     */
    public org.tabularium.landregistry.v1.GetParcelHistoryResponse getParcelHistory(org.tabularium.landregistry.v1.GetParcelHistoryRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetParcelHistoryMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * A transfer: its proposal, status, consents and approvals. NOT_FOUND TRANSFER_NOT_FOUND.
     * </pre>
     */
    public org.tabularium.landregistry.v1.GetTransferResponse getTransfer(org.tabularium.landregistry.v1.GetTransferRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetTransferMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * A verifiable extract: the parcel, its geometry hash, active rights with party ids, every
     * restriction ever registered with its release, the receipt of each entry, and a signed
     * checkpoint. Check it offline with `tabularium land extract verify`.
     * </pre>
     */
    public org.tabularium.landregistry.v1.GetExtractResponse getExtract(org.tabularium.landregistry.v1.GetExtractRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetExtractMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Active parcels whose bounding box meets the query box, on one level, by parcel id.
     * Errors: INVALID_ARGUMENT BOX_TOO_LARGE (more than 400 grid cells of 0.1 degree), BAD_BOX.
     * </pre>
     */
    public org.tabularium.landregistry.v1.ListParcelsInBoxResponse listParcelsInBox(org.tabularium.landregistry.v1.ListParcelsInBoxRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getListParcelsInBoxMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service LandRegistryService.
   * <pre>
   * Land registry queries. Public registers: open to everyone. Names are not here (see the vault).
   * </pre>
   */
  public static final class LandRegistryServiceFutureStub
      extends io.grpc.stub.AbstractFutureStub<LandRegistryServiceFutureStub> {
    private LandRegistryServiceFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected LandRegistryServiceFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new LandRegistryServiceFutureStub(channel, callOptions);
    }

    /**
     * <pre>
     * A parcel (LA_BAUnit with its LA_SpatialUnit), current or at a past height.
     * Errors: NOT_FOUND PARCEL_NOT_FOUND, INVALID_ARGUMENT.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<org.tabularium.landregistry.v1.GetParcelResponse> getParcel(
        org.tabularium.landregistry.v1.GetParcelRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetParcelMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Rights, restrictions and responsibilities in force at a height or a block time (default:
     * now). Errors: NOT_FOUND PARCEL_NOT_FOUND; INVALID_ARGUMENT (both height and time given).
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<org.tabularium.landregistry.v1.GetRightsResponse> getRights(
        org.tabularium.landregistry.v1.GetRightsRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetRightsMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Every version of the parcel's RRRs in order, the chain of title, and the events.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<org.tabularium.landregistry.v1.GetParcelHistoryResponse> getParcelHistory(
        org.tabularium.landregistry.v1.GetParcelHistoryRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetParcelHistoryMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * A transfer: its proposal, status, consents and approvals. NOT_FOUND TRANSFER_NOT_FOUND.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<org.tabularium.landregistry.v1.GetTransferResponse> getTransfer(
        org.tabularium.landregistry.v1.GetTransferRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetTransferMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * A verifiable extract: the parcel, its geometry hash, active rights with party ids, every
     * restriction ever registered with its release, the receipt of each entry, and a signed
     * checkpoint. Check it offline with `tabularium land extract verify`.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<org.tabularium.landregistry.v1.GetExtractResponse> getExtract(
        org.tabularium.landregistry.v1.GetExtractRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetExtractMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Active parcels whose bounding box meets the query box, on one level, by parcel id.
     * Errors: INVALID_ARGUMENT BOX_TOO_LARGE (more than 400 grid cells of 0.1 degree), BAD_BOX.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<org.tabularium.landregistry.v1.ListParcelsInBoxResponse> listParcelsInBox(
        org.tabularium.landregistry.v1.ListParcelsInBoxRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getListParcelsInBoxMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_GET_PARCEL = 0;
  private static final int METHODID_GET_RIGHTS = 1;
  private static final int METHODID_GET_PARCEL_HISTORY = 2;
  private static final int METHODID_GET_TRANSFER = 3;
  private static final int METHODID_GET_EXTRACT = 4;
  private static final int METHODID_LIST_PARCELS_IN_BOX = 5;

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
        case METHODID_GET_PARCEL:
          serviceImpl.getParcel((org.tabularium.landregistry.v1.GetParcelRequest) request,
              (io.grpc.stub.StreamObserver<org.tabularium.landregistry.v1.GetParcelResponse>) responseObserver);
          break;
        case METHODID_GET_RIGHTS:
          serviceImpl.getRights((org.tabularium.landregistry.v1.GetRightsRequest) request,
              (io.grpc.stub.StreamObserver<org.tabularium.landregistry.v1.GetRightsResponse>) responseObserver);
          break;
        case METHODID_GET_PARCEL_HISTORY:
          serviceImpl.getParcelHistory((org.tabularium.landregistry.v1.GetParcelHistoryRequest) request,
              (io.grpc.stub.StreamObserver<org.tabularium.landregistry.v1.GetParcelHistoryResponse>) responseObserver);
          break;
        case METHODID_GET_TRANSFER:
          serviceImpl.getTransfer((org.tabularium.landregistry.v1.GetTransferRequest) request,
              (io.grpc.stub.StreamObserver<org.tabularium.landregistry.v1.GetTransferResponse>) responseObserver);
          break;
        case METHODID_GET_EXTRACT:
          serviceImpl.getExtract((org.tabularium.landregistry.v1.GetExtractRequest) request,
              (io.grpc.stub.StreamObserver<org.tabularium.landregistry.v1.GetExtractResponse>) responseObserver);
          break;
        case METHODID_LIST_PARCELS_IN_BOX:
          serviceImpl.listParcelsInBox((org.tabularium.landregistry.v1.ListParcelsInBoxRequest) request,
              (io.grpc.stub.StreamObserver<org.tabularium.landregistry.v1.ListParcelsInBoxResponse>) responseObserver);
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
          getGetParcelMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              org.tabularium.landregistry.v1.GetParcelRequest,
              org.tabularium.landregistry.v1.GetParcelResponse>(
                service, METHODID_GET_PARCEL)))
        .addMethod(
          getGetRightsMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              org.tabularium.landregistry.v1.GetRightsRequest,
              org.tabularium.landregistry.v1.GetRightsResponse>(
                service, METHODID_GET_RIGHTS)))
        .addMethod(
          getGetParcelHistoryMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              org.tabularium.landregistry.v1.GetParcelHistoryRequest,
              org.tabularium.landregistry.v1.GetParcelHistoryResponse>(
                service, METHODID_GET_PARCEL_HISTORY)))
        .addMethod(
          getGetTransferMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              org.tabularium.landregistry.v1.GetTransferRequest,
              org.tabularium.landregistry.v1.GetTransferResponse>(
                service, METHODID_GET_TRANSFER)))
        .addMethod(
          getGetExtractMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              org.tabularium.landregistry.v1.GetExtractRequest,
              org.tabularium.landregistry.v1.GetExtractResponse>(
                service, METHODID_GET_EXTRACT)))
        .addMethod(
          getListParcelsInBoxMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              org.tabularium.landregistry.v1.ListParcelsInBoxRequest,
              org.tabularium.landregistry.v1.ListParcelsInBoxResponse>(
                service, METHODID_LIST_PARCELS_IN_BOX)))
        .build();
  }

  private static abstract class LandRegistryServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    LandRegistryServiceBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return org.tabularium.landregistry.v1.LandregistryProto.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("LandRegistryService");
    }
  }

  private static final class LandRegistryServiceFileDescriptorSupplier
      extends LandRegistryServiceBaseDescriptorSupplier {
    LandRegistryServiceFileDescriptorSupplier() {}
  }

  private static final class LandRegistryServiceMethodDescriptorSupplier
      extends LandRegistryServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    LandRegistryServiceMethodDescriptorSupplier(java.lang.String methodName) {
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
      synchronized (LandRegistryServiceGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new LandRegistryServiceFileDescriptorSupplier())
              .addMethod(getGetParcelMethod())
              .addMethod(getGetRightsMethod())
              .addMethod(getGetParcelHistoryMethod())
              .addMethod(getGetTransferMethod())
              .addMethod(getGetExtractMethod())
              .addMethod(getListParcelsInBoxMethod())
              .build();
        }
      }
    }
    return result;
  }
}
