package org.tabularium.pharma.v1;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * Reads are signed by a registered key (see the vault service): the competent authority's staff
 * read everything; a product's holder reads its products' packs and alerts; authorised
 * partners read the packs they have the key of (pack keys are unguessable without the product
 * key) and the alerts their own scans raised.
 * </pre>
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class PharmaServiceGrpc {

  private PharmaServiceGrpc() {}

  public static final java.lang.String SERVICE_NAME = "tabularium.pharma.v1.PharmaService";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<org.tabularium.pharma.v1.SubmitScansRequest,
      org.tabularium.pharma.v1.SubmitScansResponse> getSubmitScansMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "SubmitScans",
      requestType = org.tabularium.pharma.v1.SubmitScansRequest.class,
      responseType = org.tabularium.pharma.v1.SubmitScansResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<org.tabularium.pharma.v1.SubmitScansRequest,
      org.tabularium.pharma.v1.SubmitScansResponse> getSubmitScansMethod() {
    io.grpc.MethodDescriptor<org.tabularium.pharma.v1.SubmitScansRequest, org.tabularium.pharma.v1.SubmitScansResponse> getSubmitScansMethod;
    if ((getSubmitScansMethod = PharmaServiceGrpc.getSubmitScansMethod) == null) {
      synchronized (PharmaServiceGrpc.class) {
        if ((getSubmitScansMethod = PharmaServiceGrpc.getSubmitScansMethod) == null) {
          PharmaServiceGrpc.getSubmitScansMethod = getSubmitScansMethod =
              io.grpc.MethodDescriptor.<org.tabularium.pharma.v1.SubmitScansRequest, org.tabularium.pharma.v1.SubmitScansResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "SubmitScans"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.pharma.v1.SubmitScansRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.pharma.v1.SubmitScansResponse.getDefaultInstance()))
              .setSchemaDescriptor(new PharmaServiceMethodDescriptorSupplier("SubmitScans"))
              .build();
        }
      }
    }
    return getSubmitScansMethod;
  }

  private static volatile io.grpc.MethodDescriptor<org.tabularium.pharma.v1.GetPackRequest,
      org.tabularium.pharma.v1.GetPackResponse> getGetPackMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetPack",
      requestType = org.tabularium.pharma.v1.GetPackRequest.class,
      responseType = org.tabularium.pharma.v1.GetPackResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<org.tabularium.pharma.v1.GetPackRequest,
      org.tabularium.pharma.v1.GetPackResponse> getGetPackMethod() {
    io.grpc.MethodDescriptor<org.tabularium.pharma.v1.GetPackRequest, org.tabularium.pharma.v1.GetPackResponse> getGetPackMethod;
    if ((getGetPackMethod = PharmaServiceGrpc.getGetPackMethod) == null) {
      synchronized (PharmaServiceGrpc.class) {
        if ((getGetPackMethod = PharmaServiceGrpc.getGetPackMethod) == null) {
          PharmaServiceGrpc.getGetPackMethod = getGetPackMethod =
              io.grpc.MethodDescriptor.<org.tabularium.pharma.v1.GetPackRequest, org.tabularium.pharma.v1.GetPackResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetPack"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.pharma.v1.GetPackRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.pharma.v1.GetPackResponse.getDefaultInstance()))
              .setSchemaDescriptor(new PharmaServiceMethodDescriptorSupplier("GetPack"))
              .build();
        }
      }
    }
    return getGetPackMethod;
  }

  private static volatile io.grpc.MethodDescriptor<org.tabularium.pharma.v1.TraceBatchRequest,
      org.tabularium.pharma.v1.TraceBatchResponse> getTraceBatchMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "TraceBatch",
      requestType = org.tabularium.pharma.v1.TraceBatchRequest.class,
      responseType = org.tabularium.pharma.v1.TraceBatchResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<org.tabularium.pharma.v1.TraceBatchRequest,
      org.tabularium.pharma.v1.TraceBatchResponse> getTraceBatchMethod() {
    io.grpc.MethodDescriptor<org.tabularium.pharma.v1.TraceBatchRequest, org.tabularium.pharma.v1.TraceBatchResponse> getTraceBatchMethod;
    if ((getTraceBatchMethod = PharmaServiceGrpc.getTraceBatchMethod) == null) {
      synchronized (PharmaServiceGrpc.class) {
        if ((getTraceBatchMethod = PharmaServiceGrpc.getTraceBatchMethod) == null) {
          PharmaServiceGrpc.getTraceBatchMethod = getTraceBatchMethod =
              io.grpc.MethodDescriptor.<org.tabularium.pharma.v1.TraceBatchRequest, org.tabularium.pharma.v1.TraceBatchResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "TraceBatch"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.pharma.v1.TraceBatchRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.pharma.v1.TraceBatchResponse.getDefaultInstance()))
              .setSchemaDescriptor(new PharmaServiceMethodDescriptorSupplier("TraceBatch"))
              .build();
        }
      }
    }
    return getTraceBatchMethod;
  }

  private static volatile io.grpc.MethodDescriptor<org.tabularium.pharma.v1.ListAlertsRequest,
      org.tabularium.pharma.v1.ListAlertsResponse> getListAlertsMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ListAlerts",
      requestType = org.tabularium.pharma.v1.ListAlertsRequest.class,
      responseType = org.tabularium.pharma.v1.ListAlertsResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<org.tabularium.pharma.v1.ListAlertsRequest,
      org.tabularium.pharma.v1.ListAlertsResponse> getListAlertsMethod() {
    io.grpc.MethodDescriptor<org.tabularium.pharma.v1.ListAlertsRequest, org.tabularium.pharma.v1.ListAlertsResponse> getListAlertsMethod;
    if ((getListAlertsMethod = PharmaServiceGrpc.getListAlertsMethod) == null) {
      synchronized (PharmaServiceGrpc.class) {
        if ((getListAlertsMethod = PharmaServiceGrpc.getListAlertsMethod) == null) {
          PharmaServiceGrpc.getListAlertsMethod = getListAlertsMethod =
              io.grpc.MethodDescriptor.<org.tabularium.pharma.v1.ListAlertsRequest, org.tabularium.pharma.v1.ListAlertsResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ListAlerts"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.pharma.v1.ListAlertsRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.pharma.v1.ListAlertsResponse.getDefaultInstance()))
              .setSchemaDescriptor(new PharmaServiceMethodDescriptorSupplier("ListAlerts"))
              .build();
        }
      }
    }
    return getListAlertsMethod;
  }

  private static volatile io.grpc.MethodDescriptor<org.tabularium.pharma.v1.CaptureEpcisRequest,
      org.tabularium.pharma.v1.CaptureEpcisResponse> getCaptureEpcisMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "CaptureEpcis",
      requestType = org.tabularium.pharma.v1.CaptureEpcisRequest.class,
      responseType = org.tabularium.pharma.v1.CaptureEpcisResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<org.tabularium.pharma.v1.CaptureEpcisRequest,
      org.tabularium.pharma.v1.CaptureEpcisResponse> getCaptureEpcisMethod() {
    io.grpc.MethodDescriptor<org.tabularium.pharma.v1.CaptureEpcisRequest, org.tabularium.pharma.v1.CaptureEpcisResponse> getCaptureEpcisMethod;
    if ((getCaptureEpcisMethod = PharmaServiceGrpc.getCaptureEpcisMethod) == null) {
      synchronized (PharmaServiceGrpc.class) {
        if ((getCaptureEpcisMethod = PharmaServiceGrpc.getCaptureEpcisMethod) == null) {
          PharmaServiceGrpc.getCaptureEpcisMethod = getCaptureEpcisMethod =
              io.grpc.MethodDescriptor.<org.tabularium.pharma.v1.CaptureEpcisRequest, org.tabularium.pharma.v1.CaptureEpcisResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "CaptureEpcis"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.pharma.v1.CaptureEpcisRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.pharma.v1.CaptureEpcisResponse.getDefaultInstance()))
              .setSchemaDescriptor(new PharmaServiceMethodDescriptorSupplier("CaptureEpcis"))
              .build();
        }
      }
    }
    return getCaptureEpcisMethod;
  }

  private static volatile io.grpc.MethodDescriptor<org.tabularium.pharma.v1.ExportEpcisRequest,
      org.tabularium.pharma.v1.ExportEpcisResponse> getExportEpcisMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ExportEpcis",
      requestType = org.tabularium.pharma.v1.ExportEpcisRequest.class,
      responseType = org.tabularium.pharma.v1.ExportEpcisResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<org.tabularium.pharma.v1.ExportEpcisRequest,
      org.tabularium.pharma.v1.ExportEpcisResponse> getExportEpcisMethod() {
    io.grpc.MethodDescriptor<org.tabularium.pharma.v1.ExportEpcisRequest, org.tabularium.pharma.v1.ExportEpcisResponse> getExportEpcisMethod;
    if ((getExportEpcisMethod = PharmaServiceGrpc.getExportEpcisMethod) == null) {
      synchronized (PharmaServiceGrpc.class) {
        if ((getExportEpcisMethod = PharmaServiceGrpc.getExportEpcisMethod) == null) {
          PharmaServiceGrpc.getExportEpcisMethod = getExportEpcisMethod =
              io.grpc.MethodDescriptor.<org.tabularium.pharma.v1.ExportEpcisRequest, org.tabularium.pharma.v1.ExportEpcisResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ExportEpcis"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.pharma.v1.ExportEpcisRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.pharma.v1.ExportEpcisResponse.getDefaultInstance()))
              .setSchemaDescriptor(new PharmaServiceMethodDescriptorSupplier("ExportEpcis"))
              .build();
        }
      }
    }
    return getExportEpcisMethod;
  }

  private static volatile io.grpc.MethodDescriptor<org.tabularium.pharma.v1.StreamAlertsRequest,
      org.tabularium.pharma.v1.StreamAlertsResponse> getStreamAlertsMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "StreamAlerts",
      requestType = org.tabularium.pharma.v1.StreamAlertsRequest.class,
      responseType = org.tabularium.pharma.v1.StreamAlertsResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
  public static io.grpc.MethodDescriptor<org.tabularium.pharma.v1.StreamAlertsRequest,
      org.tabularium.pharma.v1.StreamAlertsResponse> getStreamAlertsMethod() {
    io.grpc.MethodDescriptor<org.tabularium.pharma.v1.StreamAlertsRequest, org.tabularium.pharma.v1.StreamAlertsResponse> getStreamAlertsMethod;
    if ((getStreamAlertsMethod = PharmaServiceGrpc.getStreamAlertsMethod) == null) {
      synchronized (PharmaServiceGrpc.class) {
        if ((getStreamAlertsMethod = PharmaServiceGrpc.getStreamAlertsMethod) == null) {
          PharmaServiceGrpc.getStreamAlertsMethod = getStreamAlertsMethod =
              io.grpc.MethodDescriptor.<org.tabularium.pharma.v1.StreamAlertsRequest, org.tabularium.pharma.v1.StreamAlertsResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "StreamAlerts"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.pharma.v1.StreamAlertsRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.pharma.v1.StreamAlertsResponse.getDefaultInstance()))
              .setSchemaDescriptor(new PharmaServiceMethodDescriptorSupplier("StreamAlerts"))
              .build();
        }
      }
    }
    return getStreamAlertsMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static PharmaServiceStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<PharmaServiceStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<PharmaServiceStub>() {
        @java.lang.Override
        public PharmaServiceStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new PharmaServiceStub(channel, callOptions);
        }
      };
    return PharmaServiceStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static PharmaServiceBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<PharmaServiceBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<PharmaServiceBlockingV2Stub>() {
        @java.lang.Override
        public PharmaServiceBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new PharmaServiceBlockingV2Stub(channel, callOptions);
        }
      };
    return PharmaServiceBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static PharmaServiceBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<PharmaServiceBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<PharmaServiceBlockingStub>() {
        @java.lang.Override
        public PharmaServiceBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new PharmaServiceBlockingStub(channel, callOptions);
        }
      };
    return PharmaServiceBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static PharmaServiceFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<PharmaServiceFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<PharmaServiceFutureStub>() {
        @java.lang.Override
        public PharmaServiceFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new PharmaServiceFutureStub(channel, callOptions);
        }
      };
    return PharmaServiceFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * Reads are signed by a registered key (see the vault service): the competent authority's staff
   * read everything; a product's holder reads its products' packs and alerts; authorised
   * partners read the packs they have the key of (pack keys are unguessable without the product
   * key) and the alerts their own scans raised.
   * </pre>
   */
  public interface AsyncService {

    /**
     * <pre>
     * Submits scans in a batch, one result per item, in order; a refusal of one does not stop
     * the others.
     * </pre>
     */
    default void submitScans(org.tabularium.pharma.v1.SubmitScansRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.pharma.v1.SubmitScansResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getSubmitScansMethod(), responseObserver);
    }

    /**
     */
    default void getPack(org.tabularium.pharma.v1.GetPackRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.pharma.v1.GetPackResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetPackMethod(), responseObserver);
    }

    /**
     * <pre>
     * Every pack of a batch with its state, owner, case and shipments.
     * </pre>
     */
    default void traceBatch(org.tabularium.pharma.v1.TraceBatchRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.pharma.v1.TraceBatchResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getTraceBatchMethod(), responseObserver);
    }

    /**
     */
    default void listAlerts(org.tabularium.pharma.v1.ListAlertsRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.pharma.v1.ListAlertsResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getListAlertsMethod(), responseObserver);
    }

    /**
     * <pre>
     * Checks an EPCIS document and submits its CaptureEpcis transaction.
     * </pre>
     */
    default void captureEpcis(org.tabularium.pharma.v1.CaptureEpcisRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.pharma.v1.CaptureEpcisResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getCaptureEpcisMethod(), responseObserver);
    }

    /**
     * <pre>
     * Reads captured EPCIS documents from the vault (each read logged) and returns the chosen
     * events as one EPCIS 2.0 document.
     * </pre>
     */
    default void exportEpcis(org.tabularium.pharma.v1.ExportEpcisRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.pharma.v1.ExportEpcisResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getExportEpcisMethod(), responseObserver);
    }

    /**
     * <pre>
     * Past alerts from from_id, then new ones as blocks commit.
     * </pre>
     */
    default void streamAlerts(org.tabularium.pharma.v1.StreamAlertsRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.pharma.v1.StreamAlertsResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getStreamAlertsMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service PharmaService.
   * <pre>
   * Reads are signed by a registered key (see the vault service): the competent authority's staff
   * read everything; a product's holder reads its products' packs and alerts; authorised
   * partners read the packs they have the key of (pack keys are unguessable without the product
   * key) and the alerts their own scans raised.
   * </pre>
   */
  public static abstract class PharmaServiceImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return PharmaServiceGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service PharmaService.
   * <pre>
   * Reads are signed by a registered key (see the vault service): the competent authority's staff
   * read everything; a product's holder reads its products' packs and alerts; authorised
   * partners read the packs they have the key of (pack keys are unguessable without the product
   * key) and the alerts their own scans raised.
   * </pre>
   */
  public static final class PharmaServiceStub
      extends io.grpc.stub.AbstractAsyncStub<PharmaServiceStub> {
    private PharmaServiceStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected PharmaServiceStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new PharmaServiceStub(channel, callOptions);
    }

    /**
     * <pre>
     * Submits scans in a batch, one result per item, in order; a refusal of one does not stop
     * the others.
     * </pre>
     */
    public void submitScans(org.tabularium.pharma.v1.SubmitScansRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.pharma.v1.SubmitScansResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getSubmitScansMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     */
    public void getPack(org.tabularium.pharma.v1.GetPackRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.pharma.v1.GetPackResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetPackMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Every pack of a batch with its state, owner, case and shipments.
     * </pre>
     */
    public void traceBatch(org.tabularium.pharma.v1.TraceBatchRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.pharma.v1.TraceBatchResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getTraceBatchMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     */
    public void listAlerts(org.tabularium.pharma.v1.ListAlertsRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.pharma.v1.ListAlertsResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getListAlertsMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Checks an EPCIS document and submits its CaptureEpcis transaction.
     * </pre>
     */
    public void captureEpcis(org.tabularium.pharma.v1.CaptureEpcisRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.pharma.v1.CaptureEpcisResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getCaptureEpcisMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Reads captured EPCIS documents from the vault (each read logged) and returns the chosen
     * events as one EPCIS 2.0 document.
     * </pre>
     */
    public void exportEpcis(org.tabularium.pharma.v1.ExportEpcisRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.pharma.v1.ExportEpcisResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getExportEpcisMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Past alerts from from_id, then new ones as blocks commit.
     * </pre>
     */
    public void streamAlerts(org.tabularium.pharma.v1.StreamAlertsRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.pharma.v1.StreamAlertsResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncServerStreamingCall(
          getChannel().newCall(getStreamAlertsMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service PharmaService.
   * <pre>
   * Reads are signed by a registered key (see the vault service): the competent authority's staff
   * read everything; a product's holder reads its products' packs and alerts; authorised
   * partners read the packs they have the key of (pack keys are unguessable without the product
   * key) and the alerts their own scans raised.
   * </pre>
   */
  public static final class PharmaServiceBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<PharmaServiceBlockingV2Stub> {
    private PharmaServiceBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected PharmaServiceBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new PharmaServiceBlockingV2Stub(channel, callOptions);
    }

    /**
     * <pre>
     * Submits scans in a batch, one result per item, in order; a refusal of one does not stop
     * the others.
     * </pre>
     */
    public org.tabularium.pharma.v1.SubmitScansResponse submitScans(org.tabularium.pharma.v1.SubmitScansRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getSubmitScansMethod(), getCallOptions(), request);
    }

    /**
     */
    public org.tabularium.pharma.v1.GetPackResponse getPack(org.tabularium.pharma.v1.GetPackRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetPackMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Every pack of a batch with its state, owner, case and shipments.
     * </pre>
     */
    public org.tabularium.pharma.v1.TraceBatchResponse traceBatch(org.tabularium.pharma.v1.TraceBatchRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getTraceBatchMethod(), getCallOptions(), request);
    }

    /**
     */
    public org.tabularium.pharma.v1.ListAlertsResponse listAlerts(org.tabularium.pharma.v1.ListAlertsRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getListAlertsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Checks an EPCIS document and submits its CaptureEpcis transaction.
     * </pre>
     */
    public org.tabularium.pharma.v1.CaptureEpcisResponse captureEpcis(org.tabularium.pharma.v1.CaptureEpcisRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getCaptureEpcisMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Reads captured EPCIS documents from the vault (each read logged) and returns the chosen
     * events as one EPCIS 2.0 document.
     * </pre>
     */
    public org.tabularium.pharma.v1.ExportEpcisResponse exportEpcis(org.tabularium.pharma.v1.ExportEpcisRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getExportEpcisMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Past alerts from from_id, then new ones as blocks commit.
     * </pre>
     */
    @io.grpc.ExperimentalApi("https://github.com/grpc/grpc-java/issues/10918")
    public io.grpc.stub.BlockingClientCall<?, org.tabularium.pharma.v1.StreamAlertsResponse>
        streamAlerts(org.tabularium.pharma.v1.StreamAlertsRequest request) {
      return io.grpc.stub.ClientCalls.blockingV2ServerStreamingCall(
          getChannel(), getStreamAlertsMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service PharmaService.
   * <pre>
   * Reads are signed by a registered key (see the vault service): the competent authority's staff
   * read everything; a product's holder reads its products' packs and alerts; authorised
   * partners read the packs they have the key of (pack keys are unguessable without the product
   * key) and the alerts their own scans raised.
   * </pre>
   */
  public static final class PharmaServiceBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<PharmaServiceBlockingStub> {
    private PharmaServiceBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected PharmaServiceBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new PharmaServiceBlockingStub(channel, callOptions);
    }

    /**
     * <pre>
     * Submits scans in a batch, one result per item, in order; a refusal of one does not stop
     * the others.
     * </pre>
     */
    public org.tabularium.pharma.v1.SubmitScansResponse submitScans(org.tabularium.pharma.v1.SubmitScansRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getSubmitScansMethod(), getCallOptions(), request);
    }

    /**
     */
    public org.tabularium.pharma.v1.GetPackResponse getPack(org.tabularium.pharma.v1.GetPackRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetPackMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Every pack of a batch with its state, owner, case and shipments.
     * </pre>
     */
    public org.tabularium.pharma.v1.TraceBatchResponse traceBatch(org.tabularium.pharma.v1.TraceBatchRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getTraceBatchMethod(), getCallOptions(), request);
    }

    /**
     */
    public org.tabularium.pharma.v1.ListAlertsResponse listAlerts(org.tabularium.pharma.v1.ListAlertsRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getListAlertsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Checks an EPCIS document and submits its CaptureEpcis transaction.
     * </pre>
     */
    public org.tabularium.pharma.v1.CaptureEpcisResponse captureEpcis(org.tabularium.pharma.v1.CaptureEpcisRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getCaptureEpcisMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Reads captured EPCIS documents from the vault (each read logged) and returns the chosen
     * events as one EPCIS 2.0 document.
     * </pre>
     */
    public org.tabularium.pharma.v1.ExportEpcisResponse exportEpcis(org.tabularium.pharma.v1.ExportEpcisRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getExportEpcisMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Past alerts from from_id, then new ones as blocks commit.
     * </pre>
     */
    public java.util.Iterator<org.tabularium.pharma.v1.StreamAlertsResponse> streamAlerts(
        org.tabularium.pharma.v1.StreamAlertsRequest request) {
      return io.grpc.stub.ClientCalls.blockingServerStreamingCall(
          getChannel(), getStreamAlertsMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service PharmaService.
   * <pre>
   * Reads are signed by a registered key (see the vault service): the competent authority's staff
   * read everything; a product's holder reads its products' packs and alerts; authorised
   * partners read the packs they have the key of (pack keys are unguessable without the product
   * key) and the alerts their own scans raised.
   * </pre>
   */
  public static final class PharmaServiceFutureStub
      extends io.grpc.stub.AbstractFutureStub<PharmaServiceFutureStub> {
    private PharmaServiceFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected PharmaServiceFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new PharmaServiceFutureStub(channel, callOptions);
    }

    /**
     * <pre>
     * Submits scans in a batch, one result per item, in order; a refusal of one does not stop
     * the others.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<org.tabularium.pharma.v1.SubmitScansResponse> submitScans(
        org.tabularium.pharma.v1.SubmitScansRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getSubmitScansMethod(), getCallOptions()), request);
    }

    /**
     */
    public com.google.common.util.concurrent.ListenableFuture<org.tabularium.pharma.v1.GetPackResponse> getPack(
        org.tabularium.pharma.v1.GetPackRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetPackMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Every pack of a batch with its state, owner, case and shipments.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<org.tabularium.pharma.v1.TraceBatchResponse> traceBatch(
        org.tabularium.pharma.v1.TraceBatchRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getTraceBatchMethod(), getCallOptions()), request);
    }

    /**
     */
    public com.google.common.util.concurrent.ListenableFuture<org.tabularium.pharma.v1.ListAlertsResponse> listAlerts(
        org.tabularium.pharma.v1.ListAlertsRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getListAlertsMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Checks an EPCIS document and submits its CaptureEpcis transaction.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<org.tabularium.pharma.v1.CaptureEpcisResponse> captureEpcis(
        org.tabularium.pharma.v1.CaptureEpcisRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getCaptureEpcisMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Reads captured EPCIS documents from the vault (each read logged) and returns the chosen
     * events as one EPCIS 2.0 document.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<org.tabularium.pharma.v1.ExportEpcisResponse> exportEpcis(
        org.tabularium.pharma.v1.ExportEpcisRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getExportEpcisMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_SUBMIT_SCANS = 0;
  private static final int METHODID_GET_PACK = 1;
  private static final int METHODID_TRACE_BATCH = 2;
  private static final int METHODID_LIST_ALERTS = 3;
  private static final int METHODID_CAPTURE_EPCIS = 4;
  private static final int METHODID_EXPORT_EPCIS = 5;
  private static final int METHODID_STREAM_ALERTS = 6;

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
        case METHODID_SUBMIT_SCANS:
          serviceImpl.submitScans((org.tabularium.pharma.v1.SubmitScansRequest) request,
              (io.grpc.stub.StreamObserver<org.tabularium.pharma.v1.SubmitScansResponse>) responseObserver);
          break;
        case METHODID_GET_PACK:
          serviceImpl.getPack((org.tabularium.pharma.v1.GetPackRequest) request,
              (io.grpc.stub.StreamObserver<org.tabularium.pharma.v1.GetPackResponse>) responseObserver);
          break;
        case METHODID_TRACE_BATCH:
          serviceImpl.traceBatch((org.tabularium.pharma.v1.TraceBatchRequest) request,
              (io.grpc.stub.StreamObserver<org.tabularium.pharma.v1.TraceBatchResponse>) responseObserver);
          break;
        case METHODID_LIST_ALERTS:
          serviceImpl.listAlerts((org.tabularium.pharma.v1.ListAlertsRequest) request,
              (io.grpc.stub.StreamObserver<org.tabularium.pharma.v1.ListAlertsResponse>) responseObserver);
          break;
        case METHODID_CAPTURE_EPCIS:
          serviceImpl.captureEpcis((org.tabularium.pharma.v1.CaptureEpcisRequest) request,
              (io.grpc.stub.StreamObserver<org.tabularium.pharma.v1.CaptureEpcisResponse>) responseObserver);
          break;
        case METHODID_EXPORT_EPCIS:
          serviceImpl.exportEpcis((org.tabularium.pharma.v1.ExportEpcisRequest) request,
              (io.grpc.stub.StreamObserver<org.tabularium.pharma.v1.ExportEpcisResponse>) responseObserver);
          break;
        case METHODID_STREAM_ALERTS:
          serviceImpl.streamAlerts((org.tabularium.pharma.v1.StreamAlertsRequest) request,
              (io.grpc.stub.StreamObserver<org.tabularium.pharma.v1.StreamAlertsResponse>) responseObserver);
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
          getSubmitScansMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              org.tabularium.pharma.v1.SubmitScansRequest,
              org.tabularium.pharma.v1.SubmitScansResponse>(
                service, METHODID_SUBMIT_SCANS)))
        .addMethod(
          getGetPackMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              org.tabularium.pharma.v1.GetPackRequest,
              org.tabularium.pharma.v1.GetPackResponse>(
                service, METHODID_GET_PACK)))
        .addMethod(
          getTraceBatchMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              org.tabularium.pharma.v1.TraceBatchRequest,
              org.tabularium.pharma.v1.TraceBatchResponse>(
                service, METHODID_TRACE_BATCH)))
        .addMethod(
          getListAlertsMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              org.tabularium.pharma.v1.ListAlertsRequest,
              org.tabularium.pharma.v1.ListAlertsResponse>(
                service, METHODID_LIST_ALERTS)))
        .addMethod(
          getCaptureEpcisMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              org.tabularium.pharma.v1.CaptureEpcisRequest,
              org.tabularium.pharma.v1.CaptureEpcisResponse>(
                service, METHODID_CAPTURE_EPCIS)))
        .addMethod(
          getExportEpcisMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              org.tabularium.pharma.v1.ExportEpcisRequest,
              org.tabularium.pharma.v1.ExportEpcisResponse>(
                service, METHODID_EXPORT_EPCIS)))
        .addMethod(
          getStreamAlertsMethod(),
          io.grpc.stub.ServerCalls.asyncServerStreamingCall(
            new MethodHandlers<
              org.tabularium.pharma.v1.StreamAlertsRequest,
              org.tabularium.pharma.v1.StreamAlertsResponse>(
                service, METHODID_STREAM_ALERTS)))
        .build();
  }

  private static abstract class PharmaServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    PharmaServiceBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return org.tabularium.pharma.v1.PharmaProto.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("PharmaService");
    }
  }

  private static final class PharmaServiceFileDescriptorSupplier
      extends PharmaServiceBaseDescriptorSupplier {
    PharmaServiceFileDescriptorSupplier() {}
  }

  private static final class PharmaServiceMethodDescriptorSupplier
      extends PharmaServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    PharmaServiceMethodDescriptorSupplier(java.lang.String methodName) {
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
      synchronized (PharmaServiceGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new PharmaServiceFileDescriptorSupplier())
              .addMethod(getSubmitScansMethod())
              .addMethod(getGetPackMethod())
              .addMethod(getTraceBatchMethod())
              .addMethod(getListAlertsMethod())
              .addMethod(getCaptureEpcisMethod())
              .addMethod(getExportEpcisMethod())
              .addMethod(getStreamAlertsMethod())
              .build();
        }
      }
    }
    return result;
  }
}
