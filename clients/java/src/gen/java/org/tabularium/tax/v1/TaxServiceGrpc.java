package org.tabularium.tax.v1;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * Reads are private: each request is signed by a registered key (see the vault service). The
 * office's officers, enforcement and appeal staff and banks read any account of the office; a
 * holder reads its own account.
 * </pre>
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class TaxServiceGrpc {

  private TaxServiceGrpc() {}

  public static final java.lang.String SERVICE_NAME = "tabularium.tax.v1.TaxService";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<org.tabularium.tax.v1.GetAccountRequest,
      org.tabularium.tax.v1.GetAccountResponse> getGetAccountMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetAccount",
      requestType = org.tabularium.tax.v1.GetAccountRequest.class,
      responseType = org.tabularium.tax.v1.GetAccountResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<org.tabularium.tax.v1.GetAccountRequest,
      org.tabularium.tax.v1.GetAccountResponse> getGetAccountMethod() {
    io.grpc.MethodDescriptor<org.tabularium.tax.v1.GetAccountRequest, org.tabularium.tax.v1.GetAccountResponse> getGetAccountMethod;
    if ((getGetAccountMethod = TaxServiceGrpc.getGetAccountMethod) == null) {
      synchronized (TaxServiceGrpc.class) {
        if ((getGetAccountMethod = TaxServiceGrpc.getGetAccountMethod) == null) {
          TaxServiceGrpc.getGetAccountMethod = getGetAccountMethod =
              io.grpc.MethodDescriptor.<org.tabularium.tax.v1.GetAccountRequest, org.tabularium.tax.v1.GetAccountResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetAccount"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.tax.v1.GetAccountRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.tax.v1.GetAccountResponse.getDefaultInstance()))
              .setSchemaDescriptor(new TaxServiceMethodDescriptorSupplier("GetAccount"))
              .build();
        }
      }
    }
    return getGetAccountMethod;
  }

  private static volatile io.grpc.MethodDescriptor<org.tabularium.tax.v1.ListLiabilitiesRequest,
      org.tabularium.tax.v1.ListLiabilitiesResponse> getListLiabilitiesMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ListLiabilities",
      requestType = org.tabularium.tax.v1.ListLiabilitiesRequest.class,
      responseType = org.tabularium.tax.v1.ListLiabilitiesResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<org.tabularium.tax.v1.ListLiabilitiesRequest,
      org.tabularium.tax.v1.ListLiabilitiesResponse> getListLiabilitiesMethod() {
    io.grpc.MethodDescriptor<org.tabularium.tax.v1.ListLiabilitiesRequest, org.tabularium.tax.v1.ListLiabilitiesResponse> getListLiabilitiesMethod;
    if ((getListLiabilitiesMethod = TaxServiceGrpc.getListLiabilitiesMethod) == null) {
      synchronized (TaxServiceGrpc.class) {
        if ((getListLiabilitiesMethod = TaxServiceGrpc.getListLiabilitiesMethod) == null) {
          TaxServiceGrpc.getListLiabilitiesMethod = getListLiabilitiesMethod =
              io.grpc.MethodDescriptor.<org.tabularium.tax.v1.ListLiabilitiesRequest, org.tabularium.tax.v1.ListLiabilitiesResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ListLiabilities"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.tax.v1.ListLiabilitiesRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.tax.v1.ListLiabilitiesResponse.getDefaultInstance()))
              .setSchemaDescriptor(new TaxServiceMethodDescriptorSupplier("ListLiabilities"))
              .build();
        }
      }
    }
    return getListLiabilitiesMethod;
  }

  private static volatile io.grpc.MethodDescriptor<org.tabularium.tax.v1.GetInvoiceRequest,
      org.tabularium.tax.v1.GetInvoiceResponse> getGetInvoiceMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetInvoice",
      requestType = org.tabularium.tax.v1.GetInvoiceRequest.class,
      responseType = org.tabularium.tax.v1.GetInvoiceResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<org.tabularium.tax.v1.GetInvoiceRequest,
      org.tabularium.tax.v1.GetInvoiceResponse> getGetInvoiceMethod() {
    io.grpc.MethodDescriptor<org.tabularium.tax.v1.GetInvoiceRequest, org.tabularium.tax.v1.GetInvoiceResponse> getGetInvoiceMethod;
    if ((getGetInvoiceMethod = TaxServiceGrpc.getGetInvoiceMethod) == null) {
      synchronized (TaxServiceGrpc.class) {
        if ((getGetInvoiceMethod = TaxServiceGrpc.getGetInvoiceMethod) == null) {
          TaxServiceGrpc.getGetInvoiceMethod = getGetInvoiceMethod =
              io.grpc.MethodDescriptor.<org.tabularium.tax.v1.GetInvoiceRequest, org.tabularium.tax.v1.GetInvoiceResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetInvoice"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.tax.v1.GetInvoiceRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.tax.v1.GetInvoiceResponse.getDefaultInstance()))
              .setSchemaDescriptor(new TaxServiceMethodDescriptorSupplier("GetInvoice"))
              .build();
        }
      }
    }
    return getGetInvoiceMethod;
  }

  private static volatile io.grpc.MethodDescriptor<org.tabularium.tax.v1.GetPaymentRequest,
      org.tabularium.tax.v1.GetPaymentResponse> getGetPaymentMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetPayment",
      requestType = org.tabularium.tax.v1.GetPaymentRequest.class,
      responseType = org.tabularium.tax.v1.GetPaymentResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<org.tabularium.tax.v1.GetPaymentRequest,
      org.tabularium.tax.v1.GetPaymentResponse> getGetPaymentMethod() {
    io.grpc.MethodDescriptor<org.tabularium.tax.v1.GetPaymentRequest, org.tabularium.tax.v1.GetPaymentResponse> getGetPaymentMethod;
    if ((getGetPaymentMethod = TaxServiceGrpc.getGetPaymentMethod) == null) {
      synchronized (TaxServiceGrpc.class) {
        if ((getGetPaymentMethod = TaxServiceGrpc.getGetPaymentMethod) == null) {
          TaxServiceGrpc.getGetPaymentMethod = getGetPaymentMethod =
              io.grpc.MethodDescriptor.<org.tabularium.tax.v1.GetPaymentRequest, org.tabularium.tax.v1.GetPaymentResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetPayment"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.tax.v1.GetPaymentRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.tax.v1.GetPaymentResponse.getDefaultInstance()))
              .setSchemaDescriptor(new TaxServiceMethodDescriptorSupplier("GetPayment"))
              .build();
        }
      }
    }
    return getGetPaymentMethod;
  }

  private static volatile io.grpc.MethodDescriptor<org.tabularium.tax.v1.GetReconciliationRequest,
      org.tabularium.tax.v1.GetReconciliationResponse> getGetReconciliationMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetReconciliation",
      requestType = org.tabularium.tax.v1.GetReconciliationRequest.class,
      responseType = org.tabularium.tax.v1.GetReconciliationResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<org.tabularium.tax.v1.GetReconciliationRequest,
      org.tabularium.tax.v1.GetReconciliationResponse> getGetReconciliationMethod() {
    io.grpc.MethodDescriptor<org.tabularium.tax.v1.GetReconciliationRequest, org.tabularium.tax.v1.GetReconciliationResponse> getGetReconciliationMethod;
    if ((getGetReconciliationMethod = TaxServiceGrpc.getGetReconciliationMethod) == null) {
      synchronized (TaxServiceGrpc.class) {
        if ((getGetReconciliationMethod = TaxServiceGrpc.getGetReconciliationMethod) == null) {
          TaxServiceGrpc.getGetReconciliationMethod = getGetReconciliationMethod =
              io.grpc.MethodDescriptor.<org.tabularium.tax.v1.GetReconciliationRequest, org.tabularium.tax.v1.GetReconciliationResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetReconciliation"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.tax.v1.GetReconciliationRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.tax.v1.GetReconciliationResponse.getDefaultInstance()))
              .setSchemaDescriptor(new TaxServiceMethodDescriptorSupplier("GetReconciliation"))
              .build();
        }
      }
    }
    return getGetReconciliationMethod;
  }

  private static volatile io.grpc.MethodDescriptor<org.tabularium.tax.v1.StreamAccountEventsRequest,
      org.tabularium.tax.v1.StreamAccountEventsResponse> getStreamAccountEventsMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "StreamAccountEvents",
      requestType = org.tabularium.tax.v1.StreamAccountEventsRequest.class,
      responseType = org.tabularium.tax.v1.StreamAccountEventsResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
  public static io.grpc.MethodDescriptor<org.tabularium.tax.v1.StreamAccountEventsRequest,
      org.tabularium.tax.v1.StreamAccountEventsResponse> getStreamAccountEventsMethod() {
    io.grpc.MethodDescriptor<org.tabularium.tax.v1.StreamAccountEventsRequest, org.tabularium.tax.v1.StreamAccountEventsResponse> getStreamAccountEventsMethod;
    if ((getStreamAccountEventsMethod = TaxServiceGrpc.getStreamAccountEventsMethod) == null) {
      synchronized (TaxServiceGrpc.class) {
        if ((getStreamAccountEventsMethod = TaxServiceGrpc.getStreamAccountEventsMethod) == null) {
          TaxServiceGrpc.getStreamAccountEventsMethod = getStreamAccountEventsMethod =
              io.grpc.MethodDescriptor.<org.tabularium.tax.v1.StreamAccountEventsRequest, org.tabularium.tax.v1.StreamAccountEventsResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "StreamAccountEvents"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.tax.v1.StreamAccountEventsRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.tax.v1.StreamAccountEventsResponse.getDefaultInstance()))
              .setSchemaDescriptor(new TaxServiceMethodDescriptorSupplier("StreamAccountEvents"))
              .build();
        }
      }
    }
    return getStreamAccountEventsMethod;
  }

  private static volatile io.grpc.MethodDescriptor<org.tabularium.tax.v1.ListRefusedEnforcementRequest,
      org.tabularium.tax.v1.ListRefusedEnforcementResponse> getListRefusedEnforcementMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ListRefusedEnforcement",
      requestType = org.tabularium.tax.v1.ListRefusedEnforcementRequest.class,
      responseType = org.tabularium.tax.v1.ListRefusedEnforcementResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<org.tabularium.tax.v1.ListRefusedEnforcementRequest,
      org.tabularium.tax.v1.ListRefusedEnforcementResponse> getListRefusedEnforcementMethod() {
    io.grpc.MethodDescriptor<org.tabularium.tax.v1.ListRefusedEnforcementRequest, org.tabularium.tax.v1.ListRefusedEnforcementResponse> getListRefusedEnforcementMethod;
    if ((getListRefusedEnforcementMethod = TaxServiceGrpc.getListRefusedEnforcementMethod) == null) {
      synchronized (TaxServiceGrpc.class) {
        if ((getListRefusedEnforcementMethod = TaxServiceGrpc.getListRefusedEnforcementMethod) == null) {
          TaxServiceGrpc.getListRefusedEnforcementMethod = getListRefusedEnforcementMethod =
              io.grpc.MethodDescriptor.<org.tabularium.tax.v1.ListRefusedEnforcementRequest, org.tabularium.tax.v1.ListRefusedEnforcementResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ListRefusedEnforcement"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.tax.v1.ListRefusedEnforcementRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.tax.v1.ListRefusedEnforcementResponse.getDefaultInstance()))
              .setSchemaDescriptor(new TaxServiceMethodDescriptorSupplier("ListRefusedEnforcement"))
              .build();
        }
      }
    }
    return getListRefusedEnforcementMethod;
  }

  private static volatile io.grpc.MethodDescriptor<org.tabularium.tax.v1.ClearInvoicesRequest,
      org.tabularium.tax.v1.ClearInvoicesResponse> getClearInvoicesMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ClearInvoices",
      requestType = org.tabularium.tax.v1.ClearInvoicesRequest.class,
      responseType = org.tabularium.tax.v1.ClearInvoicesResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<org.tabularium.tax.v1.ClearInvoicesRequest,
      org.tabularium.tax.v1.ClearInvoicesResponse> getClearInvoicesMethod() {
    io.grpc.MethodDescriptor<org.tabularium.tax.v1.ClearInvoicesRequest, org.tabularium.tax.v1.ClearInvoicesResponse> getClearInvoicesMethod;
    if ((getClearInvoicesMethod = TaxServiceGrpc.getClearInvoicesMethod) == null) {
      synchronized (TaxServiceGrpc.class) {
        if ((getClearInvoicesMethod = TaxServiceGrpc.getClearInvoicesMethod) == null) {
          TaxServiceGrpc.getClearInvoicesMethod = getClearInvoicesMethod =
              io.grpc.MethodDescriptor.<org.tabularium.tax.v1.ClearInvoicesRequest, org.tabularium.tax.v1.ClearInvoicesResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ClearInvoices"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.tax.v1.ClearInvoicesRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.tax.v1.ClearInvoicesResponse.getDefaultInstance()))
              .setSchemaDescriptor(new TaxServiceMethodDescriptorSupplier("ClearInvoices"))
              .build();
        }
      }
    }
    return getClearInvoicesMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static TaxServiceStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<TaxServiceStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<TaxServiceStub>() {
        @java.lang.Override
        public TaxServiceStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new TaxServiceStub(channel, callOptions);
        }
      };
    return TaxServiceStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static TaxServiceBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<TaxServiceBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<TaxServiceBlockingV2Stub>() {
        @java.lang.Override
        public TaxServiceBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new TaxServiceBlockingV2Stub(channel, callOptions);
        }
      };
    return TaxServiceBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static TaxServiceBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<TaxServiceBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<TaxServiceBlockingStub>() {
        @java.lang.Override
        public TaxServiceBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new TaxServiceBlockingStub(channel, callOptions);
        }
      };
    return TaxServiceBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static TaxServiceFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<TaxServiceFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<TaxServiceFutureStub>() {
        @java.lang.Override
        public TaxServiceFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new TaxServiceFutureStub(channel, callOptions);
        }
      };
    return TaxServiceFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * Reads are private: each request is signed by a registered key (see the vault service). The
   * office's officers, enforcement and appeal staff and banks read any account of the office; a
   * holder reads its own account.
   * </pre>
   */
  public interface AsyncService {

    /**
     */
    default void getAccount(org.tabularium.tax.v1.GetAccountRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.tax.v1.GetAccountResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetAccountMethod(), responseObserver);
    }

    /**
     */
    default void listLiabilities(org.tabularium.tax.v1.ListLiabilitiesRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.tax.v1.ListLiabilitiesResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getListLiabilitiesMethod(), responseObserver);
    }

    /**
     */
    default void getInvoice(org.tabularium.tax.v1.GetInvoiceRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.tax.v1.GetInvoiceResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetInvoiceMethod(), responseObserver);
    }

    /**
     */
    default void getPayment(org.tabularium.tax.v1.GetPaymentRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.tax.v1.GetPaymentResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetPaymentMethod(), responseObserver);
    }

    /**
     */
    default void getReconciliation(org.tabularium.tax.v1.GetReconciliationRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.tax.v1.GetReconciliationResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetReconciliationMethod(), responseObserver);
    }

    /**
     * <pre>
     * Past events of the account from from_entry, then new ones as blocks commit.
     * </pre>
     */
    default void streamAccountEvents(org.tabularium.tax.v1.StreamAccountEventsRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.tax.v1.StreamAccountEventsResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getStreamAccountEventsMethod(), responseObserver);
    }

    /**
     */
    default void listRefusedEnforcement(org.tabularium.tax.v1.ListRefusedEnforcementRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.tax.v1.ListRefusedEnforcementResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getListRefusedEnforcementMethod(), responseObserver);
    }

    /**
     * <pre>
     * Checks the XML file (schema, and that it says what the headers say: else INVALID_ARGUMENT
     * INVOICE_MISMATCH) and submits the SubmitInvoices transaction.
     * </pre>
     */
    default void clearInvoices(org.tabularium.tax.v1.ClearInvoicesRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.tax.v1.ClearInvoicesResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getClearInvoicesMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service TaxService.
   * <pre>
   * Reads are private: each request is signed by a registered key (see the vault service). The
   * office's officers, enforcement and appeal staff and banks read any account of the office; a
   * holder reads its own account.
   * </pre>
   */
  public static abstract class TaxServiceImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return TaxServiceGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service TaxService.
   * <pre>
   * Reads are private: each request is signed by a registered key (see the vault service). The
   * office's officers, enforcement and appeal staff and banks read any account of the office; a
   * holder reads its own account.
   * </pre>
   */
  public static final class TaxServiceStub
      extends io.grpc.stub.AbstractAsyncStub<TaxServiceStub> {
    private TaxServiceStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected TaxServiceStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new TaxServiceStub(channel, callOptions);
    }

    /**
     */
    public void getAccount(org.tabularium.tax.v1.GetAccountRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.tax.v1.GetAccountResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetAccountMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     */
    public void listLiabilities(org.tabularium.tax.v1.ListLiabilitiesRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.tax.v1.ListLiabilitiesResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getListLiabilitiesMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     */
    public void getInvoice(org.tabularium.tax.v1.GetInvoiceRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.tax.v1.GetInvoiceResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetInvoiceMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     */
    public void getPayment(org.tabularium.tax.v1.GetPaymentRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.tax.v1.GetPaymentResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetPaymentMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     */
    public void getReconciliation(org.tabularium.tax.v1.GetReconciliationRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.tax.v1.GetReconciliationResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetReconciliationMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Past events of the account from from_entry, then new ones as blocks commit.
     * </pre>
     */
    public void streamAccountEvents(org.tabularium.tax.v1.StreamAccountEventsRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.tax.v1.StreamAccountEventsResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncServerStreamingCall(
          getChannel().newCall(getStreamAccountEventsMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     */
    public void listRefusedEnforcement(org.tabularium.tax.v1.ListRefusedEnforcementRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.tax.v1.ListRefusedEnforcementResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getListRefusedEnforcementMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Checks the XML file (schema, and that it says what the headers say: else INVALID_ARGUMENT
     * INVOICE_MISMATCH) and submits the SubmitInvoices transaction.
     * </pre>
     */
    public void clearInvoices(org.tabularium.tax.v1.ClearInvoicesRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.tax.v1.ClearInvoicesResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getClearInvoicesMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service TaxService.
   * <pre>
   * Reads are private: each request is signed by a registered key (see the vault service). The
   * office's officers, enforcement and appeal staff and banks read any account of the office; a
   * holder reads its own account.
   * </pre>
   */
  public static final class TaxServiceBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<TaxServiceBlockingV2Stub> {
    private TaxServiceBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected TaxServiceBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new TaxServiceBlockingV2Stub(channel, callOptions);
    }

    /**
     */
    public org.tabularium.tax.v1.GetAccountResponse getAccount(org.tabularium.tax.v1.GetAccountRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetAccountMethod(), getCallOptions(), request);
    }

    /**
     */
    public org.tabularium.tax.v1.ListLiabilitiesResponse listLiabilities(org.tabularium.tax.v1.ListLiabilitiesRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getListLiabilitiesMethod(), getCallOptions(), request);
    }

    /**
     */
    public org.tabularium.tax.v1.GetInvoiceResponse getInvoice(org.tabularium.tax.v1.GetInvoiceRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetInvoiceMethod(), getCallOptions(), request);
    }

    /**
     */
    public org.tabularium.tax.v1.GetPaymentResponse getPayment(org.tabularium.tax.v1.GetPaymentRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetPaymentMethod(), getCallOptions(), request);
    }

    /**
     */
    public org.tabularium.tax.v1.GetReconciliationResponse getReconciliation(org.tabularium.tax.v1.GetReconciliationRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetReconciliationMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Past events of the account from from_entry, then new ones as blocks commit.
     * </pre>
     */
    @io.grpc.ExperimentalApi("https://github.com/grpc/grpc-java/issues/10918")
    public io.grpc.stub.BlockingClientCall<?, org.tabularium.tax.v1.StreamAccountEventsResponse>
        streamAccountEvents(org.tabularium.tax.v1.StreamAccountEventsRequest request) {
      return io.grpc.stub.ClientCalls.blockingV2ServerStreamingCall(
          getChannel(), getStreamAccountEventsMethod(), getCallOptions(), request);
    }

    /**
     */
    public org.tabularium.tax.v1.ListRefusedEnforcementResponse listRefusedEnforcement(org.tabularium.tax.v1.ListRefusedEnforcementRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getListRefusedEnforcementMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Checks the XML file (schema, and that it says what the headers say: else INVALID_ARGUMENT
     * INVOICE_MISMATCH) and submits the SubmitInvoices transaction.
     * </pre>
     */
    public org.tabularium.tax.v1.ClearInvoicesResponse clearInvoices(org.tabularium.tax.v1.ClearInvoicesRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getClearInvoicesMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service TaxService.
   * <pre>
   * Reads are private: each request is signed by a registered key (see the vault service). The
   * office's officers, enforcement and appeal staff and banks read any account of the office; a
   * holder reads its own account.
   * </pre>
   */
  public static final class TaxServiceBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<TaxServiceBlockingStub> {
    private TaxServiceBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected TaxServiceBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new TaxServiceBlockingStub(channel, callOptions);
    }

    /**
     */
    public org.tabularium.tax.v1.GetAccountResponse getAccount(org.tabularium.tax.v1.GetAccountRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetAccountMethod(), getCallOptions(), request);
    }

    /**
     */
    public org.tabularium.tax.v1.ListLiabilitiesResponse listLiabilities(org.tabularium.tax.v1.ListLiabilitiesRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getListLiabilitiesMethod(), getCallOptions(), request);
    }

    /**
     */
    public org.tabularium.tax.v1.GetInvoiceResponse getInvoice(org.tabularium.tax.v1.GetInvoiceRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetInvoiceMethod(), getCallOptions(), request);
    }

    /**
     */
    public org.tabularium.tax.v1.GetPaymentResponse getPayment(org.tabularium.tax.v1.GetPaymentRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetPaymentMethod(), getCallOptions(), request);
    }

    /**
     */
    public org.tabularium.tax.v1.GetReconciliationResponse getReconciliation(org.tabularium.tax.v1.GetReconciliationRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetReconciliationMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Past events of the account from from_entry, then new ones as blocks commit.
     * </pre>
     */
    public java.util.Iterator<org.tabularium.tax.v1.StreamAccountEventsResponse> streamAccountEvents(
        org.tabularium.tax.v1.StreamAccountEventsRequest request) {
      return io.grpc.stub.ClientCalls.blockingServerStreamingCall(
          getChannel(), getStreamAccountEventsMethod(), getCallOptions(), request);
    }

    /**
     */
    public org.tabularium.tax.v1.ListRefusedEnforcementResponse listRefusedEnforcement(org.tabularium.tax.v1.ListRefusedEnforcementRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getListRefusedEnforcementMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Checks the XML file (schema, and that it says what the headers say: else INVALID_ARGUMENT
     * INVOICE_MISMATCH) and submits the SubmitInvoices transaction.
     * </pre>
     */
    public org.tabularium.tax.v1.ClearInvoicesResponse clearInvoices(org.tabularium.tax.v1.ClearInvoicesRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getClearInvoicesMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service TaxService.
   * <pre>
   * Reads are private: each request is signed by a registered key (see the vault service). The
   * office's officers, enforcement and appeal staff and banks read any account of the office; a
   * holder reads its own account.
   * </pre>
   */
  public static final class TaxServiceFutureStub
      extends io.grpc.stub.AbstractFutureStub<TaxServiceFutureStub> {
    private TaxServiceFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected TaxServiceFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new TaxServiceFutureStub(channel, callOptions);
    }

    /**
     */
    public com.google.common.util.concurrent.ListenableFuture<org.tabularium.tax.v1.GetAccountResponse> getAccount(
        org.tabularium.tax.v1.GetAccountRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetAccountMethod(), getCallOptions()), request);
    }

    /**
     */
    public com.google.common.util.concurrent.ListenableFuture<org.tabularium.tax.v1.ListLiabilitiesResponse> listLiabilities(
        org.tabularium.tax.v1.ListLiabilitiesRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getListLiabilitiesMethod(), getCallOptions()), request);
    }

    /**
     */
    public com.google.common.util.concurrent.ListenableFuture<org.tabularium.tax.v1.GetInvoiceResponse> getInvoice(
        org.tabularium.tax.v1.GetInvoiceRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetInvoiceMethod(), getCallOptions()), request);
    }

    /**
     */
    public com.google.common.util.concurrent.ListenableFuture<org.tabularium.tax.v1.GetPaymentResponse> getPayment(
        org.tabularium.tax.v1.GetPaymentRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetPaymentMethod(), getCallOptions()), request);
    }

    /**
     */
    public com.google.common.util.concurrent.ListenableFuture<org.tabularium.tax.v1.GetReconciliationResponse> getReconciliation(
        org.tabularium.tax.v1.GetReconciliationRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetReconciliationMethod(), getCallOptions()), request);
    }

    /**
     */
    public com.google.common.util.concurrent.ListenableFuture<org.tabularium.tax.v1.ListRefusedEnforcementResponse> listRefusedEnforcement(
        org.tabularium.tax.v1.ListRefusedEnforcementRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getListRefusedEnforcementMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Checks the XML file (schema, and that it says what the headers say: else INVALID_ARGUMENT
     * INVOICE_MISMATCH) and submits the SubmitInvoices transaction.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<org.tabularium.tax.v1.ClearInvoicesResponse> clearInvoices(
        org.tabularium.tax.v1.ClearInvoicesRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getClearInvoicesMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_GET_ACCOUNT = 0;
  private static final int METHODID_LIST_LIABILITIES = 1;
  private static final int METHODID_GET_INVOICE = 2;
  private static final int METHODID_GET_PAYMENT = 3;
  private static final int METHODID_GET_RECONCILIATION = 4;
  private static final int METHODID_STREAM_ACCOUNT_EVENTS = 5;
  private static final int METHODID_LIST_REFUSED_ENFORCEMENT = 6;
  private static final int METHODID_CLEAR_INVOICES = 7;

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
        case METHODID_GET_ACCOUNT:
          serviceImpl.getAccount((org.tabularium.tax.v1.GetAccountRequest) request,
              (io.grpc.stub.StreamObserver<org.tabularium.tax.v1.GetAccountResponse>) responseObserver);
          break;
        case METHODID_LIST_LIABILITIES:
          serviceImpl.listLiabilities((org.tabularium.tax.v1.ListLiabilitiesRequest) request,
              (io.grpc.stub.StreamObserver<org.tabularium.tax.v1.ListLiabilitiesResponse>) responseObserver);
          break;
        case METHODID_GET_INVOICE:
          serviceImpl.getInvoice((org.tabularium.tax.v1.GetInvoiceRequest) request,
              (io.grpc.stub.StreamObserver<org.tabularium.tax.v1.GetInvoiceResponse>) responseObserver);
          break;
        case METHODID_GET_PAYMENT:
          serviceImpl.getPayment((org.tabularium.tax.v1.GetPaymentRequest) request,
              (io.grpc.stub.StreamObserver<org.tabularium.tax.v1.GetPaymentResponse>) responseObserver);
          break;
        case METHODID_GET_RECONCILIATION:
          serviceImpl.getReconciliation((org.tabularium.tax.v1.GetReconciliationRequest) request,
              (io.grpc.stub.StreamObserver<org.tabularium.tax.v1.GetReconciliationResponse>) responseObserver);
          break;
        case METHODID_STREAM_ACCOUNT_EVENTS:
          serviceImpl.streamAccountEvents((org.tabularium.tax.v1.StreamAccountEventsRequest) request,
              (io.grpc.stub.StreamObserver<org.tabularium.tax.v1.StreamAccountEventsResponse>) responseObserver);
          break;
        case METHODID_LIST_REFUSED_ENFORCEMENT:
          serviceImpl.listRefusedEnforcement((org.tabularium.tax.v1.ListRefusedEnforcementRequest) request,
              (io.grpc.stub.StreamObserver<org.tabularium.tax.v1.ListRefusedEnforcementResponse>) responseObserver);
          break;
        case METHODID_CLEAR_INVOICES:
          serviceImpl.clearInvoices((org.tabularium.tax.v1.ClearInvoicesRequest) request,
              (io.grpc.stub.StreamObserver<org.tabularium.tax.v1.ClearInvoicesResponse>) responseObserver);
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
          getGetAccountMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              org.tabularium.tax.v1.GetAccountRequest,
              org.tabularium.tax.v1.GetAccountResponse>(
                service, METHODID_GET_ACCOUNT)))
        .addMethod(
          getListLiabilitiesMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              org.tabularium.tax.v1.ListLiabilitiesRequest,
              org.tabularium.tax.v1.ListLiabilitiesResponse>(
                service, METHODID_LIST_LIABILITIES)))
        .addMethod(
          getGetInvoiceMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              org.tabularium.tax.v1.GetInvoiceRequest,
              org.tabularium.tax.v1.GetInvoiceResponse>(
                service, METHODID_GET_INVOICE)))
        .addMethod(
          getGetPaymentMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              org.tabularium.tax.v1.GetPaymentRequest,
              org.tabularium.tax.v1.GetPaymentResponse>(
                service, METHODID_GET_PAYMENT)))
        .addMethod(
          getGetReconciliationMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              org.tabularium.tax.v1.GetReconciliationRequest,
              org.tabularium.tax.v1.GetReconciliationResponse>(
                service, METHODID_GET_RECONCILIATION)))
        .addMethod(
          getStreamAccountEventsMethod(),
          io.grpc.stub.ServerCalls.asyncServerStreamingCall(
            new MethodHandlers<
              org.tabularium.tax.v1.StreamAccountEventsRequest,
              org.tabularium.tax.v1.StreamAccountEventsResponse>(
                service, METHODID_STREAM_ACCOUNT_EVENTS)))
        .addMethod(
          getListRefusedEnforcementMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              org.tabularium.tax.v1.ListRefusedEnforcementRequest,
              org.tabularium.tax.v1.ListRefusedEnforcementResponse>(
                service, METHODID_LIST_REFUSED_ENFORCEMENT)))
        .addMethod(
          getClearInvoicesMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              org.tabularium.tax.v1.ClearInvoicesRequest,
              org.tabularium.tax.v1.ClearInvoicesResponse>(
                service, METHODID_CLEAR_INVOICES)))
        .build();
  }

  private static abstract class TaxServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    TaxServiceBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return org.tabularium.tax.v1.TaxProto.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("TaxService");
    }
  }

  private static final class TaxServiceFileDescriptorSupplier
      extends TaxServiceBaseDescriptorSupplier {
    TaxServiceFileDescriptorSupplier() {}
  }

  private static final class TaxServiceMethodDescriptorSupplier
      extends TaxServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    TaxServiceMethodDescriptorSupplier(java.lang.String methodName) {
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
      synchronized (TaxServiceGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new TaxServiceFileDescriptorSupplier())
              .addMethod(getGetAccountMethod())
              .addMethod(getListLiabilitiesMethod())
              .addMethod(getGetInvoiceMethod())
              .addMethod(getGetPaymentMethod())
              .addMethod(getGetReconciliationMethod())
              .addMethod(getStreamAccountEventsMethod())
              .addMethod(getListRefusedEnforcementMethod())
              .addMethod(getClearInvoicesMethod())
              .build();
        }
      }
    }
    return result;
  }
}
