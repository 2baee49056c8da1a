package org.tabularium.procurement.v1;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class ProcurementServiceGrpc {

  private ProcurementServiceGrpc() {}

  public static final java.lang.String SERVICE_NAME = "tabularium.procurement.v1.ProcurementService";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<org.tabularium.procurement.v1.GetTenderRequest,
      org.tabularium.procurement.v1.GetTenderResponse> getGetTenderMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetTender",
      requestType = org.tabularium.procurement.v1.GetTenderRequest.class,
      responseType = org.tabularium.procurement.v1.GetTenderResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<org.tabularium.procurement.v1.GetTenderRequest,
      org.tabularium.procurement.v1.GetTenderResponse> getGetTenderMethod() {
    io.grpc.MethodDescriptor<org.tabularium.procurement.v1.GetTenderRequest, org.tabularium.procurement.v1.GetTenderResponse> getGetTenderMethod;
    if ((getGetTenderMethod = ProcurementServiceGrpc.getGetTenderMethod) == null) {
      synchronized (ProcurementServiceGrpc.class) {
        if ((getGetTenderMethod = ProcurementServiceGrpc.getGetTenderMethod) == null) {
          ProcurementServiceGrpc.getGetTenderMethod = getGetTenderMethod =
              io.grpc.MethodDescriptor.<org.tabularium.procurement.v1.GetTenderRequest, org.tabularium.procurement.v1.GetTenderResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetTender"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.procurement.v1.GetTenderRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.procurement.v1.GetTenderResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ProcurementServiceMethodDescriptorSupplier("GetTender"))
              .build();
        }
      }
    }
    return getGetTenderMethod;
  }

  private static volatile io.grpc.MethodDescriptor<org.tabularium.procurement.v1.ListBidsRequest,
      org.tabularium.procurement.v1.ListBidsResponse> getListBidsMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ListBids",
      requestType = org.tabularium.procurement.v1.ListBidsRequest.class,
      responseType = org.tabularium.procurement.v1.ListBidsResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<org.tabularium.procurement.v1.ListBidsRequest,
      org.tabularium.procurement.v1.ListBidsResponse> getListBidsMethod() {
    io.grpc.MethodDescriptor<org.tabularium.procurement.v1.ListBidsRequest, org.tabularium.procurement.v1.ListBidsResponse> getListBidsMethod;
    if ((getListBidsMethod = ProcurementServiceGrpc.getListBidsMethod) == null) {
      synchronized (ProcurementServiceGrpc.class) {
        if ((getListBidsMethod = ProcurementServiceGrpc.getListBidsMethod) == null) {
          ProcurementServiceGrpc.getListBidsMethod = getListBidsMethod =
              io.grpc.MethodDescriptor.<org.tabularium.procurement.v1.ListBidsRequest, org.tabularium.procurement.v1.ListBidsResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ListBids"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.procurement.v1.ListBidsRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.procurement.v1.ListBidsResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ProcurementServiceMethodDescriptorSupplier("ListBids"))
              .build();
        }
      }
    }
    return getListBidsMethod;
  }

  private static volatile io.grpc.MethodDescriptor<org.tabularium.procurement.v1.GetCeremonyRequest,
      org.tabularium.procurement.v1.GetCeremonyResponse> getGetCeremonyMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetCeremony",
      requestType = org.tabularium.procurement.v1.GetCeremonyRequest.class,
      responseType = org.tabularium.procurement.v1.GetCeremonyResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<org.tabularium.procurement.v1.GetCeremonyRequest,
      org.tabularium.procurement.v1.GetCeremonyResponse> getGetCeremonyMethod() {
    io.grpc.MethodDescriptor<org.tabularium.procurement.v1.GetCeremonyRequest, org.tabularium.procurement.v1.GetCeremonyResponse> getGetCeremonyMethod;
    if ((getGetCeremonyMethod = ProcurementServiceGrpc.getGetCeremonyMethod) == null) {
      synchronized (ProcurementServiceGrpc.class) {
        if ((getGetCeremonyMethod = ProcurementServiceGrpc.getGetCeremonyMethod) == null) {
          ProcurementServiceGrpc.getGetCeremonyMethod = getGetCeremonyMethod =
              io.grpc.MethodDescriptor.<org.tabularium.procurement.v1.GetCeremonyRequest, org.tabularium.procurement.v1.GetCeremonyResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetCeremony"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.procurement.v1.GetCeremonyRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.procurement.v1.GetCeremonyResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ProcurementServiceMethodDescriptorSupplier("GetCeremony"))
              .build();
        }
      }
    }
    return getGetCeremonyMethod;
  }

  private static volatile io.grpc.MethodDescriptor<org.tabularium.procurement.v1.GetEvaluationRequest,
      org.tabularium.procurement.v1.GetEvaluationResponse> getGetEvaluationMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetEvaluation",
      requestType = org.tabularium.procurement.v1.GetEvaluationRequest.class,
      responseType = org.tabularium.procurement.v1.GetEvaluationResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<org.tabularium.procurement.v1.GetEvaluationRequest,
      org.tabularium.procurement.v1.GetEvaluationResponse> getGetEvaluationMethod() {
    io.grpc.MethodDescriptor<org.tabularium.procurement.v1.GetEvaluationRequest, org.tabularium.procurement.v1.GetEvaluationResponse> getGetEvaluationMethod;
    if ((getGetEvaluationMethod = ProcurementServiceGrpc.getGetEvaluationMethod) == null) {
      synchronized (ProcurementServiceGrpc.class) {
        if ((getGetEvaluationMethod = ProcurementServiceGrpc.getGetEvaluationMethod) == null) {
          ProcurementServiceGrpc.getGetEvaluationMethod = getGetEvaluationMethod =
              io.grpc.MethodDescriptor.<org.tabularium.procurement.v1.GetEvaluationRequest, org.tabularium.procurement.v1.GetEvaluationResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetEvaluation"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.procurement.v1.GetEvaluationRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.procurement.v1.GetEvaluationResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ProcurementServiceMethodDescriptorSupplier("GetEvaluation"))
              .build();
        }
      }
    }
    return getGetEvaluationMethod;
  }

  private static volatile io.grpc.MethodDescriptor<org.tabularium.procurement.v1.GetReleasePackageRequest,
      org.tabularium.procurement.v1.GetReleasePackageResponse> getGetReleasePackageMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetReleasePackage",
      requestType = org.tabularium.procurement.v1.GetReleasePackageRequest.class,
      responseType = org.tabularium.procurement.v1.GetReleasePackageResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<org.tabularium.procurement.v1.GetReleasePackageRequest,
      org.tabularium.procurement.v1.GetReleasePackageResponse> getGetReleasePackageMethod() {
    io.grpc.MethodDescriptor<org.tabularium.procurement.v1.GetReleasePackageRequest, org.tabularium.procurement.v1.GetReleasePackageResponse> getGetReleasePackageMethod;
    if ((getGetReleasePackageMethod = ProcurementServiceGrpc.getGetReleasePackageMethod) == null) {
      synchronized (ProcurementServiceGrpc.class) {
        if ((getGetReleasePackageMethod = ProcurementServiceGrpc.getGetReleasePackageMethod) == null) {
          ProcurementServiceGrpc.getGetReleasePackageMethod = getGetReleasePackageMethod =
              io.grpc.MethodDescriptor.<org.tabularium.procurement.v1.GetReleasePackageRequest, org.tabularium.procurement.v1.GetReleasePackageResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetReleasePackage"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.procurement.v1.GetReleasePackageRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.procurement.v1.GetReleasePackageResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ProcurementServiceMethodDescriptorSupplier("GetReleasePackage"))
              .build();
        }
      }
    }
    return getGetReleasePackageMethod;
  }

  private static volatile io.grpc.MethodDescriptor<org.tabularium.procurement.v1.GetRecordPackageRequest,
      org.tabularium.procurement.v1.GetRecordPackageResponse> getGetRecordPackageMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetRecordPackage",
      requestType = org.tabularium.procurement.v1.GetRecordPackageRequest.class,
      responseType = org.tabularium.procurement.v1.GetRecordPackageResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<org.tabularium.procurement.v1.GetRecordPackageRequest,
      org.tabularium.procurement.v1.GetRecordPackageResponse> getGetRecordPackageMethod() {
    io.grpc.MethodDescriptor<org.tabularium.procurement.v1.GetRecordPackageRequest, org.tabularium.procurement.v1.GetRecordPackageResponse> getGetRecordPackageMethod;
    if ((getGetRecordPackageMethod = ProcurementServiceGrpc.getGetRecordPackageMethod) == null) {
      synchronized (ProcurementServiceGrpc.class) {
        if ((getGetRecordPackageMethod = ProcurementServiceGrpc.getGetRecordPackageMethod) == null) {
          ProcurementServiceGrpc.getGetRecordPackageMethod = getGetRecordPackageMethod =
              io.grpc.MethodDescriptor.<org.tabularium.procurement.v1.GetRecordPackageRequest, org.tabularium.procurement.v1.GetRecordPackageResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetRecordPackage"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.procurement.v1.GetRecordPackageRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.procurement.v1.GetRecordPackageResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ProcurementServiceMethodDescriptorSupplier("GetRecordPackage"))
              .build();
        }
      }
    }
    return getGetRecordPackageMethod;
  }

  private static volatile io.grpc.MethodDescriptor<org.tabularium.procurement.v1.UploadBidRequest,
      org.tabularium.procurement.v1.UploadBidResponse> getUploadBidMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "UploadBid",
      requestType = org.tabularium.procurement.v1.UploadBidRequest.class,
      responseType = org.tabularium.procurement.v1.UploadBidResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.CLIENT_STREAMING)
  public static io.grpc.MethodDescriptor<org.tabularium.procurement.v1.UploadBidRequest,
      org.tabularium.procurement.v1.UploadBidResponse> getUploadBidMethod() {
    io.grpc.MethodDescriptor<org.tabularium.procurement.v1.UploadBidRequest, org.tabularium.procurement.v1.UploadBidResponse> getUploadBidMethod;
    if ((getUploadBidMethod = ProcurementServiceGrpc.getUploadBidMethod) == null) {
      synchronized (ProcurementServiceGrpc.class) {
        if ((getUploadBidMethod = ProcurementServiceGrpc.getUploadBidMethod) == null) {
          ProcurementServiceGrpc.getUploadBidMethod = getUploadBidMethod =
              io.grpc.MethodDescriptor.<org.tabularium.procurement.v1.UploadBidRequest, org.tabularium.procurement.v1.UploadBidResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.CLIENT_STREAMING)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "UploadBid"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.procurement.v1.UploadBidRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.procurement.v1.UploadBidResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ProcurementServiceMethodDescriptorSupplier("UploadBid"))
              .build();
        }
      }
    }
    return getUploadBidMethod;
  }

  private static volatile io.grpc.MethodDescriptor<org.tabularium.procurement.v1.GetBidDocumentsRequest,
      org.tabularium.procurement.v1.GetBidDocumentsResponse> getGetBidDocumentsMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetBidDocuments",
      requestType = org.tabularium.procurement.v1.GetBidDocumentsRequest.class,
      responseType = org.tabularium.procurement.v1.GetBidDocumentsResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
  public static io.grpc.MethodDescriptor<org.tabularium.procurement.v1.GetBidDocumentsRequest,
      org.tabularium.procurement.v1.GetBidDocumentsResponse> getGetBidDocumentsMethod() {
    io.grpc.MethodDescriptor<org.tabularium.procurement.v1.GetBidDocumentsRequest, org.tabularium.procurement.v1.GetBidDocumentsResponse> getGetBidDocumentsMethod;
    if ((getGetBidDocumentsMethod = ProcurementServiceGrpc.getGetBidDocumentsMethod) == null) {
      synchronized (ProcurementServiceGrpc.class) {
        if ((getGetBidDocumentsMethod = ProcurementServiceGrpc.getGetBidDocumentsMethod) == null) {
          ProcurementServiceGrpc.getGetBidDocumentsMethod = getGetBidDocumentsMethod =
              io.grpc.MethodDescriptor.<org.tabularium.procurement.v1.GetBidDocumentsRequest, org.tabularium.procurement.v1.GetBidDocumentsResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetBidDocuments"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.procurement.v1.GetBidDocumentsRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.procurement.v1.GetBidDocumentsResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ProcurementServiceMethodDescriptorSupplier("GetBidDocuments"))
              .build();
        }
      }
    }
    return getGetBidDocumentsMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static ProcurementServiceStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ProcurementServiceStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ProcurementServiceStub>() {
        @java.lang.Override
        public ProcurementServiceStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ProcurementServiceStub(channel, callOptions);
        }
      };
    return ProcurementServiceStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static ProcurementServiceBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ProcurementServiceBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ProcurementServiceBlockingV2Stub>() {
        @java.lang.Override
        public ProcurementServiceBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ProcurementServiceBlockingV2Stub(channel, callOptions);
        }
      };
    return ProcurementServiceBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static ProcurementServiceBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ProcurementServiceBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ProcurementServiceBlockingStub>() {
        @java.lang.Override
        public ProcurementServiceBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ProcurementServiceBlockingStub(channel, callOptions);
        }
      };
    return ProcurementServiceBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static ProcurementServiceFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ProcurementServiceFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ProcurementServiceFutureStub>() {
        @java.lang.Override
        public ProcurementServiceFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ProcurementServiceFutureStub(channel, callOptions);
        }
      };
    return ProcurementServiceFutureStub.newStub(factory, channel);
  }

  /**
   */
  public interface AsyncService {

    /**
     * <pre>
     * A tender: details, frozen terms, criteria hash, amendments, the committee ceremony's state
     * and red flags. Errors: NOT_FOUND NO_BASE_RELEASE.
     * </pre>
     */
    default void getTender(org.tabularium.procurement.v1.GetTenderRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.procurement.v1.GetTenderResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetTenderMethod(), responseObserver);
    }

    /**
     * <pre>
     * The bids on a tender (or one lot): sealed, withdrawn or opened, with what opening revealed.
     * Errors: NOT_FOUND NO_BASE_RELEASE / LOT_NOT_FOUND.
     * </pre>
     */
    default void listBids(org.tabularium.procurement.v1.ListBidsRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.procurement.v1.ListBidsResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getListBidsMethod(), responseObserver);
    }

    /**
     * <pre>
     * One member's sealed shares from every dealer (ciphertexts only), for its share check.
     * Errors: NOT_FOUND NO_BASE_RELEASE / NOT_COMMITTEE_MEMBER.
     * </pre>
     */
    default void getCeremony(org.tabularium.procurement.v1.GetCeremonyRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.procurement.v1.GetCeremonyResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetCeremonyMethod(), responseObserver);
    }

    /**
     * <pre>
     * A lot's evaluation: declarations, marks, disqualifications, the ranking with exact points,
     * the award with the receipt of the terms it was made under, complaints, the contract and
     * its modifications. Errors: NOT_FOUND NO_BASE_RELEASE / LOT_NOT_FOUND.
     * </pre>
     */
    default void getEvaluation(org.tabularium.procurement.v1.GetEvaluationRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.procurement.v1.GetEvaluationResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetEvaluationMethod(), responseObserver);
    }

    /**
     * <pre>
     * The tender's OCDS 1.1 release package: one release per accepted action (id
     * "&lt;ocid&gt;-&lt;entry index&gt;", date = block time), with the bids, lots and award criteria
     * breakdown extensions and ours ("tabularium": entry index, action, red flags, committee,
     * ranking). Errors: NOT_FOUND NO_BASE_RELEASE.
     * </pre>
     */
    default void getReleasePackage(org.tabularium.procurement.v1.GetReleasePackageRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.procurement.v1.GetReleasePackageResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetReleasePackageMethod(), responseObserver);
    }

    /**
     * <pre>
     * The tender's OCDS 1.1 record package: its releases, compiledRelease and
     * versionedRelease (the OCDS merge rules). Errors: NOT_FOUND NO_BASE_RELEASE.
     * </pre>
     */
    default void getRecordPackage(org.tabularium.procurement.v1.GetRecordPackageRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.procurement.v1.GetRecordPackageResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetRecordPackageMethod(), responseObserver);
    }

    /**
     * <pre>
     * Submits a SubmitBid with documents: the client streams the documents' ciphertext (as
     * seal_bid made it), then the signed transaction. The node checks size and SHA-256 against
     * the bid, stores the ciphertext off the log (encrypted again at rest) and submits the bid.
     * Errors: INVALID_ARGUMENT CHUNK_TOO_LARGE / CHUNK_AFTER_TRANSACTION / TRANSACTION_MISSING /
     * NOT_SUBMIT_BID / NO_DOCUMENTS / SIZE_MISMATCH / CIPHERTEXT_MISMATCH, and SubmitBid's.
     * </pre>
     */
    default io.grpc.stub.StreamObserver<org.tabularium.procurement.v1.UploadBidRequest> uploadBid(
        io.grpc.stub.StreamObserver<org.tabularium.procurement.v1.UploadBidResponse> responseObserver) {
      return io.grpc.stub.ServerCalls.asyncUnimplementedStreamingCall(getUploadBidMethod(), responseObserver);
    }

    /**
     * <pre>
     * A committee member downloads a bid's documents after opening: the request carries a
     * signed AccessBidDocuments (valid at most 300 s), which is logged first; the response
     * streams a header (its receipt, the data key, size and hash) and then the ciphertext,
     * which the member decrypts locally. Needs a signed request by the action's signer.
     * Errors: UNAUTHENTICATED; INVALID_ARGUMENT NOT_ACCESS_BID_DOCUMENTS /
     * ACCESS_WINDOW_TOO_LONG; PERMISSION_DENIED ACCESS_SIGNER_MISMATCH; ALREADY_EXISTS
     * ACCESS_ALREADY_USED; NOT_FOUND CONTENT_MISSING (this node holds no copy), and
     * AccessBidDocuments's.
     * </pre>
     */
    default void getBidDocuments(org.tabularium.procurement.v1.GetBidDocumentsRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.procurement.v1.GetBidDocumentsResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetBidDocumentsMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service ProcurementService.
   */
  public static abstract class ProcurementServiceImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return ProcurementServiceGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service ProcurementService.
   */
  public static final class ProcurementServiceStub
      extends io.grpc.stub.AbstractAsyncStub<ProcurementServiceStub> {
    private ProcurementServiceStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ProcurementServiceStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ProcurementServiceStub(channel, callOptions);
    }

    /**
     * <pre>
     * A tender: details, frozen terms, criteria hash, amendments, the committee ceremony's state
     * and red flags. Errors: NOT_FOUND NO_BASE_RELEASE.
     * </pre>
     */
    public void getTender(org.tabularium.procurement.v1.GetTenderRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.procurement.v1.GetTenderResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetTenderMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * The bids on a tender (or one lot): sealed, withdrawn or opened, with what opening revealed.
     * Errors: NOT_FOUND NO_BASE_RELEASE / LOT_NOT_FOUND.
     * </pre>
     */
    public void listBids(org.tabularium.procurement.v1.ListBidsRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.procurement.v1.ListBidsResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getListBidsMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * One member's sealed shares from every dealer (ciphertexts only), for its share check.
     * Errors: NOT_FOUND NO_BASE_RELEASE / NOT_COMMITTEE_MEMBER.
     * </pre>
     */
    public void getCeremony(org.tabularium.procurement.v1.GetCeremonyRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.procurement.v1.GetCeremonyResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetCeremonyMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * A lot's evaluation: declarations, marks, disqualifications, the ranking with exact points,
     * the award with the receipt of the terms it was made under, complaints, the contract and
     * its modifications. Errors: NOT_FOUND NO_BASE_RELEASE / LOT_NOT_FOUND.
     * </pre>
     */
    public void getEvaluation(org.tabularium.procurement.v1.GetEvaluationRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.procurement.v1.GetEvaluationResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetEvaluationMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * The tender's OCDS 1.1 release package: one release per accepted action (id
     * "&lt;ocid&gt;-&lt;entry index&gt;", date = block time), with the bids, lots and award criteria
     * breakdown extensions and ours ("tabularium": entry index, action, red flags, committee,
     * ranking). Errors: NOT_FOUND NO_BASE_RELEASE.
     * </pre>
     */
    public void getReleasePackage(org.tabularium.procurement.v1.GetReleasePackageRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.procurement.v1.GetReleasePackageResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetReleasePackageMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * The tender's OCDS 1.1 record package: its releases, compiledRelease and
     * versionedRelease (the OCDS merge rules). Errors: NOT_FOUND NO_BASE_RELEASE.
     * </pre>
     */
    public void getRecordPackage(org.tabularium.procurement.v1.GetRecordPackageRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.procurement.v1.GetRecordPackageResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetRecordPackageMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Submits a SubmitBid with documents: the client streams the documents' ciphertext (as
     * seal_bid made it), then the signed transaction. The node checks size and SHA-256 against
     * the bid, stores the ciphertext off the log (encrypted again at rest) and submits the bid.
     * Errors: INVALID_ARGUMENT CHUNK_TOO_LARGE / CHUNK_AFTER_TRANSACTION / TRANSACTION_MISSING /
     * NOT_SUBMIT_BID / NO_DOCUMENTS / SIZE_MISMATCH / CIPHERTEXT_MISMATCH, and SubmitBid's.
     * </pre>
     */
    public io.grpc.stub.StreamObserver<org.tabularium.procurement.v1.UploadBidRequest> uploadBid(
        io.grpc.stub.StreamObserver<org.tabularium.procurement.v1.UploadBidResponse> responseObserver) {
      return io.grpc.stub.ClientCalls.asyncClientStreamingCall(
          getChannel().newCall(getUploadBidMethod(), getCallOptions()), responseObserver);
    }

    /**
     * <pre>
     * A committee member downloads a bid's documents after opening: the request carries a
     * signed AccessBidDocuments (valid at most 300 s), which is logged first; the response
     * streams a header (its receipt, the data key, size and hash) and then the ciphertext,
     * which the member decrypts locally. Needs a signed request by the action's signer.
     * Errors: UNAUTHENTICATED; INVALID_ARGUMENT NOT_ACCESS_BID_DOCUMENTS /
     * ACCESS_WINDOW_TOO_LONG; PERMISSION_DENIED ACCESS_SIGNER_MISMATCH; ALREADY_EXISTS
     * ACCESS_ALREADY_USED; NOT_FOUND CONTENT_MISSING (this node holds no copy), and
     * AccessBidDocuments's.
     * </pre>
     */
    public void getBidDocuments(org.tabularium.procurement.v1.GetBidDocumentsRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.procurement.v1.GetBidDocumentsResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncServerStreamingCall(
          getChannel().newCall(getGetBidDocumentsMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service ProcurementService.
   */
  public static final class ProcurementServiceBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<ProcurementServiceBlockingV2Stub> {
    private ProcurementServiceBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ProcurementServiceBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ProcurementServiceBlockingV2Stub(channel, callOptions);
    }

    /**
     * <pre>
     * A tender: details, frozen terms, criteria hash, amendments, the committee ceremony's state
     * and red flags. Errors: NOT_FOUND NO_BASE_RELEASE.
     * </pre>
     */
    public org.tabularium.procurement.v1.GetTenderResponse getTender(org.tabularium.procurement.v1.GetTenderRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetTenderMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * The bids on a tender (or one lot): sealed, withdrawn or opened, with what opening revealed.
     * Errors: NOT_FOUND NO_BASE_RELEASE / LOT_NOT_FOUND.
     * </pre>
     */
    public org.tabularium.procurement.v1.ListBidsResponse listBids(org.tabularium.procurement.v1.ListBidsRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getListBidsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * One member's sealed shares from every dealer (ciphertexts only), for its share check.
     * Errors: NOT_FOUND NO_BASE_RELEASE / NOT_COMMITTEE_MEMBER.
     * </pre>
     */
    public org.tabularium.procurement.v1.GetCeremonyResponse getCeremony(org.tabularium.procurement.v1.GetCeremonyRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetCeremonyMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * A lot's evaluation: declarations, marks, disqualifications, the ranking with exact points,
     * the award with the receipt of the terms it was made under, complaints, the contract and
     * its modifications. Errors: NOT_FOUND NO_BASE_RELEASE / LOT_NOT_FOUND.
     * </pre>
     */
    public org.tabularium.procurement.v1.GetEvaluationResponse getEvaluation(org.tabularium.procurement.v1.GetEvaluationRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetEvaluationMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * The tender's OCDS 1.1 release package: one release per accepted action (id
     * "&lt;ocid&gt;-&lt;entry index&gt;", date = block time), with the bids, lots and award criteria
     * breakdown extensions and ours ("tabularium": entry index, action, red flags, committee,
     * ranking). Errors: NOT_FOUND NO_BASE_RELEASE.
     * </pre>
     */
    public org.tabularium.procurement.v1.GetReleasePackageResponse getReleasePackage(org.tabularium.procurement.v1.GetReleasePackageRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetReleasePackageMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * The tender's OCDS 1.1 record package: its releases, compiledRelease and
     * versionedRelease (the OCDS merge rules). Errors: NOT_FOUND NO_BASE_RELEASE.
     * </pre>
     */
    public org.tabularium.procurement.v1.GetRecordPackageResponse getRecordPackage(org.tabularium.procurement.v1.GetRecordPackageRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetRecordPackageMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Submits a SubmitBid with documents: the client streams the documents' ciphertext (as
     * seal_bid made it), then the signed transaction. The node checks size and SHA-256 against
     * the bid, stores the ciphertext off the log (encrypted again at rest) and submits the bid.
     * Errors: INVALID_ARGUMENT CHUNK_TOO_LARGE / CHUNK_AFTER_TRANSACTION / TRANSACTION_MISSING /
     * NOT_SUBMIT_BID / NO_DOCUMENTS / SIZE_MISMATCH / CIPHERTEXT_MISMATCH, and SubmitBid's.
     * </pre>
     */
    @io.grpc.ExperimentalApi("https://github.com/grpc/grpc-java/issues/10918")
    public io.grpc.stub.BlockingClientCall<org.tabularium.procurement.v1.UploadBidRequest, org.tabularium.procurement.v1.UploadBidResponse>
        uploadBid() {
      return io.grpc.stub.ClientCalls.blockingClientStreamingCall(
          getChannel(), getUploadBidMethod(), getCallOptions());
    }

    /**
     * <pre>
     * A committee member downloads a bid's documents after opening: the request carries a
     * signed AccessBidDocuments (valid at most 300 s), which is logged first; the response
     * streams a header (its receipt, the data key, size and hash) and then the ciphertext,
     * which the member decrypts locally. Needs a signed request by the action's signer.
     * Errors: UNAUTHENTICATED; INVALID_ARGUMENT NOT_ACCESS_BID_DOCUMENTS /
     * ACCESS_WINDOW_TOO_LONG; PERMISSION_DENIED ACCESS_SIGNER_MISMATCH; ALREADY_EXISTS
     * ACCESS_ALREADY_USED; NOT_FOUND CONTENT_MISSING (this node holds no copy), and
     * AccessBidDocuments's.
     * </pre>
     */
    @io.grpc.ExperimentalApi("https://github.com/grpc/grpc-java/issues/10918")
    public io.grpc.stub.BlockingClientCall<?, org.tabularium.procurement.v1.GetBidDocumentsResponse>
        getBidDocuments(org.tabularium.procurement.v1.GetBidDocumentsRequest request) {
      return io.grpc.stub.ClientCalls.blockingV2ServerStreamingCall(
          getChannel(), getGetBidDocumentsMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service ProcurementService.
   */
  public static final class ProcurementServiceBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<ProcurementServiceBlockingStub> {
    private ProcurementServiceBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ProcurementServiceBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ProcurementServiceBlockingStub(channel, callOptions);
    }

    /**
     * <pre>
     * A tender: details, frozen terms, criteria hash, amendments, the committee ceremony's state
     * and red flags. Errors: NOT_FOUND NO_BASE_RELEASE.
     * </pre>
     */
    public org.tabularium.procurement.v1.GetTenderResponse getTender(org.tabularium.procurement.v1.GetTenderRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetTenderMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * The bids on a tender (or one lot): sealed, withdrawn or opened, with what opening revealed.
     * Errors: NOT_FOUND NO_BASE_RELEASE / LOT_NOT_FOUND.
     * </pre>
     */
    public org.tabularium.procurement.v1.ListBidsResponse listBids(org.tabularium.procurement.v1.ListBidsRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getListBidsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * One member's sealed shares from every dealer (ciphertexts only), for its share check.
     * Errors: NOT_FOUND NO_BASE_RELEASE / NOT_COMMITTEE_MEMBER.
     * </pre>
     */
    public org.tabularium.procurement.v1.GetCeremonyResponse getCeremony(org.tabularium.procurement.v1.GetCeremonyRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetCeremonyMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * A lot's evaluation: declarations, marks, disqualifications, the ranking with exact points,
     * the award with the receipt of the terms it was made under, complaints, the contract and
     * its modifications. Errors: NOT_FOUND NO_BASE_RELEASE / LOT_NOT_FOUND.
     * </pre>
     */
    public org.tabularium.procurement.v1.GetEvaluationResponse getEvaluation(org.tabularium.procurement.v1.GetEvaluationRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetEvaluationMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * The tender's OCDS 1.1 release package: one release per accepted action (id
     * "&lt;ocid&gt;-&lt;entry index&gt;", date = block time), with the bids, lots and award criteria
     * breakdown extensions and ours ("tabularium": entry index, action, red flags, committee,
     * ranking). Errors: NOT_FOUND NO_BASE_RELEASE.
     * </pre>
     */
    public org.tabularium.procurement.v1.GetReleasePackageResponse getReleasePackage(org.tabularium.procurement.v1.GetReleasePackageRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetReleasePackageMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * The tender's OCDS 1.1 record package: its releases, compiledRelease and
     * versionedRelease (the OCDS merge rules). Errors: NOT_FOUND NO_BASE_RELEASE.
     * </pre>
     */
    public org.tabularium.procurement.v1.GetRecordPackageResponse getRecordPackage(org.tabularium.procurement.v1.GetRecordPackageRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetRecordPackageMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * A committee member downloads a bid's documents after opening: the request carries a
     * signed AccessBidDocuments (valid at most 300 s), which is logged first; the response
     * streams a header (its receipt, the data key, size and hash) and then the ciphertext,
     * which the member decrypts locally. Needs a signed request by the action's signer.
     * Errors: UNAUTHENTICATED; INVALID_ARGUMENT NOT_ACCESS_BID_DOCUMENTS /
     * ACCESS_WINDOW_TOO_LONG; PERMISSION_DENIED ACCESS_SIGNER_MISMATCH; ALREADY_EXISTS
     * ACCESS_ALREADY_USED; NOT_FOUND CONTENT_MISSING (this node holds no copy), and
     * AccessBidDocuments's.
     * </pre>
     */
    public java.util.Iterator<org.tabularium.procurement.v1.GetBidDocumentsResponse> getBidDocuments(
        org.tabularium.procurement.v1.GetBidDocumentsRequest request) {
      return io.grpc.stub.ClientCalls.blockingServerStreamingCall(
          getChannel(), getGetBidDocumentsMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service ProcurementService.
   */
  public static final class ProcurementServiceFutureStub
      extends io.grpc.stub.AbstractFutureStub<ProcurementServiceFutureStub> {
    private ProcurementServiceFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ProcurementServiceFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ProcurementServiceFutureStub(channel, callOptions);
    }

    /**
     * <pre>
     * A tender: details, frozen terms, criteria hash, amendments, the committee ceremony's state
     * and red flags. Errors: NOT_FOUND NO_BASE_RELEASE.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<org.tabularium.procurement.v1.GetTenderResponse> getTender(
        org.tabularium.procurement.v1.GetTenderRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetTenderMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * The bids on a tender (or one lot): sealed, withdrawn or opened, with what opening revealed.
     * Errors: NOT_FOUND NO_BASE_RELEASE / LOT_NOT_FOUND.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<org.tabularium.procurement.v1.ListBidsResponse> listBids(
        org.tabularium.procurement.v1.ListBidsRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getListBidsMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * One member's sealed shares from every dealer (ciphertexts only), for its share check.
     * Errors: NOT_FOUND NO_BASE_RELEASE / NOT_COMMITTEE_MEMBER.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<org.tabularium.procurement.v1.GetCeremonyResponse> getCeremony(
        org.tabularium.procurement.v1.GetCeremonyRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetCeremonyMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * A lot's evaluation: declarations, marks, disqualifications, the ranking with exact points,
     * the award with the receipt of the terms it was made under, complaints, the contract and
     * its modifications. Errors: NOT_FOUND NO_BASE_RELEASE / LOT_NOT_FOUND.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<org.tabularium.procurement.v1.GetEvaluationResponse> getEvaluation(
        org.tabularium.procurement.v1.GetEvaluationRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetEvaluationMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * The tender's OCDS 1.1 release package: one release per accepted action (id
     * "&lt;ocid&gt;-&lt;entry index&gt;", date = block time), with the bids, lots and award criteria
     * breakdown extensions and ours ("tabularium": entry index, action, red flags, committee,
     * ranking). Errors: NOT_FOUND NO_BASE_RELEASE.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<org.tabularium.procurement.v1.GetReleasePackageResponse> getReleasePackage(
        org.tabularium.procurement.v1.GetReleasePackageRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetReleasePackageMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * The tender's OCDS 1.1 record package: its releases, compiledRelease and
     * versionedRelease (the OCDS merge rules). Errors: NOT_FOUND NO_BASE_RELEASE.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<org.tabularium.procurement.v1.GetRecordPackageResponse> getRecordPackage(
        org.tabularium.procurement.v1.GetRecordPackageRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetRecordPackageMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_GET_TENDER = 0;
  private static final int METHODID_LIST_BIDS = 1;
  private static final int METHODID_GET_CEREMONY = 2;
  private static final int METHODID_GET_EVALUATION = 3;
  private static final int METHODID_GET_RELEASE_PACKAGE = 4;
  private static final int METHODID_GET_RECORD_PACKAGE = 5;
  private static final int METHODID_GET_BID_DOCUMENTS = 6;
  private static final int METHODID_UPLOAD_BID = 7;

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
        case METHODID_GET_TENDER:
          serviceImpl.getTender((org.tabularium.procurement.v1.GetTenderRequest) request,
              (io.grpc.stub.StreamObserver<org.tabularium.procurement.v1.GetTenderResponse>) responseObserver);
          break;
        case METHODID_LIST_BIDS:
          serviceImpl.listBids((org.tabularium.procurement.v1.ListBidsRequest) request,
              (io.grpc.stub.StreamObserver<org.tabularium.procurement.v1.ListBidsResponse>) responseObserver);
          break;
        case METHODID_GET_CEREMONY:
          serviceImpl.getCeremony((org.tabularium.procurement.v1.GetCeremonyRequest) request,
              (io.grpc.stub.StreamObserver<org.tabularium.procurement.v1.GetCeremonyResponse>) responseObserver);
          break;
        case METHODID_GET_EVALUATION:
          serviceImpl.getEvaluation((org.tabularium.procurement.v1.GetEvaluationRequest) request,
              (io.grpc.stub.StreamObserver<org.tabularium.procurement.v1.GetEvaluationResponse>) responseObserver);
          break;
        case METHODID_GET_RELEASE_PACKAGE:
          serviceImpl.getReleasePackage((org.tabularium.procurement.v1.GetReleasePackageRequest) request,
              (io.grpc.stub.StreamObserver<org.tabularium.procurement.v1.GetReleasePackageResponse>) responseObserver);
          break;
        case METHODID_GET_RECORD_PACKAGE:
          serviceImpl.getRecordPackage((org.tabularium.procurement.v1.GetRecordPackageRequest) request,
              (io.grpc.stub.StreamObserver<org.tabularium.procurement.v1.GetRecordPackageResponse>) responseObserver);
          break;
        case METHODID_GET_BID_DOCUMENTS:
          serviceImpl.getBidDocuments((org.tabularium.procurement.v1.GetBidDocumentsRequest) request,
              (io.grpc.stub.StreamObserver<org.tabularium.procurement.v1.GetBidDocumentsResponse>) responseObserver);
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
        case METHODID_UPLOAD_BID:
          return (io.grpc.stub.StreamObserver<Req>) serviceImpl.uploadBid(
              (io.grpc.stub.StreamObserver<org.tabularium.procurement.v1.UploadBidResponse>) responseObserver);
        default:
          throw new AssertionError();
      }
    }
  }

  public static final io.grpc.ServerServiceDefinition bindService(AsyncService service) {
    return io.grpc.ServerServiceDefinition.builder(getServiceDescriptor())
        .addMethod(
          getGetTenderMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              org.tabularium.procurement.v1.GetTenderRequest,
              org.tabularium.procurement.v1.GetTenderResponse>(
                service, METHODID_GET_TENDER)))
        .addMethod(
          getListBidsMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              org.tabularium.procurement.v1.ListBidsRequest,
              org.tabularium.procurement.v1.ListBidsResponse>(
                service, METHODID_LIST_BIDS)))
        .addMethod(
          getGetCeremonyMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              org.tabularium.procurement.v1.GetCeremonyRequest,
              org.tabularium.procurement.v1.GetCeremonyResponse>(
                service, METHODID_GET_CEREMONY)))
        .addMethod(
          getGetEvaluationMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              org.tabularium.procurement.v1.GetEvaluationRequest,
              org.tabularium.procurement.v1.GetEvaluationResponse>(
                service, METHODID_GET_EVALUATION)))
        .addMethod(
          getGetReleasePackageMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              org.tabularium.procurement.v1.GetReleasePackageRequest,
              org.tabularium.procurement.v1.GetReleasePackageResponse>(
                service, METHODID_GET_RELEASE_PACKAGE)))
        .addMethod(
          getGetRecordPackageMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              org.tabularium.procurement.v1.GetRecordPackageRequest,
              org.tabularium.procurement.v1.GetRecordPackageResponse>(
                service, METHODID_GET_RECORD_PACKAGE)))
        .addMethod(
          getUploadBidMethod(),
          io.grpc.stub.ServerCalls.asyncClientStreamingCall(
            new MethodHandlers<
              org.tabularium.procurement.v1.UploadBidRequest,
              org.tabularium.procurement.v1.UploadBidResponse>(
                service, METHODID_UPLOAD_BID)))
        .addMethod(
          getGetBidDocumentsMethod(),
          io.grpc.stub.ServerCalls.asyncServerStreamingCall(
            new MethodHandlers<
              org.tabularium.procurement.v1.GetBidDocumentsRequest,
              org.tabularium.procurement.v1.GetBidDocumentsResponse>(
                service, METHODID_GET_BID_DOCUMENTS)))
        .build();
  }

  private static abstract class ProcurementServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    ProcurementServiceBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return org.tabularium.procurement.v1.ProcurementProto.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("ProcurementService");
    }
  }

  private static final class ProcurementServiceFileDescriptorSupplier
      extends ProcurementServiceBaseDescriptorSupplier {
    ProcurementServiceFileDescriptorSupplier() {}
  }

  private static final class ProcurementServiceMethodDescriptorSupplier
      extends ProcurementServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    ProcurementServiceMethodDescriptorSupplier(java.lang.String methodName) {
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
      synchronized (ProcurementServiceGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new ProcurementServiceFileDescriptorSupplier())
              .addMethod(getGetTenderMethod())
              .addMethod(getListBidsMethod())
              .addMethod(getGetCeremonyMethod())
              .addMethod(getGetEvaluationMethod())
              .addMethod(getGetReleasePackageMethod())
              .addMethod(getGetRecordPackageMethod())
              .addMethod(getUploadBidMethod())
              .addMethod(getGetBidDocumentsMethod())
              .build();
        }
      }
    }
    return result;
  }
}
